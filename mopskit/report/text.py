"""The terminal summary `mopskit audit` prints when no report file is asked for."""

from __future__ import annotations

from mopskit.report import formatting as fmt
from mopskit.wording import plural
from mopskit.stack.model import AuditResult

_COLUMNS = (
    # header, width, right-aligned
    ("Tool", 36, False),
    ("Annual cost", 14, True),
    ("Seats", 6, True),
    ("Active", 7, True),
    ("Util.", 7, True),
    ("Notice deadline", 24, False),
    ("Recommendation", 14, False),
)


def terminal_safe(value: object, width: int | None = None) -> str:
    """Input text fit for a terminal: control characters (escape sequences) replaced, cut to width."""
    text = "".join(char if char.isprintable() else "?" for char in " ".join(str(value).split()))
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def render_text(result: AuditResult) -> str:
    """A few lines and a table of tools with their recommendation, for a terminal."""
    summary = result.summary
    currency = terminal_safe(result.currency) if result.currency else None
    share = fmt.waste_share(result)
    waste = fmt.money(summary.wasted_annual_cost, currency)
    if share is not None:
        waste += f" ({fmt.percent(share)})"
    if fmt.waste_qualifier(result):
        waste += f", {fmt.waste_qualifier(result)}"
    lines = [
        f"Martech stack audit as of {result.as_of.isoformat()} "
        f"(active = at least one successful sign-in in the last {result.inactive_days} days)",
        f"{plural(summary.tools, 'tool')} · {plural(summary.seats, 'seat')} · "
        f"active users: {fmt.count(summary.active_users)} · cost: {fmt.money(summary.annual_cost, currency)} a year · "
        f"wasted on unused seats: {waste}",
        *(f"Note: {terminal_safe(note)}" for note in result.notes),
        "",
        _row([header for header, _width, _right in _COLUMNS]),
        _row(["-" * width for _header, width, _right in _COLUMNS]),
    ]
    for tool in result.tools:
        deadline = f"{tool.notice_deadline.isoformat()} ({fmt.deadline_words(tool.days_to_notice_deadline)})"
        lines.append(_row([
            terminal_safe(tool.label, _COLUMNS[0][1]),
            fmt.money(tool.annual_cost, currency),
            fmt.count(tool.seats),
            "-" if tool.active_users is None else fmt.count(tool.active_users),
            "-" if tool.utilization is None else fmt.percent(tool.utilization),
            deadline,
            terminal_safe(tool.recommendation),
        ]))
    due = sum(1 for tool in result.tools if fmt.deadline_status(tool.days_to_notice_deadline) == "due")
    lines += [
        "",
        f"{plural(due, 'notice deadline')} within {fmt.REVIEW_WINDOW_DAYS} days · "
        f"{plural(len(result.overlaps), 'overlapping category', 'overlapping categories')} · "
        f"{plural(len(result.unmatched_apps), 'unmatched app')} (possible shadow IT)",
        "Active and Util. show '-' where the sign-in logs hold no data for a tool; Util. is left out"
        " for tools not priced per seat.",
        "What sign-in data cannot show:",
        *(f"  - {caveat}" for caveat in result.caveats),
        "For the full report with reasons and charts: --out audit.html (or .xlsx, .md, .json).",
    ]
    return "\n".join(lines) + "\n"


def _row(cells: list[str]) -> str:
    parts = []
    for cell, (_header, width, right) in zip(cells, _COLUMNS, strict=True):
        parts.append(cell.rjust(width) if right else cell.ljust(width))
    return "  ".join(parts).rstrip()


