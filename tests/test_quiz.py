"""Quizzes: bank validation, grading, the live widget and the no-JavaScript HTML fallback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mopskit import InputError
from mopskit.content import knowledge
from mopskit.exercises import Quiz, quiz
from mopskit.exercises.render import quiz_html, quiz_text
from mopskit.exercises.widgets import quiz_widget

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CONTENT = Path(__file__).resolve().parent.parent / "mopskit" / "content"
BANK_FILES = sorted(CONTENT.glob("quiz-*.yaml"))


def bank() -> dict:
    """A small fixture bank, independent of the kit's real quiz content."""
    return {
        "title": "Fixture quiz",
        "shuffle": False,  # options in the written order, so tests can name them by index
        "questions": [
            {
                "id": "colour",
                "prompt": "Which colour is <b>the sky</b> on a clear day?",
                "options": [
                    {"text": "Green", "correct": False, "feedback": "Not quite: that is grass."},
                    {"text": "Blue", "correct": True, "feedback": "Yes: blue & bright."},
                ],
            },
            {
                "id": "count-2",
                "prompt": "How many pillars?",
                "options": [
                    {"text": "Two", "correct": False, "feedback": "Not quite: one is missing."},
                    {"text": "Three", "correct": True, "feedback": "Yes: people, process, technology."},
                    {"text": "Four", "correct": False, "feedback": "Not quite: one too many."},
                ],
            },
        ],
    }


def fixture_quiz() -> Quiz:
    return Quiz.from_dict("fixture", bank())


