"""The notebook forms: values, static HTML, saving without overwriting, and the round trip
through ``mopskit assess``."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
import yaml

from mopskit.frameworks.assess import assess, framework, load_answers
from mopskit.cli import main
from mopskit.errors import InputError
from mopskit.forms import SCALE, AssessmentForm, QuestionnaireForm, free_name
from mopskit.forms.render import RUN_HINT
from mopskit.frameworks.personas import score_persona, statements
from mopskit.frameworks.questionnaire import PersonaReport, load_questionnaire

WIDGET = "application/vnd.jupyter.widget-view+json"


def filled_assessment(respondent: str = "Giulia") -> AssessmentForm:
    form = AssessmentForm(framework="ghantous", respondent=respondent)
    form.set("strategic-planning", 2, 4, evidence="A one-page plan <draft> & notes")
    form.set("financial-management", 3, 3)
    form.set("performance-measurement", 1, 4)
    return form


# --- values ------------------------------------------------------------------------------------


def test_assessment_form_gives_the_assessment_of_its_answers():
    form = filled_assessment()
    assert form.answered == ("strategic-planning", "financial-management", "performance-measurement")
    result = form.result()
    assert result.respondents == ("Giulia",)
    assert result.biggest_gap.id == "performance-measurement"
    assert result.dimension("strategic-planning").evidence == ("A one-page plan <draft> & notes",)
    assert len(result.dimensions) == 3


def test_assessment_form_refuses_bad_levels_unknown_dimensions_and_half_answers():
    form = AssessmentForm()
    with pytest.raises(InputError, match="1 to 5"):
        form.set("strategic-planning", 6, 3)
    with pytest.raises(InputError, match="no dimension 'planning'"):
        form.set("planning", 2, 3)
    with pytest.raises(InputError, match="no framework 'nope'"):
        AssessmentForm(framework="nope")
    with pytest.raises(InputError, match="nothing answered yet"):
        form.result()
    form.set("strategic-planning", 2, None)
    with pytest.raises(InputError, match="both 'now' and 'wanted' for Strategic planning"):
        form.result()


def test_siriusdecisions_form_lists_its_own_dimensions():
    form = AssessmentForm(framework="siriusdecisions")
    assert [d.id for d in form.dimensions] == list(framework("siriusdecisions").dimension_ids)


def test_questionnaire_form_scores_like_score_persona():
    form = QuestionnaireForm(name="Sam")
    form.set("q1", 5)
    form.set("q6", 2)
    assert form.answers() == {"q1": 5, "q6": 2}
    assert form.result() == score_persona({"q1": 5, "q6": 2})
    form.set("q6", None)
    assert form.answers() == {"q1": 5}
    with pytest.raises(InputError, match="no statement 'q99'"):
        form.set("q99", 3)
    with pytest.raises(InputError, match="1 \\(strongly disagree\\) to 5"):
        form.set("q2", 0)


def test_empty_questionnaire_has_no_result_but_shows_the_example_learner():
    form = QuestionnaireForm()
    with pytest.raises(InputError, match="nothing answered yet"):
        form.result()
    assert form.result_or_example().name == "the example learner"
    form.set("q1", 1)
    assert form.result_or_example().name == "me"


# --- static HTML and text ----------------------------------------------------------------------


def test_static_assessment_html_shows_every_dimension_and_level_but_no_answer_or_name():
    form = filled_assessment(respondent="Giulia <script>alert(1)</script>")
    page = form._html_()
    assert RUN_HINT in page
    for dimension in form.dimensions:
        assert html.escape(dimension.name) in page
        assert html.escape(dimension.anchor(5)) in page
    assert "Giulia" not in page and "<script>" not in page
    assert "one-page plan" not in page  # the evidence typed stays out of a saved notebook
    assert page == AssessmentForm()._html_()  # answers change nothing in the static view


def test_static_questionnaire_html_is_a_blank_scale_with_escaped_statements():
    form = QuestionnaireForm(name="Sam")
    form.set("q1", 5)
    page = form._html_()
    assert page == QuestionnaireForm()._html_()
    for statement in statements():
        assert html.escape(statement.text) in page
    for words in SCALE:
        assert words.lower() in page
    assert "Sam" not in page
    assert '<li class="mopskit-form__statement">I read the Chiefmartec' in page  # apostrophes and quotes arrive escaped, not raw
    assert RUN_HINT in page


def test_bundle_carries_the_live_form_static_html_and_a_stable_text():
    bundle = filled_assessment()._repr_mimebundle_()
    assert WIDGET in bundle
    assert bundle["text/plain"] == AssessmentForm()._text_()
    assert "Run this notebook in JupyterLab" in bundle["text/plain"]
    assert "mopskit-form--questionnaire" in QuestionnaireForm()._repr_mimebundle_()["text/html"]


# --- saving ------------------------------------------------------------------------------------


def test_save_numbers_the_default_file_and_never_replaces_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = filled_assessment()
    first = form.save()
    (tmp_path / "my-assessment-2.yaml").write_text("someone else's", encoding="utf-8")
    second = form.save()
    assert (first.name, second.name) == ("my-assessment.yaml", "my-assessment-3.yaml")
    assert (tmp_path / "my-assessment-2.yaml").read_text(encoding="utf-8") == "someone else's"
    assert free_name(tmp_path / "my-assessment-3.yaml").name == "my-assessment-4.yaml"


def test_save_to_a_named_file_that_exists_is_refused_unless_forced(tmp_path):
    target = tmp_path / "answers.yaml"
    target.write_text("keep me", encoding="utf-8")
    form = QuestionnaireForm()
    form.set("q2", 4)
    with pytest.raises(InputError, match="already exists"):
        form.save(target)
    assert target.read_text(encoding="utf-8") == "keep me"
    form.save(target, force=True)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["people"] == {"me": {"q2": 4}}


def test_nothing_is_written_when_the_form_is_not_ready(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError):
        AssessmentForm().save()
    with pytest.raises(InputError):
        QuestionnaireForm().save()
    assert list(tmp_path.iterdir()) == []


def test_the_live_save_button_writes_and_shows_the_result(tmp_path, monkeypatch):
    from mopskit.forms.widgets import questionnaire_widget

    monkeypatch.chdir(tmp_path)
    form = QuestionnaireForm()
    box = questionnaire_widget(form)
    dropdowns = [child.children[0] for child in box.children if hasattr(child, "children") and child.children]
    dropdowns[0].value = 5  # q1: strongly agree (technology side)
    button = next(child for child in box.children if getattr(child, "description", "") == "Save answers")
    button.click()
    assert (tmp_path / "my-persona.yaml").is_file()
    texts = " ".join(getattr(child, "value", "") for child in box.children if hasattr(child, "value"))
    assert "Saved to my-persona.yaml" in texts and "Modernizers" in texts
    button.click()
    assert (tmp_path / "my-persona-2.yaml").is_file()


# --- the round trip through the command line ---------------------------------------------------


def test_cli_gives_the_same_assessment_as_the_form(tmp_path):
    form = filled_assessment()
    saved = form.save(tmp_path / "my-assessment.yaml")
    out = tmp_path / "report.json"
    assert main(["assess", str(saved), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == form.result().to_dict()
    assert assess(load_answers(saved)).to_dict(show_users=True) == form.result().to_dict(show_users=True)


def test_cli_reads_a_saved_questionnaire(tmp_path, capsys):
    form = QuestionnaireForm(name="Sam")
    for statement in statements():
        form.set(statement.id, 5 if statement.sign > 0 else 1)  # arts and rational: Psychologists
    saved = form.save(tmp_path / "my-persona.yaml")
    out = tmp_path / "persona.json"
    assert main(["assess", str(saved), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["people"] == [{"person": "Person 1", "x": 1.0, "y": 1.0, "quadrant": "psychologists",
                                 "quadrant_name": "Psychologists", "secondary": []}]
    assert "Sam" not in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", str(saved), "--show-names"]) == 0
    assert "Sam" in capsys.readouterr().out


def test_cli_reports_a_team_mix_in_every_format(tmp_path):
    team = tmp_path / "team.yaml"
    team.write_text("questionnaire: mops-2x2\npeople:\n  Ana: {q1: 5, q3: 5, q5: 5, q6: 5, q8: 5, q10: 5}\n"
                    "  Bo: {q2: 5, q4: 5, q1: 1, q7: 5, q9: 5, q6: 1}\n", encoding="utf-8")
    outs = [tmp_path / f"team{suffix}" for suffix in (".html", ".md", ".xlsx", ".json")]
    assert main(["assess", str(team), *[f"--out={out}" for out in outs]]) == 0
    report = json.loads(outs[-1].read_text(encoding="utf-8"))
    assert report["mix"]["counts"] == {"modernizers": 0, "orchestrators": 1, "psychologists": 0, "scientists": 1}
    assert report["mix"]["hire_for"] == "modernizers"
    for out in outs[:2]:
        text = out.read_text(encoding="utf-8")
        assert "Ana" not in text and "Scientists" in text
    result = load_questionnaire(team)
    assert isinstance(result, PersonaReport) and result.to_dict(show_users=True)["people"][0]["name"] == "Ana"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("questionnaire: mops-2x2\npeople:\n  Ana: {q1: 7}\n", "column 'people.Ana.q1'"),
        ("questionnaire: mops-2x2\npeople:\n  Ana: {q42: 3}\n", "no statement 'q42'"),
        ("questionnaire: mops-2x2\npeople:\n  me: {q1: 5}\n",
         "column 'people.me': only 1 of the 5 statements on the technology–arts axis (missing q2, q3, q4 and q5) and"
         " none of the 5 statements on the emotional–rational axis (missing q6, q7, q8, q9 and q10) are answered,"
         " too few to place this person"),
        ("questionnaire: mops-2x2\npeople:\n  Ana: {q1: 5, q2: 4, q3: 5, q6: 5, q7: 5, q8: 5}\n  Bo: {q2: 1, q3: 4}\n",
         "column 'people.Bo': only 2 of the 5 statements on the technology–arts axis"),
        ("questionnaire: mops-2x2\n", "column 'people'"),
        ("questionnaire: other\npeople: {Ana: {q1: 3}}\n", "column 'questionnaire'"),
        ("questionnaire: mops-2x2\npeople: {Ana: {q1: 3}}\nextra: 1\n", "unknown key 'extra'"),
    ],
)
def test_bad_questionnaire_exits_2_names_file_and_key_and_writes_nothing(tmp_path, capsys, text, expected):
    answers = tmp_path / "bad.yaml"
    answers.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["assess", str(answers), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert str(answers) in error and expected in error
    assert not out.exists()


def test_previous_run_with_a_questionnaire_is_refused(tmp_path, capsys):
    answers = tmp_path / "q.yaml"
    answers.write_text("questionnaire: mops-2x2\npeople: {Ana: {q1: 3}}\n", encoding="utf-8")
    earlier = tmp_path / "earlier.json"
    earlier.write_text("{}", encoding="utf-8")
    assert main(["assess", str(answers), "--previous", str(earlier)]) == 2
    assert "questionnaire file" in capsys.readouterr().err


def test_a_maturity_yaml_is_still_read_as_answers(tmp_path):
    saved = filled_assessment().save(tmp_path / "a.yaml")
    assert main(["assess", str(saved)]) == 0
    assert Path(saved).read_text(encoding="utf-8").startswith("# Maturity self-assessment")


def test_the_live_assessment_form_saves_levels_and_evidence_and_says_what_is_missing(tmp_path, monkeypatch):
    from ipywidgets import Button, Dropdown, Text

    from mopskit.forms.widgets import assessment_widget

    monkeypatch.chdir(tmp_path)
    form = AssessmentForm(respondent="Giulia")
    box = assessment_widget(form)

    def controls(kind: type) -> list:
        found = []
        for child in box.children:
            found += [c for c in (*getattr(child, "children", ()), child) if isinstance(c, kind)]
        return found

    button = next(c for c in controls(Button) if c.description == "Save answers")
    now, wanted = controls(Dropdown)[:2]
    now.value = 2
    button.click()  # a level wanted is missing: nothing is written, and the form says why
    assert list(tmp_path.iterdir()) == []
    status = " ".join(c.value for c in box.children if hasattr(c, "value") and isinstance(c.value, str))
    assert "Not saved" in status and "Strategic planning" in status
    wanted.value = 4
    controls(Text)[1].value = "Yearly calendar"  # the first text is the name; then each evidence box
    button.click()
    saved = yaml.safe_load((tmp_path / "my-assessment.yaml").read_text(encoding="utf-8"))
    assert saved == {"Giulia": {"strategic-planning": {"current": 2, "target": 4, "evidence": "Yearly calendar"}}}
