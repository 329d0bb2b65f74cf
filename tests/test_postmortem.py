"""The blameless post-mortem: the sample passes, every missing part and blaming phrase is named,
and a badly shaped file names the file and the place in it."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

import mopskit
from mopskit import InputError, report
from mopskit.ops.postmortem import Action, load_postmortem, postmortem_from_dict, review
from mopskit.report.document import Kind
from mopskit.report.intake import postmortem_document
from mopskit.report.notebook import register

SAMPLE = Path(mopskit.__file__).parent / "data" / "intake-and-postmortem" / "postmortem.yaml"


@pytest.fixture(scope="module")
def sample():
    return load_postmortem(SAMPLE)


def places(result) -> list[str]:
    return [finding.where for finding in result.findings]


def test_the_sample_is_complete_and_blameless(sample):
    result = review(sample)
    assert result.ok and result.findings == ()
    assert len(sample.causes) == 2 and len(sample.contributing_factors) == 3
    assert len(sample.timeline) == 6 and sample.actions[0].due == date(2026, 11, 20)
    assert "ready to share" in result.headline()


def test_missing_parts_are_each_named(sample):
    result = review(replace(sample, summary=" ", impact="", causes=(), actions=(), contributing_factors=(),
                            timeline=sample.timeline[:2]))
    assert set(places(result)) == {"summary", "impact", "causes", "actions", "timeline",
                                   "contributing_factors"}
    assert not result.ok
    warning = next(f for f in result.findings if f.where == "contributing_factors")
    assert warning.severity == "warning"


def test_a_person_named_in_the_cause_is_blame_even_by_first_name(sample):
    result = review(replace(sample, causes=(*sample.causes, "Sofia renamed the field without asking anyone.")))
    assert places(result) == [f"causes[{len(sample.causes)}]"]
    assert "names Sofia Conti" in result.findings[0].message
    owner_only = review(replace(sample, causes=("The sync matches fields by name.",)))
    assert owner_only.ok  # owners of actions are named in actions, which is where names belong


@pytest.mark.parametrize("phrase", ["human error", "the analyst was careless", "MOps forgot to check the sync"])
def test_blaming_phrases_in_any_cause_are_named(sample, phrase):
    result = review(replace(sample, contributing_factors=(*sample.contributing_factors, phrase)))
    assert places(result) == [f"contributing_factors[{len(sample.contributing_factors)}]"]
    assert "blames a person" in result.findings[0].message


def test_actions_need_an_owner_and_a_date_after_the_incident(sample):
    result = review(replace(sample, actions=(Action("Fix it", "", None), Action("Check", "Ana", date(2026, 1, 1)))))
    messages = [str(finding) for finding in result.findings]
    assert any("actions[0]" in m and "no owner" in m for m in messages)
    assert any("actions[0]" in m and "no due date" in m for m in messages)
    assert any("actions[1]" in m and "before the incident" in m for m in messages)


def test_a_timeline_out_of_order_is_named(sample):
    swapped = (sample.timeline[1], sample.timeline[0], *sample.timeline[2:])
    assert places(review(replace(sample, timeline=swapped))) == ["timeline[1]"]


def test_from_dict_keeps_missing_parts_empty_for_the_review():
    postmortem = postmortem_from_dict({"summary": "Sync stopped."})
    assert postmortem.timeline == () and postmortem.causes == ()
    assert "timeline" in places(review(postmortem))


@pytest.mark.parametrize(("text", "column"), [
    ("timeline:\n  - time: yesterday\n    event: x\n", "timeline[0].time"),
    ("timeline: a string\n", "timeline"),
    ("actions:\n  - action: x\n    owner: y\n    due: 20/11/2026\n", "actions[0].due"),
    ("causes: [[a, b]]\n", "causes[0]"),
    ("causes: {a: b}\n", "causes"),
])
def test_a_bad_shape_names_the_file_and_the_place(tmp_path, text, column):
    path = tmp_path / "pm.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_postmortem(path)
    assert (error.value.file, error.value.column) == (str(path), column)


def test_causes_are_a_list_and_an_older_single_root_cause_still_reads():
    one = postmortem_from_dict({"causes": "Tokens expire after 90 days and nothing tracks them."})
    assert one.causes == ("Tokens expire after 90 days and nothing tracks them.",)
    older = postmortem_from_dict({"root_cause": "The sync matches fields by name.", "causes": ["No change check."]})
    assert older.causes == ("The sync matches fields by name.", "No change check.")
    blank = postmortem_from_dict({"causes": ["", "  ", "A real cause."]})
    assert blank.causes == ("A real cause.",)


def test_the_report_lists_each_cause_and_no_root_cause(sample):
    register()
    parts = postmortem_document(review(sample)).sections[1].table
    labels = [row.values["part"] for row in parts.rows]
    assert labels[2:4] == ["Cause 1", "Cause 2"] and "Root cause" not in labels


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "pm.yaml"
    path.write_text("summary: ok\ntimeline: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML") as error:
        load_postmortem(path)
    assert error.value.row is not None


def test_a_system_that_failed_is_not_blame(sample):
    result = review(replace(sample, causes=("The sync failed to retry after the field was renamed.",)))
    assert result.ok


def test_timeline_frame_keeps_the_order(sample):
    frame = sample.timeline_frame()
    assert list(frame.columns) == ["time", "what happened"]
    assert frame["time"].iloc[0] == "2026-11-05 11:40" and len(frame) == len(sample.timeline)


def test_the_blank_template_reads_and_every_part_is_named():
    blank = SAMPLE.parent.parent.parent / "templates" / "intake-and-postmortem" / "postmortem-template.yaml"
    result = review(load_postmortem(blank))
    assert {"summary", "impact", "causes", "timeline", "actions"} <= set(places(result))


def test_a_clean_review_shows_its_verdict_and_no_table_in_a_notebook(sample):
    register()
    result = review(sample)
    document = postmortem_document(result)
    assert (document.title, document.headline, document.brief) == ("Post-mortem review", result.headline(), None)
    html = result._repr_html_()
    assert "Post-mortem review" in html and "0 errors, 0 warnings; ready to share." in html
    assert "<table" not in html


def test_findings_show_as_a_typed_table_and_every_input_is_escaped(sample):
    register()
    result = review(replace(sample, summary="", causes=("<script>Sofia</script> was careless.",)))
    brief = postmortem_document(result).brief
    assert brief is not None
    assert [(column.key, column.kind) for column in brief.columns] == [
        ("severity", Kind.LABEL), ("where", Kind.TEXT), ("message", Kind.TEXT)]
    assert [row.values["where"] for row in brief.rows] == [finding.where for finding in result.findings]
    html = result._repr_html_()
    assert ">error<" in html and ">causes[0]<" in html and "not ready to share" in html
    page = report.render(result, ".html").decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_json_report_has_the_verdict_and_the_findings_but_not_the_people(sample):
    result = review(replace(sample, contributing_factors=()))
    document = result.to_dict()
    assert document == {
        "schema": "mopskit.postmortem/1", "title": sample.title, "ok": True, "errors": 0, "warnings": 1,
        "findings": [{"severity": "warning", "where": "contributing_factors",
                      "message": result.findings[0].message}]}
    assert not any(person in json.dumps(document) for person in sample.people)


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_a_review_writes_every_report_format(tmp_path, sample, suffix):
    path = report.write(review(sample), tmp_path / f"review{suffix}")
    data = path.read_bytes()
    if suffix == ".json":
        assert json.loads(data)["ok"] is True
    elif suffix == ".xlsx":
        assert load_workbook(io.BytesIO(data)).sheetnames == ["Summary", "Findings", "Parts", "Timeline", "Actions"]
    else:
        text = data.decode("utf-8")
        assert "Post-mortem review" in text and sample.title in text and "Sofia Conti" in text  # an action's owner
