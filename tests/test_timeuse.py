"""Time logs: robust reading, one clear error per bad row, shares that add up."""

from dataclasses import FrozenInstanceError
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from mopskit import InputError
from mopskit.course import facts
from mopskit.ops import timeuse
from mopskit.report.notebook import register
from mopskit.viz.timeuse import time_use_by_person

TEMPLATE = resources.files("mopskit") / "templates" / "coordination-time"
SAMPLE = resources.files("mopskit") / "data" / "coordination-time" / "time-log.csv"

SMALL_MAP = """\
categories:
  coordination: meetings and chasing
  approval: sign-offs
  creation: making things
activities:
  Team meeting: coordination
  Review round: approval
  Email build: creation
"""


@pytest.fixture
def activity_map(tmp_path: Path) -> timeuse.ActivityMap:
    path = tmp_path / "activities.yaml"
    path.write_text(SMALL_MAP, encoding="utf-8")
    return timeuse.load_activity_map(path)


def write(tmp_path: Path, text: str, *, name: str = "log.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load_error(path: Path, activities: timeuse.ActivityMap | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        timeuse.load_time_log(path, activities)
    return caught.value


def test_small_log_gives_the_hand_computed_shares(tmp_path, activity_map):
    log = timeuse.load_time_log(
        write(
            tmp_path,
            "person,week,activity,hours\n"
            "Ana,W1,Team meeting,6\n"
            "Ana,W1,Review round,2\n"
            "Ana,W1,Email build,2\n"
            "Ben,W1,Email build,8\n"
            "Ben,W2,team  MEETING,2\n",
        ),
        activity_map,
    )
    summary = timeuse.summarise(log, activity_map)
    assert summary.total_hours == 20
    assert summary.coordination_share == pytest.approx(10 / 20)
    assert summary.weeks == ("W1", "W2")
    ana, ben = summary.by_person
    assert (ana.person, ana.hours, ana.coordination_share) == ("Ana", 10, pytest.approx(0.8))
    assert (ben.person, ben.hours, ben.coordination_share) == ("Ben", 10, pytest.approx(0.2))
    team = {item.category: (item.hours, item.share) for item in summary.by_category}
    assert team == {
        "coordination": (8, pytest.approx(0.4)),
        "approval": (2, pytest.approx(0.1)),
        "creation": (10, pytest.approx(0.5)),
    }
    frame = summary.to_frame()
    assert list(frame.columns) == [
        "coordination", "approval", "creation", "total hours", "coordination share"
    ]
    assert frame.loc["Ben", "creation"] == 8


def test_semicolons_decimal_commas_and_bom_read_like_plain_csv(tmp_path, activity_map):
    plain = write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,2.5\nAna,W1,Email build,1\n")
    european = write(
        tmp_path,
        "\ufeffPerson ; Week;Activity;Hours\r\nAna;W1;Team meeting;2,5\r\nAna;W1;Email build;1\r\n",
        name="european.csv",
    )
    quoted = write(
        tmp_path,
        'person,week,activity,hours\nAna,W1,Team meeting,"2,5"\nAna,W1,Email build,1\n',
        name="quoted.csv",
    )
    expected = timeuse.summarise(timeuse.load_time_log(plain), activity_map)
    for other in (european, quoted):
        summary = timeuse.summarise(timeuse.load_time_log(other), activity_map)
        assert summary.by_category == expected.by_category
        assert summary.coordination_share == pytest.approx(2.5 / 3.5)


def test_column_order_extra_columns_and_blank_lines_keep_spreadsheet_rows(tmp_path, activity_map):
    path = write(
        tmp_path,
        "hours,note,activity,week,person\n2,first,Team meeting,W1,Ana\n\n3,,Nope,W1,Ana\n",
    )
    error = load_error(path, activity_map)
    assert (error.row, error.column) == (4, "activity")


@pytest.mark.parametrize(
    ("text", "row", "column", "words"),
    [
        ("person,week,hours\nAna,W1,2\n", 1, "activity", ["missing column 'activity'", "person, week, hours"]),
        ("person,week,activity,hours\nAna,W1,Team meeting,two\n", 2, "hours", ["'two'", "not a number"]),
        ("person,week,activity,hours\nAna,W1,Team meeting,-1\n", 2, "hours", ["negative"]),
        ("person,week,activity,hours\nAna,W1,Team meeting,nan\n", 2, "hours", ["not a number"]),
        ("person,week,activity,hours\nAna,W1,Team meeting,1e3\n", 2, "hours", ["not a number"]),
        ("person,week,activity,hours\nAna,W1,Team meeting,2,5\n", 2, None, ["5 values for 4 columns", '"2,5"']),
        ("person,week,activity,hours\nAna,W1,Team meeting,\n", 2, "hours", ["empty"]),
        ("person,week,activity,hours\n,W1,Team meeting,1\n", 2, "person", ["person is empty"]),
        ("person,week,activity,hours\nAna,,Team meeting,1\n", 2, "week", ["week is empty"]),
        ("person,week,activity,hours\nAna,W1\n", 2, "activity", ["too short"]),
        (
            "person,week,activity,hours\nAna,W1,Team meeting,50\nAna,W2,Team meeting,50\n"
            "Ana,W1,Email build,31\n",
            4,
            "hours",
            ["Ana", "81", "W1", "80"],
        ),
    ],
)
def test_a_bad_row_names_file_row_column_and_reason(tmp_path, text, row, column, words):
    path = write(tmp_path, text)
    error = load_error(path)
    assert (error.file, error.row, error.column) == (str(path), row, column)
    for word in words:
        assert word in str(error)


def test_unknown_activity_lists_the_known_ones_when_loading_and_summarising(tmp_path, activity_map):
    path = write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,1\nAna,W1,Standup,1\n")
    error = load_error(path, activity_map)
    assert (error.row, error.column) == (3, "activity")
    assert "'Standup'" in str(error)
    assert "Email build, Review round, Team meeting" in str(error)
    log = timeuse.load_time_log(path)
    with pytest.raises(InputError) as caught:
        timeuse.summarise(log, activity_map)
    assert str(caught.value) == str(error)


@pytest.mark.parametrize(
    ("content", "encoding", "words"),
    [
        ("", "utf-8", ["empty", "person,week,activity,hours"]),
        ("person,week,activity,hours\n\n", "utf-8", ["no rows"]),
        ("person,week,activity,hours\nJosé,W1,Team meeting,1\nJosé,W1,Review round,x\n", "cp1252",
         ["row 3", "'x'"]),
    ],
)
def test_unusable_files_say_why(tmp_path, content, encoding, words):
    error = load_error(write(tmp_path, content, encoding=encoding))
    for word in words:
        assert word in str(error)


def test_a_windows_export_reads_like_the_inventory_and_says_so(tmp_path, activity_map):
    path = write(tmp_path, "person;week;activity;hours\r\nJosé;W1;Team meeting;1,5\r\n", encoding="cp1252")
    log = timeuse.load_time_log(path, activity_map)
    assert [(entry.person, entry.hours) for entry in log.entries] == [("José", 1.5)]
    assert any("cp1252" in note for note in log.notes)


def test_a_title_row_above_the_header_and_an_xlsx_log_read_too(tmp_path, activity_map):
    import openpyxl

    titled = write(tmp_path, "Team time log\nperson,week,activity,hours\nAna,W1,Team meeting,2\n")
    log = timeuse.load_time_log(titled, activity_map)
    assert [(entry.row, entry.hours) for entry in log.entries] == [(3, 2.0)]
    book = openpyxl.Workbook()
    book.active.append(["person", "week", "activity", "hours"])
    book.active.append(["Ana", 12, "Team meeting", 2.5])
    book.save(tmp_path / "log.xlsx")
    entry, = timeuse.load_time_log(tmp_path / "log.xlsx", activity_map).entries
    assert (entry.person, entry.week, entry.hours, entry.row) == ("Ana", "12", 2.5, 2)


def test_hours_never_read_a_thousands_separator(tmp_path):
    error = load_error(write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,\"1.250,5\"\n"))
    assert (error.row, error.column) == (2, "hours")
    log = timeuse.load_time_log(write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,1.250\n"))
    assert log.entries[0].hours == 1.25


def test_missing_file_is_an_input_error(tmp_path):
    error = load_error(tmp_path / "absent.csv")
    assert error.file == str(tmp_path / "absent.csv")


def test_a_log_of_zero_hours_has_no_share(tmp_path, activity_map):
    log = timeuse.load_time_log(write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,0\n"))
    with pytest.raises(InputError, match="no hours above zero"):
        timeuse.summarise(log, activity_map)


def test_a_person_without_hours_has_no_share_rather_than_zero(tmp_path, activity_map):
    log = timeuse.load_time_log(
        write(tmp_path, "person,week,activity,hours\nAna,W1,Team meeting,0\nBen,W1,Email build,4\n")
    )
    ana = timeuse.summarise(log, activity_map).by_person[0]
    assert ana.person == "Ana" and ana.coordination_share is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("categories: {coordination: a, approval: b}\nactivities: {Meeting: lunch}\n", ["'lunch'", "coordination, approval"]),
        ("categories: {coordination: a}\nactivities: {Meeting: coordination}\n", ["approval"]),
        (
            "categories: {coordination: a, approval: b}\nactivities:\n  Meeting: coordination\n  MEETING : approval\n",
            ["listed twice"],
        ),
        ("categories: {coordination: a, approval: b}\nactivities: []\n", ["activities"]),
        ("categories: [coordination\n", ["not valid YAML"]),
    ],
)
def test_a_bad_activity_map_says_what_to_fix(tmp_path, content, words):
    path = write(tmp_path, content, name="activities.yaml")
    with pytest.raises(InputError) as caught:
        timeuse.load_activity_map(path)
    assert caught.value.file == str(path)
    for word in words:
        assert word in str(caught.value)


