"""Sign-in logs: Okta, Entra and CSV, detected or forced, only successes counted, bad rows named."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date

import pytest

from mopskit import InputError
from mopskit.stack import Usage, detect_format, read_usage


@pytest.mark.parametrize("name", ["okta-array.json", "okta-lines.jsonl"])
def test_okta_array_and_lines(okta_expected, usage_as_of, usage_corpus, usage_pairs, name):
    usage = read_usage(usage_corpus / name, as_of=usage_as_of)
    assert usage.sources[0].format == "okta"
    assert usage_pairs(usage) == okta_expected
    assert usage.events == 10  # only user.authentication.sso events
    assert set(usage.to_frame()["app"]) == {"Microsoft Teams", "Notion", "Slack"}  # one spelling per app


def test_okta_gzip_is_read_transparently(okta_expected, usage_as_of, usage_corpus, usage_pairs, tmp_path):
    packed = tmp_path / "okta.jsonl.gz"
    with open(usage_corpus / "okta-lines.jsonl", "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert detect_format(packed) == "okta"
    assert usage_pairs(read_usage(packed, as_of=usage_as_of)) == okta_expected


def test_without_as_of_every_success_counts_and_latest_is_known(usage_corpus, usage_pairs):
    usage = read_usage(usage_corpus / "okta-lines.jsonl")
    assert usage_pairs(usage)[("slack", "zoe@acme.example")] == ("2026-11-03", 1)
    assert usage.latest_sign_in == date(2026, 11, 3)
    assert usage.as_of is None


@pytest.mark.parametrize("name", ["entra-graph.json", "entra-lines.jsonl"])
def test_entra_graph_page_and_lines(entra_expected, usage_as_of, usage_corpus, usage_pairs, name):
    usage = read_usage(usage_corpus / name, as_of=usage_as_of)
    assert usage.sources[0].format == "entra"
    assert usage_pairs(usage) == entra_expected


def test_csv_with_success_values_of_every_spelling(usage_as_of, usage_corpus, usage_pairs):
    usage = read_usage(usage_corpus / "clean.csv", as_of=usage_as_of)
    result = usage_pairs(usage)
    assert result[("hubspot", "ana@acme.example")] == ("2026-10-27", 2)  # 'success' and 'true'
    assert result[("canva", "eva@acme.example")] == (None, 0)  # 'failure'
    assert result[("slack", "ion@acme.example")] == ("2026-10-29", 1)  # 'slack' matched to 'Slack'
    assert usage.events == 13


def test_csv_without_success_column_semicolons_and_spaces(usage_as_of, usage_corpus, usage_pairs):
    usage = read_usage(usage_corpus / "csv-no-success.csv", as_of=usage_as_of)
    assert usage_pairs(usage) == {
        ("canva", "ana@acme.example"): ("2026-10-30", 1),
        ("canva", "ion@acme.example"): ("2026-10-29", 1),
    }


def test_several_files_combine_per_app_and_user(usage_as_of, usage_corpus, usage_pairs):
    usage = read_usage([usage_corpus / "okta-lines.jsonl", usage_corpus / "clean.csv"], as_of=usage_as_of)
    result = usage_pairs(usage)
    assert result[("slack", "ana@acme.example")] == ("2026-10-30", 2)
    assert result[("notion", "eva@acme.example")] == ("2026-10-06", 4)
    assert [source.format for source in usage.sources] == ["okta", "csv"]


def test_format_can_be_forced_and_must_be_known(okta_expected, usage_as_of, usage_corpus, usage_pairs):
    assert usage_pairs(read_usage(usage_corpus / "okta-lines.jsonl", format="okta", as_of=usage_as_of)) == okta_expected
    with pytest.raises(InputError, match="unknown usage format 'splunk'"):
        read_usage(usage_corpus / "okta-lines.jsonl", format="splunk")


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
def test_bad_logs_name_file_row_and_column(usage_as_of, usage_corpus, name, row, column, words):
    with pytest.raises(InputError) as error:
        read_usage(usage_corpus / name, as_of=usage_as_of)
    assert error.value.file == str(usage_corpus / name)
    assert (error.value.row, error.value.column) == (row, column)
    assert words in str(error.value)


def test_blank_user_padded_with_spaces_is_named(usage_as_of, tmp_path):
    log = tmp_path / "usage.csv"
    log.write_text("timestamp,user,tool\n2026-10-30,ana@acme.example,Canva\n 2026-10-30 ,   ,Canva\n")
    with pytest.raises(InputError) as error:
        read_usage(log, as_of=usage_as_of)
    assert (error.value.row, error.value.column) == (3, "user")


def _okta_event(when: str, user: str | None, result: str = "SUCCESS") -> str:
    actor = {"type": "User", **({"alternateId": user} if user is not None else {})}
    return json.dumps({"published": when, "eventType": "user.authentication.sso", "actor": actor,
                       "outcome": {"result": result}, "target": [{"type": "AppInstance", "displayName": "Slack"}]})


@pytest.mark.parametrize("missing", [None, "", "   "], ids=["left out", "empty", "spaces"])
def test_a_missing_user_is_refused_only_on_a_sign_in_the_audit_reads(tmp_path, missing):
    """Okta writes no user on some events: a successful sign-in on or before the audit date must
    say who, but a failure, or a sign-in after the audit date (which no figure counts), may
    not, however the user is missing. Without an audit date every sign-in is read, so every
    one must say who."""
    log = tmp_path / "okta.jsonl"
    log.write_text("\n".join([_okta_event("2026-10-30T10:00:00Z", "ana@acme.example"),
                              _okta_event("2026-10-29T10:00:00Z", missing, "FAILURE"),
                              _okta_event("2026-11-02T10:00:00Z", missing)]) + "\n", encoding="utf-8")
    usage = read_usage(log, as_of="2026-10-31")
    assert usage.user.tolist() == ["ana@acme.example"] and usage.coverage.events == 3
    for as_of in (None, "2026-11-02"):
        with pytest.raises(InputError, match="alternateId is missing") as error:
            read_usage(log, as_of=as_of)
        assert "event 3" in str(error.value) and "more bad row" not in str(error.value), as_of


def test_the_row_named_is_the_first_the_audit_cannot_read_and_the_count_is_exact(tmp_path):
    """A sign-in after the audit date with no user is not a bad row: the error names the first
    row that is, and counts only those."""
    log = tmp_path / "okta.jsonl"
    log.write_text("\n".join([_okta_event("2026-11-02T10:00:00Z", None),  # after the audit date: fine
                              _okta_event("2026-10-30T10:00:00Z", "ana@acme.example"),
                              _okta_event("bad", "ion@acme.example"),
                              _okta_event("2026-10-20T10:00:00Z", None),
                              _okta_event("2026-10-21T10:00:00Z", None, "FAILURE")]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_usage(log, as_of="2026-10-31")
    assert error.value.column == "published" and "event 3" in str(error.value)
    assert "(1 more bad row after it)" in str(error.value)  # event 4; not events 1 and 5


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


def test_large_csv_streams_through_one_pass(usage_as_of, tmp_path):
    """200,000 events aggregate to the exact per-user counts, with no Python loop per event."""
    log = tmp_path / "big.csv"
    users, days = 400, 50
    with log.open("w") as handle:
        handle.write("timestamp,user,tool,success\n")
        for index in range(200_000):
            day = 1 + index % days
            handle.write(f"2026-08-{day % 28 + 1:02d}T10:00:00Z,u{index % users}@x.example,App {index % 5},{index % 4 != 0}\n")
    usage = read_usage(log, as_of=usage_as_of)
    frame = usage.to_frame()
    assert len(frame) == 5 * 80  # users u{i} meet app i % 5 only when i ≡ index (mod 5)
    assert frame["sign_ins"].sum() == 150_000
    assert usage.events == 200_000


def test_from_records_builds_the_same_shape(usage_as_of, usage_pairs):
    usage = Usage.from_records(
        [("Slack", "Ana@x.example", "2026-10-30"), ("slack", "ana@x.example", date(2026, 10, 1)),
         ("Canva", "ion@x.example", "2026-11-02")],
        as_of=usage_as_of,
    )
    assert usage_pairs(usage) == {("slack", "ana@x.example"): ("2026-10-30", 2)}
    assert usage.latest_sign_in == date(2026, 11, 2)


def test_csv_padded_times_read_as_the_plain_ones(usage_as_of, usage_corpus, usage_pairs, tmp_path):
    """A time the fast typed reader refuses (padded) sends the file through the careful pass:
    both passes must agree to the sign-in."""
    clean = (usage_corpus / "clean.csv").read_text(encoding="utf-8").splitlines()
    header, first, rest = clean[0], clean[1], clean[2:]
    timestamp, remainder = first.split(",", 1)
    padded = tmp_path / "padded.csv"
    padded.write_text("\n".join([header, f"  {timestamp}  ,{remainder}", *rest]) + "\n", encoding="utf-8")
    assert usage_pairs(read_usage(padded, as_of=usage_as_of)) == usage_pairs(read_usage(usage_corpus / "clean.csv", as_of=usage_as_of))


def test_csv_short_yes_no_spellings_read_alike_on_both_passes(usage_as_of, usage_pairs, tmp_path):
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
    assert usage_pairs(read_usage(plain, as_of=usage_as_of)) == expected
    assert usage_pairs(read_usage(padded, as_of=usage_as_of)) == expected


def test_csv_times_with_an_offset_count_on_their_utc_day_on_both_passes(usage_pairs, tmp_path):
    """A sign-in late in the evening in New York is the next day in UTC, one early in the morning
    in Karachi the day before; the typed reader and the careful pass must both say so. The day
    comes from the instant, never from the date written in the text (DuckDB 2.0 casts a typed
    CSV column read only as ``::DATE`` straight from the text, dropping the offset)."""
    rows = ["2026-10-30T23:30:00-05:00,ana@acme.example,Slack,true",
            "2026-10-30T01:30:00+05:00,ion@acme.example,Slack,true",
            "2026-10-30 12:00:00,eva@acme.example,Slack,true"]
    plain, padded = tmp_path / "plain.csv", tmp_path / "padded.csv"
    plain.write_text("\n".join(["timestamp,user,tool,success", *rows]) + "\n", encoding="utf-8")
    padded.write_text("\n".join(["timestamp,user,tool,success", *rows[:-1], " " + rows[-1]]) + "\n", encoding="utf-8")
    expected = {
        ("slack", "ana@acme.example"): ("2026-10-31", 1),
        ("slack", "ion@acme.example"): ("2026-10-29", 1),
        ("slack", "eva@acme.example"): ("2026-10-30", 1),  # no offset: UTC
    }
    for log in (plain, padded):
        usage = read_usage(log, as_of="2026-10-31")
        assert usage_pairs(usage) == expected, log.name
        assert (usage.coverage.first_day, usage.coverage.last_day) == (date(2026, 10, 29), date(2026, 10, 31))


def test_spellings_of_one_app_and_user_merge_into_one_pair(usage_as_of, usage_pairs, tmp_path):
    log = tmp_path / "mixed.csv"
    log.write_text(
        "timestamp,user,tool\n"
        "2026-10-01T10:00:00Z,Ana@Acme.example,Google  Analytics\n"
        "2026-10-20T10:00:00Z, ana@acme.example ,google analytics\n"
        "2026-10-05T10:00:00Z,ion@acme.example,GOOGLE ANALYTICS\n",
        encoding="utf-8",
    )
    usage = read_usage(log, as_of=usage_as_of)
    assert usage_pairs(usage) == {
        ("google analytics", "ana@acme.example"): ("2026-10-20", 2),
        ("google analytics", "ion@acme.example"): ("2026-10-05", 1),
    }
    assert set(usage.app) == {"GOOGLE ANALYTICS"}  # one spelling per app: the first in sort order
    assert usage.events == 3


def test_usage_columns_are_read_only(usage_as_of, usage_corpus):
    usage = read_usage(usage_corpus / "clean.csv", as_of=usage_as_of)
    with pytest.raises(ValueError):
        usage.sign_ins[0] = 99
    assert [app.app_key for app in usage.apps()] == sorted({app.app_key for app in usage.apps()})


def test_from_records_names_a_blank_user():
    with pytest.raises(InputError, match="record 2: the user is missing"):
        Usage.from_records([("Slack", "a@x.example", "2026-10-01"), ("Slack", "  ", "2026-10-02")])
