"""Command line: `mopskit new | audit | assess | plan | progress`. Bad input exits 2 with one clear line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mopskit import __version__
from mopskit.errors import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mopskit", description="Marketing Operations kit: templates and audits."
    )
    parser.add_argument("--version", action="version", version=f"mopskit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    from mopskit.commands import register_all

    register_all(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as error:
        print(f"mopskit {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mopskit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
