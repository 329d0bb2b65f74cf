"""One set of report options for every command: --out, --force, --show-users, one writer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from mopskit import InputError
from mopskit.commands._report_options import add_report_options, check_report_targets, write_reports
from mopskit.stack.model import AuditResult


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_report_options(parser, AuditResult)
    return parser.parse_args(list(argv))


def test_options_default_to_no_report_no_overwrite_and_no_users() -> None:
    args = parse()
    assert (args.out, args.force, args.show_users) == ([], False, False)
    args = parse("--out", "a.html", "--out", "a.json", "--force", "--show-users")
    assert (args.out, args.force, args.show_users) == (["a.html", "a.json"], True, True)


def test_help_names_the_formats_of_the_result_type(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        parse("--help")
    assert ".html, .xlsx, .md, .json" in capsys.readouterr().out


def test_targets_are_checked_against_the_inputs_and_the_formats(tmp_path: Path) -> None:
    source = tmp_path / "inventory.csv"
    source.write_text("tool\n", encoding="utf-8")
    with pytest.raises(InputError, match="never overwrites its input"):
        check_report_targets(parse("--out", str(source.with_suffix(".md")), "--force"), [source.with_suffix(".md")])
    with pytest.raises(InputError, match="unknown report format"):
        check_report_targets(parse("--out", str(tmp_path / "a.pdf")), [source])
    assert check_report_targets(parse("--out", str(tmp_path / "a.md")), [source]) == [tmp_path / "a.md"]


def test_write_reports_writes_all_says_so_and_keeps_users_out_unless_asked(tmp_path: Path, capsys, sample_result, report_emails) -> None:  # type: ignore[no-untyped-def]
    outs = [tmp_path / "a.md", tmp_path / "a.json"]
    args = parse(*[arg for out in outs for arg in ("--out", str(out))])
    assert write_reports(args, sample_result(), inputs=[]) == outs
    assert capsys.readouterr().out.splitlines() == [f"wrote {out}" for out in outs]
    assert not any(email in out.read_text(encoding="utf-8") for out in outs for email in report_emails)
    shown = tmp_path / "shown.json"
    write_reports(parse("--out", str(shown), "--show-users"), sample_result(), inputs=[])
    assert json.loads(shown.read_text(encoding="utf-8"))["tools"][0]["user_emails"] == list(report_emails[:2])


def test_an_existing_report_stops_the_whole_set(tmp_path: Path, sample_result) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "b.json"
    existing.write_text("{}", encoding="utf-8")
    args = parse("--out", str(tmp_path / "a.md"), "--out", str(existing))
    with pytest.raises(InputError, match="already exists"):
        write_reports(args, sample_result(), inputs=[])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b.json"]
