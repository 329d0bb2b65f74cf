"""Sign-in logs: Okta, Entra and CSV, detected or forced, only successes counted, bad rows named."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from mopskit import InputError
from mopskit.stack import Usage, detect_format, read_usage

CORPUS = Path(__file__).parent / "data" / "stack" / "usage"
AS_OF = date(2026, 10, 31)


def pairs(usage: Usage) -> dict[tuple[str, str], tuple[str | None, int]]:
    """(app_key, user) -> (last successful sign-in as ISO date or None, successful sign-ins)."""
    return {
        (row.app_key, row.user): (None if pd.isna(row.last_sign_in) else row.last_sign_in.date().isoformat(), row.sign_ins)
        for row in usage.to_frame().itertuples()
    }


OKTA_EXPECTED = {
    ("microsoft teams", "ana@acme.example"): ("2026-10-28", 1),
    ("microsoft teams", "ion@acme.example"): ("2026-10-28", 1),
    ("notion", "eva@acme.example"): ("2026-10-06", 2),
    ("slack", "ana@acme.example"): ("2026-10-30", 1),
    ("slack", "dan@acme.example"): ("2026-09-01", 1),  # 00:30 +02:00 on 2 Sept is 1 Sept in UTC
    ("slack", "eva@acme.example"): (None, 0),  # FAILURE and DENY do not count; session.start is ignored
    ("slack", "ion@acme.example"): ("2026-10-29", 1),  # AppInstance found though listed second
    ("slack", "zoe@acme.example"): (None, 0),  # after as_of
}


@pytest.mark.parametrize("name", ["okta-array.json", "okta-lines.jsonl"])
def test_okta_array_and_lines(name):
    usage = read_usage(CORPUS / name, as_of=AS_OF)
    assert usage.sources[0].format == "okta"
    assert pairs(usage) == OKTA_EXPECTED
    assert usage.events == 10  # only user.authentication.sso events
    assert set(usage.to_frame()["app"]) == {"Microsoft Teams", "Notion", "Slack"}  # one spelling per app


def test_okta_gzip_is_read_transparently(tmp_path):
    packed = tmp_path / "okta.jsonl.gz"
    with open(CORPUS / "okta-lines.jsonl", "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert detect_format(packed) == "okta"
    assert pairs(read_usage(packed, as_of=AS_OF)) == OKTA_EXPECTED


def test_without_as_of_every_success_counts_and_latest_is_known():
    usage = read_usage(CORPUS / "okta-lines.jsonl")
    assert pairs(usage)[("slack", "zoe@acme.example")] == ("2026-11-03", 1)
    assert usage.latest_sign_in == date(2026, 11, 3)
    assert usage.as_of is None


ENTRA_EXPECTED = {
    ("figma", "eva@acme.example"): ("2026-10-01", 1),
    ("hubspot", "ana@acme.example"): ("2026-10-30", 1),
    ("hubspot", "dan@acme.example"): (None, 0),  # after as_of
    ("hubspot", "eva@acme.example"): (None, 0),  # errorCode 50126
    ("hubspot", "ion@acme.example"): ("2026-10-29", 1),  # upper-case UPN folded
}


@pytest.mark.parametrize("name", ["entra-graph.json", "entra-lines.jsonl"])
def test_entra_graph_page_and_lines(name):
    usage = read_usage(CORPUS / name, as_of=AS_OF)
    assert usage.sources[0].format == "entra"
    assert pairs(usage) == ENTRA_EXPECTED


def test_csv_with_success_values_of_every_spelling():
    usage = read_usage(CORPUS / "clean.csv", as_of=AS_OF)
    result = pairs(usage)
    assert result[("hubspot", "ana@acme.example")] == ("2026-10-27", 2)  # 'success' and 'true'
    assert result[("canva", "eva@acme.example")] == (None, 0)  # 'failure'
    assert result[("slack", "ion@acme.example")] == ("2026-10-29", 1)  # 'slack' matched to 'Slack'
    assert usage.events == 13


def test_csv_without_success_column_semicolons_and_spaces():
    usage = read_usage(CORPUS / "csv-no-success.csv", as_of=AS_OF)
    assert pairs(usage) == {
        ("canva", "ana@acme.example"): ("2026-10-30", 1),
        ("canva", "ion@acme.example"): ("2026-10-29", 1),
    }


def test_several_files_combine_per_app_and_user():
    usage = read_usage([CORPUS / "okta-lines.jsonl", CORPUS / "clean.csv"], as_of=AS_OF)
    result = pairs(usage)
    assert result[("slack", "ana@acme.example")] == ("2026-10-30", 2)
    assert result[("notion", "eva@acme.example")] == ("2026-10-06", 4)
    assert [source.format for source in usage.sources] == ["okta", "csv"]


def test_format_can_be_forced_and_must_be_known():
    assert pairs(read_usage(CORPUS / "okta-lines.jsonl", format="okta", as_of=AS_OF)) == OKTA_EXPECTED
    with pytest.raises(InputError, match="unknown usage format 'splunk'"):
        read_usage(CORPUS / "okta-lines.jsonl", format="splunk")


@pytest.mark.parametrize(
    ("name", "row", "column", "words"),
    [
        ("okta-bad-time.jsonl", 5, "published", "'28/10/2026 07:05' is not an ISO 8601 timestamp"),
        ("okta-no-app.json", 1, "target[AppInstance].displayName", "is missing (event 3, which starts on line 1)"),
        ("entra-missing-status.json", 1, "status.errorCode", "outcome is unknown (event 2,"),
        ("csv-bad-success.csv", 3, "success", "success must be one of"),
        ("csv-missing-user.csv", 3, "user", "user is missing"),
        ("csv-bad-time.csv", 3, "timestamp", "'2026-02-31' is not an ISO 8601 timestamp"),
        ("unknown.txt", 1, None, "unknown sign-in log format"),
        ("json-unknown.json", None, None, "neither Okta"),
        ("empty.jsonl", None, None, "empty"),
        ("broken.jsonl", 2, None, "ends in the middle of the event"),  # a two-line file: line 2, not 3
    ],
)
def test_bad_logs_name_file_row_and_column(name, row, column, words):
    with pytest.raises(InputError) as error:
        read_usage(CORPUS / name, as_of=AS_OF)
    assert error.value.file == str(CORPUS / name)
    assert (error.value.row, error.value.column) == (row, column)
    assert words in str(error.value)


def test_blank_user_padded_with_spaces_is_named(tmp_path):
    log = tmp_path / "usage.csv"
    log.write_text("timestamp,user,tool\n2026-10-30,ana@acme.example,Canva\n 2026-10-30 ,   ,Canva\n")
    with pytest.raises(InputError) as error:
        read_usage(log, as_of=AS_OF)
    assert (error.value.row, error.value.column) == (3, "user")


def test_a_count_of_further_bad_rows_is_given(tmp_path):
    log = tmp_path / "usage.csv"
    log.write_text("timestamp,user,tool\nnope,a@x.example,Canva\nnope,b@x.example,Canva\nnope,c@x.example,Canva\n")
    with pytest.raises(InputError, match=r"2 more bad rows after it") as error:
        read_usage(log)
    assert error.value.row == 2


def test_non_gzip_gz_and_missing_file(tmp_path):
    fake = tmp_path / "okta.jsonl.gz"
    fake.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(InputError):
        read_usage(fake)
    with pytest.raises(InputError, match="not found"):
        read_usage(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="no sign-in log"):
        read_usage([])


def test_large_csv_streams_through_one_pass(tmp_path):
    """200,000 events aggregate to the exact per-user counts, with no Python loop per event."""
    log = tmp_path / "big.csv"
    users, days = 400, 50
    with log.open("w") as handle:
        handle.write("timestamp,user,tool,success\n")
        for index in range(200_000):
            day = 1 + index % days
            handle.write(f"2026-08-{day % 28 + 1:02d}T10:00:00Z,u{index % users}@x.example,App {index % 5},{index % 4 != 0}\n")
    usage = read_usage(log, as_of=AS_OF)
    frame = usage.to_frame()
    assert len(frame) == 5 * 80  # users u{i} meet app i % 5 only when i ≡ index (mod 5)
    assert frame["sign_ins"].sum() == 150_000
    assert usage.events == 200_000


def test_from_records_builds_the_same_shape():
    usage = Usage.from_records(
        [("Slack", "Ana@x.example", "2026-10-30"), ("slack", "ana@x.example", date(2026, 10, 1)),
         ("Canva", "ion@x.example", "2026-11-02")],
        as_of=AS_OF,
    )
    assert pairs(usage) == {("slack", "ana@x.example"): ("2026-10-30", 2)}
    assert usage.latest_sign_in == date(2026, 11, 2)


def test_csv_padded_times_read_as_the_plain_ones(tmp_path):
    """A time the fast typed reader refuses (padded) sends the file through the careful pass:
    both passes must agree to the sign-in."""
    clean = (CORPUS / "clean.csv").read_text(encoding="utf-8").splitlines()
    header, first, rest = clean[0], clean[1], clean[2:]
    timestamp, remainder = first.split(",", 1)
    padded = tmp_path / "padded.csv"
    padded.write_text("\n".join([header, f"  {timestamp}  ,{remainder}", *rest]) + "\n", encoding="utf-8")
    assert pairs(read_usage(padded, as_of=AS_OF)) == pairs(read_usage(CORPUS / "clean.csv", as_of=AS_OF))


def test_csv_short_yes_no_spellings_read_alike_on_both_passes(tmp_path):
    """Y/N and T/F are what many exports write; the typed reader takes them, and a padded
    value sends the file through the careful pass, which must take them too."""
    rows = ["2026-10-30T10:00:00Z,ana@acme.example,Slack,Y", "2026-10-29T10:00:00Z,ion@acme.example,Slack,t",
            "2026-10-28T10:00:00Z,eva@acme.example,Slack,N", "2026-10-27T10:00:00Z,dan@acme.example,Slack,f"]
    plain, padded = tmp_path / "plain.csv", tmp_path / "padded.csv"
    plain.write_text("\n".join(["timestamp,user,tool,success", *rows]) + "\n", encoding="utf-8")
    padded.write_text("\n".join(["timestamp,user,tool,success", *rows[:-1], rows[-1] + " "]) + "\n", encoding="utf-8")
    expected = {
        ("slack", "ana@acme.example"): ("2026-10-30", 1),
        ("slack", "ion@acme.example"): ("2026-10-29", 1),
        ("slack", "eva@acme.example"): (None, 0),
        ("slack", "dan@acme.example"): (None, 0),
    }
    assert pairs(read_usage(plain, as_of=AS_OF)) == expected
    assert pairs(read_usage(padded, as_of=AS_OF)) == expected


def test_spellings_of_one_app_and_user_merge_into_one_pair(tmp_path):
    log = tmp_path / "mixed.csv"
    log.write_text(
        "timestamp,user,tool\n"
        "2026-10-01T10:00:00Z,Ana@Acme.example,Google  Analytics\n"
        "2026-10-20T10:00:00Z, ana@acme.example ,google analytics\n"
        "2026-10-05T10:00:00Z,ion@acme.example,GOOGLE ANALYTICS\n",
        encoding="utf-8",
    )
    usage = read_usage(log, as_of=AS_OF)
    assert pairs(usage) == {
        ("google analytics", "ana@acme.example"): ("2026-10-20", 2),
        ("google analytics", "ion@acme.example"): ("2026-10-05", 1),
    }
    assert set(usage.app) == {"GOOGLE ANALYTICS"}  # one spelling per app: the first in sort order
    assert usage.events == 3


def test_usage_columns_are_read_only():
    usage = read_usage(CORPUS / "clean.csv", as_of=AS_OF)
    with pytest.raises(ValueError):
        usage.sign_ins[0] = 99
    assert [app.app_key for app in usage.apps()] == sorted({app.app_key for app in usage.apps()})


def test_from_records_names_a_blank_user():
    with pytest.raises(InputError, match="record 2: the user is missing"):
        Usage.from_records([("Slack", "a@x.example", "2026-10-01"), ("Slack", "  ", "2026-10-02")])
