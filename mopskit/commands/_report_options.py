"""The report options every command shares (``--out``, ``--force``, ``--show-users``) and the one
way a command writes its reports: checked before any input is read, then all or none."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

from mopskit import report


def add_report_options(parser: argparse.ArgumentParser, result_type: type) -> None:
    """``--out`` (repeatable; the formats ``result_type`` supports), ``--force`` and ``--show-users``."""
    suffixes = ", ".join(report.supported_suffixes(result_type))
    parser.add_argument("--out", action="append", default=[], metavar="F",
                        help=f"write a report ({suffixes}); repeat for several")
    parser.add_argument("--force", action="store_true", help="overwrite report files that exist")
    parser.add_argument("--show-users", action="store_true",
                        help="include user identities (names, emails) in the reports; off by default")
    parser.set_defaults(report_type=result_type)


def check_report_targets(args: argparse.Namespace, inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every ``--out`` path checked (format, folder, not existing unless ``--force``, not an input)
    before the command reads anything, so a bad name costs nothing."""
    return report.check_targets(args.out, force=args.force, inputs=inputs, result=args.report_type)


def write_reports(args: argparse.Namespace, result: object, inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Write every ``--out`` report of ``result`` all or none, never over an input, and say so."""
    written = report.write_all(result, args.out, force=args.force, show_users=args.show_users, inputs=inputs)
    for target in written:
        print(f"wrote {target}")
    return written
