"""Martech stack audit: inventory + sign-in logs -> utilization, waste, renewals, overlaps."""

from mopskit.stack.audit import (
    DEFAULT_INACTIVE_DAYS,
    HEALTHY_UTILIZATION,
    REVIEW_WINDOW_DAYS,
    audit,
    cost_per_active_user,
    next_renewal,
    notice_deadline,
    utilization,
    wasted_annual_cost,
)
from mopskit.stack.inventory import Inventory, ToolContract, load_inventory, parse_fx
from mopskit.stack.model import (
    SCHEMA,
    AuditResult,
    AuditSummary,
    Overlap,
    ToolAudit,
    UnmatchedApp,
)
from mopskit.stack.usage import (
    FORMATS,
    AppSignIns,
    LogCoverage,
    Usage,
    UsageSource,
    detect_format,
    read_usage,
)

__all__ = [
    "DEFAULT_INACTIVE_DAYS",
    "FORMATS",
    "HEALTHY_UTILIZATION",
    "REVIEW_WINDOW_DAYS",
    "SCHEMA",
    "AppSignIns",
    "AuditResult",
    "AuditSummary",
    "Inventory",
    "LogCoverage",
    "Overlap",
    "ToolAudit",
    "ToolContract",
    "UnmatchedApp",
    "Usage",
    "UsageSource",
    "audit",
    "cost_per_active_user",
    "detect_format",
    "load_inventory",
    "next_renewal",
    "notice_deadline",
    "parse_fx",
    "read_usage",
    "utilization",
    "wasted_annual_cost",
]
