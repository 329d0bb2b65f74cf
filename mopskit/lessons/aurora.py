"""Aurora Living's figures that its data gives, computed once for every lesson that uses them.

Lesson 04 audits the sample company's stack; lesson 06 reads its funnel; the capstone (lesson 08)
starts from both. The figures no data file gives (the deal size, the revenue ask) are in the cast
(:func:`mopskit.content.knowledge.cast`). Lessons import this module, not each other.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from mopskit.change.kpis import FunnelHistory, read_funnel
from mopskit.change.waterfall import ConversionRates
from mopskit.content import knowledge
from mopskit.lessons import scenarios
from mopskit.stack import AuditResult, Inventory, Usage, audit, load_inventory, read_usage
from mopskit.stack.moves import spend_after_moves

__all__ = [
    "AUDIT_DATE", "CURRENCY", "FUNNEL_FILE", "audit_of_the_stack", "funnel", "licence_spend_after_moves",
    "observed_rates", "sample_company_file", "sample_inventory", "sample_usage",
]

AUDIT_DATE: date = scenarios.value("04", "as_of", date)
"""The day lesson 04 audits the stack (every task of the lesson uses it too)."""
CURRENCY: str = knowledge.cast().home.currency or "EUR"
FUNNEL_FILE = Path(str(resources.files("mopskit") / "data" / "funnel" / "aurora-funnel.csv"))


def sample_company_file(name: str) -> Path:
    """A file of the sample company shipped in ``mopskit/data/sample-company/``."""
    return Path(str(resources.files("mopskit") / "data" / "sample-company" / name))


@cache
def sample_inventory() -> Inventory:
    """Aurora Living's software contracts (the sample company's inventory)."""
    return load_inventory(sample_company_file("inventory.csv"))


@cache
def sample_usage() -> Usage:
    """Aurora Living's Okta System Log, counted up to the audit date."""
    return read_usage(sample_company_file("okta-system-log.jsonl.gz"), as_of=AUDIT_DATE)


@cache
def audit_of_the_stack() -> AuditResult:
    """Lesson 04's audit of Aurora Living's stack, as of :data:`AUDIT_DATE`."""
    return audit(sample_inventory(), sample_usage(), as_of=AUDIT_DATE)


def licence_spend_after_moves() -> float:
    """Aurora Living's yearly licence spend once the audit's retirements and consolidations are
    done and Adobe Workfront has the seats the people moving in need (EUR 483,800)."""
    return spend_after_moves(audit_of_the_stack()).spend_after


def funnel() -> FunnelHistory:
    """Aurora Living's twelve monthly cohorts, July 2025 to June 2026."""
    return read_funnel(FUNNEL_FILE, currency=CURRENCY)


def observed_rates() -> ConversionRates:
    """The conversion from each stage to the next, observed over the twelve cohorts (unrounded)."""
    return funnel().rates()
