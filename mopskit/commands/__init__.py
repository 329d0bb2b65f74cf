"""One module per CLI sub-command; each exposes ``register(subparsers)`` and ``run(args)``.

The table below is all ``mopskit --help`` needs: a command's module (and what it imports)
loads only when that command is the one being run, as in git-style command lines.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    """The one line ``mopskit --help`` shows; the command's own parser uses it too."""


COMMANDS = (
    Command("new", "start a team notebook from a template"),
    Command("audit", "audit a martech stack: utilization, waste, renewals, overlaps"),
    Command("assess", "operating-model maturity self-assessment: gaps, priorities, disagreements"),
    Command("plan", "change plan: lint it (RACI, SMART KPIs, ADKAR, stakeholders, schedule) and report it"),
    Command("progress", "exercise progress of a room: who has passed which lesson's tasks"),
)
SUMMARIES = {command.name: command.summary for command in COMMANDS}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], selected: str | None) -> None:
    """Every command in ``commands``: ``selected`` with its full parser (its module imported),
    the others as a name and a summary only."""
    for command in COMMANDS:
        if command.name == selected:
            import_module(f"mopskit.commands.{command.name}").register(commands)
        else:
            commands.add_parser(command.name, help=command.summary, add_help=False)
