"""How a kit value shows itself in a notebook: HTML, with a plain-text twin, found by its type.

Values never import their views. A value class mixes in :class:`NotebookRepr`; its views
are registered here by the package that draws them, with :func:`shows`::

    shows(CheckResult, html=check_result_html, text=check_result_text)

A value whose views live in a package the value's own code never loads (an audit's document
is laid out in ``mopskit.report``) is found through the ``mopskit.views`` entry points
(``pyproject.toml``): the first time a value has no view, every entry point is loaded once
and registers the views it provides. So ``audit(...)`` in a notebook shows its report, and
the stack package still imports nothing above it.

This module imports nothing of the kit, so any layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["NotebookRepr", "extra_bundle", "has_view", "shows"]

View = Callable[[Any], str]
BundleView = Callable[[Any], Mapping[str, Any]]
VIEWS_GROUP = "mopskit.views"
"""The entry-point group of the packages that register views (each entry point: a function)."""

_HTML: dict[type, View] = {}
_TEXT: dict[type, View] = {}
_BUNDLE: dict[type, BundleView] = {}
_discovered = False


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


def discover() -> None:
    """Load the ``mopskit.views`` entry points once, so the packages behind them register their views."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    from importlib.metadata import entry_points

    for entry in entry_points(group=VIEWS_GROUP):
        entry.load()()


def _registered(registry: Mapping[type, Callable[[Any], Any]], value: object) -> Callable[[Any], Any] | None:
    for attempt in range(2):
        for kind in type(value).__mro__:
            if kind in registry:
                return registry[kind]
        if attempt == 0:
            discover()
    return None


def has_view(value: object) -> bool:
    """Whether ``value`` has an HTML view (registered, or found through the entry points)."""
    return _registered(_HTML, value) is not None


def extra_bundle(value: object) -> dict[str, Any]:
    """The extra MIME types registered for ``value``'s class (empty if none)."""
    view = _registered(_BUNDLE, value)
    return dict(view(value) or {}) if view is not None else {}


class NotebookRepr:
    """Mixin: the notebook reprs of a value whose views are registered with :func:`shows` (a view
    class of a presentation package may instead implement ``_html_`` itself)."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # IPython takes a class's own __repr__ (a dataclass makes one) before an inherited
        # _repr_pretty_, so each subclass gets the plain-text hook as its own.
        if "_repr_pretty_" not in cls.__dict__:
            cls._repr_pretty_ = NotebookRepr._repr_pretty_  # type: ignore[method-assign]

    def _html_(self) -> str:
        """The value as HTML: the view registered for its class."""
        view = _registered(_HTML, self)
        if view is None:
            raise NotImplementedError(
                f"{type(self).__name__} has no HTML view: register one with shows() (is the kit installed?)"
            )
        return str(view(self))

    def _text_(self) -> str:
        """The plain-text twin; the registered text view, else ``repr(self)``."""
        view = _registered(_TEXT, self)
        return str(view(self)) if view is not None else repr(self)

    def _repr_html_(self) -> str | None:
        """The HTML Jupyter shows: a view class's own ``_html_``, else the view registered for the
        value's type; None (Jupyter then shows the plain text) when there is neither."""
        if type(self)._html_ is not NotebookRepr._html_ or has_view(self):
            return self._html_()
        return None

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self._text_())
