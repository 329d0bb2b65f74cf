"""Lesson 02's core: scoring the questionnaire, a team's mix, the crosswalk and the 2x2 chart."""

from __future__ import annotations

import json

import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from mopskit import InputError, report
from mopskit.content import knowledge
from mopskit.frameworks import personas as p
from mopskit.frameworks.questionnaire import PERSONA_SCHEMA, PersonaReport
from mopskit.report import document_of
from mopskit.report.document import Kind, raw
from mopskit.report.notebook import notebook_html
from mopskit.viz.personas import persona_chart


def all_answers(value: int) -> dict[str, int]:
    return {statement.id: value for statement in p.statements()}


def leaning(x_side: str, y_side: str, strength: int = 5) -> dict[str, int]:
    """Answers that push fully towards ``x_side`` and ``y_side``."""
    want = {"x": 1 if x_side == "arts" else -1, "y": 1 if y_side == "rational" else -1}
    return {s.id: strength if s.sign == want[s.axis] else 6 - strength for s in p.statements()}


def test_content_has_four_quadrants_one_per_corner_and_a_role_for_each():
    corners = {(q.x, q.y) for q in p.quadrants()}
    assert len(corners) == 4
    assert {q.name for q in p.quadrants()} == {"Modernizers", "Orchestrators", "Psychologists", "Scientists"}
    assert sorted(role.quadrant for role in p.roles()) == sorted(q.id for q in p.quadrants())
    assert {role.id for role in p.roles()} == {"maestros", "marketers", "modelers", "makers"}


def test_questionnaire_has_8_to_12_statements_and_both_signs_on_each_axis():
    statements = p.statements()
    assert 8 <= len(statements) <= 12
    assert len({s.id for s in statements}) == len(statements)
    for axis in ("x", "y"):
        assert {s.sign for s in statements if s.axis == axis} == {-1, 1}


@pytest.mark.parametrize("x_side, y_side, expected", [
    ("technology", "emotional", "modernizers"),
    ("arts", "emotional", "orchestrators"),
    ("arts", "rational", "psychologists"),
    ("technology", "rational", "scientists"),
])
def test_full_agreement_lands_in_the_corner_with_no_secondary_traits(x_side, y_side, expected):
    score = p.score_persona(leaning(x_side, y_side))
    assert score.primary == expected
    assert abs(score.x) == 1 and abs(score.y) == 1
    assert score.secondary == ()


def test_neutral_answers_sit_in_the_middle_close_to_every_quadrant():
    score = p.score_persona(all_answers(3))
    assert (score.x, score.y) == (0, 0)
    assert set(score.secondary) | {score.primary} == {q.id for q in p.quadrants()}


def test_a_mild_lean_is_primary_with_the_neighbour_across_the_near_axis():
    answers = leaning("technology", "rational", strength=5)
    for s in p.statements():
        if s.axis == "x":
            answers[s.id] = 3  # middle of the technology-arts axis
    answers[next(s.id for s in p.statements() if s.axis == "x" and s.sign == -1)] = 4
    score = p.score_persona(answers)
    assert score.primary == "scientists"
    assert score.secondary == ("psychologists",)


def test_coordinates_stay_between_minus_one_and_one_and_missing_statements_are_skipped():
    score = p.score_persona({"q1": 5})
    assert score.x == -1 and score.y == 0


@pytest.mark.parametrize("answers, words", [
    ({"q99": 3}, "q99"),
    ({"q1": 0}, "from 1"),
    ({"q1": 6}, "from 1"),
    ({"q1": "agree"}, "whole number"),
    ({"q1": 2.5}, "whole number"),
    ({"q1": True}, "whole number"),
])
def test_bad_answers_are_input_errors_that_say_what_is_wrong(answers, words):
    with pytest.raises(InputError, match=words):
        p.score_persona(answers)


def test_names_stay_out_of_reprs_text_and_the_notebook_view_unless_a_report_asks():
    score = p.score_persona(leaning("arts", "emotional"), name="Giulia Rossi")
    assert "Giulia" not in repr(score) and "Giulia" not in score._text_() and "Giulia" not in score._repr_html_()
    assert "Giulia" in score.describe(with_name=True)
    assert "Giulia" in report.render(score, ".md", show_users=True).decode("utf-8")
    mix = p.team_mix({"Giulia Rossi": leaning("arts", "emotional")})
    assert "Giulia" not in repr(mix) + mix._text_() + mix._repr_html_()
    named = p.team_mix({"Giulia Rossi": leaning("arts", "emotional")}, show_names=True)
    assert "Giulia" not in repr(named) + named._repr_html_() + report.render(named, ".md").decode("utf-8")
    assert "Giulia" in report.render(named, ".md", show_users=True).decode("utf-8")
    assert "Giulia" in named.to_frame(with_names=True).to_string()


