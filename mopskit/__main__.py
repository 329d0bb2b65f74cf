"""``python -m mopskit``: the same command line as ``mopskit``."""

from mopskit.cli import run

run()