def test_sample_summary_matches_an_independent_pandas_computation():
    activities = timeuse.load_activity_map(TEMPLATE / "activities.yaml")
    summary = timeuse.summarise(timeuse.load_time_log(SAMPLE, activities), activities)
    raw = pd.read_csv(SAMPLE)
    raw["category"] = raw["activity"].map(dict(activities.activities))
    assert raw["category"].notna().all()
    by_category = raw.groupby("category")["hours"].sum()
    assert summary.total_hours == pytest.approx(raw["hours"].sum())
    assert summary.coordination_share == pytest.approx(
        by_category[["coordination", "approval"]].sum() / raw["hours"].sum()
    )
    per_person = raw[raw["category"].isin(["coordination", "approval"])].groupby("person")["hours"].sum()
    per_person = per_person / raw.groupby("person")["hours"].sum()
    for person in summary.by_person:
        assert person.coordination_share == pytest.approx(per_person[person.person])
    assert sum(item.share for item in summary.by_category) == pytest.approx(1)
    assert len(summary.by_person) == 8 and len(summary.weeks) == 4
    weekly = raw.groupby(["person", "week"])["hours"].sum()
    assert weekly.max() <= timeuse.MAX_HOURS_PER_PERSON_WEEK


def test_summary_is_frozen_and_its_notebook_view_names_no_one(tmp_path, activity_map):
    register()
    log = timeuse.load_time_log(
        write(tmp_path, "person,week,activity,hours\n<script>x</script>,W1,Team meeting,3\n")
    )
    summary = timeuse.summarise(log, activity_map)
    with pytest.raises(FrozenInstanceError):
        summary.total_hours = 0  # type: ignore[misc]
    page = summary._repr_html_()
    assert "script" not in page  # people stay out of the notebook view
    assert "100% of 3 hours went to coordination and approval" in page and ">coordination<" in page
    assert repr(summary) == "TimeUseSummary(1 people, 1 weeks, 3 hours, coordination share 100%)"


def test_chart_draws_one_bar_per_person_plus_team_and_the_claimed_band():
    activities = timeuse.load_activity_map(TEMPLATE / "activities.yaml")
    summary = timeuse.summarise(timeuse.load_time_log(SAMPLE), activities)
    figure = time_use_by_person(summary)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert len(labels) == len(summary.by_person) + 1
    assert labels[-1] == f"Whole team ({summary.coordination_share:.0%})"
    claim = facts.figure(timeuse.CLAIM_FIGURE_ID)
    band = [patch for patch in axes.patches if patch.get_label().startswith("Published claim")]
    assert len(band) == 1
    left, right = band[0].get_x(), band[0].get_x() + band[0].get_width()
    assert (left, right) == pytest.approx((claim.low, claim.high))
    assert claim.label in band[0].get_label()
