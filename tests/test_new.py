"""`mopskit new`: list templates, copy one, never overwrite unasked; the copy runs."""

import errno
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from importlib import resources
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import mopskit
from mopskit import InputError, templates as scaffold
from mopskit.ops import timeuse
from mopskit.cli import main
from mopskit.commands.new import format_template_list

TEMPLATE = "coordination-time"
PACKAGE_ROOT = Path(mopskit.__file__).resolve().parent


def expected_files(destination: Path) -> dict[Path, bytes]:
    """Every file a copy of the template must produce, with the bytes it must hold."""
    folder = resources.files("mopskit") / "templates" / TEMPLATE
    files = {
        destination / "coordination-time.ipynb": (folder / "coordination-time.ipynb").read_bytes(),
        destination / "README.md": (folder / "README.md").read_bytes(),
        destination / "activities.yaml": (folder / "activities.yaml").read_bytes(),
        destination / "data" / "time-log.csv": (
            resources.files("mopskit") / "data" / "coordination-time" / "time-log.csv"
        ).read_bytes(),
    }
    return files


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_registry_finds_the_template_and_its_files():
    template = scaffold.get_template(TEMPLATE)
    assert template in scaffold.list_templates()
    assert template.files == ("README.md", "activities.yaml", "coordination-time.ipynb")
    assert template.data == ("coordination-time/time-log.csv",)
    assert template.notebook == "coordination-time.ipynb"
    assert template.description and "\n" not in template.description


