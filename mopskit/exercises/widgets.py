"""The live quiz: an ipywidgets front-end over :meth:`Quiz.grade`, with no logic of its own."""

from __future__ import annotations

import html

import ipywidgets as widgets

from mopskit.exercises.quiz import Quiz, QuizScore
from mopskit.display import shows

_OUTCOME_COLOURS = {True: "#2e7d32", False: "#c62828", None: "#757575"}


def quiz_widget(quiz: Quiz) -> widgets.VBox:
    """One RadioButtons per question, a Check button, feedback per question and a score."""
    choosers: dict[str, widgets.RadioButtons] = {}
    feedback: dict[str, widgets.HTML] = {}
    rows: list[widgets.Widget] = [widgets.HTML(f"<b>{html.escape(quiz.title)}</b>")]
    for number, question in enumerate(quiz.questions, start=1):
        chooser = widgets.RadioButtons(
            options=[(option.text, index) for index, option in enumerate(question.options)],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        choosers[question.id] = chooser
        feedback[question.id] = widgets.HTML("")
        rows.extend(
            [
                widgets.HTML(f"<b>{number}. {html.escape(question.prompt)}</b>"),
                chooser,
                feedback[question.id],
            ]
        )
    button = widgets.Button(description="Check", button_style="primary", icon="check")
    score = widgets.HTML("")

    def show(_: object = None) -> None:
        result = quiz.grade({question_id: chooser.value for question_id, chooser in choosers.items()})
        _show_outcomes(result, feedback)
        score.value = f"<b>{html.escape(result.summary)}</b>"

    button.on_click(show)
    rows.extend([button, score])
    return widgets.VBox(rows, layout=widgets.Layout(border="1px solid #9e9e9e66", padding="0.6em 1em"))


def _show_outcomes(result: QuizScore, feedback: dict[str, widgets.HTML]) -> None:
    for outcome in result.outcomes:
        state = None if outcome.chosen is None else outcome.correct
        colour = _OUTCOME_COLOURS[state]
        feedback[outcome.question_id].value = (
            f'<div style="border-left:3px solid {colour};padding:0.1em 0.6em;margin-left:1.5em;">'
            f"{html.escape(outcome.feedback)}</div>"
        )


shows(Quiz, bundle=lambda quiz: quiz_widget(quiz)._repr_mimebundle_() or {})
