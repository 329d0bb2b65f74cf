"""Lesson 05, "Change management": the lesson's tables and the exercises' checks.

Every expected answer comes from ``mopskit.change.plan``: the broken RACI rows from ``lint``'s
RACI001/RACI002 findings, the barrier point from ``Adkar.barrier`` and its practice from
the lint's ADKAR001 mapping, the quadrant from ``Stakeholder.quadrant``, the uninformed
stakeholder from COMMS001 and the findings of task 05.5 from ``lint`` itself. The exercises
read real plan files, ``mopskit/data/exercises/05-broken-plan.yaml`` (tasks 05.1 to 05.4) and
``05-uberflip-draft.yaml`` (task 05.5), so ``mopskit plan FILE --lint`` shows the same findings
the checks use. Their people are the cast's, with the ADKAR scores of Aurora Living's own plan.
The package splits by what the code is:

* :mod:`~mopskit.lessons.lesson05.cases`: the plan files and the lesson's own material (its
  practices and Kotter tables, the people each task asks about, the fixes task 05.5 offers) read
  from ``mopskit/lessons/data/lesson05.yaml``, and the answers computed from them;
* :mod:`~mopskit.lessons.lesson05.tables`: every table the lesson and its exercises show;
* :mod:`~mopskit.lessons.lesson05.tasks`: tasks 05.1 to 05.5, each checker with its hints, saying
  what a typical wrong answer got wrong.

Importing ``mopskit.lessons.lesson05`` declares the tasks (``check("05.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson05.raci_table()``.
"""

from mopskit.lessons.lesson05.cases import (
    ADKAR_LOW_SCORE_MEANS, ADKAR_PEOPLE, ADKAR_WHO_LEADS, GRID_DESCRIBED, GRID_PEOPLE, KOTTER_STEPS, LINT_FIX_KEY,
    LINT_FIX_WHY_NOT, LINT_FIXES, PRACTICE_LETTERS, PRACTICES_SEED, GridPerson, KotterStep, Practice, broken_plan,
    expected_barriers, expected_fixes, expected_quadrants, expected_raci_problems, expected_uninformed, plan_file,
    sample_plan, uberflip_draft, uberflip_findings,
)
from mopskit.lessons.lesson05.tables import (
    adkar_practices_table, adkar_scores_table, comms_table, grid_people_table, kotter_table, lint_findings_table,
    lint_fix_choices, other_stakeholders_table, practice_choices, practices_table, raci_table,
)
from mopskit.lessons.lesson05.tasks import (
    PROBLEMS, QUADRANT_ALIASES, check_barriers, check_fixes, check_grid, check_raci, check_uninformed,
)

__all__ = [
    "ADKAR_LOW_SCORE_MEANS", "ADKAR_PEOPLE", "ADKAR_WHO_LEADS", "GRID_DESCRIBED", "GRID_PEOPLE", "KOTTER_STEPS",
    "LINT_FIX_KEY", "LINT_FIX_WHY_NOT", "LINT_FIXES", "PRACTICE_LETTERS", "PRACTICES_SEED", "PROBLEMS",
    "QUADRANT_ALIASES", "GridPerson", "KotterStep", "Practice", "adkar_practices_table", "adkar_scores_table",
    "broken_plan", "check_barriers", "check_fixes", "check_grid", "check_raci", "check_uninformed", "comms_table",
    "expected_barriers", "expected_fixes", "expected_quadrants", "expected_raci_problems", "expected_uninformed",
    "grid_people_table", "kotter_table", "lint_findings_table", "lint_fix_choices", "other_stakeholders_table",
    "plan_file", "practice_choices", "practices_table", "raci_table", "sample_plan", "uberflip_draft",
    "uberflip_findings",
]
