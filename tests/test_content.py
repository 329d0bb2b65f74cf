"""Every content file keeps its shape, so lessons, quizzes and the site can rely on it.

Schemas are JSON Schema (checked with ``jsonschema``) for the structure; the rules a
schema cannot express (ids unique, references that resolve, sort order, notebooks on
disk) are plain tests below.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mopskit import InputError
from mopskit.content import knowledge
from mopskit.content.schemas import SCHEMAS, validate
from mopskit.exercises.quiz import Quiz

ROOT = Path(__file__).resolve().parent.parent


def raw(name: str) -> Any:
    """The file as plain dicts and lists, which is what JSON Schema validates."""
    path = resources.files("mopskit.content") / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def quiz_banks() -> list[str]:
    return [name for name in knowledge.names() if name.startswith("quiz-")]


def duplicates(values) -> list:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def walk_references(value: Any, path: str = ""):
    """Yield (where, source id) for every ``source`` and ``via`` key at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("source", "via") and isinstance(item, str):
                yield f"{path}.{key}", item
            else:
                yield from walk_references(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_references(item, f"{path}[{index}]")


# --- structure -------------------------------------------------------------------------


def test_the_schemas_themselves_are_valid():
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_content_file_matches_its_schema(name):
    jsonschema.validate(raw(name), SCHEMAS[name], cls=jsonschema.Draft202012Validator)


def test_every_quiz_bank_matches_the_quiz_schema():
    assert {"quiz-01-what-is-mops", "quiz-04-stack-audit"} <= set(quiz_banks())
    for bank in quiz_banks():
        Quiz.from_dict(bank.removeprefix("quiz-"), raw(bank))  # the loader's checks are the quiz schema


def test_a_schema_rejects_a_missing_key_and_an_unknown_key_naming_the_place():
    broken = raw("syllabus")
    del broken["lessons"][0]["minutes"]
    with pytest.raises(InputError, match="minutes") as caught:
        validate("syllabus", broken, file="syllabus.yaml")
    assert (caught.value.file, caught.value.column) == ("syllabus.yaml", "lessons[0]")
    extra = raw("sources")
    extra["seed-001"]["pages"] = 3
    with pytest.raises(InputError, match="pages"):
        validate("sources", extra, file="sources.yaml")


def test_every_content_file_is_a_mapping_at_the_top():
    for name in knowledge.names():
        assert isinstance(raw(name), dict), f"{name}.yaml should hold a mapping"


# --- references ------------------------------------------------------------------------


def test_every_source_and_via_in_any_content_file_is_in_sources_yaml():
    sources = raw("sources")
    missing = [
        f"{name}.yaml{where}: '{source_id}'"
        for name in knowledge.names()
        if name != "sources"
        for where, source_id in walk_references(raw(name))
        if source_id not in sources
    ]
    assert not missing, "unknown source ids:\n" + "\n".join(missing)


def test_the_sources_a_lesson_lists_exist_and_each_has_a_date_matching_its_year():
    sources = raw("sources")
    for lesson in raw("syllabus")["lessons"]:
        missing = [source_id for source_id in lesson.get("sources", ()) if source_id not in sources]
        assert not missing, f"lesson {lesson['id']} lists unknown sources {missing}"
    for source_id, entry in sources.items():
        if "date" in entry:
            assert entry["date"].startswith(str(entry["year"])), source_id


def test_no_source_title_or_publisher_names_an_internal_file():
    for source_id, entry in raw("sources").items():
        for field in ("title", "author", "publisher"):
            assert "seed" not in str(entry[field]).casefold(), f"{source_id}.{field}"


def test_the_reference_walk_finds_nested_sources():
    found = list(walk_references({"a": [{"source": "x"}, {"b": {"via": "y"}}]}))
    assert found == [(".a[0].source", "x"), (".a[1].b.via", "y")]


def test_all_five_seeds_are_cited_once_each():
    seeds = [entry["seed"] for entry in raw("sources").values() if entry["seed"] is not None]
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


def test_via_always_points_at_a_seed_article():
    sources = raw("sources")
    for name in knowledge.names():
        for where, source_id in walk_references(raw(name)):
            if where.endswith(".via"):
                assert sources[source_id]["seed"] is not None, f"{name}.yaml{where}"


def test_the_originals_lesson_01_quotes_are_cited():
    cited = {entry["source"] for entry in raw("definitions")["definitions"]}
    cited |= {entry["source"] for entry in raw("facts")["figures"]}
    publishers = {raw("sources")[source_id]["publisher"] for source_id in cited}
    for original in ("Gartner", "Forrester", "G2", "HubSpot", "McKinsey"):
        assert any(original in publisher for publisher in publishers), original


# --- ids and values --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [("definitions", "definitions"), ("facts", "figures"), ("pillars", "pillars"),
     ("pillars", "duties"), ("pillars", "reasons"), ("pillars", "strategy_steps"),
     ("syllabus", "lessons")],
)
def test_ids_are_unique(name, key):
    assert duplicates(entry["id"] for entry in raw(name)[key]) == []


