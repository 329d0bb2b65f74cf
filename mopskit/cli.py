"""Command line: `mopskit new | audit | assess | plan | progress`. Bad input exits 2 with one clear line.

Only the command being run is imported (``mopskit --help`` loads no command at all), so the
command line starts at once and a slow library is paid for only by the command that uses it.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

from mopskit import __version__
from mopskit.commands import SUMMARIES, register
from mopskit.errors import InputError


def selected_command(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names: its first word that is not an option, if it is a command."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in SUMMARIES else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with ``command``'s own options (the others are listed by name and summary)."""
    parser = argparse.ArgumentParser(
        prog="mopskit", description="Marketing Operations kit: templates and audits."
    )
    parser.add_argument("--version", action="version", version=f"mopskit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    register(commands, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with _rare_collections():
        return _main(argv)


def run() -> NoReturn:
    """The installed ``mopskit`` and ``python -m mopskit``: ``main``, then leave at once.

    What a command built lives to the end, and an interpreter that shuts down frees it object
    by object: about 30 ms after an audit of a million sign-ins, a tenth of what the kit adds
    to the scan. As mypy does, the exit handlers run and the output is flushed, then the
    process ends without that teardown. ``main`` itself returns, for notebooks and tests; and
    under a profiler or debugger the process ends as usual, so it can write what it saw.
    """
    status = main()
    if _watched():
        sys.exit(status)
    atexit._run_exitfuncs()  # temporary folders' finalizers, logging: all that exit would do but free
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the shell closed it (`mopskit ... >&-`)
                stream.flush()
        except BrokenPipeError:  # the reader left before the last buffered line
            status = status or BROKEN_PIPE
        except (OSError, ValueError):  # a full disk, a closed file: as Python's own exit would say
            status = status or FLUSH_FAILED
    os._exit(status)


COLLECT_EVERY = 200_000
"""Allocations between two passes of Python's cycle collector while a command runs (default 700)."""


@contextmanager
def _rare_collections() -> Iterator[None]:
    """A command builds many objects it keeps to the end (a thousand tools' findings, a log's
    users) and little cyclic garbage, so the collector's default pass every 700 allocations walks
    the same objects over and over: about 30 ms of an audit. As mypy does, collect rarely while a
    command runs; the setting is put back after, for a notebook or test that called ``main``."""
    previous = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _watched() -> bool:
    """Whether a profiler, debugger or coverage tool runs: it writes what it saw at a normal exit.

    From Python 3.12 cProfile and coverage may watch through ``sys.monitoring`` instead of a
    trace or profile function; a debugger may have stepped aside (pdb's continue) but stays loaded.
    """
    if sys.getprofile() is not None or sys.gettrace() is not None or "bdb" in sys.modules:
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6))


def _main(argv: Sequence[str] | None) -> int:
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(selected_command(arguments))
        args = parser.parse_args(arguments)
        try:
            return int(args.run(args) or 0)
        except InputError as error:
            print(f"mopskit {args.command}: {error.at_command_line()}", file=sys.stderr)
            return 2
    except KeyboardInterrupt:
        print("mopskit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left early (`mopskit plan ... | head -1`): stop quietly, as `cat` would.
        _silence_stdout()
        return BROKEN_PIPE


FLUSH_FAILED = 120
"""The exit status when the last output cannot be written, as Python's own exit gives."""

BROKEN_PIPE = 141
"""The exit status when the output's reader closes it early: 128 + SIGPIPE, as the shell's own tools give."""


def _silence_stdout() -> None:
    """Point standard output at the null device, so Python's final flush at exit finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, ValueError, OSError):  # a stand-in stdout (a test's capture) has no descriptor
        pass


if __name__ == "__main__":
    run()