def test_team_mix_counts_and_names_the_uncovered_quadrant_to_hire_for():
    team = [p.score_persona(leaning(*sides)) for sides in (
        ("technology", "emotional"), ("technology", "emotional"), ("arts", "emotional"), ("technology", "rational"))]
    mix = p.team_mix(team)
    assert mix.counts == {"modernizers": 2, "orchestrators": 1, "psychologists": 0, "scientists": 1}
    assert mix.uncovered == ("psychologists",)
    assert mix.hire_for == "psychologists"
    assert "Psychologists" in mix.summary()


def test_with_two_gaps_the_hire_goes_where_fewest_people_even_show_traits():
    near_psych = p.score_persona({"q1": 4, "q6": 5})  # technology a little, rational: a Scientist close to Psychologists
    strong_mod = p.score_persona(leaning("technology", "emotional"))
    mix = p.team_mix([near_psych, strong_mod])
    assert set(mix.uncovered) == {"orchestrators", "psychologists"}
    assert mix.hire_for == "orchestrators"


def test_a_full_team_hires_for_its_thinnest_quadrant():
    team = [p.score_persona(leaning(*sides)) for sides in (
        ("technology", "emotional"), ("arts", "emotional"), ("arts", "rational"), ("technology", "rational"),
        ("technology", "rational"))]
    mix = p.team_mix(team)
    assert mix.uncovered == ()
    assert mix.hire_for == "modernizers"  # ties broken by the content's order
    assert "covers every quadrant" in mix.summary()


def test_team_mix_refuses_what_is_not_a_scored_person():
    with pytest.raises(InputError, match="score_persona"):
        p.team_mix([{"q1": 5}])  # type: ignore[list-item]


def test_closest_role_follows_the_crosswalk():
    assert p.closest_role(p.score_persona(leaning("arts", "emotional"))).id == "maestros"
    assert p.closest_role(p.score_persona(leaning("technology", "rational"))).id == "modelers"


def test_an_unknown_quadrant_names_the_known_ones():
    with pytest.raises(InputError, match="modernizers"):
        p.quadrant("dreamers")


def test_a_broken_personas_file_is_refused_by_its_schema():
    from mopskit.content.schemas import validate

    data = {key: value for key, value in knowledge._read("personas").items()}
    data["statements"] = [dict(data["statements"][0], sign=2)]
    with pytest.raises(InputError):
        validate("personas", data, file="personas.yaml")


def chart_texts(fig: Figure) -> list[str]:
    axes = fig.axes[0]
    texts = [text.get_text() for text in axes.texts]
    texts += [label.get_text() for label in axes.get_xticklabels() + axes.get_yticklabels()]
    return texts


def test_chart_names_the_quadrants_and_both_ends_of_each_axis():
    texts = " ".join(chart_texts(persona_chart()))
    for word in ("Modernizers", "Orchestrators", "Psychologists", "Scientists", "Technology", "Arts",
                 "Emotional", "Rational"):
        assert word in texts


def test_chart_places_people_with_a_shape_per_quadrant_and_anonymous_labels():
    team = [p.score_persona(leaning("technology", "emotional"), name="Secret Name"),
            p.score_persona(leaning("arts", "rational"))]
    fig = persona_chart(team)
    axes = fig.axes[0]
    texts = chart_texts(fig)
    assert "Person 1" in texts and "Person 2" in texts
    assert not any("Secret" in text for text in texts)
    placed = [c for c in axes.collections if isinstance(c, PathCollection) and len(c.get_offsets())]
    assert [tuple(c.get_offsets()[0]) for c in placed] == [(-1, -1), (1, 1)]
    shapes = [c.get_paths()[0].vertices.tolist() for c in placed]
    assert shapes[0] != shapes[1]  # the quadrant shows in the marker's shape, not only its colour
    legend = axes.get_legend()
    assert legend is not None and {t.get_text() for t in legend.get_texts()} >= {"Modernizers", "Scientists"}


def test_chart_uses_the_labels_it_is_given_and_refuses_a_wrong_count():
    one = p.score_persona(leaning("arts", "emotional"))
    assert "Ana" in chart_texts(persona_chart([one], labels=["Ana"]))
    assert "You" in chart_texts(persona_chart(one))
    with pytest.raises(ValueError, match="one label per person"):
        persona_chart([one], labels=["A", "B"])


def test_labels_of_close_people_do_not_overlap_each_other_or_a_marker():
    from mopskit.viz import personas as chart

    team = p.sample_team()
    markers = [(s.x - chart._MARKER, s.y - chart._MARKER, s.x + chart._MARKER, s.y + chart._MARKER) for s in team]
    boxes: list = []
    for index, person in enumerate(team):
        text = chart.textwrap.fill(person.name, chart._LABEL_WIDTH)
        _, box = chart._label_place(person.x, person.y, text, boxes + markers[:index] + markers[index + 1:])
        boxes.append(box)
    for index, box in enumerate(boxes):
        others = boxes[:index] + boxes[index + 1:] + markers[:index] + markers[index + 1:]
        assert not any(chart._overlap(box, other) for other in others), team[index].name


