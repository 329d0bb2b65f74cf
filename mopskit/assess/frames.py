"""The operating-model content and an assessment's report as tables a lesson shows.

Everything here reads ``operating-model.yaml`` (levels, stages, frameworks, the kit's
crosswalk between the two frameworks) or an ``Assessment``'s own report, so a lesson
never types a level, an anchor or a score that the content already holds.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from mopskit import knowledge
from mopskit.assess.framework import CONTENT, framework, levels, stages
from mopskit.assess.result import Assessment
from mopskit.wording import join_words

__all__ = ["anchors_frame", "crosswalk", "crosswalk_frame", "crosswalk_note", "levels_frame",
           "report_section_frame", "responsibilities_frame", "stages_frame"]


def levels_frame() -> pd.DataFrame:
    """The five maturity levels: number, name and what a team at that level can show."""
    return pd.DataFrame({"Level": [level.level for level in levels()],
                         "Name": [level.name for level in levels()],
                         "What it looks like": [level.summary for level in levels()]})


def stages_frame() -> pd.DataFrame:
    """The Pedowitz revenue-marketing stages, first to last."""
    return pd.DataFrame({"Stage": list(range(1, len(stages()) + 1)),
                         "Name": [stage.name for stage in stages()],
                         "What it looks like": [stage.summary for stage in stages()]})


def responsibilities_frame(framework_id: str) -> pd.DataFrame:
    """A framework's responsibilities (its dimensions) and what each covers."""
    chosen = framework(framework_id)
    return pd.DataFrame({"Responsibility": [d.name for d in chosen.dimensions],
                         "What it covers": [d.description for d in chosen.dimensions]})


def anchors_frame(dimension_id: str, framework_id: str = "ghantous") -> pd.DataFrame:
    """One dimension's rubric: for each level, the evidence a team can point to."""
    dimension = framework(framework_id).dimension(dimension_id)
    return pd.DataFrame({"Level": [level.level for level in levels()],
                         "Name": [level.name for level in levels()],
                         "Evidence a team can show": [dimension.anchor(level.level) for level in levels()]})


@cache
def crosswalk() -> dict[str, tuple[str, ...]]:
    """Ghantous dimension id -> the SiriusDecisions dimension ids the kit reads it into."""
    return {item["dimension"]: tuple(item["counterparts"]) for item in knowledge.load(CONTENT)["crosswalk"]}


def crosswalk_note() -> str:
    return " ".join(str(knowledge.load(CONTENT)["crosswalk_note"]).split())


def crosswalk_frame() -> pd.DataFrame:
    """Ghantous' seven responsibilities beside the SiriusDecisions areas the kit places them in."""
    ghantous, sirius = framework("ghantous"), framework("siriusdecisions")
    links = crosswalk()
    return pd.DataFrame({
        "Ghantous' responsibility": [d.name for d in ghantous.dimensions],
        "SiriusDecisions' area": [join_words([sirius.dimension(i).name for i in links[d.id]])
                                  for d in ghantous.dimensions],
    })


def report_section_frame(assessment: Assessment, short_title: str) -> pd.DataFrame:
    """One table of the assessment's report (``Gaps``, ``Team``, ``Trend``) as the report words it."""
    document = assessment.to_document()
    for section in document.sections:
        if section.name == short_title and section.table is not None:
            columns = section.table.flat_columns(data=False)
            return pd.DataFrame([[column.words(row.values.get(column.key)) for column in columns]
                                 for row in section.table.rows], columns=[column.header for column in columns])
    names = join_words([section.name for section in document.sections if section.table is not None], "or")
    raise KeyError(f"no table '{short_title}' in the report; it has {names}")
