"""``python -m mopskit``: the same command line as ``mopskit``."""

import sys

from mopskit.cli import main

sys.exit(main())