# --- reports and the notebook view --------------------------------------------------------------

NAMED_TEAM = {"Giulia Rossi": leaning("arts", "emotional"), "Ben": leaning("technology", "rational"),
              "Cid": leaning("technology", "emotional")}


def values() -> dict[str, object]:
    """One of each value with a report, names kept so a leak would show."""
    people = [p.score_persona(answers, name=name) for name, answers in NAMED_TEAM.items()]
    return {"score": people[0], "mix": p.team_mix(NAMED_TEAM, show_names=True),
            "report": PersonaReport(tuple(people)), "one": PersonaReport(tuple(people[:1]))}


SCHEMAS = {"score": p.SCORE_SCHEMA, "mix": p.MIX_SCHEMA, "report": PERSONA_SCHEMA, "one": PERSONA_SCHEMA}


@pytest.mark.parametrize("kind", list(SCHEMAS))
@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".json"])
def test_each_value_writes_every_format_with_names_only_when_asked(tmp_path, kind, suffix):
    from openpyxl import load_workbook

    value = values()[kind]
    quiet = report.write(value, tmp_path / f"quiet{suffix}")
    named = report.write(value, tmp_path / f"named{suffix}", show_users=True)
    if suffix == ".xlsx":
        def cells(path):
            return " ".join(str(cell) for sheet in load_workbook(path).worksheets
                            for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)

        assert "Giulia" not in cells(quiet) and "Orchestrators" in cells(quiet)
        assert "Giulia" in cells(named)
        return
    text = quiet.read_text(encoding="utf-8")
    assert "Giulia" not in text and "orchestrators" in text.lower()
    assert "Giulia" in named.read_text(encoding="utf-8")
    if suffix == ".json":
        assert json.loads(text)["schema"] == SCHEMAS[kind]


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_the_notebook_view_is_the_documents_short_form(kind):
    value = values()[kind]
    page = value._repr_html_()
    assert page == notebook_html(document_of(value))
    assert "Giulia" not in page and "conversation starter" in page


def test_a_score_shows_its_sentence_and_its_coordinates_as_figures():
    score = p.score_persona(leaning("arts", "emotional"))
    document = document_of(score)
    assert document.headline == score.describe()
    kinds = {column.key: column.kind for column in document.brief.columns}
    assert kinds == {"axis": Kind.TEXT, "score": Kind.NUMBER}
    x = document.brief.rows[0].values["score"]
    assert raw(x) == 1.0 and document.brief.column("score").words(x) == "+1.00"
    assert "+1.00" in score._repr_html_() and "mainly Orchestrators" in score._repr_html_()
    assert p.closest_role(score).name in report.render(score, ".md").decode("utf-8")


def test_a_mix_shows_its_summary_and_counts_per_quadrant():
    mix = p.team_mix(NAMED_TEAM)
    document = document_of(mix)
    assert document.headline == mix.summary()
    kinds = {column.key: column.kind for column in document.brief.columns}
    assert kinds == {"quadrant": Kind.TEXT, "mainly": Kind.INTEGER, "traits": Kind.INTEGER}
    counts = {row.values["quadrant"]: row.values["mainly"] for row in document.brief.rows}
    assert counts == {"Modernizers": 1, "Orchestrators": 1, "Psychologists": 0, "Scientists": 1}
    assert [card.value for card in document.cards if card.label == "Hire for"] == ["Psychologists"]


def test_a_mix_to_dict_is_plain_json_with_names_only_when_kept_and_asked():
    named = p.team_mix(NAMED_TEAM, show_names=True)
    record = named.to_dict()
    assert json.loads(json.dumps(record)) == record
    assert record["counts"] == named.counts and record["hire_for"] == "psychologists" and "members" not in record
    assert named.to_dict(show_users=True)["members"]["orchestrators"] == ["Giulia Rossi"]
    assert "members" not in p.team_mix(NAMED_TEAM).to_dict(show_users=True)
    score = p.score_persona(leaning("arts", "emotional"), name="Giulia Rossi")
    assert "name" not in score.to_dict() and score.to_dict(show_users=True)["name"] == "Giulia Rossi"
    assert score.to_dict()["quadrant"] == "orchestrators"


def test_a_team_report_shows_each_place_and_the_mix_at_a_glance():
    team = values()["report"]
    document = document_of(team)
    people = document.brief
    assert {column.key: column.kind for column in people.columns if column.kind.numeric} == {
        "x": Kind.NUMBER, "y": Kind.NUMBER}
    assert [row.values["person"] for row in people.rows] == ["Person 1", "Person 2", "Person 3"]
    assert [section.short_title for section in document.sections if section.glance] == ["Mix"]
    assert "Mainly here" in team._repr_html_()
    one = document_of(values()["one"])
    assert not any(section.glance for section in one.sections)
