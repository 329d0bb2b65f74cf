"""What a renderer accepts: a ``Document``, or any result that has a document builder."""

from __future__ import annotations

from typing import Any

from mopskit.report.document import Document


def as_document(subject: Any, *, show_users: bool = False) -> Document:
    """``subject`` as the document every page and sheet format renders."""
    from mopskit.report import document_of

    return document_of(subject, show_users=show_users)
