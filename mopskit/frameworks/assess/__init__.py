"""The operating-model maturity self-assessment: answers -> gaps -> priorities -> reports.

``load_answers`` reads a team's scores (CSV, XLSX or YAML), ``assess`` summarises them
(median per dimension, gap, weighted priority, spread and disagreement, change since an
earlier run) into an ``Assessment``, a value that ``mopskit.report`` writes as HTML, Markdown,
XLSX or JSON and a notebook shows as the same report.
"""

from mopskit.frameworks.assess.answers import ASSESSMENT_FILE, Answer, Answers, load_answers
from mopskit.frameworks.assess.framework import (
    HIGHEST_LEVEL, LOWEST_LEVEL, Dimension, Framework, Level, Stage, framework, frameworks, level_name, levels,
    stages,
)
from mopskit.frameworks.assess.result import (
    ASSESS_SCHEMA, CONVERSATION_NOTE, DISAGREEMENT_SPREAD, Assessment, Change, DimensionResult, PreviousRun, Score,
    assess, load_previous,
)

__all__ = [
    "ASSESSMENT_FILE", "ASSESS_SCHEMA", "CONVERSATION_NOTE", "DISAGREEMENT_SPREAD", "HIGHEST_LEVEL", "LOWEST_LEVEL", "Answer",
    "Answers", "Assessment", "Change", "Dimension", "DimensionResult", "Framework", "Level", "PreviousRun", "Score",
    "Stage", "assess", "framework", "frameworks", "level_name", "levels", "load_answers", "load_previous", "stages",
]
