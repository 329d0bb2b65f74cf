"""Lesson 04, "Martech stack audit": the lesson's tables and the exercises' checks.

The lesson shows every table through a helper here (``actions_table(result)``, ...), so a
notebook cell is one call and every figure on the page is computed, never typed. Every
expected answer of an exercise comes from running ``mopskit.stack.audit`` on the task's own
small inventory (or on the sample company), so the formulas and rules live only in the engine.

The package splits by what the code is:

* :mod:`~mopskit.lessons.lesson04.cases`: the exercises' made-up stacks, read from
  ``mopskit/lessons/data/lesson04.yaml``, and the sample company, each audited by the engine;
* :mod:`~mopskit.lessons.lesson04.tables`: every table the lesson and its exercises show;
* :mod:`~mopskit.lessons.lesson04.tasks`: tasks 04.1 to 04.6, each checker with its hints.

Importing ``mopskit.lessons.lesson04`` declares the tasks (``check("04.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson04.actions_table(result)``.
"""

from mopskit.lessons.lesson04.cases import (
    AS_OF,
    CURRENCY,
    OTHER_CONTRACTS,
    RECOMMENDATION_CASES,
    RENEWAL_CASES,
    SHADOW_IT_APPS,
    SHADOW_IT_STACK,
    TAXONOMY_CASES,
    WASTE_CASE,
    Contract,
    Placement,
    UnmatchedApp,
    category_of,
    sample_company_file,
    sample_inventory,
    sample_usage,
)
from mopskit.lessons.lesson04.cases import _shadow_it_audit, _stack_of_cases, _tool  # noqa: F401  (for the tests)
from mopskit.lessons.lesson04.tables import (
    ACTION_ORDER,
    actions_table,
    caveats_table,
    inventory_table,
    landscape_table,
    no_data_table,
    recommendation_cases,
    renewal_cases,
    shadow_it_apps,
    shadow_it_inventory,
    spend_table,
    taxonomy_cases,
    thresholds_table,
    tool_row,
    unmatched_table,
    usage_table,
    waste_case,
    why_audit_table,
    worked_example,
)
from mopskit.lessons.lesson04.tasks import (
    CATEGORY_ALIASES,
    RECOMMENDATION_ALIASES,
    RECOMMENDATIONS,
    RULES_IN_ORDER,
    SHADOW_IT_DECISIONS,
    check_first_deadline,
    check_overlapping_tools,
    check_recommendations,
    check_shadow_it,
    check_taxonomy,
    check_waste,
)
from mopskit.stack import HEALTHY_UTILIZATION, audit

__all__ = [
    "ACTION_ORDER", "AS_OF", "CATEGORY_ALIASES", "CURRENCY", "HEALTHY_UTILIZATION", "OTHER_CONTRACTS",
    "RECOMMENDATIONS", "RECOMMENDATION_ALIASES", "RECOMMENDATION_CASES", "RENEWAL_CASES", "RULES_IN_ORDER",
    "SHADOW_IT_APPS", "SHADOW_IT_DECISIONS", "SHADOW_IT_STACK", "TAXONOMY_CASES", "WASTE_CASE",
    "Contract", "Placement", "UnmatchedApp",
    "actions_table", "audit", "category_of", "caveats_table", "check_first_deadline", "check_overlapping_tools",
    "check_recommendations", "check_shadow_it", "check_taxonomy", "check_waste", "inventory_table",
    "landscape_table", "no_data_table", "recommendation_cases", "renewal_cases", "sample_company_file",
    "sample_inventory", "sample_usage", "shadow_it_apps", "shadow_it_inventory", "spend_table", "taxonomy_cases",
    "thresholds_table", "tool_row", "unmatched_table", "usage_table", "waste_case", "why_audit_table",
    "worked_example",
]
