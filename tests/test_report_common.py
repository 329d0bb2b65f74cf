"""The tests of `report.write`: formats, atomic writes, never overwriting unasked.

The hand-built audit results the report tests share are fixtures in ``conftest.py``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mopskit import InputError, report
from mopskit.io import files


# --- report.write: format by suffix, atomic, never overwrites unless asked -------------


@pytest.mark.parametrize("suffix", [".html", ".xlsx", ".md", ".json", ".HTML"])
def test_write_picks_the_format_from_the_suffix(sample_result, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"audit{suffix}"
    written = report.write(sample_result(), target)
    assert written == target
    head = target.read_bytes()[:64]
    expected = {".html": b"<!doctype html>", ".xlsx": b"PK", ".md": b"# Martech stack audit", ".json": b"{"}
    assert head.lower().startswith(expected[suffix.lower()].lower())


def test_write_refuses_an_unknown_suffix_and_names_the_supported_ones(sample_result, tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), tmp_path / "audit.pdf")
    message = str(raised.value)
    assert "audit.pdf" in message
    for suffix in (".html", ".xlsx", ".md", ".json"):
        assert suffix in message
    assert list(tmp_path.iterdir()) == []


def test_write_never_overwrites_without_force(sample_result, tmp_path: Path) -> None:
    target = tmp_path / "audit.md"
    target.write_text("the team's own notes\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), target)
    assert raised.value.file == str(target)
    assert "already exists" in str(raised.value) and "force=True" in str(raised.value)
    assert "--force" not in str(raised.value), "Python callers are told the argument, not the option"
    assert target.read_text(encoding="utf-8") == "the team's own notes\n"
    assert [path.name for path in tmp_path.iterdir()] == ["audit.md"]  # no temp file left behind


def test_write_overwrites_with_force_and_keeps_the_file_mode(sample_result, tmp_path: Path) -> None:
    target = tmp_path / "audit.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    report.write(sample_result(), target, force=True)
    assert target.read_text(encoding="utf-8").startswith("# Martech stack audit")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_ordinary_permissions_not_temp_file_ones(sample_result, tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    report.write(sample_result(), target)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_failed_render_leaves_no_file_and_no_temp_file(sample_result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> None:
        raise OSError("disk full")

    target = tmp_path / "audit.md"
    monkeypatch.setattr(files, "_write_and_sync", lambda handle, data: broken(data))
    with pytest.raises(InputError, match="disk full"):
        report.write(sample_result(), target)
    assert list(tmp_path.iterdir()) == []


def test_write_names_a_missing_folder(sample_result, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "audit.html"
    with pytest.raises(InputError) as raised:
        report.write(sample_result(), target)
    assert raised.value.file == str(target)
    assert "folder" in str(raised.value)


def test_write_refuses_a_folder_as_target_even_with_force(sample_result, tmp_path: Path) -> None:
    target = tmp_path / "audit.html"
    target.mkdir()
    with pytest.raises(InputError, match="folder"):
        report.write(sample_result(), target, force=True)
    assert target.is_dir()


def test_check_targets_validates_every_path_before_anything_is_written(tmp_path: Path) -> None:
    existing = tmp_path / "audit.json"
    existing.write_text("{}", encoding="utf-8")
    paths = [tmp_path / "audit.html", existing]
    with pytest.raises(InputError) as raised:
        report.check_targets(paths)
    assert raised.value.file == str(existing)
    assert report.check_targets(paths, force=True) == paths
    with pytest.raises(InputError, match="more than once"):
        report.check_targets([tmp_path / "a.md", tmp_path / "." / "a.md"], force=True)
    with pytest.raises(InputError, match=r"\.xlsx"):
        report.check_targets([tmp_path / "a.csv"])


def test_atomic_write_replaces_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The target is only ever touched by os.replace/os.link of a finished temp file."""
    seen: list[tuple[str, bytes]] = []
    real_replace = os.replace

    def spying_replace(source: str, destination: str) -> None:
        seen.append((Path(source).parent.name, Path(source).read_bytes()))
        real_replace(source, destination)

    target = tmp_path / "audit.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", spying_replace)
    files.write_atomic(target, b"new\n", force=True)
    assert seen == [(tmp_path.name, b"new\n")]
    assert target.read_bytes() == b"new\n"


def test_users_appear_in_no_report_unless_asked(report_emails, sample_result, tmp_path: Path) -> None:
    result = sample_result()
    for suffix in (".html", ".md", ".xlsx", ".json"):
        hidden = report.write(result, tmp_path / f"hidden{suffix}")
        shown = report.write(result, tmp_path / f"shown{suffix}", show_users=True)
        assert not any(_contains(hidden, email) for email in report_emails), suffix
        assert all(_contains(shown, email) for email in report_emails), suffix


def _contains(path: Path, text: str) -> bool:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        return any(
            isinstance(cell.value, str) and text in cell.value
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
        )
    return text in path.read_text(encoding="utf-8")
