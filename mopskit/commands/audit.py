"""``mopskit audit``: inventory + sign-in logs -> a summary on screen, or report files.

Every output path is checked before any input is read, so a run either writes all
the reports asked for or none of them.
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from mopskit import report
from mopskit.commands._report_options import add_report_options, check_report_targets, write_reports
from mopskit.commands import SUMMARIES
from mopskit.errors import InputError

if TYPE_CHECKING:
    from mopskit.stack import Usage

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mopskit.stack import DEFAULT_INACTIVE_DAYS, FORMATS, AuditResult

    parser = commands.add_parser(
        "audit",
        help=SUMMARIES["audit"],
        description=(
            "Measure each tool in INVENTORY (CSV or XLSX) against sign-in logs: utilization, "
            "wasted cost, notice deadlines, overlaps and a recommendation. Without --out, "
            "prints a summary; with --out, writes reports (format from the suffix)."
        ),
        epilog="example: mopskit audit inventory.csv --usage okta.jsonl.gz --as-of 2026-10-31 --out audit.html",
    )
    parser.add_argument("inventory", metavar="INVENTORY", help="inventory file (.csv or .xlsx)")
    parser.add_argument("--usage", action="append", default=[], metavar="F",
                        help="sign-in log: Okta System Log, Entra sign-ins, Google Workspace, Parquet or CSV "
                             "timestamp,user,tool[,success]; .gz ok; a folder or a glob reads every log "
                             "in it; repeat for several")
    parser.add_argument("--usage-format", metavar="|".join(FORMATS),
                        help="read every --usage file as this format instead of detecting it")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="audit date (default: today in UTC, the clock sign-in logs use)")
    parser.add_argument("--inactive-days", metavar="N", default=str(DEFAULT_INACTIVE_DAYS),
                        help=f"active = a successful sign-in in the last N days (default {DEFAULT_INACTIVE_DAYS})")
    parser.add_argument("--sheet", metavar="S", help="XLSX inventory: sheet to read (default: the first)")
    parser.add_argument("--fx", metavar="RATES",
                        help="exchange rates into the report currency, 'EUR=1,USD=0.92' or a CSV currency,rate")
    parser.add_argument("--currency", metavar="CODE",
                        help="the currency of inventory rows that leave it blank, e.g. EUR")
    parser.add_argument("--dates", choices=("dmy", "mdy"),
                        help="how the inventory writes dates like 03/04/2027: day first (dmy) or month first"
                             " (mdy); needed only when the file cannot tell")
    add_report_options(parser, AuditResult)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mopskit.stack import activity_window, audit, load_inventory

    as_of = parse_as_of(args.as_of)
    inactive_days = parse_inactive_days(args.inactive_days)
    window_start, as_of = activity_window(as_of, inactive_days)
    if args.usage_format is not None and not args.usage:
        raise InputError("--usage-format needs at least one --usage file")
    inputs = [args.inventory, *args.usage, *([args.fx] if args.fx and Path(args.fx).is_file() else [])]
    targets = check_report_targets(args, inputs)

    reading = _read_beside(args, as_of, window_start)
    inventory = load_inventory(args.inventory, sheet=args.sheet, fx=args.fx, currency=args.currency,
                               dates=args.dates)
    usage = reading.result() if reading else None
    if usage is not None:
        inputs += [source.path for source in usage.sources]  # the files a folder or glob named
    result = audit(inventory, usage, as_of=as_of, inactive_days=inactive_days)

    if not targets:
        from mopskit.report.text import render_text

        sys.stdout.write(render_text(result))
        suffixes = report.supported_suffixes(result)
        print(f"For the full report with reasons and charts: --out audit{suffixes[0]}"
              f" (or {', '.join(suffixes[1:])}).")
        return 0
    write_reports(args, result, inputs)
    for note in result.notes:
        print(f"note: {note}")
    return 0


def _read_beside(args: argparse.Namespace, as_of: date, since: date) -> Future[Usage] | None:
    """Start reading the sign-in logs on a thread of their own, if any are given.

    DuckDB leaves Python's lock while it scans, so the inventory is checked meanwhile, for about
    half of what it costs after the scan (an audit of a million sign-ins went from 1.80 and 1.78
    times a bare scan to 1.76, medians of 20 runs). The thread is not waited for when the
    inventory is refused: that error comes at once.
    """
    if not args.usage:
        return None
    from mopskit.stack import read_usage

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mopskit-logs")
    try:
        return pool.submit(read_usage, args.usage, format=args.usage_format, as_of=as_of, since=since,
                           progress=sys.stderr.isatty())
    finally:
        pool.shutdown(wait=False)


def parse_as_of(text: str | None, *, now: datetime | None = None) -> date:
    """``--as-of`` as a date; when not given, today in UTC, since sign-ins are counted by UTC day."""
    if text is None:
        return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()
    from mopskit.io.tables import read_date

    value = text.strip()
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return read_date(value, iso_only=True, limits=False)  # the audit names its own limits
    except ValueError:
        raise InputError(f"--as-of must be a date written YYYY-MM-DD, got '{text}'") from None


def parse_inactive_days(text: str) -> int:
    from mopskit.stack.audit import MAX_INACTIVE_DAYS

    try:
        days = int(text.strip())
    except ValueError:
        raise InputError(f"--inactive-days must be a whole number of days, got '{text}'") from None
    if not 1 <= days <= MAX_INACTIVE_DAYS:
        raise InputError(f"--inactive-days must be between 1 and {MAX_INACTIVE_DAYS:,} (ten years), got {days:,}")
    return days
