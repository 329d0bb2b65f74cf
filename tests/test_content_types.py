"""Typed content: every content file becomes frozen values read by attribute, a broken file is
still refused by its schema with the file and the place named, and no code outside
``mopskit/content`` reads a typed file as keys and indexes."""

from __future__ import annotations

import copy
import dataclasses
import enum
import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import nbformat
import pytest
import yaml

from mopskit import InputError
from mopskit.content import knowledge, types
from mopskit.content.cast import Cast
from mopskit.course.vocabulary import Level

ROOT = Path(__file__).resolve().parent.parent

OWN_LOADERS = {
    "personas": "mopskit.frameworks.personas",
    "operating-model": "mopskit.frameworks.assess.framework",
}
"""Content read through ``knowledge.load`` by a loader of its own (as are the quiz banks,
``mopskit.exercises.quiz.Quiz``)."""

TYPE_OF = {
    "cast": Cast,
    "definitions": tuple,
    "facts": tuple,
    "glossary": types.Glossary,
    "martech-taxonomy": types.Taxonomy,
    "modernization": types.Modernization,
    "pillars": types.Pillars,
    "sources": Mapping,
    "strategy": types.Strategy,
    "syllabus": types.Syllabus,
}
UNWRAPPED = {"definitions": "definitions", "facts": "figures"}
"""Files whose one top-level list is the typed value itself: ``figures()``, ``definitions()``."""


def raw(name: str) -> Any:
    """The file as plain YAML, to compare the typed values with."""
    return yaml.safe_load((ROOT / "mopskit" / "content" / f"{name}.yaml").read_text(encoding="utf-8"))


def same(typed: Any, data: Any, where: str) -> list[str]:
    """Where ``typed`` loses, renames or changes something ``data`` holds (every key an attribute)."""
    if isinstance(data, dict) and dataclasses.is_dataclass(typed):
        problems = [] if typed.__dataclass_params__.frozen else [f"{where}: {type(typed).__name__} is not frozen"]
        for key, value in data.items():
            if not hasattr(typed, key):
                problems.append(f"{where}.{key}: no attribute {key!r} on {type(typed).__name__}")
            else:
                problems += same(getattr(typed, key), value, f"{where}.{key}")
        return problems
    if isinstance(data, dict) and isinstance(typed, Mapping) and not isinstance(typed, dict):
        if list(typed) != list(data):
            return [f"{where}: keys {list(typed)} != {list(data)}"]
        return [problem for key in data for problem in same(typed[key], data[key], f"{where}[{key!r}]")]
    if isinstance(data, list) and isinstance(typed, tuple):
        if len(typed) != len(data):
            return [f"{where}: {len(typed)} items, the file has {len(data)}"]
        return [problem for index, item in enumerate(data) for problem in same(typed[index], item, f"{where}[{index}]")]
    if isinstance(typed, (dict, list)) or typed != data or (isinstance(data, str) and not isinstance(typed, str)):
        return [f"{where}: {typed!r} is not {data!r}"]
    return []


def test_every_content_file_has_a_typed_reader_or_a_loader_of_its_own():
    untyped = [name for name in knowledge.names()
               if name not in knowledge.TYPED and name not in OWN_LOADERS and not name.startswith("quiz-")]
    assert untyped == [], f"content without a typed reader in knowledge.TYPED: {untyped}"
    assert set(TYPE_OF) == set(knowledge.TYPED)


@pytest.mark.parametrize("name", sorted(knowledge.TYPED))
def test_every_typed_content_file_converts_to_frozen_values_holding_all_it_says(name):
    typed = knowledge.TYPED[name]()
    assert isinstance(typed, TYPE_OF[name])
    data = raw(name)
    if name in UNWRAPPED:
        data = data[UNWRAPPED[name]]
    assert same(typed, data, name) == []
    assert knowledge.TYPED[name]() is typed, "read and converted once per process"


