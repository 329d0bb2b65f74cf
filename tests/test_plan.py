"""Change plans: the loader names the place of every error, each lint rule fires on the plan
that breaks it (and only there), the sample plan is clean, and the report is complete."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from mopskit.errors import InputError
from mopskit.change.plan import RULES, load_plan, lint, review
from mopskit.change.plan.lint import PRACTICES

DATA = Path(__file__).resolve().parent / "data" / "plan"
SAMPLE = Path(__file__).resolve().parent.parent / "mopskit" / "data" / "change-plan" / "plan.yaml"
BROKEN = sorted(path for path in DATA.glob("*.yaml") if path.name != "base.yaml")


def codes(path: Path) -> set[str]:
    return {finding.code for finding in lint(load_plan(path))}


def test_base_plan_has_no_findings():
    assert lint(load_plan(DATA / "base.yaml")) == ()


def test_sample_plan_is_lint_clean_with_advice_only():
    result = review(load_plan(SAMPLE))
    assert result.ok and not result.warnings
    assert {finding.code for finding in result.findings} == {"ADKAR001"}
    plan = result.plan
    assert plan.sponsor == "Francesca Bianchi"
    assert {"asana-off", "brevo-off", "uberflip-off", "sprout-off"} <= {task.id for task in plan.tasks}
    losers = {"Elena Dumitru", "Ioana Popescu", "Irina Lungu", "Luca Moretti"}  # owners of the tools that go
    assert losers <= {person.name for person in plan.stakeholders}


def test_every_rule_has_a_broken_plan():
    fired = {path.name.split("-")[0].upper() for path in BROKEN}
    assert fired == set(RULES)


@pytest.mark.parametrize("path", BROKEN, ids=lambda path: path.stem)
def test_each_broken_plan_fires_its_rule(path):
    code = path.name.split("-")[0].upper()
    assert code in codes(path)
    others = codes(path) - {code}
    if code == "SCHED001":  # a cycle always starts some task before what it waits for
        others -= {"SCHED002"}
    assert not others


def test_findings_say_where_and_how_to_fix():
    findings = lint(load_plan(DATA / "raci002-two-accountable.yaml"))
    (finding,) = findings
    assert finding.severity == "error" and finding.where == "tasks[1].raci"
    assert "exactly one Accountable" in finding.message and "Ana and Ben" in finding.message
    assert str(finding).startswith("RACI002 error tasks[1].raci: ")


def test_cycle_is_named():
    (finding,) = [f for f in lint(load_plan(DATA / "sched001-cycle.yaml")) if f.code == "SCHED001"]
    assert "setup → done → move → setup" in finding.message


def test_adkar_barrier_is_the_first_element_at_or_below_three():
    (finding,) = lint(load_plan(DATA / "adkar001-barrier.yaml"))
    assert finding.severity == "info"
    assert "barrier point is knowledge" in finding.message and PRACTICES["knowledge"] in finding.message


def test_kpi_names_each_missing_part():
    (finding,) = lint(load_plan(DATA / "smart001-incomplete-kpi.yaml"))
    assert "no baseline and due date" in finding.message


def test_accountable_threshold_is_a_parameter():
    plan = load_plan(DATA / "base.yaml")
    assert [f.code for f in lint(plan, max_accountable=2)] == ["RACI003"]


def test_milestone_dependency_may_start_the_same_day(tmp_path):
    data = yaml.safe_load((DATA / "base.yaml").read_text(encoding="utf-8"))
    data["tasks"].append({"id": "after", "name": "Tell everyone", "start": "2027-02-01", "duration_days": 1,
                          "depends_on": ["done"], "raci": {"R": ["Ben"], "A": "Ana", "I": ["all"]}})
    assert lint(_load(tmp_path, data)) == ()


FUNNEL = {"rates": {"Inquiry": 0.30, "MQL": 0.50, "SAL": 0.60, "SQL": 0.40, "Opportunity": 0.25},
          "average_deal": 25000, "inquiries": 2000}


def _load(tmp_path: Path, data: object, name: str = "plan.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_plan(path)


def _broken(tmp_path: Path, change) -> InputError:
    data = yaml.safe_load((DATA / "base.yaml").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(InputError) as caught:
        _load(tmp_path, data)
    return caught.value


@pytest.mark.parametrize("change, where, says", [
    (lambda d: d["tasks"][2].update(raci="Ana"), "tasks[2].raci", "key: value"),
    (lambda d: d["tasks"][2].pop("raci"), "tasks[2].raci", "is missing"),
    (lambda d: d["tasks"][1]["raci"].update(X=["Ben"]), "tasks[1].raci.X", "not a RACI letter"),
    (lambda d: d["tasks"][1].update(start="03/04/27"), "tasks[1].start", "two-digit year"),
    (lambda d: d["tasks"][1].update(depends_on=["nowhere"]), "tasks[1].depends_on[0]", "no task has the id"),
    (lambda d: d["tasks"][1].update(id="setup"), "tasks[1].id", "already the id"),
    (lambda d: d["tasks"][0].update(end="2027-01-20"), "tasks[0]", "both 'end' and 'duration_days'"),
    (lambda d: d["tasks"][0].pop("duration_days"), "tasks[0]", "needs 'duration_days', 'working_days' or 'end'"),
    (lambda d: d["tasks"][0].update(working_days=3), "tasks[0]", "both 'duration_days' and 'working_days'"),
    (lambda d: d["tasks"][1].update(end=None, working_days=2.5), "tasks[1].working_days", "whole number"),
    (lambda d: d["tasks"][1].update(start="2027-01-16", end=None, working_days=5), "tasks[1].start",
     "is a Saturday"),
    (lambda d: d["plan"].update(holidays=["2027-02-30"]), "plan.holidays[0]", "not a real date"),
    (lambda d: d["communications"][0].update(cadence=None, dates=["2027-01-11", "2027-02-30"]),
     "communications[0].dates[1]", "not a real date"),
    (lambda d: d["kpis"][0].update(stage="Won"), "kpis[0].stage", "needs a 'funnel:' section"),
    (lambda d: d.update(funnel=dict(FUNNEL, inquiries=1.5)), "funnel.inquiries", "whole number"),
    (lambda d: d.update(funnel=dict(FUNNEL, rates={**FUNNEL["rates"], "SQL": 1.4})), "funnel.rates",
     "SQL conversion rate"),
    (lambda d: d.update(funnel=dict(FUNNEL, rates={"Inquiry": 0.3})), "funnel.rates", "no conversion rate for MQL"),
    (lambda d: d.update(funnel=dict(FUNNEL, deal=1)), "funnel.deal", "not a part of a funnel"),
    (lambda d: d.update(funnel=FUNNEL) or d["kpis"][0].update(stage="pipeline"), "kpis[0].stage",
     "should be one of Inquiry, MQL"),
    (lambda d: d["stakeholders"][0]["adkar"].update(desire=7), "stakeholders[0].adkar.desire", "1 to 5"),
    (lambda d: d["stakeholders"][1].update(power="medium"), "stakeholders[1].power", "'high' or 'low'"),
    (lambda d: d["kpis"][0].update(target="lots"), "kpis[0].target", "not a number"),
    (lambda d: d["communications"][0].update(cadence="daily"), "communications[0].cadence", "weekly"),
    (lambda d: d["communications"][0].pop("cadence"), "communications[0]", "needs 'dates'"),
    (lambda d: d["plan"].pop("sponsor"), "plan.sponsor", "is missing"),
    (lambda d: d.update(milestones=[]), "milestones", "not a part of a plan"),
])
def test_loader_errors_name_the_file_and_the_path(tmp_path, change, where, says):
    error = _broken(tmp_path, change)
    assert error.file == str(tmp_path / "plan.yaml")
    assert f": {where}: " in str(error) and says in str(error)


def test_unreadable_yaml_names_the_line(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("plan:\n  initiative: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="line"):
        load_plan(path)


def test_workbook_form_reads_like_the_yaml(tmp_path):
    plan = load_plan(_workbook(tmp_path))
    assert plan.start == date(2027, 1, 4) and plan.objectives == ("Send every email from one tool.",)
    assert plan.stakeholders[0].adkar is not None and plan.stakeholders[0].power == "high"
    assert plan.task("done").milestone and plan.task("done").raci.informed == ("Ana", "Ben")
    assert plan.communications[0].occurrences()[:2] == (date(2027, 1, 4), date(2027, 2, 4))
    assert lint(plan) == ()


def _workbook(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "plan"
    for row in (("field", "value"), ("initiative", "Retire the old email tool"), ("vision", "One tool."),
                ("sponsor", "Ana"), ("start", date(2027, 1, 4)), ("end", "2027-03-31")):
        sheet.append(row)
    book.create_sheet("objectives").append(("objective",))
    book["objectives"].append(("Send every email from one tool.",))
    kpis = book.create_sheet("kpis")
    kpis.append(("name", "owner", "baseline", "target", "unit", "due"))
    kpis.append(("Emails from the new tool", "Ben", 40, 100, "percent", date(2027, 3, 31)))
    people = book.create_sheet("stakeholders")
    people.append(("name", "role", "power", "interest", "awareness", "desire", "knowledge", "ability",
                   "reinforcement"))
    people.append(("Ana", "Head of Marketing", "High", "high", 5, 5, 4, 4, 4))
    people.append(("Ben", "Email Manager", "low", "high"))
    tasks = book.create_sheet("tasks")
    tasks.append(("id", "name", "start", "duration_days", "end", "depends_on", "milestone", "R", "A", "C", "I"))
    tasks.append(("setup", "Set up", date(2027, 1, 4), 10, None, None, None, "Ben", "Ana", None, "Ana"))
    tasks.append(("done", "Closed", date(2027, 2, 1), None, None, "setup", "yes", "Ben", "Ana", None, "Ana, Ben"))
    comms = book.create_sheet("communications")
    comms.append(("audience", "message", "channel", "owner", "dates", "cadence"))
    comms.append(("Ana", "Progress", "Meeting", "Ben", None, "monthly"))
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_workbook_errors_name_the_sheet_row(tmp_path):
    from openpyxl import load_workbook

    path = _workbook(tmp_path)
    book = load_workbook(path)
    late = ("late", "Late", date(2027, 3, 1), 2, None, "nowhere", None, "Ben", "Ana", None, "Ana")
    for column, value in enumerate(late, start=1):  # row 4 stays blank: rows are named as the sheet shows them
        book["tasks"].cell(row=5, column=column, value=value)
    book.save(path)
    with pytest.raises(InputError, match=r"tasks \(row 5\)\.depends_on\[0\]: no task has the id 'nowhere'"):
        load_plan(path)
    book["tasks"]["F5"] = None
    book["tasks"]["I5"] = "Ana, Ben"  # two Accountables: a finding, named by its sheet row too
    book.save(path)
    assert [(f.code, f.where) for f in lint(load_plan(path))][:1] == [("RACI002", "tasks (row 5).raci")]


def test_workbook_funnel_sheet(tmp_path):
    from openpyxl import load_workbook

    path = _workbook(tmp_path)
    book = load_workbook(path)
    sheet = book.create_sheet("funnel")
    for row in (("field", "value"), ("inquiries", 2000), ("average_deal", "EUR 25,000"), ("Inquiry", "30%"),
                ("MQL", 0.5), ("SAL", 0.6), ("SQL", 0.4), ("Opportunity", 0.25)):
        sheet.append(row)
    book.save(path)
    funnel = load_plan(path).funnel
    assert funnel is not None and funnel.inquiries == 2000 and funnel.average_deal == 25000
    assert funnel.rates.inquiry == 0.3 and funnel.yields("Won") == 18 and funnel.yields("revenue") == 450000
    assert funnel.yields("Revenue") == 450000 and funnel.yields("inquiry") == 2000 and funnel.outcome() is funnel.outcome()


def test_working_days_skip_weekends_and_holidays(tmp_path):
    data = yaml.safe_load((DATA / "base.yaml").read_text(encoding="utf-8"))
    data["plan"]["holidays"] = ["2027-01-06"]  # a Wednesday
    data["tasks"][0] = {**data["tasks"][0], "working_days": 10}
    del data["tasks"][0]["duration_days"]
    plan = _load(tmp_path, data)
    # Monday 4 January + 10 working days, skipping the holiday and two weekends: Monday 18 January.
    assert plan.task("setup").end == date(2027, 1, 18) and plan.holidays == (date(2027, 1, 6),)
    assert [f.code for f in lint(plan)] == ["SCHED002"]  # 'move' starts the day 'setup' now ends


def test_funnel_target_beyond_its_yield_is_a_warning_naming_the_yield(tmp_path):
    data = yaml.safe_load((DATA / "base.yaml").read_text(encoding="utf-8"))
    data["funnel"] = FUNNEL
    data["kpis"].append({"name": "New revenue", "owner": "Ana", "baseline": 100000, "target": 450000,
                         "unit": "EUR", "due": "2027-03-31", "stage": "revenue"})
    data["kpis"].append({"name": "Sales-qualified leads", "owner": "Ben", "baseline": 20, "target": 180,
                         "unit": "leads", "due": "2027-03-31", "stage": "sql"})
    # 2,000 inquiries: 600 MQL, 300 SAL, 180 SQL, 72 opportunities, 18 won, EUR 450,000: both targets reachable.
    assert lint(_load(tmp_path, data)) == ()
    data["kpis"][1]["target"] = 500000
    data["kpis"][2]["target"] = 181
    findings = lint(_load(tmp_path, data))
    assert [(f.code, f.severity, f.where) for f in findings] == [
        ("SMART003", "warning", "kpis[1].target"), ("SMART003", "warning", "kpis[2].target")]
    assert "yield a revenue of 450,000" in findings[0].message and "at most 450,000" in findings[0].message
    assert "SQL volume of 180" in findings[1].message
    report = review(_load(tmp_path, data)).to_dict()
    assert report["funnel"]["yields"]["Won"] == 18 and report["kpis"][2]["funnel_yields"] == 180


def test_weekly_communication_runs_over_the_plan_window():
    plan = load_plan(DATA / "base.yaml")
    days = plan.communications[0].occurrences()
    assert days[0] == plan.start and days[-1] <= plan.end and len(days) == 13


def test_report_json_and_document(tmp_path):
    from mopskit import report

    result = review(load_plan(DATA / "raci002-two-accountable.yaml"))
    data = json.loads(report.render(result, ".json"))
    assert data["schema"] == "mopskit.plan/1"
    assert data["findings"][0]["code"] == "RACI002"
    assert data["tasks"][1]["raci"]["A"] == ["Ana", "Ben"]
    document = report.document_of(result)
    titles = [section.title for section in document.sections]
    assert {"Findings", "Tasks", "RACI matrix", "Stakeholders", "KPIs", "Communications"} <= set(titles)
    matrix = next(section.table for section in document.sections if section.title == "RACI matrix")
    assert matrix is not None
    assert [column.header for column in matrix.columns] == ["Task", "Ben", "Ana", "Head of Marketing"]
    stakeholders = next(section.table for section in document.sections if section.title == "Stakeholders")
    assert stakeholders is not None and stakeholders.rows[0].values["quadrant"] == "manage closely"
    for suffix in (".html", ".md", ".xlsx"):
        assert report.render(result, suffix)
    assert "RACI002" in result._repr_html_()


def test_the_headline_counts_what_the_lint_found():
    from mopskit.report.plan import headline

    assert headline(review(load_plan(DATA / "base.yaml"))) == "The plan follows every rule the lint checks."
    sample = review(load_plan(SAMPLE))
    assert headline(sample) == "The plan follows every rule the lint checks; 1 piece of advice."  # barriers, counted
    assert headline(sample, show_users=True) == "The plan follows every rule the lint checks; 4 pieces of advice."
    assert headline(review(load_plan(DATA / "raci001-no-responsible.yaml"))) == "1 error to fix."
    warned = review(load_plan(DATA / "sched003-outside-window.yaml"))
    assert headline(warned).startswith(f"{len(warned.warnings)} warning")


def test_yaml_keeps_clock_like_text_as_written(tmp_path):
    """YAML 1.1 reads 1:1 as 61 (base 60); a channel called 1:1 must stay "1:1"."""
    text = (DATA / "base.yaml").read_text(encoding="utf-8").replace("channel: Meeting", "channel: 1:1")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path)
    assert plan.communications[0].channel == "1:1"
    assert plan.kpis[0].baseline == 40 and plan.kpis[0].target == 100  # numbers are still numbers


# --------------------------------------------------------------------------- values below views

VIEWS = ("mopskit.report", "mopskit.viz", "mopskit.forms", "mopskit.exercises", "mopskit.lessons", "mopskit.cli",
         "mopskit.commands")
"""The packages a value never imports: its report, charts, widgets, exercises, lessons and commands."""
CHANGE = Path(__file__).resolve().parent.parent / "mopskit" / "change"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST, package: str) -> list[tuple[int, str]]:
    """Every module ``node`` imports (at any depth, in functions too), except under ``if TYPE_CHECKING:``."""
    found: list[tuple[int, str]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                found += _imports(other, package)
            continue
        if isinstance(child, ast.Import):
            found += [(child.lineno, alias.name) for alias in child.names]
        elif isinstance(child, ast.ImportFrom):
            base = package.rsplit(".", child.level - 1)[0] if child.level else ""
            module = ".".join(part for part in (base, child.module or "") if part)
            found += [(child.lineno, module), *((child.lineno, f"{module}.{alias.name}") for alias in child.names)]
        elif (isinstance(child, ast.Call) and isinstance(child.func, (ast.Name, ast.Attribute))
              and getattr(child.func, "id", getattr(child.func, "attr", "")) in ("import_module", "__import__")
              and child.args and isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, str)):
            found.append((child.lineno, child.args[0].value))
        found += _imports(child, package)
    return found


def _views_imported(path: Path) -> list[str]:
    parts = path.relative_to(CHANGE.parent.parent).with_suffix("").parts
    package = ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{path.name}:{line} imports {module}" for line, module in _imports(tree, package)
            if any(module == view or module.startswith(view + ".") for view in VIEWS)]


def test_the_import_check_sees_imports_in_functions_and_skips_type_checking(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from mopskit.report.document import Document\n"
        "def show():\n    from mopskit.viz.tables import table\n    import mopskit.forms\n"
        "def load():\n    return importlib.import_module('mopskit.report.html')\n", encoding="utf-8")
    tree = ast.parse(module.read_text(encoding="utf-8"))
    modules = [name for _, name in _imports(tree, "mopskit.change")]
    assert "mopskit.report.document" not in modules
    assert {"mopskit.viz.tables", "mopskit.forms", "mopskit.report.html"} <= set(modules)


@pytest.mark.parametrize("path", sorted(CHANGE.rglob("*.py")), ids=lambda path: str(path.relative_to(CHANGE)))
def test_change_values_never_import_their_views(path):
    assert _views_imported(path) == []


def test_a_long_chain_of_tasks_listed_in_reverse_is_linted_without_recursion(tmp_path):
    """1,000 tasks, each after the next one in the file: a recursive walk passed Python's limit."""
    import yaml

    from mopskit.change.plan import load_plan, review

    count = 1500
    tasks = [{"id": f"T{n}", "name": f"Step {n}", "start": "2027-01-04", "duration_days": 1,
              "depends_on": [f"T{n - 1}"] if n > 1 else [], "raci": {"R": "Ana", "A": "Ana"}}
             for n in range(count, 0, -1)]
    tasks[-1]["depends_on"] = [f"T{count}"]  # T1, listed last, closes the loop through every task
    plan = {"initiative": "Long chain", "vision": "v", "sponsor": "Ana", "start": "2027-01-04", "end": "2027-12-31",
            "stakeholders": [{"name": "Ana", "role": "Lead", "power": "high", "interest": "high"}], "tasks": tasks}
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    found = review(load_plan(path))
    cycles = [finding for finding in found.findings if finding.code == "SCHED001"]
    assert len(cycles) == 1 and f"T2 → T1 → T{count} (each depends on the next)" in cycles[0].message


