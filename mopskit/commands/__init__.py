"""One module per CLI sub-command; each exposes ``register(subparsers)``."""

from __future__ import annotations

import argparse


def register_all(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from mopskit.commands import new

    new.register(commands)
