"""The operating-model content as data frames a lesson shows.

Everything here reads ``operating-model.yaml`` (levels, stages, frameworks, the kit's
crosswalk between the two frameworks), so a lesson never types a level or an anchor that
the content already holds. A table of an assessment's report is the report's own:
:func:`mopskit.report.assess.report_section`.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from mopskit.content import knowledge
from mopskit.frameworks.assess.framework import CONTENT, framework, levels, stages
from mopskit.wording import join_words

__all__ = ["anchors_frame", "crosswalk", "crosswalk_frame", "crosswalk_note", "levels_frame",
           "responsibilities_frame", "stages_frame"]


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

