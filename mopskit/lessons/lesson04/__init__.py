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

:func:`licence_spend_after_moves` gives Aurora Living's yearly licence spend once the audit's
retirements and consolidations are done and the receiving tools have the seats they need
(EUR 483,800 from 514,600): the figure later lessons build on.

Importing ``mopskit.lessons.lesson04`` declares the tasks (``check("04.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson04.actions_table(result)``.
"""

from mopskit.stack.moves import ENDING, SeatsToAdd, SpendAfterMoves, spend_after_moves
from mopskit.lessons.lesson04.cases import (
    AS_OF,
    CONSOLIDATION_CASE,
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
    licence_spend_after_moves,
    sample_audit,
    sample_company_file,
    sample_inventory,
    sample_usage,
    shared_users,
)
from mopskit.lessons.lesson04.cases import (  # noqa: F401  (for the tests)
    _consolidation_audit,
    _shadow_it_audit,
    _stack_of_cases,
    _tool,
)
from mopskit.lessons.lesson04.tables import (
    ACTION_ORDER,
    AUDIT_TERMS,
    BLANK_APP,
    actions_table,
    blank_app_table,
    caveats_table,
    consolidation_case,
    inventory_table,
    landscape_table,
    modernization_table,
    moves_table,
    no_data_table,
    recommendation_cases,
    renewal_cases,
    shadow_it_apps,
    shadow_it_inventory,
    spend_table,
    taxonomy_cases,
    taxonomy_table,
    terms_table,
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
    check_consolidation_saving,
    check_first_deadline,
    check_recommendations,
    check_shadow_it,
    check_taxonomy,
    check_waste,
)
from mopskit.stack import HEALTHY_UTILIZATION, audit

__all__ = [
    "ACTION_ORDER", "AS_OF", "AUDIT_TERMS", "BLANK_APP", "CATEGORY_ALIASES", "CONSOLIDATION_CASE", "CURRENCY",
    "ENDING", "HEALTHY_UTILIZATION", "OTHER_CONTRACTS", "RECOMMENDATIONS", "RECOMMENDATION_ALIASES",
    "RECOMMENDATION_CASES", "RENEWAL_CASES", "RULES_IN_ORDER", "SHADOW_IT_APPS", "SHADOW_IT_DECISIONS",
    "SHADOW_IT_STACK", "TAXONOMY_CASES", "WASTE_CASE",
    "Contract", "Placement", "SeatsToAdd", "SpendAfterMoves", "UnmatchedApp",
    "actions_table", "audit", "blank_app_table", "category_of", "caveats_table", "check_consolidation_saving",
    "check_first_deadline", "check_recommendations", "check_shadow_it", "check_taxonomy", "check_waste",
    "consolidation_case", "inventory_table", "landscape_table", "licence_spend_after_moves",
    "modernization_table", "moves_table", "no_data_table", "recommendation_cases", "renewal_cases",
    "sample_audit", "sample_company_file", "sample_inventory", "sample_usage", "shadow_it_apps",
    "shadow_it_inventory", "shared_users", "spend_after_moves", "spend_table", "taxonomy_cases",
    "taxonomy_table", "terms_table", "thresholds_table", "tool_row", "unmatched_table", "usage_table",
    "waste_case", "why_audit_table", "worked_example",
]
