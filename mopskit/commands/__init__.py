"""One module per CLI sub-command; each exposes ``register(subparsers)``."""

from __future__ import annotations

import argparse
from importlib import import_module

COMMANDS = ("new", "audit", "assess", "plan", "progress")


def register_all(commands: argparse._SubParsersAction) -> None:
    for name in COMMANDS:
        import_module(f"mopskit.commands.{name}").register(commands)
