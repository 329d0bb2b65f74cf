"""JSON report (schema ``mopskit.audit/2``): the shape other tools can rely on.

The shape is owned by ``AuditResult.to_dict``; this module only serialises it.
"""

from __future__ import annotations

import json

from mopskit.stack.model import AuditResult


def render(result: AuditResult, *, show_users: bool = False) -> bytes:
    document = result.to_dict(show_users=show_users)  # type: ignore[attr-defined]
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")
