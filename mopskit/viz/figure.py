"""A chart as a notebook and the site show it: SVG (sharp at any zoom, text kept as text) with a
description, written from the chart's own title and data, as its alternative text.

Every chart of the kit is a :class:`DescribedFigure`. In a notebook it shows itself as one
``<figure>`` holding the SVG in an ``<img>`` with ``alt`` set, plus the description as plain
text; JupyterLab keeps both in an untrusted notebook, and the site prints them as they are.
The SVG is byte-for-byte the same for the same figure, so stored outputs do not change.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable
from typing import Any

import matplotlib
from matplotlib.figure import Figure

__all__ = ["DescribedFigure", "describe", "description", "listing", "svg_bytes", "svg_data_uri"]

_PIXELS_PER_INCH = 96  # a CSS pixel: the width a browser gives the SVG before any scaling


def svg_bytes(figure: Figure) -> bytes:
    """The figure as SVG, byte-for-byte the same for the same figure (fixed ids, no date)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "mopskit", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(figure: Figure) -> str:
    """The figure as an SVG data URI (what an ``<img>`` of a self-contained page can hold)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_bytes(figure)).decode("ascii")


def _title(figure: Figure) -> str:
    texts = [figure.get_suptitle()] + [axes.get_title(loc) for axes in figure.axes
                                       for loc in ("left", "center", "right")]
    title = next((text for text in texts if text.strip()), "Chart")
    return " ".join(title.replace("\\$", "$").split())


def _sentence(text: str) -> str:
    text = " ".join(text.replace("\\$", "$").split())
    return text if not text or text[-1] in ".!?:" else text + "."


def listing(items: Iterable[str], *, empty: str = "none") -> str:
    """Items joined for a description: "a; b; c" (or ``empty`` when there are none)."""
    parts = [" ".join(item.split()) for item in items]
    return "; ".join(parts) if parts else empty


def describe(figure: Figure, *facts: str) -> None:
    """Give ``figure`` its description: its title, then what the chart shows, in sentences."""
    setattr(figure, "_mopskit_facts", tuple(_sentence(fact) for fact in facts if fact.strip()))


def description(figure: Figure) -> str:
    """The chart in words: its title, then the facts its maker gave (or its axis labels)."""
    facts: tuple[str, ...] = getattr(figure, "_mopskit_facts", ())
    if not facts:
        labels = [label for axes in figure.axes for label in (axes.get_xlabel(), axes.get_ylabel()) if label]
        facts = (_sentence("Axes: " + ", ".join(labels)),) if labels else ()
    return " ".join([_sentence(_title(figure)), *facts])


class DescribedFigure(Figure):
    """A matplotlib figure that shows itself in a notebook as SVG with its description."""

    def _ipython_display_(self) -> None:
        from IPython.display import display  # only ever called by IPython

        display(self._repr_mimebundle_(), raw=True)  # type: ignore[no-untyped-call]

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        words = description(self)
        width = round(self.get_figwidth() * _PIXELS_PER_INCH)
        height = round(self.get_figheight() * _PIXELS_PER_INCH)
        markup = (
            f'<figure class="mopskit-chart" style="margin:0.5em 0;max-width:{width}px;">'
            f'<img src="{svg_data_uri(self)}" alt="{html.escape(words)}" width="{width}" height="{height}" '
            'style="width:100%;height:auto;display:block;"></figure>'
        )
        return {"text/html": markup, "text/plain": re.sub(r"\s+", " ", words)}
