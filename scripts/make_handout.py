"""Build the learners' handout: build/mops-kit-handout/ and build/mops-kit-handout.zip.

    python scripts/make_handout.py                  # lessons, exercises and the kit's wheel
    python scripts/make_handout.py --offline        # and every wheel they need (downloads them once)
    python scripts/make_handout.py --branch learners  # and commit it as the branch the hub pulls

The solutions never go in: they stay in exercises/solutions/ of the kit, for the facilitator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mopskit.course.handout import build_handout, publish_branch
from mopskit.errors import InputError

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline", action="store_true", help="put every wheel needed in wheels/ (needs the index once)")
    parser.add_argument("--branch", help="also commit the handout as this branch of the kit's repository")
    args = parser.parse_args()
    try:
        handout = build_handout(ROOT, ROOT / "build", dependencies=args.offline)
    except InputError as error:
        print(f"make handout: {error}", file=sys.stderr)
        return 2
    notebooks = sum(name.endswith(".ipynb") for name in handout.files)
    print(f"{handout.archive.relative_to(ROOT)}: {handout.size / 1e6:.1f} MB, {notebooks} notebooks, "
          f"{len(handout.wheels)} wheel{'s' if len(handout.wheels) != 1 else ''}, no solutions")
    if args.branch:
        commit = publish_branch(handout.folder, ROOT, args.branch, "Learners' handout: lessons and exercises")
        print(f"branch {args.branch}: {commit[:12]} (push it where the hub pulls from)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
