"""Every export shape real teams have, detected with no flag: Okta, Entra, Google, Parquet, folders."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pytest

from mopskit import InputError
from mopskit.stack import detect_format, read_usage
from mopskit.stack.usage import _jsonscan

OKTA_SHAPES = {
    "okta-events-wrapper.json": "json-pages",
    "okta-jq-pretty.json": "json-lines",
    "okta-pages.json": "json-array",
    "okta-export.csv": "csv",
}
ENTRA_SHAPES = {
    "entra-download.json": "json-array",
    "entra-graph-pages.json": "json-pages",
    "entra-azure-monitor.json": "azure-monitor",
    "entra-portal.csv": "csv",
}


@pytest.mark.parametrize(("name", "layout"), OKTA_SHAPES.items())
def test_okta_shapes_read_as_the_same_events(okta_expected, usage_as_of, usage_corpus, usage_pairs, name, layout):
    usage = read_usage(usage_corpus / name, as_of=usage_as_of)
    assert (usage.sources[0].format, usage.sources[0].layout) == ("okta", layout)
    assert usage_pairs(usage) == okta_expected
    assert usage.events == 10
    assert usage.coverage.event_types == (("user.authentication.sso", 10), ("user.session.start", 1))


@pytest.mark.parametrize(("name", "layout"), ENTRA_SHAPES.items())
def test_entra_shapes_read_as_the_same_sign_ins(entra_expected, usage_as_of, usage_corpus, usage_pairs, name, layout):
    usage = read_usage(usage_corpus / name, as_of=usage_as_of)
    assert (usage.sources[0].format, usage.sources[0].layout) == ("entra", layout)
    assert usage_pairs(usage) == entra_expected
    assert usage.events == 5


def test_azure_monitor_counts_people_not_service_principals(usage_as_of, usage_corpus):
    usage = read_usage(usage_corpus / "entra-azure-monitor.json", as_of=usage_as_of)
    assert dict(usage.coverage.event_types) == {"SignInLogs": 5, "ServicePrincipalSignInLogs": 1}
    assert "backup job" not in set(usage.app_key)
    assert usage.coverage.first_day.isoformat() == "2026-07-15"  # the service principal's day still counts as covered


@pytest.mark.parametrize("block", [7, 64, 997])
@pytest.mark.parametrize("name", ["okta-events-wrapper.json", "okta-pages.json", "entra-graph-pages.json",
                                  "entra-download.json", "entra-graph.json", "okta-array.json"])
def test_wrapped_events_survive_any_block_boundary(usage_as_of, usage_corpus, usage_pairs, monkeypatch, name, block):
    """The unwrapping walks the file in blocks; a quote, bracket or escape split across two must not matter."""
    expected = usage_pairs(read_usage(usage_corpus / name, as_of=usage_as_of))
    monkeypatch.setattr(_jsonscan, "BLOCK", block)
    assert usage_pairs(read_usage(usage_corpus / name, as_of=usage_as_of)) == expected


def test_wrapper_keys_other_than_the_events_are_left_out(usage_as_of, usage_pairs, tmp_path):
    log = tmp_path / "page.json"
    log.write_text(
        '{"@odata.context": "x", "@odata.count": 2, "meta": {"value": [{"createdDateTime": "2020-01-01"}]},'
        ' "value": [{"createdDateTime": "2026-10-30T08:00:00Z", "userPrincipalName": "a@x.example",'
        ' "appDisplayName": "Miro", "status": {"errorCode": 0}}], "@odata.nextLink": "https://g/?a=}]"}',
        encoding="utf-8",
    )
    usage = read_usage(log, as_of=usage_as_of)
    assert usage_pairs(usage) == {("miro", "a@x.example"): ("2026-10-30", 1)}
    assert usage.coverage.events == 1


def test_google_saml_and_login_audit_exports(usage_as_of, usage_corpus, usage_pairs):
    saml = read_usage(usage_corpus / "google-saml.csv", as_of=usage_as_of)
    assert saml.sources[0].format == "google"
    assert usage_pairs(saml) == {
        ("miro", "eva@acme.example"): ("2026-09-15", 1),
        ("slack", "ana@acme.example"): ("2026-10-30", 1),  # 09:15 +01:00 is 08:15 UTC
        ("slack", "dan@acme.example"): (None, 0),  # after as_of
        ("slack", "eva@acme.example"): (None, 0),  # Failed login
        ("slack", "ion@acme.example"): ("2026-10-29", 1),
    }
    login = read_usage(usage_corpus / "google-login.csv", as_of=usage_as_of)
    assert usage_pairs(login) == {
        ("google workspace", "ana@acme.example"): ("2026-10-30", 1),  # Logout is no sign-in
        ("google workspace", "eva@acme.example"): ("2026-10-20", 1),
    }
    assert login.events == 3 and login.coverage.events == 4


@pytest.mark.parametrize("source", ["okta-lines.jsonl", "entra-lines.jsonl", "clean.csv"])
def test_parquet_with_the_generic_okta_or_entra_columns(usage_as_of, usage_corpus, usage_pairs, tmp_path, source):
    parquet = tmp_path / "log.parquet"
    reader = "read_csv" if source.endswith(".csv") else "read_json"
    with duckdb.connect() as connection:
        connection.execute(f"COPY (SELECT * FROM {reader}('{usage_corpus / source}')) TO '{parquet}' (FORMAT parquet)")
    expected = read_usage(usage_corpus / source, as_of=usage_as_of)
    usage = read_usage(parquet, as_of=usage_as_of)
    assert usage.sources[0].layout == "parquet"
    assert usage.sources[0].format == expected.sources[0].format
    assert usage_pairs(usage) == usage_pairs(expected)
    assert usage.coverage == expected.coverage


def test_a_folder_is_every_log_inside_sorted_hidden_skipped(usage_as_of, usage_corpus, usage_pairs, tmp_path):
    folder = tmp_path / "logs"
    (folder / "2026" / "10").mkdir(parents=True)
    (folder / ".cache").mkdir()
    with open(usage_corpus / "okta-lines.jsonl", "rb") as source, gzip.open(folder / "2026" / "10" / "b.jsonl.gz", "wb") as target:
        shutil.copyfileobj(source, target)
    shutil.copy(usage_corpus / "clean.csv", folder / "a.csv")
    shutil.copy(usage_corpus / "okta-lines.jsonl", folder / ".cache" / "stale.jsonl")  # hidden: left out
    shutil.copy(usage_corpus / "okta-lines.jsonl", folder / ".hidden.jsonl")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # not a log name: left out
    usage = read_usage(folder, as_of=usage_as_of)
    assert [Path(source.path).name for source in usage.sources] == ["b.jsonl.gz", "a.csv"]  # 2026/… < a.csv
    assert usage_pairs(usage) == usage_pairs(read_usage([usage_corpus / "clean.csv", usage_corpus / "okta-lines.jsonl"], as_of=usage_as_of))


def test_a_glob_pattern_is_expanded_by_the_library(usage_as_of, usage_corpus, usage_pairs, tmp_path):
    for day in ("01", "02"):
        shutil.copy(usage_corpus / "entra-lines.jsonl", tmp_path / f"signins-{day}.jsonl")
    shutil.copy(usage_corpus / "clean.csv", tmp_path / "other.csv")
    usage = read_usage(str(tmp_path / "signins-*.jsonl"), as_of=usage_as_of)
    assert [Path(source.path).name for source in usage.sources] == ["signins-01.jsonl", "signins-02.jsonl"]
    assert usage_pairs(usage)[("hubspot", "ana@acme.example")] == ("2026-10-30", 2)


def test_a_folder_or_pattern_that_matches_nothing_is_named(tmp_path):
    with pytest.raises(InputError, match="no file matches this pattern") as error:
        read_usage(str(tmp_path / "*.jsonl.gz"))
    assert error.value.file == str(tmp_path / "*.jsonl.gz")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no sign-in log in this folder") as error:
        read_usage(tmp_path / "empty")
    assert error.value.file == str(tmp_path / "empty")


@pytest.mark.parametrize("name", ["clean.csv", "okta-array.json", "entra-graph.json", "okta-lines.jsonl"])
def test_utf16_logs_from_windows_are_read(usage_as_of, usage_corpus, usage_pairs, tmp_path, name):
    """Windows PowerShell's '>' and Excel's 'Unicode Text' write UTF-16 with a BOM."""
    log = tmp_path / name
    log.write_bytes((usage_corpus / name).read_text(encoding="utf-8").encode("utf-16"))
    assert usage_pairs(read_usage(log, as_of=usage_as_of)) == usage_pairs(read_usage(usage_corpus / name, as_of=usage_as_of))


def test_detect_format_reads_only_the_head(usage_corpus, tmp_path):
    log = tmp_path / "big.jsonl"
    line = (usage_corpus / "okta-lines.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n"
    log.write_text(line * 200 + "not json at all\n", encoding="utf-8")
    assert detect_format(log) == "okta"
    for name in [*OKTA_SHAPES, *ENTRA_SHAPES, "google-saml.csv", "google-login.csv"]:
        assert detect_format(usage_corpus / name) == ("google" if name.startswith("google") else name.split("-")[0])
