"""Where the capstone's starting plan gets its figures: Aurora Living's funnel from lesson 06,
its figures from the cast, and the licence cost after lesson 04's consolidation.

The starting plan (``mopskit/data/strategy/plan.yaml``) is a file a learner edits, so it states
its figures; the tests hold them equal to what this module computes, and the lesson shows the
table below so a learner sees where each number comes from.
"""

from __future__ import annotations

import pandas as pd

from mopskit.change.waterfall import STAGES, outcome, volumes_needed
from mopskit.content import knowledge
from mopskit.lessons import aurora
from mopskit.report.document import Table
from mopskit.report.notebook import table
from mopskit.wording import money, percent

RATE_DECIMALS = 3
"""The plan file states lesson 06's observed rates to three decimals (the page rounds to whole percent)."""
CURRENCY: str = knowledge.cast().home.currency or "EUR"


def plan_rates() -> dict[str, float]:
    """Lesson 06's observed conversion rates, stage by stage, as the starting plan states them."""
    observed = aurora.observed_rates().as_tuple()
    return {stage: round(rate, RATE_DECIMALS) for stage, rate in zip(STAGES, observed, strict=False)}


def licence_target() -> int:
    """The yearly licence spend once lesson 04's audit actions are done, with the seats Adobe
    Workfront must add for the people moving in (the starting plan's licence KPI target)."""
    return round(aurora.licence_spend_after_moves())


def capacity_revenue() -> float:
    """What the inquiries marketing can generate yield at the plan's rates: whole leads and deals."""
    aurora = knowledge.cast().aurora
    return outcome(aurora.inquiry_capacity, plan_rates(), aurora.average_deal).revenue


def inquiries_for_the_ask() -> int:
    """The inquiries the Head of Trade Sales' revenue ask needs at the plan's rates, rounding up."""
    aurora = knowledge.cast().aurora
    return volumes_needed(aurora.revenue_ask, aurora.average_deal, plan_rates()).inquiries


def starting_figures_table() -> Table:
    """The starting plan's figures and the lesson each comes from."""
    aurora = knowledge.cast().aurora
    rates = plan_rates()
    shown = ", ".join(percent(rate) for rate in rates.values())
    rows = [
        ("Conversion rates, inquiry to won", shown,
         "Lesson 06: observed July 2025 to June 2026 (the plan keeps three decimals)"),
        ("Average trade deal", money(aurora.average_deal, CURRENCY), "Lesson 06"),
        ("Inquiries marketing can generate", f"{aurora.inquiry_capacity:,}",
         f"Lesson 06: the year to {aurora.plan_year_end:%d %B %Y}, at today's budget"),
        ("Marketing-sourced revenue last year", money(aurora.marketing_sourced_revenue, CURRENCY),
         "Lesson 06: the baseline of the revenue KPI"),
        ("What the funnel yields this year", money(capacity_revenue(), CURRENCY),
         "The waterfall: the inquiries above at these rates"),
        ("Revenue the Head of Trade Sales asks for", money(aurora.revenue_ask, CURRENCY),
         f"Lesson 06: it needs {inquiries_for_the_ask():,} inquiries at these rates"),
        ("Licence spend today", money(aurora.annual_licence_spend, CURRENCY), "Lesson 04: the audit"),
        ("Licence spend after the consolidation", money(licence_target(), CURRENCY),
         "Lesson 04: four contracts end, Adobe Workfront adds 5 seats"),
    ]
    return table(pd.DataFrame(rows, columns=["Figure", "Value", "Where it comes from"]), "starting-figures")
