"""No dead end: a lesson notebook, an exercises notebook or a docs page links only to lessons
that are available, and a lesson asks only for available lessons first. Lessons flip from
planned to available in the syllabus; these checks follow it, whatever lessons there are."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from mopskit.content import knowledge

ROOT = Path(__file__).resolve().parent.parent
SYLLABUS = knowledge.syllabus()
LESSONS = {lesson.id: lesson for lesson in SYLLABUS.lessons}
LESSON_LINK = re.compile(r"""(?:\]\(|href=["'])(?P<target>[^)"'\s]*?(?P<id>\d{2})-(?P<slug>[a-z0-9-]+)\.(?:ipynb|html))""")
SOURCES = sorted(
    [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("docs/**/*.md")]
)


def texts(path: Path) -> list[str]:
    """What a reader can follow in ``path``: Markdown, and for a notebook its markdown cells and
    the HTML or Markdown its stored outputs show."""
    if path.suffix == ".md":
        return [path.read_text(encoding="utf-8")]
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            found.append(cell.source)
        for output in cell.get("outputs", ()):
            data = output.get("data", {})
            found += [str(data[kind]) for kind in ("text/html", "text/markdown") if kind in data]
    return found


def dead_ends(text: str) -> list[str]:
    problems = []
    for match in LESSON_LINK.finditer(text):
        lesson = LESSONS.get(match["id"])
        if lesson is None:
            problems.append(f"{match['target']}: lesson {match['id']} is not in the syllabus")
        elif lesson.slug != match["slug"]:
            problems.append(f"{match['target']}: lesson {match['id']} is '{lesson.slug}'")
        elif not lesson.available:
            problems.append(f"{match['target']}: lesson {match['id']} is {lesson.status}, not available")
    return problems


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_link_leads_to_a_lesson_that_is_not_available(path):
    problems = [problem for text in texts(path) for problem in dead_ends(text)]
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


def test_the_link_finder_sees_markdown_and_html_links_and_judges_them():
    planned = next((lesson for lesson in SYLLABUS.lessons if not lesson.available), None)
    available = SYLLABUS.available[0]
    good = f"{available.id}-{available.slug}"
    assert dead_ends(f"see [it](../notebooks/{good}.ipynb) and <a href='{good}.html'>x</a>") == []
    assert dead_ends("[x](42-nothing.ipynb)") == ["42-nothing.ipynb: lesson 42 is not in the syllabus"]
    assert dead_ends(f"[x]({available.id}-renamed.ipynb)")
    if planned is not None:
        assert dead_ends(f'<a href="{planned.filename}">next</a>') == [
            f"{planned.filename}: lesson {planned.id} is planned, not available"
        ]


def test_every_published_notebook_belongs_to_an_available_lesson():
    for path in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")]:
        lesson = LESSONS.get(path.name[:2])
        assert lesson is not None and lesson.available, path.name
        assert path.name == lesson.filename


@pytest.mark.parametrize("lesson", SYLLABUS.lessons, ids=lambda lesson: lesson.id)
def test_prerequisites_are_earlier_lessons_and_available_before_the_lesson_is(lesson):
    for other in lesson.prerequisites:
        assert other in LESSONS, f"lesson {lesson.id} asks for lesson {other}, which the syllabus lacks"
        assert other < lesson.id, f"lesson {lesson.id} asks for a later lesson, {other}"
        if lesson.available:
            assert LESSONS[other].available, (
                f"lesson {lesson.id} is available but asks for lesson {other} first, which is not")
