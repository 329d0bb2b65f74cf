"""Lesson 08's tables: what the exercise notebook shows of each task's case, one call per cell,
and the starting point's gaps the lesson shows."""

from __future__ import annotations

import pandas as pd

from mopskit.change.plan import Plan, frames
from mopskit.change.strategy import TOP_GAPS, StartingPoint, rubric_frame
from mopskit.change.waterfall import STAGES
from mopskit.lessons.lesson08.cases import (
    AVERAGE_DEAL, CURRENCY, DRAFT_FILE, EXCERPTS, FUNNEL_RATES, INQUIRIES, _criteria, _data,
)
from mopskit.report.document import Cell, Kind, Table
from mopskit.report.notebook import table
from mopskit.wording import money, percent


def funnel_table() -> Table:
    """The funnel of task 08.1: each stage's conversion to the next, then the deal and the
    inquiries. Each figure keeps its number (a figure column, aligned right) and its own words."""
    rows = [(f"{stage} → {STAGES[index + 1]}", Cell(rate, percent(rate))) for index, (stage, rate) in
            enumerate(FUNNEL_RATES.items())]
    rows += [("Average deal", Cell(AVERAGE_DEAL, money(AVERAGE_DEAL, CURRENCY))),
             ("Inquiries marketing can generate", Cell(INQUIRIES, f"{INQUIRIES:,}"))]
    return table(pd.DataFrame(rows, columns=["Figure", "Value"]), "task-08-1", kinds={"Value": Kind.NUMBER})


def draft_text() -> str:
    """The draft as its file says it, to read in the notebook."""
    return _data(DRAFT_FILE).read_text(encoding="utf-8")


def excerpts_table() -> pd.DataFrame:
    """The excerpts of task 08.4, each with the rubric criterion it is reviewed against."""
    by_id = _criteria()["by_id"]
    return pd.DataFrame({"Criterion": [by_id[key].criterion for key in EXCERPTS],
                         "What the strategy says": list(EXCERPTS.values())})


def rubric_rows() -> pd.DataFrame:
    """The rubric's rows for the criteria of task 08.4, without the 'what good looks like' column."""
    by_id = _criteria()["by_id"]
    wanted = [by_id[key].criterion for key in EXCERPTS]
    frame = rubric_frame()
    return frame[frame["Criterion"].isin(wanted)].drop(columns="What good looks like").reset_index(drop=True)


def starting_gaps_table(point: StartingPoint, count: int = TOP_GAPS) -> Table:
    """The starting point's largest gaps, highest priority first: today's level, the target and the gap."""
    return table(point.to_frame(count), "starting-gaps", formats={name: "{:g}" for name in ("Today", "Target", "Gap")})


def barriers_table(plan: Plan) -> Table:
    """Each scored stakeholder's ADKAR scores, barrier point (the first element scored 3 or less)
    and the practice that addresses it, as the lint names it."""
    return table(frames.adkar_frame(plan), "adkar")
