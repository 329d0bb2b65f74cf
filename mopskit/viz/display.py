"""How a kit value shows itself in a notebook: HTML, with a plain-text twin.

A class mixes in :class:`NotebookRepr` and implements one method, ``_html_()``; it gets
``_repr_html_`` for Jupyter and ``_repr_pretty_`` for IPython's plain-text output, which
prints ``_text_()`` (``repr(self)`` unless the class says otherwise)::

    @dataclass(frozen=True)
    class Sources(NotebookRepr):
        source_ids: tuple[str, ...]

        def _html_(self) -> str:
            return callout_html("sources", ...)

A value whose view lives in a module above it (values never import their views) does not
implement ``_html_()``: the view module registers its functions with :func:`shows`, and
the value's package imports that view module, so the value shows once it is importable::

    shows(CheckResult, html=check_result_html, text=check_result_text)

This module imports nothing of the kit, so any layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["NotebookRepr", "extra_bundle", "shows"]

View = Callable[[Any], str]
BundleView = Callable[[Any], Mapping[str, Any]]

_HTML: dict[type, View] = {}
_TEXT: dict[type, View] = {}
_BUNDLE: dict[type, BundleView] = {}


def shows(kind: type, *, html: View | None = None, text: View | None = None,
          bundle: BundleView | None = None) -> None:
    """Register the views of ``kind`` (and its subclasses): its HTML, its plain text, and
    extra MIME types (such as a live widget's) that :func:`extra_bundle` returns."""
    if html is not None:
        _HTML[kind] = html
    if text is not None:
        _TEXT[kind] = text
    if bundle is not None:
        _BUNDLE[kind] = bundle


def _registered(registry: Mapping[type, Callable[[Any], Any]], value: object) -> Callable[[Any], Any] | None:
    for kind in type(value).__mro__:
        if kind in registry:
            return registry[kind]
    return None


def extra_bundle(value: object) -> dict[str, Any]:
    """The extra MIME types registered for ``value``'s class (empty if none)."""
    view = _registered(_BUNDLE, value)
    return dict(view(value) or {}) if view is not None else {}


class NotebookRepr:
    """Mixin: implement ``_html_()`` (or register it with :func:`shows`); get the notebook reprs."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython takes a class's own __repr__ (a dataclass makes one) before an inherited
        # _repr_pretty_, so each subclass gets the plain-text hook as its own.
        if "_repr_pretty_" not in cls.__dict__:
            cls._repr_pretty_ = NotebookRepr._repr_pretty_  # type: ignore[method-assign]

    def _html_(self) -> str:
        """The value as HTML; by default the view registered for its class."""
        view = _registered(_HTML, self)
        if view is None:
            raise NotImplementedError(
                f"{type(self).__name__} has no HTML view: implement _html_() or register one with shows()"
            )
        return str(view(self))

    def _text_(self) -> str:
        """The plain-text twin; by default the registered text view, else ``repr(self)``."""
        view = _registered(_TEXT, self)
        return str(view(self)) if view is not None else repr(self)

    def _repr_html_(self) -> str:
        return self._html_()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self._text_())
