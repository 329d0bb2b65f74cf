"""What a renderer accepts: a ``Document``, or any result that can describe itself as one."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from mopskit.report.document import Document


@runtime_checkable
class Reportable(Protocol):
    """A result with a report: every document format works for it."""

    def to_document(self, show_users: bool = False) -> Document: ...


def as_document(subject: Any, *, show_users: bool = False) -> Document:
    if isinstance(subject, Document):
        return subject
    if isinstance(subject, Reportable):
        return subject.to_document(show_users=show_users)
    raise TypeError(f"{type(subject).__name__} has no to_document(): it cannot be rendered as a report")
