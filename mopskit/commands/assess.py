"""``mopskit assess``: a team's maturity answers -> the top gaps on screen, or report files.

The same command reads answers to the MOps 2x2 questionnaire (a YAML file with a
``questionnaire`` key, as the notebook form saves it) and says where each person sits.

Every output path is checked before any input is read, so a run either writes all the
reports asked for or none of them, and never over the answers or the earlier run.
"""

from __future__ import annotations

import argparse
import sys

from mopskit import report
from mopskit.commands import SUMMARIES
from mopskit.commands._report_options import add_report_options, check_report_targets, write_reports


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mopskit.frameworks.assess import Assessment

    parser = commands.add_parser(
        "assess",
        help=SUMMARIES["assess"],
        description=(
            "Summarise a team's maturity self-assessment from ANSWERS (CSV, XLSX or YAML: one row per "
            "respondent and dimension with respondent, dimension, current, target and optionally weight and "
            "evidence): the gap and priority per dimension, where the team disagrees and, with --previous, the "
            "change since the earlier run. Without --out, prints the top gaps; with --out, writes reports "
            "(format from the suffix). A YAML file of answers to the MOps 2x2 questionnaire (with "
            "'questionnaire: mops-2x2', as the lesson 02 form saves it) gives where each person sits and, "
            "for several people, the team's mix."
        ),
        epilog="example: mopskit assess answers.xlsx --previous reports/2026-Q3.json --out reports/2026-Q4.html",
    )
    parser.add_argument("answers", metavar="ANSWERS",
                        help="answers file (.csv, .xlsx or .yaml), or a questionnaire answers file (.yaml)")
    parser.add_argument("--previous", metavar="EARLIER.json",
                        help="the JSON report of an earlier run, to show the change per dimension")
    parser.add_argument("--sheet", metavar="S", help="XLSX answers: sheet to read (default: the first)")
    add_report_options(parser, Assessment)
    parser.add_argument("--show-names", dest="show_users", action="store_true",
                        help="name respondents in the reports (same as --show-users); off by default")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from mopskit.frameworks.assess import assess, load_answers, load_previous
    from mopskit.errors import InputError
    from mopskit.frameworks.questionnaire import PersonaReport, is_questionnaire_file, load_questionnaire

    inputs = [args.answers, *([args.previous] if args.previous else [])]
    targets = check_report_targets(args, inputs)
    result: object
    if is_questionnaire_file(args.answers):
        if args.previous:
            raise InputError("--previous compares maturity assessments; this is a questionnaire file",
                             file=args.answers)
        result = load_questionnaire(args.answers)
    else:
        previous = load_previous(args.previous) if args.previous else None
        result = assess(load_answers(args.answers, sheet=args.sheet), previous=previous)

    if not targets:
        from mopskit.report.text import render_text

        sys.stdout.write(render_text(result, show_users=args.show_users))
        suffixes = report.supported_suffixes(result)
        if isinstance(result, PersonaReport):
            print(f"For the full report: --out persona{suffixes[0]} (or {', '.join(suffixes[1:])}).")
        else:
            print(f"For the full report with every dimension and the radar: --out assessment{suffixes[0]}"
                  f" (or {', '.join(suffixes[1:])}).")
        return 0
    write_reports(args, result, inputs)
    return 0
