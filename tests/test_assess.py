"""The maturity self-assessment core: reading answers, the rules they must follow, and the
gaps, priorities, spread and trend computed from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from mopskit import InputError, report
from mopskit.frameworks.assess import (
    ASSESS_SCHEMA, CONVERSATION_NOTE, Assessment, assess, load_answers, load_previous,
)
from mopskit.report import document_of

SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "maturity-assessment"
HEADER = "respondent,dimension,current,target,weight,evidence\n"


def write(tmp_path: Path, body: str, name: str = "answers.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


TEAM = """\
Ana,strategic-planning,2,4,,Calendar only
Ben,strategic-planning,2,4,,
Cid,strategic-planning,3,4,,
Ana,financial-management,1,3,,
Ben,financial-management,3,3,,
Cid,financial-management,4,4,,
Ana,performance-measurement,2,3,2,
Ben,performance-measurement,2,3,2,
Cid,performance-measurement,2,3,2,
"""


@pytest.fixture
def team(tmp_path: Path) -> Assessment:
    return assess(load_answers(write(tmp_path, TEAM)))


# --- computing -------------------------------------------------------------------------------


def test_median_gap_and_priority_per_dimension(team):
    planning = team.dimension("strategic-planning")
    assert (planning.current, planning.target, planning.gap) == (2, 4, 2)
    assert planning.priority == 2  # default weight 1
    measurement = team.dimension("performance-measurement")
    assert (measurement.gap, measurement.weight, measurement.priority) == (1, 2, 2)
    finance = team.dimension("financial-management")
    assert (finance.current, finance.target, finance.gap) == (3, 3, 0)


def test_ranking_puts_the_weighted_gap_first_and_breaks_ties_by_gap(team):
    # planning: gap 2 x 1 = 2; measurement: gap 1 x 2 = 2; the larger gap ranks first
    assert [item.id for item in team.ranked] == ["strategic-planning", "performance-measurement",
                                                 "financial-management"]
    assert team.biggest_gap.id == "strategic-planning"
    assert [item.rank for item in team.ranked] == [1, 2, 3]


def test_spread_of_two_levels_is_a_disagreement_and_one_level_is_not(team):
    assert team.dimension("financial-management").spread == 3
    assert team.dimension("strategic-planning").spread == 1
    assert [item.id for item in team.disagreements] == ["financial-management"]


def test_median_of_an_even_team_may_fall_between_levels(tmp_path):
    result = assess(load_answers(write(tmp_path, "A,planning,2,3\nB,planning,3,4\nA,enablement,1,2\n"
                                                 "B,enablement,1,2\n", header="respondent,dimension,current,target\n")))
    assert result.framework.id == "siriusdecisions"
    assert result.dimension("planning").current == 2.5


def test_framework_is_chosen_by_the_dimension_ids_and_names_are_accepted(tmp_path):
    answers = load_answers(write(tmp_path, "A,Strategic planning,2,3,,\nA,LEARNING-DEVELOPMENT,1,2,,\n"))
    assert answers.framework.id == "ghantous"
    assert {a.dimension for a in answers.answers} == {"strategic-planning", "learning-development"}


def test_every_report_says_it_is_a_conversation_starter(team, tmp_path):
    assert team.notes[0] == CONVERSATION_NOTE
    for suffix in (".md", ".html", ".json"):
        text = report.render(team, suffix).decode("utf-8")
        assert "conversation starter, not a measurement instrument" in text, suffix


def test_target_below_current_is_kept_and_noted_not_refused(tmp_path):
    answers = load_answers(write(tmp_path, "A,strategic-planning,4,3,,\nB,strategic-planning,2,3,,\n"))
    assert answers.answers[0].target == 3
    assert any("row 2" in note and "below the current" in note for note in answers.notes)
    assert any("below the current" in note for note in assess(answers).notes)


def test_yaml_answers_give_the_same_result_as_a_table(tmp_path):
    yaml_file = tmp_path / "answers.yaml"
    yaml_file.write_text(
        "Ana:\n  strategic-planning: {current: 2, target: 4, evidence: Calendar only}\n"
        "  financial-management: {current: 1, target: 3}\n"
        "  performance-measurement: {current: 2, target: 3, weight: 2}\n"
        "Ben:\n  strategic-planning: {current: 2, target: 4}\n  financial-management: {current: 3, target: 3}\n"
        "  performance-measurement: {current: 2, target: 3, weight: 2}\n"
        "Cid:\n  strategic-planning: {current: 3, target: 4}\n  financial-management: {current: 4, target: 4}\n"
        "  performance-measurement: {current: 2, target: 3, weight: 2}\n",
        encoding="utf-8")
    from_yaml = assess(load_answers(yaml_file)).to_dict()
    from_csv = assess(load_answers(write(tmp_path, TEAM))).to_dict()
    assert from_yaml == from_csv


def test_xlsx_answers_are_read_through_the_shared_table_reader(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Maturity answers, Q4"])  # a title row above the header
    sheet.append(["Respondent", "Dimension", "Current", "Target"])
    sheet.append(["Ana", "planning", 2.0, 4])
    sheet.append(["Ben", "planning", 3, 4])
    path = tmp_path / "answers.xlsx"
    workbook.save(path)
    result = assess(load_answers(path))
    assert result.dimension("planning").current == 2.5
    assert result.respondents == ("Ana", "Ben")


def test_respondents_are_named_in_json_only_when_asked(team):
    quiet = json.dumps(team.to_dict())
    assert "Ana" not in quiet and "Cid" not in quiet
    shown = team.to_dict(show_users=True)
    assert shown["respondent_names"] == ["Ana", "Ben", "Cid"]
    assert shown["dimensions"][0]["scores"][0] == {"respondent": "Ana", "current": 2, "target": 4}
    assert team.to_dict()["schema"] == ASSESS_SCHEMA
    html = report.render(team, ".html").decode("utf-8")
    assert "Ana" not in html
    assert "Ana" in report.render(team, ".html", show_users=True).decode("utf-8")


def test_document_has_the_cards_sections_and_radar(team):
    document = document_of(team)
    assert [card.label for card in document.cards] == ["Dimensions", "Respondents", "Biggest gap", "Disagreements"]
    assert document.cards[2].value == "Strategic planning"
    titles = [section.short_title for section in document.sections]
    assert titles == ["Gaps", "Team"]  # no trend without an earlier run, no names without asking
    chart = document.sections[0].charts[0]
    figure = chart.figure()
    assert len(figure.axes) == 1 and figure.axes[0].name == "polar"
    team_table = document.sections[1].table
    flagged = [row.values["dimension"] for row in team_table.rows if row.values["flag"] == "yes"]
    assert flagged == ["Financial management"]


# --- comparing with an earlier run -------------------------------------------------------------


def test_previous_run_gives_the_change_per_dimension(team, tmp_path):
    earlier_answers = write(tmp_path, "Ana,strategic-planning,1,4,,\nAna,financial-management,3,3,,\n",
                            name="earlier.csv")
    earlier_json = tmp_path / "earlier.json"
    report.write(assess(load_answers(earlier_answers)), earlier_json)
    result = assess(load_answers(write(tmp_path, TEAM)), previous=earlier_json)
    changes = {change.dimension.id: change for change in result.trend}
    assert changes["strategic-planning"].change == 1
    assert changes["strategic-planning"].gap_change == -1
    assert changes["financial-management"].change == 0
    assert changes["performance-measurement"].change is None  # not scored before
    assert result.to_dict()["trend"][0]["change"] == 1
    assert "Trend" in [section.short_title for section in document_of(result).sections]


def test_previous_run_of_another_framework_or_not_a_report_is_refused(team, tmp_path):
    other = tmp_path / "other.json"
    report.write(assess(load_answers(write(tmp_path, "A,planning,1,2,,\n", name="o.csv"))), other)
    with pytest.raises(InputError, match="compare runs of one framework"):
        assess(load_answers(write(tmp_path, TEAM)), previous=other)
    audit_like = tmp_path / "audit.json"
    audit_like.write_text('{"schema": "mopskit.audit/2"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a report of 'mopskit assess'") as caught:
        load_previous(audit_like)
    assert caught.value.file == str(audit_like)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON report"):
        load_previous(broken)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "column", "message"), [
    ("Ana,strategic-planning,6,4,,", "current", "outside the scale"),
    ("Ana,strategic-planning,0,4,,", "current", "outside the scale"),
    ("Ana,strategic-planning,2,4.5,,", "target", "not a whole level"),
    ("Ana,strategic-planning,two,4,,", "current", "not a number"),
    ("Ana,strategic-planning,,4,,", "current", "empty"),
    (",strategic-planning,2,4,,", "respondent", "respondent is empty"),
    ("Ana,strategic-planing,2,4,,", "dimension", "did you mean 'strategic-planning'"),
    ("Ana,strategic-planning,2,4,0,", "weight", "above 0"),
])
def test_a_bad_cell_names_file_row_and_column(tmp_path, row, column, message):
    path = write(tmp_path, "Ben,financial-management,2,3,,\n" + row + "\n")
    with pytest.raises(InputError, match=message) as caught:
        load_answers(path)
    error = caught.value
    assert (error.file, error.row, error.column) == (str(path), 3, column)
    assert "\n" not in str(error)


def test_the_same_respondent_twice_for_one_dimension_is_refused(tmp_path):
    path = write(tmp_path, "Ana,strategic-planning,2,4,,\nBen,strategic-planning,2,4,,\n"
                           "ana ,Strategic planning,3,4,,\n")
    with pytest.raises(InputError, match="twice") as caught:
        load_answers(path)
    assert caught.value.row == 4 and "row 2" in caught.value.reason


def test_mixing_frameworks_in_one_file_is_refused(tmp_path):
    path = write(tmp_path, "Ana,strategic-planning,2,4,,\nAna,enablement,2,4,,\n")
    with pytest.raises(InputError, match="one framework per file") as caught:
        load_answers(path)
    assert caught.value.row == 3


def test_missing_column_and_empty_file_are_refused(tmp_path):
    with pytest.raises(InputError, match="missing column 'target'"):
        load_answers(write(tmp_path, "Ana,planning,2\n", header="respondent,dimension,current\n"))
    with pytest.raises(InputError, match="no rows"):
        load_answers(write(tmp_path, ""))


def test_yaml_errors_name_the_key(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("Ana:\n  planning: {current: 7, target: 4}\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside the scale") as caught:
        load_answers(path)
    assert caught.value.column == "Ana.planning.current"
    path.write_text("Ana:\n  planning: {current: 2, target: 4}\nAna:\n  enablement: {current: 2, target: 4}\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="written twice") as caught:
        load_answers(path)
    assert caught.value.row == 3
    path.write_text("~:\n  planning: {current: 2, target: 4}\n", encoding="utf-8")
    with pytest.raises(InputError, match="respondent is empty"):
        load_answers(path)
    path.write_text("Ana:\n  planning: {current: true, target: 4}\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a level"):
        load_answers(path)


# --- the sample team ---------------------------------------------------------------------------


def test_sample_team_shows_its_top_gaps_disagreement_and_trend():
    result = assess(load_answers(SAMPLE / "answers.xlsx"), previous=SAMPLE / "previous.json")
    assert len(result.respondents) == 5
    assert result.framework.id == "ghantous" and len(result.dimensions) == 7
    assert [item.id for item in result.ranked[:3]] == [
        "marketing-sales-alignment", "strategic-planning", "learning-development"]
    assert [item.id for item in result.disagreements] == ["performance-measurement"]
    assert result.dimension("performance-measurement").spread == 3
    moved = {change.dimension.id: change.change for change in result.trend if change.change}
    assert moved == {"strategic-planning": 1, "performance-measurement": 1, "martech-infrastructure": 1,
                     "operational-excellence": 1}


def test_sample_csv_twin_reads_the_same_as_the_workbook():
    from_xlsx = assess(load_answers(SAMPLE / "answers.xlsx")).to_dict(show_users=True)
    from_csv = assess(load_answers(SAMPLE / "answers.csv")).to_dict(show_users=True)
    assert from_xlsx == from_csv


def test_sample_files_are_what_the_seeded_script_writes(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_maturity_sample", SAMPLE.parent.parent.parent / "scripts" / "make_maturity_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "FOLDER", tmp_path)
    module.main()
    for name in ("answers.csv", "answers.xlsx", "previous.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_notebook_repr_shows_the_biggest_gap_and_escapes_names(tmp_path):
    result = assess(load_answers(write(tmp_path, "<b>Ana</b>,planning,1,4,,\n")))
    html = result._repr_html_()
    assert "Planning" in html and "<b>Ana" not in html
    assert "biggest gap: Planning 1 -> 4" in repr(result)


# --- the report and the notebook view ----------------------------------------------------------


@pytest.fixture
def with_trend(tmp_path: Path) -> Assessment:
    earlier = tmp_path / "earlier.json"
    report.write(assess(load_answers(write(tmp_path, "Ana,strategic-planning,1,4,,\n", name="earlier.csv"))),
                 earlier)
    return assess(load_answers(write(tmp_path, TEAM)), previous=earlier)


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_the_assessment_writes_every_format_with_names_only_when_asked(with_trend, tmp_path, suffix):
    from openpyxl import load_workbook

    quiet = report.write(with_trend, tmp_path / f"quiet{suffix}")
    named = report.write(with_trend, tmp_path / f"named{suffix}", show_users=True)
    if suffix == ".xlsx":
        sheets = load_workbook(quiet).sheetnames
        assert sheets == ["Summary", "Gaps", "Team", "Trend"]
        assert "Respondents" in load_workbook(named).sheetnames
        return
    text = quiet.read_text(encoding="utf-8")
    assert "Strategic planning" in text and "Ana" not in text
    assert "Ana" in named.read_text(encoding="utf-8")
    if suffix == ".json":
        assert json.loads(text)["schema"] == ASSESS_SCHEMA


def test_the_notebook_view_is_the_documents_short_form(with_trend):
    from mopskit.report.notebook import notebook_html

    assert with_trend._repr_html_() == notebook_html(document_of(with_trend))


def test_the_short_form_ranks_every_dimension_with_typed_figures(team):
    from mopskit.report.document import Kind, raw

    document = document_of(team)
    assert document.headline.startswith("Biggest gap: Strategic planning, 2 (")
    assert CONVERSATION_NOTE in document.notes
    assert "Disagreement on Financial management: answers from 1 to 4; talk it through first." in document.brief_lines
    brief = document.brief
    kinds = {column.key: column.kind for column in brief.columns}
    assert kinds == {"rank": Kind.INTEGER, "dimension": Kind.TEXT, "current": Kind.NUMBER, "target": Kind.NUMBER,
                     "gap": Kind.NUMBER, "weight": Kind.NUMBER, "priority": Kind.NUMBER, "spread": Kind.INTEGER,
                     "flag": Kind.TEXT}
    assert [row.values["dimension"] for row in brief.rows] == [item.name for item in team.ranked]
    finance = next(row for row in brief.rows if row.values["dimension"] == "Financial management")
    assert (raw(finance.values["spread"]), finance.values["flag"]) == (3, "disagree")
    page = team._repr_html_()
    for item in team.dimensions:
        assert item.name in page
    assert "Ana" not in page


def test_the_trend_keeps_its_figures_as_numbers(with_trend):
    from mopskit.report.document import Kind, raw

    trend = next(section.table for section in document_of(with_trend).sections if section.short_title == "Trend")
    assert all(column.kind is Kind.NUMBER for column in trend.columns if column.key != "dimension")
    planning = next(row for row in trend.rows if row.values["dimension"] == "Strategic planning")
    change = planning.values["change"]
    assert raw(change) == 1 and trend.column("change").words(change) == "+1"
    missing = next(row for row in trend.rows if row.values["dimension"] == "Financial management")
    assert trend.column("before").words(missing.values["before"]) == "–"
    assert trend.column("change").words(missing.values["change"]) == "–"


def test_a_table_of_the_report_for_a_lesson(team):
    from mopskit.report.assess import report_section

    gaps = report_section(team, "Gaps")
    shown = gaps.to_frame()
    assert list(shown["dimension"]) == [item.name for item in team.ranked]
    aligned = {column.key: column.align for column in gaps.columns}
    assert aligned["dimension"] == "left" and aligned["next"] == "left"
    assert all(aligned[key] == "right" for key in ("rank", "current", "target", "gap", "priority"))
    with pytest.raises(KeyError, match="Gaps"):
        report_section(team, "Radar")


# --- values below views ------------------------------------------------------------------------

FRAMEWORKS = Path(__file__).resolve().parent.parent / "mopskit" / "frameworks"
VIEWS = ("mopskit.report", "mopskit.viz", "mopskit.forms", "mopskit.exercises", "mopskit.lessons", "mopskit.cli",
         "mopskit.commands")


def _package_of(path: Path) -> str:
    return ".".join(path.relative_to(FRAMEWORKS.parent.parent).with_suffix("").parts[:-1])


def _imports_outside_type_checking(source: str, package: str) -> list[str]:
    """Every module ``source`` imports (or names to ``import_module``), except under ``if TYPE_CHECKING:``."""
    import ast

    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            found.extend([base, *(f"{base}.{alias.name}" for alias in node.names)])
        elif isinstance(node, ast.Call):
            found.extend(argument.value for argument in node.args
                         if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                         and argument.value.startswith("mopskit."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def _views(names: list[str]) -> list[str]:
    return [name for name in names if any(name == view or name.startswith(f"{view}.") for view in VIEWS)]


@pytest.mark.parametrize("path", sorted(FRAMEWORKS.rglob("*.py")), ids=lambda path: path.name)
def test_framework_values_never_import_their_views(path):
    views = _views(_imports_outside_type_checking(path.read_text(encoding="utf-8"), _package_of(path)))
    assert views == [], f"{path.name} imports {views}: a value never imports its views"


def test_the_check_sees_lazy_relative_and_named_imports_but_not_type_checking_ones():
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mopskit.report import Document\n"
              "def f():\n    from mopskit.viz.tables import table\n    from ...report import write\n"
              "    import_module('mopskit.lessons.lesson03')\n")
    found = _views(_imports_outside_type_checking(source, "mopskit.frameworks.assess"))
    assert {"mopskit.viz.tables", "mopskit.report.write", "mopskit.lessons.lesson03"} <= set(found)
    assert "mopskit.report.Document" not in found


def test_importing_the_framework_values_loads_no_view():
    import subprocess
    import sys

    code = ("import sys\nimport mopskit.frameworks.assess, mopskit.frameworks.assess.frames, "
            "mopskit.frameworks.personas, mopskit.frameworks.questionnaire\n"
            f"print(sorted(name for name in sys.modules if name.startswith({VIEWS!r})))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
