"""Exercises for lesson 08, "Capstone: a MOps strategy": set a pipeline target the funnel can
reach, review a draft strategy against the five steps, make a broken plan lint-clean, and
place two excerpts on the peer-review rubric.

Every expected answer is computed by the kit: the targets by ``mopskit.change.waterfall``, the
review by ``mopskit.change.strategy`` (pillars, the funnel check) and ``mopskit.change.plan.lint``;
the rubric levels come from ``strategy.yaml``. The package splits by what the code is:

* :mod:`~mopskit.lessons.lesson08.cases`: the exercises' own material (a funnel and two excerpts
  from ``mopskit/lessons/data/lesson08.yaml``, a draft plan and a broken plan) and the answers
  computed from it;
* :mod:`~mopskit.lessons.lesson08.tables`: what the notebooks show of each case;
* :mod:`~mopskit.lessons.lesson08.starting`: where the starting plan's figures come from
  (lesson 06's funnel, the cast, lesson 04's licence spend after the consolidation);
* :mod:`~mopskit.lessons.lesson08.tasks`: tasks 08.1 to 08.4, each checker with its hints, saying
  what a typical wrong answer got wrong.

Importing ``mopskit.lessons.lesson08`` declares the tasks (``check("08.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson08.funnel_table()``.
"""

from mopskit.lessons.lesson08.cases import (
    AVERAGE_DEAL,
    BROKEN_FILE,
    BROKEN_SOURCE,
    CURRENCY,
    DRAFT_FILE,
    EXCERPTS,
    EXPECTED_LEVELS,
    FUNNEL_RATES,
    INQUIRIES,
    STATED_TARGET,
    broken_plan,
    copy_broken_plan,
    draft_plan,
    expected_inquiries,
    expected_review,
    expected_revenue,
    needed,
    supported,
)
from mopskit.lessons.lesson08.cases import _overall_rate  # noqa: F401  (for the tests)
from mopskit.lessons.lesson08.starting import licence_target, plan_rates, starting_figures_table
from mopskit.lessons.lesson08.tables import barriers_table, draft_text, excerpts_table, funnel_table, rubric_rows, starting_gaps_table
from mopskit.lessons.lesson08.tasks import (
    CRITERION_ALIASES,
    ROUND_MARGIN,
    check_fixed_plan,
    check_review,
    check_rubric_levels,
    check_targets,
)

__all__ = [
    "AVERAGE_DEAL", "BROKEN_FILE", "BROKEN_SOURCE", "CRITERION_ALIASES", "CURRENCY", "DRAFT_FILE", "EXCERPTS",
    "EXPECTED_LEVELS", "FUNNEL_RATES", "INQUIRIES", "ROUND_MARGIN", "STATED_TARGET",
    "barriers_table", "broken_plan", "check_fixed_plan", "check_review", "check_rubric_levels", "check_targets", "copy_broken_plan",
    "draft_plan", "draft_text", "excerpts_table", "expected_inquiries", "expected_review", "expected_revenue",
    "funnel_table", "licence_target", "needed", "plan_rates", "rubric_rows", "starting_figures_table",
    "starting_gaps_table", "supported",
]