class _Inputs(HTMLParser):
    """Collects radio inputs, labels and any script tags from an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict[str, str | None]] = []
        self.labels: list[str | None] = []
        self.scripts = 0
        self.event_handlers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.event_handlers += sum(name.startswith("on") for name in attributes)
        if tag == "input" and attributes.get("type") == "radio":
            self.radios.append(attributes)
        elif tag == "label":
            self.labels.append(attributes.get("for"))
        elif tag == "script":
            self.scripts += 1


def parse(html_text: str) -> _Inputs:
    parser = _Inputs()
    parser.feed(html_text)
    return parser


def test_from_dict_reads_questions_and_finds_the_correct_option():
    loaded = fixture_quiz()
    assert loaded.title == "Fixture quiz"
    assert [question.id for question in loaded.questions] == ["colour", "count-2"]
    assert [question.correct_index for question in loaded.questions] == [1, 1]


def test_options_are_shuffled_the_same_way_on_every_load():
    data = bank()
    del data["shuffle"]
    first, again = Quiz.from_dict("fixture", data), Quiz.from_dict("fixture", bank() | {"shuffle": True})
    assert [q.options for q in first.questions] == [q.options for q in again.questions]
    assert {option.text for option in first.questions[1].options} == {"Two", "Three", "Four"}
    assert first.questions[1].options[first.questions[1].correct_index].text == "Three"


def test_the_right_answer_is_not_always_in_the_same_place():
    """Authors write the right answer first; learners must not be able to rely on that."""
    written = knowledge.load("quiz-01-what-is-mops")["questions"]
    assert all(question["options"][0]["correct"] for question in written)  # how the bank is written
    positions = {question.correct_index for question in quiz("01-what-is-mops").questions}
    assert len(positions) >= 2


def length_giveaways(questions: Sequence[Mapping]) -> dict[str, list[str]]:
    """The ids of the questions whose correct option is strictly the longest, or strictly the shortest."""
    found: dict[str, list[str]] = {"longest": [], "shortest": []}
    for question in questions:
        right = [len(option["text"]) for option in question["options"] if option["correct"]]
        wrong = [len(option["text"]) for option in question["options"] if not option["correct"]]
        if right[0] > max(wrong):
            found["longest"].append(question["id"])
        elif right[0] < min(wrong):
            found["shortest"].append(question["id"])
    return found


def too_telling(questions: Sequence[Mapping]) -> list[str]:
    """One line per length cue a learner could follow in more than 40% of the questions."""
    total = len(questions)
    return [
        f"the correct option is strictly the {which} in {len(ids)} of {total} questions: {', '.join(ids)}"
        for which, ids in length_giveaways(questions).items()
        if len(ids) * 5 > total * 2
    ]


def test_the_length_check_flags_a_bank_whose_answer_is_always_the_longest():
    questions = bank()["questions"]  # "Blue" is shorter than "Green", "Three" the longest
    assert length_giveaways(questions) == {"longest": ["count-2"], "shortest": ["colour"]}
    assert too_telling(questions) == [
        "the correct option is strictly the longest in 1 of 2 questions: count-2",
        "the correct option is strictly the shortest in 1 of 2 questions: colour",
    ]
    evened = bank()["questions"]
    evened[0]["options"][0]["text"] = "Grey"  # as long as "Blue": a tie is no cue
    evened[1]["options"][2]["text"] = "Eleven"  # "Three" now sits between "Two" and "Eleven"
    assert length_giveaways(evened) == {"longest": [], "shortest": []}
    assert too_telling(evened) == []


def test_every_bank_is_checked_for_length_cues():
    assert len(BANK_FILES) >= 4, f"expected the kit's quiz banks in {CONTENT}"


@pytest.mark.parametrize("path", BANK_FILES, ids=lambda path: path.name)
def test_the_correct_option_is_not_given_away_by_its_length(path: Path):
    """A learner must not score by picking the longest (or shortest) option without reading."""
    questions = knowledge.load(path.stem)["questions"]
    problems = too_telling(questions)
    assert not problems, f"{path.name}: " + "; ".join(problems) + (
        ". Make the wrong options specific, plausible misconceptions of similar length, or tighten the right one."
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: data["questions"][0]["options"][0].update(correct=True), "2 correct options"),
        (lambda data: data["questions"][0]["options"][1].update(correct=False), "0 correct options"),
        (lambda data: data["questions"][1].update(id="colour"), "used twice"),
        (lambda data: data["questions"][1].update(id="Bad Id"), "lower-case"),
        (lambda data: data["questions"][0]["options"][0].pop("feedback"), "has no feedback"),
        (lambda data: data["questions"][0]["options"][0].update(correct="yes"), "correct: true"),
        (lambda data: data["questions"][0].update(options=data["questions"][0]["options"][:1]), "two options"),
        (lambda data: data["questions"][0].update(prompt=""), "has no prompt"),
        (lambda data: data.update(questions=[]), "non-empty list"),
        (lambda data: data.update(shuffle="yes"), "'shuffle' must be true or false"),
    ],
)
def test_a_broken_bank_names_the_file_and_the_problem(change, expected):
    data = bank()
    change(data)
    with pytest.raises(InputError) as caught:
        Quiz.from_dict("fixture", data)
    assert caught.value.file == "quiz-fixture.yaml"
    assert expected in str(caught.value)


def test_grade_scores_choices_and_returns_each_options_feedback():
    score = fixture_quiz().grade({"colour": 1, "count-2": 2})
    assert (score.correct, score.answered, score.total) == (1, 2, 2)
    assert [outcome.feedback for outcome in score.outcomes] == ["Yes: blue & bright.", "Not quite: one too many."]
    assert score.summary == "Score: 1 of 2 correct."


def test_grade_counts_skipped_questions_as_not_answered():
    score = fixture_quiz().grade({"colour": None})
    assert (score.correct, score.answered) == (0, 0)
    assert score.outcomes[1].feedback == "Not answered yet."
    assert score.summary == "Score: 0 of 2 correct (2 not answered yet)."


@pytest.mark.parametrize("choices", [{"colour": 5}, {"colour": True}, {"colour": "1"}, {"nope": 0}])
def test_grade_refuses_choices_that_do_not_exist(choices):
    with pytest.raises(InputError):
        fixture_quiz().grade(choices)


def test_static_html_has_a_labelled_radio_per_option_with_deterministic_ids():
    rendered = quiz_html(fixture_quiz())
    parsed = parse(rendered)
    ids = [radio["id"] for radio in parsed.radios]
    assert ids == [
        "mopskit-quiz-fixture--colour--1",
        "mopskit-quiz-fixture--colour--2",
        "mopskit-quiz-fixture--count-2--1",
        "mopskit-quiz-fixture--count-2--2",
        "mopskit-quiz-fixture--count-2--3",
    ]
    assert sorted(parsed.labels) == sorted(ids)
    assert {radio["name"] for radio in parsed.radios} == {
        "mopskit-quiz-fixture--colour",
        "mopskit-quiz-fixture--count-2",
    }
    assert rendered == quiz_html(fixture_quiz()), "the same bank renders byte for byte the same"


def test_static_html_needs_no_javascript_and_shows_feedback_with_css():
    rendered = quiz_html(fixture_quiz())
    parsed = parse(rendered)
    assert parsed.scripts == 0 and parsed.event_handlers == 0
    assert "input:checked~.mopskit-quiz__feedback{display:block;}" in rendered
    assert 'data-total="2"' in rendered
    for text in ("Yes: blue &amp; bright.", "Not quite: that is grass.", "Yes: people, process, technology."):
        assert text in rendered


def test_static_html_hides_feedback_where_its_css_is_stripped():
    """An untrusted notebook in JupyterLab drops <style>: the answers must stay hidden."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(quiz_html(fixture_quiz()), "html.parser")
    for style in page.find_all("style"):
        style.decompose()
    feedback = page.select(".mopskit-quiz__feedback")
    assert len(feedback) == 5
    # A bare `hidden` is an empty attribute, which JupyterLab's sanitizer drops.
    assert all(element.get("hidden") == "hidden" for element in feedback)
    visible = [element for element in page.find_all(True) if not element.find_parent(hidden=True)
               and not element.has_attr("hidden")]
    assert not any("Yes:" in element.get_text() for element in visible if not element.find_all(True))
    # Without the CSS, the learner is told how to take the quiz instead.
    assert "Run this cell" in page.select_one(".mopskit-quiz__run").get_text()
    # With it, that line is hidden and a checked option's feedback overrides `hidden`.
    css = quiz_html(fixture_quiz()).split("<style>", 1)[1]
    assert ".mopskit-quiz__run{display:none;}" in css


