"""``mopskit new``: copy a team template (notebook, README, sample data) into a folder."""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from mopskit.errors import InputError

if TYPE_CHECKING:  # imported when the command runs, so other commands start faster
    from mopskit import scaffold


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "new",
        help="start a team notebook from a template",
        description="Copy a template's notebook, README and sample data into DEST.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="template to copy")
    parser.add_argument("destination", nargs="?", metavar="DEST", help="folder to copy into")
    parser.add_argument("--list", action="store_true", help="list the templates and stop")
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")
    parser.set_defaults(run=run)


def format_template_list(templates: tuple[scaffold.Template, ...]) -> str:
    """One aligned line per template: its name, then its description."""
    if not templates:
        return "no templates are installed"
    width = max(len(template.name) for template in templates)
    return "\n".join(f"{template.name:<{width}}  {template.description}" for template in templates)


def run(args: argparse.Namespace) -> int:
    from mopskit import scaffold

    if args.list:
        print(format_template_list(scaffold.list_templates()))
        return 0
    if args.name is None or args.destination is None:
        known = ", ".join(template.name for template in scaffold.list_templates())
        raise InputError(f"give a template NAME and a DEST folder; templates: {known}")
    plan = scaffold.plan_copy(args.name, args.destination)
    scaffold.copy_template(plan, force=args.force)
    print(f"Copied template '{plan.template.name}' into {plan.destination}:")
    for file in plan.files:
        print(f"  {file.relative_target}")
    notebook = plan.destination / plan.template.notebook
    print(f"Next: jupyter lab {shlex.quote(str(notebook))}")
    return 0
