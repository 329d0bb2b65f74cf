"""JSON report: a result's ``to_dict`` (its own schema, e.g. ``mopskit.audit/2``), serialised.

The shape is owned by the result; this module only writes it.
"""

from __future__ import annotations

import json
from typing import Any


def render(result: Any, *, show_users: bool = False) -> bytes:
    document = result.to_dict(show_users=show_users)
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")
