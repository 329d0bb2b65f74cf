"""The MOps 2x2 as a chart: quadrant names, the named ends of both axes, and people on it.

Each person is a marker whose *shape* says their primary quadrant (not only its colour)
and a text label next to it; labels are "Person 1", "Person 2", ... unless the caller
passes its own (names appear only when asked for).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from mopskit.course.facts import short_citation
from mopskit.content import knowledge
from mopskit.frameworks.personas import PersonaScore, Quadrant, quadrants
from mopskit.viz.figure import DescribedFigure, describe, listing
from mopskit.viz.text import plain

QUADRANT_STYLE = {
    # quadrant -> (marker shape, colour)
    Quadrant.MODERNIZERS: ("^", "#b03a2e"),
    Quadrant.ORCHESTRATORS: ("o", "#7d3c98"),
    Quadrant.PSYCHOLOGISTS: ("s", "#1f618d"),
    Quadrant.SCIENTISTS: ("D", "#1e8449"),
}
_SIDE_SIGN = {"technology": -1, "arts": 1, "emotional": -1, "rational": 1}
_CAPTION_COLOUR = "#566573"
_LIMIT = 1.45


_LABEL_WIDTH = 18
_CHAR_WIDTH = 0.042  # data units per character at 9 pt on this chart's size (approximate)
_LINE_HEIGHT = 0.09
_MARKER = 0.05


def _label_place(
    x: float, y: float, text: str, placed: list[tuple[float, float, float, float]]
) -> tuple[tuple[int, int], tuple[float, float, float, float]]:
    """An offset for a point's label that does not overlap labels already placed (first free of
    right-above, left-above, right-below, left-below), and the label's box in data units."""
    lines = text.split("\n")
    width, height = max(map(len, lines)) * _CHAR_WIDTH, len(lines) * _LINE_HEIGHT
    candidates = [((6, 4), (x, y)), ((-6, 4), (x - width, y)), ((6, -4), (x, y - height)),
                  ((-6, -4), (x - width, y - height))]
    for offset, (left, bottom) in candidates:
        box = (left, bottom, left + width, bottom + height)
        inside = -_LIMIT < box[0] and box[2] < _LIMIT
        if inside and not any(_overlap(box, other) for other in placed):
            return offset, box
    offset, (left, bottom) = candidates[0]
    return offset, (left, bottom, left + width, bottom + height)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def persona_chart(
    people: PersonaScore | Sequence[PersonaScore] = (),
    *,
    labels: Sequence[str] | None = None,
    title: str = "The MOps 2x2",
) -> Figure:
    """The 2x2 with ``people`` placed on it; ``labels`` (one per person) replace "Person 1", ..."""
    scores = [people] if isinstance(people, PersonaScore) else list(people)
    if labels is not None and len(labels) != len(scores):
        raise ValueError(f"give one label per person: {len(scores)} people, {len(labels)} labels")
    names = [plain(label) for label in labels] if labels is not None else (
        ["You"] if len(scores) == 1 else [f"Person {index}" for index in range(1, len(scores) + 1)]
    )
    content = knowledge.load("personas")
    fig = DescribedFigure(figsize=(6.6, 7.2), layout="constrained")
    axes = fig.add_subplot()
    axes.set_xlim(-_LIMIT, _LIMIT)
    axes.set_ylim(-_LIMIT, _LIMIT)
    axes.axhline(0, color="#808b96", linewidth=1)
    axes.axvline(0, color="#808b96", linewidth=1)
    for entry in quadrants():
        marker, colour = QUADRANT_STYLE.get(entry.id, ("o", "#34495e"))
        qx, qy = _SIDE_SIGN[entry.x], _SIDE_SIGN[entry.y]
        axes.fill_between([0, qx * _LIMIT], 0, qy * _LIMIT, color=colour, alpha=0.06, linewidth=0)
        axes.text(qx * 0.6, qy * 1.27, entry.name, ha="center", va="center", fontsize=12,
                  fontweight="bold", color=colour)
        axes.scatter([], [], marker=marker, s=60, color=colour, edgecolors="black", linewidths=0.8,
                     label=entry.name)
    # markers are obstacles too, so no label sits on top of another person's marker
    markers = [(s.x - _MARKER, s.y - _MARKER, s.x + _MARKER, s.y + _MARKER) for s in scores]
    labels_placed: list[tuple[float, float, float, float]] = []
    for index, (score, name) in enumerate(zip(scores, names)):
        marker, colour = QUADRANT_STYLE.get(score.primary, ("o", "#34495e"))
        axes.scatter([score.x], [score.y], marker=marker, s=90, color=colour, edgecolors="black",
                     linewidths=0.8, zorder=3)
        text = textwrap.fill(name, _LABEL_WIDTH)
        obstacles = labels_placed + markers[:index] + markers[index + 1:]
        offset, box = _label_place(score.x, score.y, text, obstacles)
        labels_placed.append(box)
        axes.annotate(text, (score.x, score.y), xytext=offset, textcoords="offset points", fontsize=9,
                      ha="left" if offset[0] > 0 else "right", va="bottom" if offset[1] > 0 else "top",
                      zorder=4)
    x_axis, y_axis = content["axes"]["x"], content["axes"]["y"]
    axes.set_xticks([-1, 0, 1], [f"← {x_axis['negative']}", "0", f"{x_axis['positive']} →"])
    axes.set_yticks([-1, 0, 1], [f"{y_axis['negative']}\n↓", "0", f"↑\n{y_axis['positive']}"])
    axes.set_xlabel("Skills: technology to arts")
    axes.set_ylabel("Decisions: emotional to rational")
    axes.set_aspect("equal")
    if scores:
        axes.legend(title="Marker shape: main quadrant", loc="lower left", bbox_to_anchor=(0, 1.0),
                    ncols=4, frameon=False, fontsize=9, title_fontsize=9, alignment="left",
                    borderaxespad=0.2, handletextpad=0.2, columnspacing=1.0)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    caption = (
        f"Framework: {short_citation(content['source'])}; where each quadrant sits is the kit's "
        "reading. Marker shape shows each person's main quadrant. A conversation starter, "
        "not a validated test."
    )
    fig.supxlabel(textwrap.fill(caption, 100), x=0.01, ha="left", fontsize=8, color=_CAPTION_COLOUR)
    describe(fig, "Four quadrants, skills from technology to arts across and decisions from emotional to rational up: "
             + ", ".join(entry.name for entry in quadrants()),
             listing((f"{name} " + score.describe().removeprefix("This person ").rstrip(".")
                      for score, name in zip(scores, names)),
                     empty="No one placed yet"))
    return fig
