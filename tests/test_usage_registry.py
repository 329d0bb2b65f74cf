"""Every sign-in log export is one registry entry: adding one is one ``LogFormat``."""

from datetime import date

import pytest

from mopskit import InputError
from mopskit.stack import detect_format, read_usage
from mopskit.stack.usage import LogFormat, format_names, log_formats, register_format, unregister_format


@pytest.fixture
def pingone():
    entry = register_format(
        LogFormat(
            "pingone-csv", "pingone", "csv", title="PingOne",
            columns={"ts": ("when",), "user": ("subject",), "app": ("application",), "ok": ("result",)},
            success={"approved": True, "denied": False},
        )
    )
    yield entry
    unregister_format(entry.name)


def test_a_registered_format_is_recognised_and_read(tmp_path, pingone):
    log = tmp_path / "ping.csv"
    log.write_text(
        "when;subject;application;result\n"
        "2026-03-01T09:00:00Z;Ana@x.example;Canva;APPROVED\n"
        "2026-03-02T09:00:00Z;ana@x.example;Canva;approved\n"
        "2026-03-03T09:00:00Z;ben@x.example;Canva;denied\n",
        encoding="utf-8",
    )
    assert detect_format(log) == "pingone"
    assert "pingone" in format_names()
    usage = read_usage(log, format="pingone")
    (canva,) = usage.apps()
    signed_in = dict(zip(canva.users.tolist(), canva.sign_ins.tolist()))
    assert signed_in == {"ana@x.example": 2, "ben@x.example": 0}  # a denied sign-in is no use
    assert usage.latest_sign_in == date(2026, 3, 2)
    assert usage.sources[0].format == "pingone"


def test_a_registered_format_names_its_bad_rows_in_its_own_words(tmp_path, pingone):
    log = tmp_path / "ping.csv"
    log.write_text("when,subject,application,result\n2026-03-01,ana@x.example,Canva,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="result must be one of approved/denied") as caught:
        read_usage(log)
    assert (caught.value.row, caught.value.column) == (2, "result")


def test_the_registry_holds_every_builtin_export_once():
    names = [entry.name for entry in log_formats()]
    assert len(names) == len(set(names))
    assert {"okta-json", "entra-json", "azure-monitor", "okta-csv", "entra-csv", "google-csv", "csv"} <= set(names)
    assert format_names()[:4] == ("okta", "entra", "csv", "google")
    with pytest.raises(ValueError, match="already registered"):
        register_format(log_formats()[0])


def test_without_the_entry_the_export_is_unknown(tmp_path):
    log = tmp_path / "ping.csv"
    log.write_text("when,subject,application,result\n2026-03-01,ana@x.example,Canva,approved\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown sign-in log format"):
        detect_format(log)
