"""A bad log gives one message a marketer can act on: the file, the real line or row, no engine words."""

from __future__ import annotations

import gzip
import json

import pytest

from mopskit import InputError
from mopskit.stack import read_usage

ENGINE_WORDS = ("duckdb", "sql", "allocate", "auto-detect", "malformed", "conversion error", "badzipfile",
                "binder", "parser error", "invalid input error", "read_json", "read_csv", "maximum_object_size")


@pytest.fixture
def refused(usage_as_of):
    def refused(path, **options) -> InputError:
        with pytest.raises(InputError) as caught:
            read_usage(path, as_of=usage_as_of, **options)
        message = str(caught.value)
        assert not [word for word in ENGINE_WORDS if word in message.lower()], message
        assert caught.value.file == str(path)
        return caught.value
    return refused


@pytest.fixture
def okta_lines(usage_corpus):
    def okta_lines() -> list[str]:
        return (usage_corpus / "okta-lines.jsonl").read_text(encoding="utf-8").splitlines()
    return okta_lines


def test_broken_json_line_is_named_by_its_real_line(okta_lines, refused, tmp_path):
    lines = okta_lines()
    lines[2] = lines[2].replace('", "eventType"', '" "eventType"')  # a comma lost by hand
    log = tmp_path / "okta.jsonl"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = refused(log)
    assert error.row == 3
    assert "event 3 is not valid JSON" in str(error)


def test_cut_json_names_the_event_that_is_cut(okta_lines, refused, tmp_path):
    log = tmp_path / "okta.jsonl"
    log.write_text("\n".join(okta_lines()[:3]) + "\n" + okta_lines()[3][:80], encoding="utf-8")  # a 4-line file
    error = refused(log)
    assert error.row == 4
    assert "cut short" in str(error)


def test_cut_graph_page_names_the_line_of_the_cut_event(refused, usage_corpus, tmp_path):
    pretty = json.dumps(json.loads((usage_corpus / "entra-graph.json").read_text(encoding="utf-8")), indent=2)
    log = tmp_path / "page.json"
    cut = pretty[: pretty.index('"createdDateTime": "2026-10-01')]  # inside the fourth sign-in
    log.write_text(cut, encoding="utf-8")
    error = refused(log)
    assert error.row == cut[: cut.rindex("{")].count("\n") + 1  # the line where that sign-in starts
    assert "cut short" in str(error)


def test_bad_value_in_pretty_output_names_the_line_the_event_starts_on(okta_lines, refused, tmp_path):
    events = [json.loads(line) for line in okta_lines() if line.strip()]
    events[1]["published"] = "yesterday"
    log = tmp_path / "okta.json"
    log.write_text("".join(json.dumps(event, indent=2) + "\n" for event in events), encoding="utf-8")
    error = refused(log)
    first_height = json.dumps(events[0], indent=2).count("\n") + 1
    assert (error.row, error.column) == (first_height + 1, "published")
    assert "'yesterday' is not an ISO 8601 timestamp (event 2" in str(error)


def test_unreadable_error_code_is_named_not_echoed(refused, usage_corpus, tmp_path):
    page = json.loads((usage_corpus / "entra-graph.json").read_text(encoding="utf-8"))
    page["value"][1]["status"]["errorCode"] = "n/a"
    log = tmp_path / "page.json"
    log.write_text(json.dumps(page), encoding="utf-8")
    error = refused(log)
    assert error.column == "status.errorCode" and "event 2" in str(error)


def test_stray_cp1252_byte_in_a_utf8_csv_names_its_row(refused, tmp_path):
    """Refused, not guessed: the row of the first byte that is not UTF-8, past the sampled head too."""
    log = tmp_path / "usage.csv"
    good = "2026-10-01T10:00:00Z,ana@x.example,Slack\n".encode()
    log.write_bytes(b"timestamp,user,tool\n" + good * 3000 + b"2026-10-01T10:00:00Z,zo\xeb@x.example,Slack\n"
                    + "2026-10-02T10:00:00Z,zoë@x.example,Slack\n".encode())
    error = refused(log)
    assert error.row == 3002
    assert "not UTF-8" in str(error) and "CSV UTF-8" in str(error)


