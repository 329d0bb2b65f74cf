"""The learners' handout: lessons, exercises and the kit's wheel, no solutions, every link inside it."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from mopskit.course.handout import FOLDERS, HANDOUT_NAME, MARKER, build_handout, handout_links, in_handout, publish_branch
from mopskit.errors import InputError
from mopskit.lessons.session import FACILITATOR_HAS_IT, hint, reset_hints

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    return build_handout(ROOT, tmp_path_factory.mktemp("handout"))


def test_the_handout_holds_every_lesson_and_exercise_and_the_kit_but_no_solution(handout):
    for folder in FOLDERS:
        expected = sorted(path.name for path in (ROOT / folder).glob("*.ipynb"))
        assert sorted(path.name for path in (handout.folder / folder).glob("*.ipynb")) == expected
    assert not [name for name in handout.files if "solution" in name.lower()]
    assert handout.wheels == (f"mopskit-{__import__('mopskit').__version__}-py3-none-any.whl",)
    with zipfile.ZipFile(handout.archive) as bundle:
        assert sorted(bundle.namelist()) == sorted(f"{HANDOUT_NAME}/{name}" for name in handout.files)
        for name in bundle.namelist():
            if name.endswith(".ipynb"):
                assert "exercises/solutions" not in bundle.read(name).decode("utf-8")


def test_every_link_in_the_handout_leads_to_a_file_inside_it(handout):
    links = 0
    for folder in FOLDERS:
        for notebook in (handout.folder / folder).glob("*.ipynb"):
            for link in handout_links(notebook):
                links += 1
                assert (notebook.parent / link).resolve().is_file(), f"{notebook.name} → {link}"
    assert links >= 20


def test_a_link_out_of_the_handout_stops_the_build(tmp_path):
    kit = tmp_path / "kit"
    for folder in FOLDERS:
        (kit / folder).mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            (kit / name).write_bytes((ROOT / name).read_bytes())
    (kit / "mopskit").symlink_to(ROOT / "mopskit")
    cell = {"cell_type": "markdown", "metadata": {}, "source": ["See [the answer](solutions/01.py)."]}
    (kit / "exercises" / "01-x.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                                              "nbformat_minor": 5}), encoding="utf-8")
    with pytest.raises(InputError, match=r"exercises/01-x.ipynb: links to 'solutions/01.py', which is not in"):
        build_handout(kit, tmp_path / "out")


def test_the_set_up_line_and_the_start_are_in_the_handouts_readme(handout):
    readme = (handout.folder / "README.md").read_text(encoding="utf-8")
    assert 'python -m venv .venv && .venv/bin/python -m pip install --find-links wheels "mopskit[lab]"' in readme
    assert ".venv/bin/jupyter lab notebooks/00-start-here.ipynb" in readme
    assert "your facilitator has them" in readme


def test_in_a_handout_the_last_hint_sends_learners_to_their_facilitator(handout, monkeypatch):
    assert (handout.folder / MARKER).is_file()
    monkeypatch.chdir(handout.folder / "exercises")
    assert in_handout()
    reset_hints("01.1")
    shown = [hint("01.1") for _ in range(6)]
    assert shown[-1].exhausted and shown[-1].message.endswith(FACILITATOR_HAS_IT)
    assert "solutions" not in shown[-1].message
    monkeypatch.chdir(ROOT / "exercises")
    reset_hints("01.1")
    assert not in_handout() and "exercises/solutions/" in [hint("01.1") for _ in range(6)][-1].message
    reset_hints("01.1")


def test_the_learners_branch_holds_the_handout_and_moves_only_when_it_changes(handout, tmp_path, monkeypatch):
    for variable in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(variable, "Kit")
    for variable in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(variable, "kit@example.org")
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    first = publish_branch(handout.folder, repo, "learners", "Handout")
    files = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "learners"], check=True,
                           capture_output=True, text=True).stdout.split()
    assert sorted(files) == sorted(handout.files)
    assert publish_branch(handout.folder, repo, "learners", "Handout again") == first, "no empty commit"
    (handout.folder / "README.md").write_text("changed\n", encoding="utf-8")
    second = publish_branch(handout.folder, repo, "learners", "Handout, changed")
    parent = subprocess.run(["git", "-C", str(repo), "rev-parse", f"{second}^"], check=True, capture_output=True,
                            text=True).stdout.strip()
    assert parent == first, "one commit on top, so nbgitpuller can merge it"
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], check=True, capture_output=True,
                            text=True).stdout
    assert status == "", "the repository's own working tree and index are untouched"
