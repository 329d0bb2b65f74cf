"""JSON report: a result's ``to_dict`` (its own schema, e.g. ``mopskit.audit/2``), serialised.

The shape is owned by the result; this module only writes it: the top level and its lists
spread over lines, and each item of a list (a tool, a task) on a line of its own, so a person
can read and diff the file while the encoder stays the C one (``indent`` falls back to a pure
Python encoder, several times slower on a thousand-tool audit).
"""

from __future__ import annotations

import json
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def dumps(document: Any) -> str:
    """``document`` as JSON text: objects and lists two levels deep on lines, values below compact."""
    return _layout(document, 0)


def _layout(value: Any, depth: int) -> str:
    pad, inner = "  " * depth, "  " * (depth + 1)
    if depth < 2 and isinstance(value, dict) and value:
        items = [f"{inner}{_COMPACT.encode(str(key))}: {_layout(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if depth < 2 and isinstance(value, (list, tuple)) and value:
        items = [f"{inner}{_COMPACT.encode(item)}" for item in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return _COMPACT.encode(value)


def render(result: Any, *, show_users: bool = False) -> bytes:
    return (dumps(result.to_dict(show_users=show_users)) + "\n").encode("utf-8")
