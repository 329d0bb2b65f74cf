"""Property tests of the readers people feed by hand: whatever a file holds, the answer is a result or
one ``InputError`` naming the file, never another exception (a traceback to a marketer).

Examples are drawn from the shapes people really write (names, ids, numbers as text, blanks, stray
symbols, nested lists where a value belongs) rather than random bytes alone, so most of them reach
the checks past the parser. Derandomized: the suite gives the same answer on every run.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from tempfile import TemporaryDirectory

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mopskit.course.progress import Ledger, load_room
from mopskit.errors import InputError
from mopskit.frameworks.assess import assess
from mopskit.frameworks.assess.answers import load_answers
from mopskit.frameworks.assess.framework import frameworks
from mopskit.frameworks.questionnaire import load_questionnaire

EXAMPLES = int(os.environ.get("MOPSKIT_FUZZ_EXAMPLES", "60"))
"""Examples per property in `make test`; `make fuzz` runs many more (MOPSKIT_FUZZ_EXAMPLES)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

DIMENSIONS = [dimension.id for framework in frameworks() for dimension in framework.dimensions]
WORDS = st.sampled_from(["Ana", "Bo", " Ana ", "ANA", "", " ", "n/a", "—", "1", "3", "5", "3.0", "2,5", "7", "-1",
                         "1e3", "nan", "inf", "=SUM(A1)", "true", "null", "~", "é", "名前", "\t", "q1", "q11",
                         *DIMENSIONS, "strategic planning", "Strategic-Planning", "planing"])
CELLS = st.one_of(WORDS, st.text(alphabet=string.printable + "éü€名", max_size=12))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True), WORDS)
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(WORDS, inner, max_size=5)), max_leaves=20)


def only_input_errors(write, read) -> None:  # type: ignore[no-untyped-def]
    with TemporaryDirectory() as folder:
        path = write(Path(folder))
        try:
            read(path)
        except InputError as error:
            assert error.file is not None and Path(error.file).name == path.name, error


@FUZZ
@given(st.lists(st.lists(CELLS, min_size=0, max_size=7), min_size=0, max_size=8),
       st.sampled_from(["respondent,dimension,current,target", "respondent,dimension,current,target,weight,evidence",
                        "Respondent;Dimension;Current;Target", "respondent,dimension,current", ""]))
def test_any_answers_table_gives_an_assessment_or_one_input_error(rows, header):
    def write(folder: Path) -> Path:
        separator = ";" if ";" in header else ","
        lines = [header] + [separator.join(json.dumps(cell) if separator in cell else cell for cell in row)
                            for row in rows]
        path = folder / "answers.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    only_input_errors(write, lambda path: assess(load_answers(path)))


@FUZZ
@given(st.one_of(YAML_VALUES, st.dictionaries(WORDS, st.dictionaries(st.sampled_from(DIMENSIONS), YAML_VALUES,
                                                                      max_size=4), max_size=4)))
def test_any_answers_yaml_gives_an_assessment_or_one_input_error(data):
    def write(folder: Path) -> Path:
        path = folder / "answers.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    only_input_errors(write, lambda path: assess(load_answers(path)))


STATEMENTS = st.sampled_from([f"q{number}" for number in range(0, 13)])


@FUZZ
@given(st.one_of(
    YAML_VALUES,
    st.fixed_dictionaries({"questionnaire": st.sampled_from(["mops-2x2", "other", None]),
                           "people": st.one_of(YAML_VALUES, st.dictionaries(
                               WORDS, st.dictionaries(STATEMENTS, SCALARS, max_size=11), max_size=4))}),
))
def test_any_questionnaire_gives_a_placement_or_one_input_error(data):
    def write(folder: Path) -> Path:
        path = folder / "team.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    def read(path: Path) -> None:
        report = load_questionnaire(path)
        report.headline()
        report.to_dict(show_users=True)

    only_input_errors(write, read)


@FUZZ
@given(st.text(alphabet=string.printable + "éü€名\ufeff", max_size=200))
def test_any_text_as_a_questionnaire_or_answers_file_gives_one_input_error_at_most(text):
    for name, read in (("team.yaml", load_questionnaire), ("answers.yaml", load_answers),
                       ("answers.csv", load_answers)):
        def write(folder: Path, name: str = name, text: str = text) -> Path:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            return path

        only_input_errors(write, read)


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=25),
              st.sampled_from(["mopskit.progress/1", "01.1", "passed", "failed", "2026-11-29T14:05:00Z"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["format", "name", "tasks", "01.1", "attempts", "passed",
                                                             "last_result", "last", "x"]), inner, max_size=5)),
    max_leaves=25)


@FUZZ
@given(JSON_VALUES, st.booleans())
def test_any_progress_file_in_a_room_gives_a_table_or_one_input_error(data, with_bom):
    def write(folder: Path) -> Path:
        room = folder / "room"
        (room / "ana").mkdir(parents=True)
        text = ("\ufeff" if with_bom else "") + json.dumps(data)
        (room / "ana" / ".mopskit-progress.json").write_text(text, encoding="utf-8")
        return room / "ana" / ".mopskit-progress.json"

    def read(path: Path) -> None:
        Ledger.from_json(json.loads(path.read_text(encoding="utf-8-sig")), file=path)
        load_room(path.parent.parent, ())

    only_input_errors(write, read)