def test_static_html_escapes_bank_text():
    rendered = quiz_html(fixture_quiz())
    assert "<b>the sky</b>" not in rendered
    assert "&lt;b&gt;the sky&lt;/b&gt;" in rendered


def test_static_html_scopes_every_css_rule_to_the_quiz():
    rendered = quiz_html(fixture_quiz())
    css = rendered.split("<style>", 1)[1].split("</style>", 1)[0]
    selectors = [rule.split("{", 1)[0] for rule in css.replace("\n", "").split("}") if "{" in rule]
    assert selectors and all(selector.startswith(".mopskit-quiz") for selector in selectors)


def test_mime_bundle_carries_widget_view_static_html_and_a_short_text():
    bundle = fixture_quiz()._repr_mimebundle_()
    assert set(bundle) == {WIDGET_MIME, "text/html", "text/plain"}
    assert bundle["text/html"] == quiz_html(fixture_quiz())
    assert bundle["text/plain"] == "Quiz 'fixture': Fixture quiz (2 questions)"
    assert bundle[WIDGET_MIME]["version_major"] == 2


def test_live_widget_shows_feedback_and_score_when_checked():
    loaded = fixture_quiz()
    widget = quiz_widget(loaded)
    choosers = [child for child in widget.children if child.__class__.__name__ == "RadioButtons"]
    button = next(child for child in widget.children if child.__class__.__name__ == "Button")
    assert [chooser.value for chooser in choosers] == [None, None]
    choosers[0].value = 1
    button.click()
    texts = [child.value for child in widget.children if child.__class__.__name__ == "HTML"]
    assert any("Yes: blue &amp; bright." in text for text in texts)
    assert any("Not answered yet." in text for text in texts)
    assert texts[-1] == "<b>Score: 1 of 2 correct (1 not answered yet).</b>"


def test_quiz_loads_a_bank_through_the_content_api():
    banks = [name.removeprefix("quiz-") for name in knowledge.names() if name.startswith("quiz-")]
    assert banks, "the kit ships at least one quiz bank"
    for name in banks:
        loaded = quiz(name)
        assert loaded.bank == name
        assert quiz_text(loaded).startswith(f"Quiz '{name}': ")


@pytest.mark.parametrize("name", ["no-such-bank", "../sources", "", None])
def test_an_unknown_or_malformed_bank_is_a_clear_error(name):
    with pytest.raises(InputError):
        quiz(name)  # type: ignore[arg-type]
