"""``mopskit progress FOLDER``: the progress files of a room -> who is where, on screen or in reports.

Learners keep ``.mopskit-progress.json`` beside their exercise notebooks; a facilitator
collects them into one folder (renamed, or one sub-folder per learner) and runs this.
Learners are numbered unless ``--show-names``.
"""

from __future__ import annotations

import argparse
import sys

from mopskit.commands import SUMMARIES
from mopskit.commands._report_options import add_report_options, check_report_targets, write_reports


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mopskit.course.progress import FILE_NAME, RoomProgress

    parser = commands.add_parser(
        "progress",
        help=SUMMARIES["progress"],
        description=(
            f"Read every progress file (*.json, as the learners' {FILE_NAME}) in FOLDER and its sub-folders "
            "and show, per learner, the tasks passed in each lesson with exercises, the lessons the room has "
            "finished and the tasks people are stuck on. Learners are numbered in file order unless "
            "--show-names. With --out, writes reports (format from the suffix)."
        ),
        epilog="example: mopskit progress room-progress/ --out progress.html",
    )
    parser.add_argument("folder", metavar="FOLDER", help="folder holding the collected progress files")
    add_report_options(parser, RoomProgress)
    parser.add_argument("--show-names", dest="show_users", action="store_true",
                        help="name learners (from their files) instead of numbering them; off by default")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mopskit.course.progress import load_room
    from mopskit.lessons.session import course
    from mopskit.report.text import render_text

    folder = Path(args.folder)
    inputs = sorted(folder.rglob("*.json")) if folder.is_dir() else [folder]
    targets = check_report_targets(args, inputs)
    result = load_room(folder, *course())
    if not targets:
        sys.stdout.write(render_text(result, show_users=args.show_users))
        print("For the full report: --out progress.html (or .md, .xlsx, .json).")
        return 0
    write_reports(args, result, inputs)
    return 0
