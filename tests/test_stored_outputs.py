"""What a reader sees in a stored notebook: nbval compares outputs with themselves, it
does not read them, so these checks read them.

Every lesson, exercise and template notebook is stored with its outputs, and the site
shows those outputs as they are. A traceback, a warning, text that a broken join spelt
out one character at a time, or an emoji that most machines draw as an empty box would
all pass nbval and reach every reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from mopskit.content import knowledge

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("mopskit/templates/*/*.ipynb")]
)
SPELT_OUT = re.compile(r"(?<![\w])(?:[A-Za-z] {1,3}){5,}[A-Za-z](?![\w])")
"""Six or more letters each followed by spaces: "I t   o v e r l a p s" from join over a string."""
WARNING = re.compile(r"\b[A-Z]\w*Warning\b|Traceback \(most recent call last\)")
EMOJI = re.compile("[\U0001F300-\U0001FAFF\U00002600-\U000026FF\U0001F000-\U0001F2FF]")


def output_texts(output: nbformat.NotebookNode) -> list[str]:
    """Everything a reader can read in one output: plain text, and HTML as its text."""
    texts = []
    if output.get("output_type") == "stream":
        texts.append(output.get("text", ""))
    data = output.get("data", {})
    if "text/plain" in data:
        texts.append(data["text/plain"])
    if "text/html" in data:
        page = BeautifulSoup(data["text/html"], "html.parser")
        for hidden in page.find_all(["style", "script"]):
            hidden.decompose()
        texts.append(page.get_text(" "))
    if "text/markdown" in data:
        texts.append(data["text/markdown"])
    return texts


def problems(path: Path, root: Path = ROOT) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(notebook.cells):
        where = f"{path.relative_to(root)} cell {number}"
        if cell.cell_type == "markdown" and EMOJI.search(cell.source):
            found.append(f"{where}: emoji {EMOJI.search(cell.source)[0]!r} shows as a box without an emoji font")
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.output_type == "error":
                found.append(f"{where}: stores an error ({output.get('ename')})")
            if output.get("name") == "stderr":
                found.append(f"{where}: stores text written to stderr: {output.get('text', '')[:120]!r}")
            for text in output_texts(output):
                for pattern, what in ((WARNING, "a warning or traceback"), (SPELT_OUT, "text spelt out letter by letter"),
                                      (EMOJI, "an emoji that shows as a box without an emoji font")):
                    match = pattern.search(text)
                    if match:
                        found.append(f"{where}: shows {what}: {match[0]!r}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_stored_outputs_read_right(path):
    assert problems(path) == []


def test_the_checks_catch_what_they_are_for(tmp_path):
    """Each pattern above fires on the mistake it describes (so a green run means something)."""
    notebook = nbformat.v4.new_notebook()
    joined = " ".join("It overlaps")
    notebook.cells = [
        nbformat.v4.new_code_cell("x", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text=f"reasons: {joined}\n"),
            nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: soon\n"),
            nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[]),
            nbformat.v4.new_output("execute_result", data={"text/html": "<p>\U0001F4A1 Hint</p>"}),
        ]),
    ]
    path = tmp_path / "bad.ipynb"
    nbformat.write(notebook, path)
    found = "\n".join(problems(path, root=tmp_path))
    for expected in ("letter by letter", "stderr", "stores an error", "warning", "emoji"):
        assert expected in found


def test_start_here_lists_every_available_lesson():
    """Lesson 00 is where a learner finds the lessons: none that is published may be missing."""
    notebook = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    listed = text.split("## Available lessons", 1)[1]
    for lesson in knowledge.syllabus().available:
        name = lesson.filename
        if lesson.id != "00":
            assert f"]({name})" in listed, f"lesson 00 does not list available lesson {name}"
            if (ROOT / "exercises" / name).exists():
                assert f"](../exercises/{name})" in listed, f"lesson 00 does not link the exercises of {name}"


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda path: path.name)
def test_no_exercise_notebook_shows_a_hint_before_it_is_asked_for(path):
    """JupyterLab shows stored outputs before anything runs: a stored hint is a hint given unasked."""
    notebook = nbformat.read(path, as_version=4)
    hints = [cell for cell in notebook.cells if cell.cell_type == "code" and "hint(" in cell.source]
    assert hints, "every exercise notebook offers hints"
    shown = [cell.source for cell in hints if cell.outputs]
    assert not shown, f"hint cells stored with their output: {shown}"
