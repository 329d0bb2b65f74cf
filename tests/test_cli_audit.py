"""`mopskit audit` end to end on small files: summary, reports, and exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mopskit.cli import main
from mopskit.commands.audit import parse_as_of

INVENTORY = """\
tool,vendor,category,owner,department,annual_cost,seats,renewal_date,notice_days,sso_app,currency
Mailer,Mailer Inc.,Email marketing,Ana Pop,Marketing,12000,10,2027-01-30,60,Mailer App,EUR
Sendly,Sendly Ltd,Email marketing,Luca Bianchi,Sales,3000,5,2027-09-30,90,,EUR
Old CMS,Legacy Corp,WCM/CMS & web experience management,Mara Ionescu,Marketing,9000,3,2027-03-31,90,,EUR
"""

USAGE = """\
timestamp,user,tool,success
2026-09-01T08:00:00Z,eva.rusu@example.com,Mailer App,false
2026-10-01T09:00:00Z,ana.pop@example.com,Mailer App,true
2026-10-02T09:00:00Z,luca.bianchi@example.com,Mailer App,true
2026-10-03T09:00:00Z,luca.bianchi@example.com,Sendly,true
2026-10-04T09:00:00Z,mara.ionescu@example.com,Old CMS,false
2026-10-05T09:00:00Z,dan.rusu@example.com,Free Survey Tool,true
2026-10-31T17:00:00Z,eva.rusu@example.com,Mailer App,false
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(INVENTORY, encoding="utf-8")
    usage = tmp_path / "signins.csv"
    usage.write_text(USAGE, encoding="utf-8")
    return {"inventory": inventory, "usage": usage, "dir": tmp_path}


def audit(files: dict[str, Path], *extra: str) -> int:
    return main(["audit", str(files["inventory"]), "--usage", str(files["usage"]), "--as-of", "2026-10-31", *extra])


def test_without_out_prints_a_table_of_tools_with_recommendations(files, capsys) -> None:  # type: ignore[no-untyped-def]
    assert audit(files) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no progress bar when stderr is not a terminal
    lines = captured.out.splitlines()
    assert lines[0].startswith("Martech stack audit as of 2026-10-31")
    assert "3 tools · 18 seats · active users: 2 · cost: EUR 24,000 a year" in lines[1]
    rows = {line.split("  ")[0].strip(): line.split() for line in lines[3:8]}
    assert rows["Old CMS (Marketing)"][-1] == "retire"  # a failed sign-in does not count
    assert rows["Mailer (Marketing)"][-1] in {"consolidate", "negotiate", "retain"}
    assert "1 unmatched app (possible shadow IT)" in captured.out
    assert "@example.com" not in captured.out


def test_writes_every_out_file(files, capsys) -> None:  # type: ignore[no-untyped-def]
    outs = [files["dir"] / name for name in ("a.html", "a.xlsx", "a.md", "a.json")]
    assert audit(files, *[arg for out in outs for arg in ("--out", str(out))]) == 0
    assert all(out.is_file() and out.stat().st_size > 0 for out in outs)
    document = json.loads(outs[3].read_text(encoding="utf-8"))
    assert document["schema"] == "mopskit.audit/2" and document["as_of"] == "2026-10-31"
    assert document["unmatched_apps"] == [{"app": "Free Survey Tool", "users": 1, "sign_ins": 1}]
    printed = capsys.readouterr().out.splitlines()
    assert printed[: len(outs)] == [f"wrote {out}" for out in outs]
    assert printed[len(outs):] == [  # what the figures rest on, said on screen too
        "note: The sign-in logs run from 2026-09-01 to 2026-10-31 and cover the whole activity window,"
        " 2026-09-02 to 2026-10-31."
    ]
    assert not any("@example.com" in out.read_bytes().decode("utf-8", "replace") for out in outs if out.suffix != ".xlsx")


def test_show_users_puts_emails_in_the_reports(files) -> None:  # type: ignore[no-untyped-def]
    out = files["dir"] / "users.json"
    assert audit(files, "--out", str(out), "--show-users") == 0
    assert "ana.pop@example.com" in out.read_text(encoding="utf-8")


def test_one_existing_target_stops_the_run_before_anything_is_written(files, capsys) -> None:  # type: ignore[no-untyped-def]
    fresh, existing = files["dir"] / "new.html", files["dir"] / "old.json"
    existing.write_text("keep me", encoding="utf-8")
    assert audit(files, "--out", str(fresh), "--out", str(existing)) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(existing) in error and "already exists" in error
    assert "add --force" in error and "force=True" not in error, "the command line names its own option"
    assert not fresh.exists() and existing.read_text(encoding="utf-8") == "keep me"
    assert audit(files, "--out", str(fresh), "--out", str(existing), "--force") == 0
    assert json.loads(existing.read_text(encoding="utf-8"))["schema"] == "mopskit.audit/2"