def test_quiz_question_ids_are_unique_and_each_has_exactly_one_correct_option():
    for bank in quiz_banks():
        questions = raw(bank)["questions"]
        assert duplicates(question["id"] for question in questions) == [], bank
        for question in questions:
            correct = [option for option in question["options"] if option["correct"]]
            assert len(correct) == 1, f"{bank}: '{question['id']}' has {len(correct)} correct"
            texts = [option["text"] for option in question["options"]]
            assert duplicates(texts) == [], f"{bank}: '{question['id']}' repeats an option"


def test_lesson_01_quiz_has_at_least_five_questions():
    assert len(raw("quiz-01-what-is-mops")["questions"]) >= 5


def test_lesson_04_quiz_covers_the_audits_rules_and_limits():
    questions = {question["id"] for question in raw("quiz-04-stack-audit")["questions"]}
    assert len(questions) >= 8
    assert {"gartner-versus-seats", "rules-order", "flat-fee-waste", "no-data", "shadow-it"} <= questions


def test_every_quiz_bank_belongs_to_a_lesson_in_the_syllabus():
    lessons = {f"quiz-{lesson['id']}-{lesson['slug']}" for lesson in raw("syllabus")["lessons"]}
    assert [bank for bank in quiz_banks() if bank not in lessons] == []


def test_figures_are_ordered_ranges_and_shares_are_fractions():
    for fact in raw("facts")["figures"]:
        assert fact["low"] <= fact["high"], fact["id"]
        if fact["unit"] == "share":
            assert fact["high"] <= 1, f"{fact['id']}: shares are fractions, 0.8 not 80"
        if fact["qualifier"] == "range":
            assert fact["low"] < fact["high"], fact["id"]
        if fact["qualifier"] in ("exactly", "more-than", "about"):
            assert fact["low"] == fact["high"], fact["id"]


def test_the_lesson_01_figures_match_the_seeds():
    figures = {fact["id"]: (fact["low"], fact["high"]) for fact in raw("facts")["figures"]}
    assert figures["coordination-time-share"] == (0.80, 0.90)
    assert figures["mops-effectiveness-uplift"] == (0.15, 0.25)
    assert figures["no-formal-content-strategy"] == (0.84, 0.84)
    assert figures["cost-increase-without-framework"][1] == 0.25
    assert figures["cx-hq-ecosystem-share"] == (0.80, 0.80)


def test_every_pillar_has_duties_and_strategy_steps_run_one_to_n():
    content = raw("pillars")
    used = Counter(duty["pillar"] for duty in content["duties"])
    assert set(used) == {"people", "process", "technology"}
    assert len(content["duties"]) == 8, "Emanuele Villa's article lists eight duties"
    orders = [step["order"] for step in content["strategy_steps"]]
    assert orders == list(range(1, len(orders) + 1))


def test_definitions_cover_gartner_forrester_g2_and_hubspot():
    ids = [entry["id"] for entry in raw("definitions")["definitions"]]
    assert ids == ["gartner", "forrester-siriusdecisions", "g2", "hubspot"]


def test_aliases_do_not_point_at_two_organisations():
    names = [
        alias.casefold()
        for entry in raw("definitions")["definitions"]
        for alias in [entry["organisation"], *entry["aliases"]]
    ]
    assert duplicates(names) == []


# --- glossary --------------------------------------------------------------------------


def test_glossary_is_sorted_by_term_ignoring_case():
    terms = [entry["term"] for entry in raw("glossary")["terms"]]
    assert terms == sorted(terms, key=str.casefold)
    assert duplicates(term.casefold() for term in terms) == []


def test_glossary_see_also_names_terms_in_the_glossary_and_never_itself():
    entries = raw("glossary")["terms"]
    terms = {entry["term"] for entry in entries}
    for entry in entries:
        assert entry["term"] not in entry["see_also"], entry["term"]
        unknown = [other for other in entry["see_also"] if other not in terms]
        assert unknown == [], f"{entry['term']}: unknown see_also {unknown}"


# --- syllabus against the files on disk ------------------------------------------------


def test_syllabus_levels_are_the_three_in_order_and_each_lesson_uses_one():
    content = raw("syllabus")
    assert [level["name"] for level in content["levels"]] == [
        "Foundations", "Practitioner", "Leader"]
    lesson_ids = [lesson["id"] for lesson in content["lessons"]]
    assert lesson_ids == sorted(lesson_ids)
    assert duplicates(lesson["slug"] for lesson in content["lessons"]) == []


def test_lesson_04_is_the_stack_audit():
    lessons = {lesson["id"]: lesson for lesson in raw("syllabus")["lessons"]}
    assert lessons["04"]["slug"] == "stack-audit"


def test_available_lessons_have_their_notebook_on_disk():
    for lesson in raw("syllabus")["lessons"]:
        if lesson["status"] == "available":
            notebook = ROOT / "notebooks" / f"{lesson['id']}-{lesson['slug']}.ipynb"
            assert notebook.is_file(), f"lesson {lesson['id']} is available but {notebook} is missing"


def test_every_notebook_and_exercise_on_disk_is_a_lesson_in_the_syllabus():
    in_syllabus = {f"{lesson['id']}-{lesson['slug']}.ipynb" for lesson in raw("syllabus")["lessons"]}
    on_disk = sorted(path.name for folder in ("notebooks", "exercises")
                     for path in (ROOT / folder).glob("*.ipynb"))
    assert on_disk, "the kit ships lesson notebooks"
    assert [name for name in on_disk if name not in in_syllabus] == []
