"""Lesson 06, "KPIs that hold up": the lesson's tables and its three exercises.

Every expected answer is computed: the inquiries a target needs by
:func:`mopskit.change.waterfall.volumes_needed` on the rates observed in Aurora Living's funnel
history (:mod:`mopskit.change.kpis`), and which targets a volume cannot deliver by
:func:`mopskit.change.waterfall.outcome`. Aurora's figures (average deal, the revenue asked, the
inquiries it can generate, the plan year) come from the cast (:func:`mopskit.content.knowledge.cast`).
The package splits by what the code is:

* :mod:`~mopskit.lessons.lesson06.cases`: Aurora's figures and funnel, the exercises' cases (a
  stated need, candidate targets) read from ``mopskit/lessons/data/lesson06.yaml``, and the
  answers computed from them;
* :mod:`~mopskit.lessons.lesson06.tables`: every table the lesson and its exercises show, and the
  KPI form of task 06.2;
* :mod:`~mopskit.lessons.lesson06.tasks`: tasks 06.1 to 06.3, each checker with its hints, saying
  what a typical wrong answer got wrong.

The rates a learner sees are rounded (whole percents in the lesson's waterfalls, one decimal in
the exercise), so a check accepts every answer those rounded rates can lead to.

Importing ``mopskit.lessons.lesson06`` declares the tasks (``check("06.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson06.stages_table()``.
"""

from mopskit.lessons.lesson06.cases import (
    AVERAGE_DEAL, BASELINE_REVENUE, CANDIDATES, CURRENCY, DUE, EXAMPLE_KPIS, FUNNEL_FILE, INQUIRY_CAPACITY,
    KPI_RECORDS, NEED, NEW_TRADE_REVENUE, ONE_DECIMAL, PLAN_RATES, REVENUE_TARGET, STRETCH_REASON, TARGET_06_1,
    VOLUME_06_3, WHOLE_PERCENT, Candidate, Need, accepted_inquiries, candidate_kpis, capacity_outcome,
    expected_inquiries, expected_unrealistic, funnel, needed, observed_rates, plan_funnel, rates_with,
    reachable_inquiries, reachable_yields, revenue_kpi,
)
from mopskit.lessons.lesson06.tables import (
    TERMS, candidates_table, cohorts_table, contribution_table, costs_table, findings_table, gap_table, kpi_form,
    rates_table, stages_table, terms_table, velocity_table,
)
from mopskit.lessons.lesson06.tasks import GENERIC_NAMES, STAGE_WORD, check_inquiries, check_kpi, check_unrealistic

__all__ = [
    "AVERAGE_DEAL", "BASELINE_REVENUE", "CANDIDATES", "CURRENCY", "DUE", "EXAMPLE_KPIS", "FUNNEL_FILE",
    "GENERIC_NAMES", "INQUIRY_CAPACITY", "KPI_RECORDS", "NEED", "NEW_TRADE_REVENUE", "ONE_DECIMAL", "PLAN_RATES",
    "REVENUE_TARGET", "STAGE_WORD", "STRETCH_REASON", "TARGET_06_1", "TERMS", "VOLUME_06_3", "WHOLE_PERCENT",
    "Candidate", "Need", "accepted_inquiries", "candidate_kpis", "candidates_table", "capacity_outcome",
    "check_inquiries", "check_kpi", "check_unrealistic", "cohorts_table", "contribution_table", "costs_table",
    "expected_inquiries", "expected_unrealistic", "findings_table", "funnel", "gap_table", "kpi_form", "needed",
    "observed_rates", "plan_funnel", "rates_table", "rates_with", "reachable_inquiries", "reachable_yields",
    "revenue_kpi", "stages_table", "terms_table", "velocity_table",
]
