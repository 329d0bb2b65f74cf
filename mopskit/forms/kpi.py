"""A form for writing one KPI: name, owner, baseline, target, unit and due date.

The value is a read-only mapping of those six fields, so an exercise's ``check()`` reads it like
a short answer: a box left empty reads as ``...`` while the whole form is empty (not answered
yet) and as ``None`` once something is filled in (so the SMART rules can name what is missing).
In JupyterLab it shows as six text boxes; on the published site as the same boxes, empty.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from mopskit.display import NotebookRepr, extra_bundle, shows
from mopskit.forms.render import FORM_CSS, RUN_HINT

KPI_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "what is counted, of what, in a few words"),
    ("owner", "Owner", "the person who answers for it"),
    ("baseline", "Baseline", "the value measured today (a number)"),
    ("target", "Target", "the value to reach (a number)"),
    ("unit", "Unit", "what the numbers count, e.g. percent of …"),
    ("due", "Due", "the date to reach it, as YYYY-MM-DD"),
)
"""The form's boxes: the KPI field, its label, and a placeholder saying what goes in it."""


@dataclass(eq=False)
class KpiForm(NotebookRepr, Mapping[str, Any]):
    """One KPI as a learner writes it: each field is the text typed in its box."""

    title: str = "Your KPI"
    boxes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.boxes) - {key for key, _, _ in KPI_FIELDS})
        if unknown:
            raise KeyError(f"a KPI form has no box {unknown[0]!r}")

    def set(self, **values: Any) -> KpiForm:
        """Fill boxes by name (``form.set(owner="Sofia Conti")``); returns the form."""
        for key, value in values.items():
            if key not in self:
                raise KeyError(f"a KPI form has no box {key!r}; the boxes are {', '.join(self)}")
            self.boxes[key] = "" if value is None else str(value)
        return self

    @property
    def empty(self) -> bool:
        return not any(text.strip() for text in self.boxes.values())

    def __getitem__(self, key: str) -> Any:
        if key not in {name for name, _, _ in KPI_FIELDS}:
            raise KeyError(key)
        text = self.boxes.get(key, "").strip()
        if text:
            return text
        return Ellipsis if self.empty else None

    def __iter__(self) -> Iterator[str]:
        return iter(name for name, _, _ in KPI_FIELDS)

    def __len__(self) -> int:
        return len(KPI_FIELDS)

    def __repr__(self) -> str:
        filled = sum(1 for text in self.boxes.values() if text.strip())
        return f"KpiForm({self.title!r}, {filled} of {len(KPI_FIELDS)} boxes filled)"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live boxes where a kernel runs, with the static HTML and text for everywhere else."""
        return {**extra_bundle(self), "text/html": self._html_(), "text/plain": self._text_()}


def kpi_form_html(form: KpiForm) -> str:
    """The six boxes, empty, as a paper form would show them; never what was typed."""
    rows = "".join(
        f'<tr><th style="text-align:left;padding:0.2em 0.8em 0.2em 0;">{html.escape(label)}</th>'
        f'<td style="padding:0.2em 0;"><span style="display:inline-block;min-width:18em;border-bottom:1px solid '
        f'#9e9e9e;color:#757575;">{html.escape(placeholder)}</span></td></tr>'
        for _, label, placeholder in KPI_FIELDS)
    return (f"<style>{FORM_CSS}</style>"
            f'<div class="mopskit-form mopskit-form--kpi"><p class="mopskit-form__title">{html.escape(form.title)}'
            f'</p><p class="mopskit-form__run"><em>{RUN_HINT}</em>: write one KPI, one box per field.</p>'
            f"<table>{rows}</table></div>")


def kpi_form_text(form: KpiForm) -> str:
    return f"KPI form ({', '.join(label.lower() for _, label, _ in KPI_FIELDS)}). {RUN_HINT}."


def kpi_widget(form: KpiForm) -> widgets.VBox:
    """One text box per field; typing fills the form, which ``check()`` then reads."""
    rows: list[widgets.Widget] = [widgets.HTML(f"<b>{html.escape(form.title)}</b>: write one KPI, one box per "
                                               "field, then run the check cell below.")]
    for key, label, placeholder in KPI_FIELDS:
        box = widgets.Text(value=form.boxes.get(key, ""), description=f"{label}:", placeholder=placeholder,
                           style={"description_width": "6em"}, layout=widgets.Layout(width="36em"))
        box.observe(lambda change, key=key: form.set(**{key: change["new"]}), names="value")
        rows.append(box)
    return widgets.VBox(rows, layout=widgets.Layout(border="1px solid #9e9e9e66", padding="0.6em 1em"))


shows(KpiForm, html=kpi_form_html, text=kpi_form_text,
      bundle=lambda form: kpi_widget(form)._repr_mimebundle_() or {})