def test_a_wholly_cp1252_csv_is_read_as_such(usage_as_of, usage_pairs, tmp_path):
    """No UTF-8 letter anywhere in the sample: a legacy single-byte export, read as such."""
    log = tmp_path / "usage.csv"
    log.write_bytes(b"timestamp,user,tool\n2026-10-01T10:00:00Z,zo\xeb@x.example,Slack\n")
    assert usage_pairs(read_usage(log, as_of=usage_as_of)) == {("slack", "zoë@x.example"): ("2026-10-01", 1)}


def test_a_row_with_too_many_cells_is_named(refused, tmp_path):
    log = tmp_path / "usage.csv"
    log.write_text("timestamp,user,tool\n2026-10-01T10:00:00Z,a@x.example,Slack\n"
                   "2026-10-01T10:00:00Z,b@x.example,Slack, Inc.\n", encoding="utf-8")
    error = refused(log)
    assert error.row == 3 and "4 cells but the header has 3" in str(error)


def test_cut_gzip_and_zip_archives(refused, usage_corpus, tmp_path):
    packed = gzip.compress((usage_corpus / "okta-lines.jsonl").read_bytes() * 20)
    cut = tmp_path / "okta.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    assert "not a readable gzip archive" in str(refused(cut))
    archive = tmp_path / "logs.json"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert "ZIP archive" in str(refused(archive))


def test_gzip_graph_pages_are_unwrapped_too(usage_as_of, usage_corpus, usage_pairs, tmp_path):
    packed = tmp_path / "pages.json.gz"
    packed.write_bytes(gzip.compress((usage_corpus / "entra-graph-pages.json").read_bytes()))
    assert usage_pairs(read_usage(packed, as_of=usage_as_of)) == usage_pairs(read_usage(usage_corpus / "entra-lines.jsonl", as_of=usage_as_of))


def test_utf16_log_with_a_bad_row_names_the_row(refused, tmp_path):
    log = tmp_path / "usage.csv"
    log.write_bytes("timestamp,user,tool\n2026-10-01T10:00:00Z,a@x.example,Slack\nlater,b@x.example,Slack\n"
                    .encode("utf-16"))
    error = refused(log)
    assert (error.row, error.column) == (3, "timestamp")


@pytest.mark.parametrize("written, meaning", [
    ("Aug 02, 2026, 09:30:00 AM GMT", ": it seems to mean 2026-08-02T09:30:00Z;"),
    ("10/15/2026 09:00", ": it seems to mean 2026-10-15T09:00:00 (no time zone given; add Z if it is UTC);"),
    ("15/10/2026 09:00", ": it seems to mean 2026-10-15T09:00:00 (no time zone given; add Z if it is UTC);"),
    ("03/04/2026 09:00", ": it could mean 2026-03-04T09:00:00 or 2026-04-03T09:00:00, as day and month can be"),
    ("yesterday-ish", "; export the log"),
])
def test_a_refused_time_says_what_it_seems_to_mean_and_shows_one_that_is_read(refused, tmp_path, written, meaning):
    log = tmp_path / "log.csv"
    log.write_text(f'timestamp,user,tool,success\n2026-10-14T09:00:00Z,ana,HubSpot,true\n"{written}",bo,HubSpot,true\n',
                   encoding="utf-8")
    error = refused(log)
    assert (error.row, error.column) == (3, "timestamp")
    assert f"the time '{written}' is not an ISO 8601 timestamp{meaning}" in str(error)
    assert str(error).endswith("so the times read like 2026-10-15T09:00:00Z (date, T, time, Z for UTC)")


@pytest.mark.parametrize("header, language", [
    ("Datum (UTC),Anforderungs-ID,Benutzer,Benutzername,Anwendung,Status,Anmeldefehlercode", "German"),
    ("Data (UTC),ID richiesta,Utente,Nome utente,Applicazione,Stato", "Italian"),
    ("Fecha (UTC),Id. de solicitud,Usuario,Nombre de usuario,Aplicación,Estado", "Spanish"),
])
def test_an_entra_export_in_another_language_is_named_with_the_english_columns(refused, tmp_path, header, language):
    log = tmp_path / "entra.csv"
    log.write_text(f"\ufeff{header}\n2026-10-30T08:15:02Z,r1,ana,ana@acme.example,HubSpot,x,0\n", encoding="utf-8")
    for forced in ({}, {"format": "entra"}):
        error = refused(log, **forced)
        assert error.row == 1
        assert f"an Entra sign-in export with {language} column names" in str(error)
        assert "→ Username" in str(error) and "→ Application" in str(error)
        assert "rename the columns to Date (UTC), Username, Application and Status" in str(error)
