"""Run one command and report its wall time and peak RSS as JSON on stdout.

Each measurement runs in its own copy of this script, so ``RUSAGE_CHILDREN`` holds
exactly one child: the command being measured.

Usage: python benchmarks/measure.py COMMAND [ARG ...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(command: list[str]) -> int:
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({
        "seconds": seconds,
        "peak_rss_bytes": peak_kib * 1024,
        "returncode": completed.returncode,
        "stdout": completed.stdout[-2000:],
        "stderr": completed.stderr[-2000:],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