def test_typed_values_cannot_be_changed():
    lesson = knowledge.syllabus().lessons[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.title = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        knowledge.sources()["new"] = knowledge.source("seed-001")  # type: ignore[index]
    assert isinstance(lesson.prerequisites, tuple) and isinstance(knowledge.taxonomy().subcategories, tuple)


def test_vocabularies_are_enums_that_read_as_their_words():
    syllabus = knowledge.syllabus()
    assert syllabus.levels[0].name is Level.FOUNDATIONS
    assert types.Level is Level, "the course's Level is the syllabus' Level"
    assert {lesson.level for lesson in syllabus.lessons} <= set(Level)
    lesson = syllabus.lesson("04")
    assert (lesson.slug, lesson.status, lesson.available) == ("stack-audit", types.LessonStatus.AVAILABLE, True)
    assert lesson.filename == "04-stack-audit.ipynb" and lesson.sources[0] == "seed-002"
    assert f"{lesson.level}" == "Practitioner" and json.dumps(lesson.level) == '"Practitioner"'
    assert knowledge.source("seed-001").language is types.Language.ITALIAN
    assert knowledge.pillars().duties[0].pillar is types.PillarId.PROCESS
    for value in (types.FigureUnit.SHARE, types.Qualifier.UP_TO, types.Wording.VERBATIM):
        assert isinstance(value, enum.StrEnum)


def test_the_typed_api_answers_the_questions_code_asks():
    assert knowledge.source("seed-001").date == "2023-03-24"
    assert knowledge.source("seed-000").author is None
    with pytest.raises(InputError, match="unknown source 'nobody'"):
        knowledge.source("nobody")
    with pytest.raises(InputError, match="no lesson '99'"):
        knowledge.syllabus().lesson("99")
    assert [level.name for level in knowledge.syllabus().levels] == list(Level)
    assert all(lesson.level is Level.LEADER for lesson in knowledge.syllabus().at_level("Leader"))
    assert knowledge.pillars().pillar("people").name == "People"
    assert knowledge.glossary().term("ADKAR") is not None and knowledge.glossary().term("Vibes") is None
    assert len(knowledge.taxonomy().subcategories) == 49
    assert knowledge.figure("coordination-time-share").label == "80–90%"
    with pytest.raises(InputError, match="no figure named 'vibes'; known: coordination-time-share"):
        knowledge.figure("vibes")
    assert [step.order for step in knowledge.pillars().strategy_steps] == [1, 2, 3, 4, 5]
    assert len(knowledge.strategy().rubric.criteria) >= len(knowledge.strategy().steps)


def test_files_with_loaders_of_their_own_still_load_as_read_only_data():
    for name in [*OWN_LOADERS, "quiz-01-what-is-mops"]:
        assert isinstance(knowledge.load(name), Mapping)


# --------------------------------------------------------------------------- broken files


@pytest.mark.parametrize(
    ("name", "change", "column", "words"),
    [
        ("syllabus", lambda data: data["lessons"][2].update(level="Expert"), "lessons[2].level", "must be one of"),
        ("syllabus", lambda data: data["lessons"][0].pop("minutes"), "lessons[0]", "minutes"),
        ("sources", lambda data: data["seed-001"].update(language="fr"), "seed-001.language", "must be one of"),
        ("facts", lambda data: data["figures"][1].update(unit="percent"), "figures[1].unit", "must be one of"),
        ("pillars", lambda data: data["duties"][0].update(pillar="budget"), "duties[0].pillar", "must be one of"),
        ("glossary", lambda data: data["terms"][3].pop("definition"), "terms[3]", "definition"),
        ("martech-taxonomy", lambda data: data["categories"][0].update(subcategories=[]),
         "categories[0].subcategories", "must contain at least 1"),
        ("modernization", lambda data: data["pairs"][1].update(why=""), "pairs[1].why", "must be longer"),
        ("strategy", lambda data: data["rubric"]["criteria"][0].update(step="budget"),
         "rubric.criteria[0].step", "'budget'"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_broken_file_is_refused_with_the_schemas_message_naming_file_and_place(name, change, column, words):
    data = raw(name)
    change(data)
    with pytest.raises(InputError) as caught:
        knowledge.convert(name, data)
    assert (caught.value.file, caught.value.column) == (f"mopskit/content/{name}.yaml", column)
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"mopskit/content/{name}.yaml, column '{column}': ")


@pytest.fixture
def shipped_content(monkeypatch, tmp_path):
    """Content read from ``tmp_path`` instead of the kit, with the caches emptied before and after."""
    monkeypatch.setattr(knowledge, "resources", SimpleNamespace(files=lambda package: tmp_path))
    knowledge._read.cache_clear()
    knowledge._typed.cache_clear()
    yield tmp_path
    knowledge._read.cache_clear()
    knowledge._typed.cache_clear()


def test_a_broken_shipped_file_stops_the_typed_reader_at_the_schema(shipped_content):
    text = (ROOT / "mopskit" / "content" / "syllabus.yaml").read_text(encoding="utf-8")
    lesson_07 = '    prerequisites: ["01", "02"]\n    level: Practitioner\n'
    broken = text.replace(lesson_07, lesson_07.replace("Practitioner", "Expert"), 1)
    assert broken != text
    (shipped_content / "syllabus.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        knowledge.syllabus()
    assert caught.value.file == "mopskit/content/syllabus.yaml"
    assert caught.value.column == "lessons[7].level" and "must be one of" in str(caught.value)


def test_a_typed_reader_of_a_file_with_yaml_errors_names_the_line(shipped_content):
    (shipped_content / "glossary.yaml").write_text("terms:\n  - term: A\n    term: B\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        knowledge.glossary()
    assert caught.value.file == "mopskit/content/glossary.yaml" and "term" in str(caught.value)


def test_convert_refuses_a_file_without_a_typed_form():
    with pytest.raises(InputError, match="no typed form"):
        knowledge.convert("personas", {})


# --------------------------------------------------------------------------- nobody indexes typed content

TYPED_NAMES = "|".join(re.escape(name) for name in sorted(knowledge.TYPED))
RAW_READS = [
    (re.compile(rf"""\bload\(\s*f?["'](?P<name>{TYPED_NAMES})["']\s*\)"""),
     "reads typed content as keys: use knowledge.{reader}() and attributes"),
    (re.compile(r"""\bknowledge\.source\([^()]*\)\s*(?:\[|\.get\()"""),
     "indexes a Source by key: read its attributes (.title, .year)"),
]
READER = {"facts": "figures", "martech-taxonomy": "taxonomy"}

PENDING: dict[str, str] = {}
"""Reads left for another change, path prefix -> content name (``{"mopskit/lessons/lesson04":
"martech-taxonomy"}``); an entry goes once its read is gone."""

SCANNED = ("mopskit", "tests", "docs", "scripts", "benchmarks", "notebooks", "exercises", "deploy", "binder")


def _code_files() -> list[Path]:
    found = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix not in (".py", ".ipynb") or "/." in f"/{relative}" or "__pycache__" in relative:
                continue
            if relative.startswith("mopskit/content/") or path == Path(__file__).resolve():
                continue
            found.append(path)
    return found


def _code(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = nbformat.read(path, as_version=4).cells
        return "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    return path.read_text(encoding="utf-8")


def raw_reads(path: Path) -> list[tuple[str, str]]:
    """(content name or '', what is wrong) for each read of typed content as keys in ``path``."""
    found = []
    for pattern, problem in RAW_READS:
        for match in pattern.finditer(_code(path)):
            name = match.groupdict().get("name") or ""
            found.append((name, problem.format(reader=READER.get(name, name))))
    return found


def test_no_code_outside_the_content_package_reads_typed_content_by_key():
    problems = []
    pending_seen = set()
    for path in _code_files():
        relative = path.relative_to(ROOT).as_posix()
        for name, problem in raw_reads(path):
            waiver = next((prefix for prefix, waived in PENDING.items()
                           if relative.startswith(prefix) and waived == name), None)
            if waiver is not None:
                pending_seen.add(waiver)
                continue
            problems.append(f"{relative}: {name or 'a source'} {problem}")
    assert problems == []
    assert sorted(pending_seen) == sorted(PENDING), "a pending read is gone: remove it from PENDING"


def test_the_scan_sees_raw_reads_in_code_and_notebooks(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('levels = knowledge.load("syllabus")["levels"]\nyear = knowledge.source(x)["year"]\n'
                      'quiz = knowledge.load("quiz-01-what-is-mops")\nlessons = knowledge.syllabus().lessons\n',
                      encoding="utf-8")
    assert [name for name, _ in raw_reads(module)] == ["syllabus", ""]
    notebook = tmp_path / "lesson.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("load('martech-taxonomy')")]), notebook)
    assert raw_reads(notebook) == [("martech-taxonomy",
                                    "reads typed content as keys: use knowledge.taxonomy() and attributes")]


def test_converting_the_shipped_data_gives_the_shipped_values():
    data = copy.deepcopy(knowledge._read("syllabus"))
    assert isinstance(data, dict), "the schemas check plain data, before it is typed"
    assert knowledge.convert("syllabus", data) == knowledge.syllabus()