def test_list_prints_each_name_and_description(capsys):
    assert main(["new", "--list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    templates = scaffold.list_templates()
    assert len(templates) >= 2 and len(lines) == len(templates)
    for template, line in zip(templates, lines):
        name, description = line.split(maxsplit=1)
        assert (name, description) == (template.name, template.description)


def test_list_aligns_descriptions():
    short = scaffold.Template("ab", "Ab", "first one", ("ab.ipynb",), ())
    long = scaffold.Template("abcdef", "Abcdef", "second one", ("abcdef.ipynb",), ())
    lines = format_template_list((short, long)).splitlines()
    assert lines == ["ab      first one", "abcdef  second one"]


def test_new_copies_files_and_data_into_a_new_folder_and_says_what_next(tmp_path, capsys):
    destination = tmp_path / "team" / "time"
    assert main(["new", TEMPLATE, str(destination)]) == 0
    expected = expected_files(destination)
    assert files_under(destination) == set(expected)
    for path, content in expected.items():
        assert path.read_bytes() == content, path
    out = capsys.readouterr().out
    for relative in ("coordination-time.ipynb", "README.md", "activities.yaml", "data/time-log.csv"):
        assert f"  {relative}\n" in out
    assert f"jupyter lab {destination / 'coordination-time.ipynb'}" in out


def test_existing_file_stops_the_copy_before_anything_is_written(tmp_path, capsys):
    destination = tmp_path / "team"
    destination.mkdir()
    (destination / "README.md").write_text("our own notes", encoding="utf-8")
    assert main(["new", TEMPLATE, str(destination)]) == 2
    err = capsys.readouterr().err
    assert str(destination / "README.md") in err
    assert "--force" in err and "nothing was written" in err
    assert files_under(destination) == {destination / "README.md"}
    assert (destination / "README.md").read_text(encoding="utf-8") == "our own notes"


def test_force_overwrites_and_restores_every_file(tmp_path, capsys):
    destination = tmp_path / "team"
    assert main(["new", TEMPLATE, str(destination)]) == 0
    (destination / "activities.yaml").write_text("edited", encoding="utf-8")
    (destination / "data" / "time-log.csv").unlink()
    assert main(["new", TEMPLATE, str(destination)]) == 2
    assert "and 2 more" in capsys.readouterr().err
    assert not (destination / "data" / "time-log.csv").exists()
    assert main(["new", TEMPLATE, str(destination), "--force"]) == 0
    for path, content in expected_files(destination).items():
        assert path.read_bytes() == content, path
    assert not [path for path in destination.rglob(".*") if path.is_file()], "no temporary files left"


def test_unknown_template_exits_2_and_lists_the_known_ones(tmp_path, capsys):
    assert main(["new", "no-such-template", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-template" in err and TEMPLATE in err
    assert not (tmp_path / "x").exists()


def test_destination_that_is_a_file_exits_2(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    assert main(["new", TEMPLATE, str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "is a file" in err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_destination_under_a_file_exits_2(tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me", encoding="utf-8")
    assert main(["new", TEMPLATE, str(blocker / "team")]) == 2
    assert str(blocker) in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_a_failed_write_is_an_input_error_naming_the_file(tmp_path, monkeypatch):
    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(InputError) as caught:
        scaffold.copy_template(scaffold.plan_copy(TEMPLATE, tmp_path))
    assert caught.value.file == str(tmp_path / "README.md")
    assert "cannot write: No space left on device" in str(caught.value)
    assert not files_under(tmp_path), "no file and no temporary file is left"


class _AppearsWhenRead:
    """A template file whose reading creates the target: someone saves a file there between
    the copy's check for conflicts and its write."""

    def __init__(self, source, target: Path) -> None:
        self.source, self.target = source, target

    def read_bytes(self) -> bytes:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.target.write_text("saved meanwhile", encoding="utf-8")
        return self.source.read_bytes()


def test_a_file_that_appears_during_the_copy_is_not_overwritten(tmp_path):
    plan = scaffold.plan_copy(TEMPLATE, tmp_path / "team")
    racing = plan.files[1]
    raced = replace(racing, source=_AppearsWhenRead(racing.source, racing.target))
    plan = replace(plan, files=(plan.files[0], raced, *plan.files[2:]))
    with pytest.raises(InputError, match="already exists") as caught:
        scaffold.copy_template(plan)
    assert caught.value.file == str(racing.target)
    assert "after writing 1 of" in str(caught.value)
    assert racing.target.read_text(encoding="utf-8") == "saved meanwhile"
    assert scaffold.copy_template(plan, force=True)
    assert racing.target.read_bytes() == racing.source.read_bytes()


def test_a_file_where_a_folder_goes_stops_the_copy_even_with_force(tmp_path, capsys):
    destination = tmp_path / "team"
    destination.mkdir()
    (destination / "data").write_text("not a folder", encoding="utf-8")
    assert main(["new", TEMPLATE, str(destination), "--force"]) == 2
    assert str(destination / "data") in capsys.readouterr().err
    assert files_under(destination) == {destination / "data"}


def test_missing_name_or_destination_exits_2(capsys):
    assert main(["new"]) == 2
    assert TEMPLATE in capsys.readouterr().err
    assert main(["new", TEMPLATE]) == 2
    assert "DEST" in capsys.readouterr().err


def test_plan_lists_conflicts_without_writing(tmp_path):
    plan = scaffold.plan_copy(TEMPLATE, tmp_path)
    assert plan.conflicts() == ()
    (tmp_path / "activities.yaml").write_text("x", encoding="utf-8")
    assert plan.conflicts() == (tmp_path / "activities.yaml",)
    with pytest.raises(InputError) as caught:
        scaffold.copy_template(plan)
    assert caught.value.file == str(tmp_path / "activities.yaml")
    assert files_under(tmp_path) == {tmp_path / "activities.yaml"}


def test_templates_are_found_inside_a_zipped_package(tmp_path):
    """An installed wheel may be a zip; importlib.resources must still find the files."""
    archive = tmp_path / "mopskit.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in PACKAGE_ROOT.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                bundle.write(path, Path("mopskit") / path.relative_to(PACKAGE_ROOT))
    script = (
        "import sys, mopskit, pathlib\n"
        "from mopskit import templates as scaffold\n"
        "assert mopskit.__file__.startswith(sys.argv[1]), mopskit.__file__\n"
        f"plan = scaffold.plan_copy('{TEMPLATE}', sys.argv[2])\n"
        "written = scaffold.copy_template(plan)\n"
        "print(sorted(p.relative_to(sys.argv[2]).as_posix() for p in written))\n"
    )
    destination = tmp_path / "copy"
    environment = {**os.environ, "PYTHONPATH": str(archive)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(archive), str(destination)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(
        ["README.md", "activities.yaml", "coordination-time.ipynb", "data/time-log.csv"]
    )
    assert files_under(destination) == set(expected_files(destination))


def test_the_copied_notebook_runs_in_its_new_folder(tmp_path, capsys):
    destination = tmp_path / "team"
    assert main(["new", TEMPLATE, str(destination)]) == 0
    notebook = nbformat.read(destination / "coordination-time.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(destination)}},
    ).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    pages = [output.data["text/html"] for output in outputs if "text/html" in output.get("data", {})]
    assert any('class="mopskit-result"' in page and "coordination and approval" in page for page in pages)
    assert any("mopskit-chart" in output.get("data", {}).get("text/html", "") for output in outputs)  # the chart, as SVG
    texts = [output.data["text/plain"] for output in outputs if "text/plain" in output.get("data", {})]
    sample = destination / "data" / "time-log.csv"
    assert repr(timeuse.load_time_log(sample)) in texts