def test_a_stretch_target_with_its_reason_is_a_note_not_a_warning(tmp_path):
    """A plan may keep a target its funnel cannot deliver when it says why: the warning becomes a note."""
    from mopskit.change.plan import lint, load_plan
    from mopskit.findings import Severity

    text = """\
plan: {initiative: Growth, vision: More trade revenue, sponsor: Ana, start: 2027-01-04, end: 2027-06-30}
funnel:
  rates: {Inquiry: 0.3, MQL: 0.5, SAL: 0.6, SQL: 0.4, Opportunity: 0.25}
  average_deal: 10000
  inquiries: 1000
kpis:
  - {name: Revenue, owner: Ana, baseline: 50000, target: 900000, unit: EUR, due: 2027-06-30, stage: revenue}
"""
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8")
    [warning] = [f for f in lint(load_plan(plain)) if f.code == "SMART003"]
    assert warning.severity is Severity.WARNING and "write why in the KPI's 'stretch:'" in warning.message
    kept = tmp_path / "kept.yaml"
    kept.write_text(text.replace("stage: revenue}", "stage: revenue, stretch: a new dealer network from March}"),
                    encoding="utf-8")
    [note] = [f for f in lint(load_plan(kept)) if f.code == "SMART003"]
    assert note.severity is Severity.INFO
    assert note.message.endswith("the plan keeps it as a stretch: a new dealer network from March")


