"""``mopskit plan``: check a change plan (``--lint``) or write its report (``--out``).

``--lint`` prints one finding a line (code, severity, where, what to do) and exits 1 when
any is an error, 0 when there are only warnings or advice; an unreadable plan exits 2.
Every output path is checked before the plan is read, and a report never replaces the plan.
"""

from __future__ import annotations

import argparse
import sys

from mopskit.commands import SUMMARIES
from mopskit.commands._report_options import add_report_options, check_report_targets, write_reports


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mopskit.change.plan import PlanReview

    parser = commands.add_parser(
        "plan",
        help=SUMMARIES["plan"],
        description=(
            "Read a change plan (PLAN: plan.yaml, or an XLSX workbook with the sheets plan, objectives, kpis, "
            "stakeholders, tasks, communications and risks) and check it: RACI, SMART KPIs, ADKAR barrier "
            "points, stakeholders to manage closely, dependencies and dates. With --lint, prints every "
            "finding and exits 1 if any is an error. With --out, writes the report (format from the suffix)."
        ),
        epilog="example: mopskit plan plan.yaml --lint; mopskit plan plan.yaml --out plan.html",
    )
    parser.add_argument("plan", metavar="PLAN", help="the plan file (.yaml or .xlsx)")
    parser.add_argument("--lint", action="store_true",
                        help="print the findings, one a line; exit 1 if any is an error")
    add_report_options(parser, PlanReview)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mopskit.change.plan import load_plan, review
    from mopskit.report.text import render_text, terminal_safe

    inputs = [args.plan]
    targets = check_report_targets(args, inputs)
    result = review(load_plan(args.plan))
    if args.lint:
        for finding in result.shown_findings(args.show_users):
            print(terminal_safe(str(finding)))
        errors, warnings = len(result.errors), len(result.warnings)
        print(f"{args.plan}: {errors} error{'s' if errors != 1 else ''}, "
              f"{warnings} warning{'s' if warnings != 1 else ''}")
    elif not targets:
        sys.stdout.write(render_text(result, show_users=args.show_users))
        print("For the full report: --out plan.html (or .md, .xlsx, .json).")
    if targets:
        write_reports(args, result, inputs)
    return 1 if args.lint and not result.ok else 0
