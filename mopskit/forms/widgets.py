"""The live forms: ipywidgets front-ends that fill an ``AssessmentForm`` or a ``QuestionnaireForm``,
save it with the form's own ``save()`` and show its ``result()``. No logic of their own."""

from __future__ import annotations

import html
import shlex
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from mopskit.frameworks.assess.framework import levels
from mopskit.errors import InputError
from mopskit.forms.values import SCALE, AssessmentForm, QuestionnaireForm
from mopskit.display import shows

_BOX = widgets.Layout(border="1px solid #9e9e9e66", padding="0.6em 1em")
_WIDE = {"description_width": "initial"}
_ERROR = "#c62828"
_SAVED = "#2e7d32"


def _message(text: str, colour: str) -> str:
    return f'<div style="border-left:3px solid {colour};padding:0.1em 0.6em;">{html.escape(text)}</div>'


def _save_row(save: Callable[[], tuple[Path, str]], follow_up: str) -> list[widgets.Widget]:
    """A 'Save answers' button, a status line and the result, shown under the form. ``save``
    writes the file and returns its path and the result's HTML."""
    button = widgets.Button(description="Save answers", button_style="primary", icon="save",
                            layout=widgets.Layout(width="auto"))
    status = widgets.HTML("")
    shown = widgets.HTML("")

    def click(_: object = None) -> None:
        try:
            path, result = save()
        except InputError as error:
            status.value = _message(f"Not saved: {error.reason}", _ERROR)
            return
        where = shlex.quote(str(Path(path).resolve()))
        status.value = _message(f"Saved to {path}, beside this notebook. {follow_up} From a terminal, in any "
                                f"folder, the same result: mopskit assess {where}", _SAVED)
        shown.value = result

    button.on_click(click)
    return [button, status, shown]


def assessment_widget(form: AssessmentForm) -> widgets.VBox:
    """A name box, then per responsibility: a dropdown for now, one for in a year, and evidence."""
    options = [("choose…", None)] + [(f"{level.level} · {level.name}", level.level) for level in levels()]
    name = widgets.Text(value=form.respondent, description="Your name or role:", style=_WIDE)
    name.observe(lambda change: setattr(form, "respondent", change["new"]), names="value")
    rows: list[widgets.Widget] = [
        widgets.HTML(f"<b>Maturity self-assessment: {html.escape(form.scored_framework.name)}</b><br>"
                     "For each responsibility, choose the level you can show evidence for <b>now</b>, and the "
                     "level you want <b>in a year</b>. Leave out any you cannot judge."),
        name,
    ]
    for dimension in form.dimensions:
        now = widgets.Dropdown(options=options, value=form.current.get(dimension.id), description="Now:")
        wanted = widgets.Dropdown(options=options, value=form.target.get(dimension.id), description="In a year:",
                                  style=_WIDE)
        evidence = widgets.Text(value=form.evidence.get(dimension.id, ""), description="Evidence (optional):",
                                placeholder="a document, a meeting in the calendar, a report",
                                style=_WIDE, layout=widgets.Layout(width="90%"))
        meaning = widgets.HTML("")

        def update(_: object = None, *, dimension_id: str = dimension.id, now: widgets.Dropdown = now,
                   wanted: widgets.Dropdown = wanted, evidence: widgets.Text = evidence,
                   meaning: widgets.HTML = meaning) -> None:
            form.current[dimension_id] = now.value
            form.target[dimension_id] = wanted.value
            form.evidence[dimension_id] = evidence.value
            anchor = form.scored_framework.dimension(dimension_id)
            meaning.value = ("" if now.value is None else
                             f"<small>Level {now.value} means: {html.escape(anchor.anchor(now.value))}</small>")

        for control in (now, wanted, evidence):
            control.observe(update, names="value")
        rows += [widgets.HTML(f"<b>{html.escape(dimension.name)}</b>: {html.escape(dimension.description)}"),
                 widgets.HBox([now, wanted]), meaning, evidence]

    def save() -> tuple[Path, str]:
        result = form.result()  # checked before anything is written
        return form.save(), result._html_()

    rows += _save_row(save, "Saving again writes a new file, so none is replaced.")
    return widgets.VBox(rows, layout=_BOX)


def questionnaire_widget(form: QuestionnaireForm) -> widgets.VBox:
    """One dropdown per statement, 1 (strongly disagree) to 5 (strongly agree)."""
    options = [("choose…", None)] + [(f"{number} · {words}", number) for number, words in enumerate(SCALE, 1)]
    rows: list[widgets.Widget] = [
        widgets.HTML("<b>Where do you sit on the MOps 2x2?</b><br>Choose an answer for each statement, for how "
                     "you work today, then press <b>Save answers</b>.")
    ]
    for number, statement in enumerate(form.statements, start=1):
        chooser = widgets.Dropdown(options=options, value=form.choices.get(statement.id),
                                   layout=widgets.Layout(width="16em"))
        chooser.observe(lambda change, statement_id=statement.id: form.set(statement_id, change["new"]),
                        names="value")
        rows.append(widgets.HBox([chooser, widgets.HTML(f"{number}. {html.escape(statement.text)}")]))

    def save() -> tuple[Path, str]:
        result = form.result()  # checked before anything is written
        return form.save(), result._html_()

    rows += _save_row(save, "Run the next cells to see yourself on the 2x2.")
    return widgets.VBox(rows, layout=_BOX)


shows(AssessmentForm, bundle=lambda form: assessment_widget(form)._repr_mimebundle_() or {})
shows(QuestionnaireForm, bundle=lambda form: questionnaire_widget(form)._repr_mimebundle_() or {})