def test_unknown_out_suffix_names_the_supported_ones(files, capsys) -> None:  # type: ignore[no-untyped-def]
    assert audit(files, "--out", str(files["dir"] / "a.html"), "--out", str(files["dir"] / "audit.pdf")) == 2
    error = capsys.readouterr().err
    assert "audit.pdf" in error and ".html, .xlsx, .md, .json" in error
    assert not (files["dir"] / "a.html").exists()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--as-of", "31/10/2026"], "--as-of must be a date written YYYY-MM-DD, got '31/10/2026'"),
        (["--as-of", "2026-02-31"], "--as-of must be a date written YYYY-MM-DD"),
        (["--inactive-days", "sixty"], "--inactive-days must be a whole number of days, got 'sixty'"),
        (["--inactive-days", "0"], "--inactive-days must be between 1 and 3,650"),
        (["--usage-format", "splunk", "--usage", "x.csv"], "unknown usage format 'splunk'"),
    ],
)
def test_bad_options_exit_2_with_one_line(files, capsys, options, expected) -> None:  # type: ignore[no-untyped-def]
    assert main(["audit", str(files["inventory"]), *options]) == 2
    error = capsys.readouterr().err
    assert error.startswith("mopskit audit: ") and expected in error and error.count("\n") == 1


def test_bad_inventory_names_file_row_and_column(files, capsys) -> None:  # type: ignore[no-untyped-def]
    files["inventory"].write_text(INVENTORY.replace(",3000,", ",-3000,"), encoding="utf-8")
    assert audit(files) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert str(files["inventory"]) in error and "row 3" in error and "annual_cost" in error


def test_the_logs_are_read_beside_the_inventory_whose_error_does_not_wait_for_them(files, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The logs are read on a thread of their own while the inventory is checked; a refused
    inventory is reported at once, not after a long log has been read."""
    import threading

    import mopskit.stack

    started, release = threading.Event(), threading.Event()
    threads: list[str] = []
    real = mopskit.stack.read_usage

    def slow_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        started.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(mopskit.stack, "read_usage", slow_read)
    files["inventory"].write_text(INVENTORY.replace(",3000,", ",-3000,"), encoding="utf-8")
    try:
        assert audit(files) == 2  # returns while the read is still held
        assert started.wait(10) and not release.is_set()
        assert "row 3" in capsys.readouterr().err
    finally:
        release.set()
    assert threads[0].startswith("mopskit-logs")
    files["inventory"].write_text(INVENTORY, encoding="utf-8")
    assert audit(files) == 0  # with a good inventory the read is waited for
    assert "Mailer" in capsys.readouterr().out


def test_bad_usage_log_names_the_file(files, capsys) -> None:  # type: ignore[no-untyped-def]
    files["usage"].write_text("timestamp,user,tool\nnot-a-time,ana@example.com,Mailer\n", encoding="utf-8")
    assert audit(files) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(files["usage"]) in error


def test_without_as_of_the_audit_is_dated_today_in_utc(files, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["audit", str(files["inventory"])]) == 0
    output = capsys.readouterr().out
    assert output.startswith(f"Martech stack audit as of {datetime.now(timezone.utc).date().isoformat()}")
    assert "active users: no data" in output  # no --usage: unknown, not zero


def test_the_default_audit_date_is_the_utc_day() -> None:
    """Late evening in New York is already tomorrow in UTC, the day sign-ins are counted by."""
    evening = datetime(2026, 10, 31, 22, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert parse_as_of(None, now=evening) == date(2026, 11, 1)
    assert parse_as_of(" 2026-10-31 ", now=evening) == date(2026, 10, 31)


def test_the_installed_entry_point_exits_2_without_a_traceback(files) -> None:  # type: ignore[no-untyped-def]
    completed = subprocess.run(
        [sys.executable, "-m", "mopskit.cli", "audit", str(files["dir"] / "missing.csv")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip() == f"mopskit audit: {files['dir'] / 'missing.csv'}: inventory file not found"


def test_a_json_or_text_audit_never_loads_pandas(files) -> None:  # type: ignore[no-untyped-def]
    """pandas costs about half a second to import: the CLI audit path keeps clear of it."""
    script = (
        "import sys\n"
        "from mopskit.cli import main\n"
        f"code = main(['audit', {str(files['inventory'])!r}, '--usage', {str(files['usage'])!r},"
        f" '--as-of', '2026-10-31', '--out', {str(files['dir'] / 'audit.json')!r}])\n"
        "main(['audit', sys.argv[1], '--as-of', '2026-10-31'])\n"
        "print(code, 'pandas' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(files["inventory"])],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert completed.stdout.splitlines()[-1] == "0 False"


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_when_stderr_is_a_terminal(files, monkeypatch, terminal) -> None:  # type: ignore[no-untyped-def]
    import mopskit.stack

    seen: list[bool] = []
    real = mopskit.stack.read_usage

    def spy(*args, progress=False, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(progress)
        return real(*args, progress=False, **kwargs)

    monkeypatch.setattr(mopskit.stack, "read_usage", spy)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    assert audit(files) == 0
    assert seen == [terminal]


def test_terminal_summary_cannot_carry_escape_sequences(sample_result) -> None:
    from dataclasses import replace


    from mopskit.report.text import render_text

    result = sample_result()
    sneaky = replace(result.tools[0], tool="Mailer\x1b[2J\x1b]0;owned\x07")
    text = render_text(replace(result, tools=(sneaky, *result.tools[1:])))
    assert "\x1b" not in text and "\x07" not in text
    assert "Mailer?[2J?]0;owned?" in text
