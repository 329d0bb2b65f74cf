"""Learners see sources by author, publication and date, never the kit's internal file numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mopskit.content import knowledge

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb"),
                    *ROOT.glob("mopskit/templates/*/*.ipynb")])
INTERNAL = re.compile(r"seed[ -_]?0\d\d|seed article|seeds?\b", re.IGNORECASE)


def _visible_text(path: Path) -> list[tuple[str, str]]:
    """(where, text) for every markdown cell and every stored text or HTML output."""
    found = []
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "markdown":
            found.append((f"cell {number} (markdown)", "".join(cell["source"])))
        for output in cell.get("outputs", ()):
            texts = [output.get("text", "")]
            for kind in ("text/plain", "text/html", "text/markdown"):
                texts.append(output.get("data", {}).get(kind, ""))
            for text in texts:
                found.append((f"cell {number} (output)", "".join(text) if isinstance(text, list) else text))
    return found


def test_the_pattern_catches_the_ways_internal_numbers_were_written():
    for text in ("seed 000", "Seed 001's order", "seed-002", "seed article 004", "the seeds"):
        assert INTERNAL.search(text), text
    assert not INTERNAL.search("a seeded random generator")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_notebook_shows_an_internal_source_number(path):
    leaks = [f"{where}: …{text[max(0, m.start() - 40):m.end() + 40]}…"
             for where, text in _visible_text(path) for m in [INTERNAL.search(text)] if m]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("bank", [name for name in knowledge.names() if name.startswith("quiz-")])
def test_no_quiz_text_names_an_internal_source_number(bank):
    for question in knowledge.load(bank)["questions"]:
        texts = [question["prompt"]] + [option[key] for option in question["options"]
                                        for key in ("text", "feedback")]
        assert not any(INTERNAL.search(text) for text in texts), question["id"]


def test_no_glossary_definition_or_figure_names_an_internal_source_number():
    for term in knowledge.glossary().terms:
        assert not INTERNAL.search(term.definition), term.term
    for figure in knowledge.figures():
        assert not INTERNAL.search(figure.claim + " " + (figure.note or "")), figure.id
