"""The notebook-repr mixin: one method gives the HTML and the plain-text displays."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from IPython.lib.pretty import pretty

from mopskit.display import NotebookRepr, extra_bundle, shows


@dataclass(frozen=True)
class Shown(NotebookRepr):
    name: str

    def _html_(self) -> str:
        return f"<b>{self.name}</b>"


@dataclass(frozen=True)
class Registered(NotebookRepr):
    """A value whose views live elsewhere and register themselves."""

    name: str


@dataclass(frozen=True)
class Unshown(NotebookRepr):
    name: str


shows(Registered, html=lambda value: f"<i>{value.name}</i>", text=lambda value: f"just {value.name}",
      bundle=lambda value: {"text/x-probe": value.name})


def test_one_method_gives_the_html_and_repr_stays_the_plain_text():
    value = Shown("a")
    assert value._repr_html_() == "<b>a</b>"
    assert pretty(value) == repr(value) == "Shown(name='a')"


def test_registered_views_show_a_value_that_does_not_import_them():
    value = Registered("b")
    assert value._repr_html_() == "<i>b</i>"
    assert pretty(value) == "just b"  # not the dataclass repr, which IPython would otherwise prefer
    assert repr(value) == "Registered(name='b')"
    assert extra_bundle(value) == {"text/x-probe": "b"}
    assert extra_bundle(Shown("a")) == {}


def test_a_value_without_a_view_says_so():
    with pytest.raises(NotImplementedError, match="Unshown has no HTML view"):
        Unshown("c")._html_()
    assert Unshown("c")._repr_html_() is None  # Jupyter then shows the plain text