def test_what_cannot_happen_is_named_where_it_is():
    """A cadence ending before it starts is an error; a KPI due or a message sent outside the
    plan's dates is a warning; each names its place in the file."""
    text = (DATA / "base.yaml").read_text(encoding="utf-8")
    text = text.replace("due: 2027-03-31", "due: 2028-03-31")
    text = text.replace(
        "  - {audience: [Ana], message: Progress, channel: Meeting, owner: Ben, cadence: weekly}",
        "  - {audience: [Ana], message: Progress, channel: Meeting, owner: Ben, cadence: weekly}\n"
        "  - {audience: [all], message: Early, channel: Email, owner: Ben, dates: [2026-06-01, 2027-02-01, 2029-01-01]}\n"
        "  - {audience: [all], message: Long, channel: Email, owner: Ben, cadence: monthly, start: 2026-10-01,\n"
        "     end: 2027-12-31}\n"
        "  - {audience: [all], message: Backwards, channel: Email, owner: Ben, cadence: monthly, start: 2027-03-31,\n"
        "     end: 2027-02-28}")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        found = {(f.code, f.severity, f.where) for f in lint(load_plan(path))}
    assert found == {
        ("SCHED004", "error", "communications[3].end"),
        ("SCHED005", "warning", "kpis[0].due"),
        ("SCHED006", "warning", "communications[1].dates[0]"),
        ("SCHED006", "warning", "communications[1].dates[2]"),
        ("SCHED006", "warning", "communications[2].start"),
        ("SCHED006", "warning", "communications[2].end"),
    }
