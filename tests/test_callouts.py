"""Callouts look like the site's admonitions in JupyterLab and become them on the site."""

from __future__ import annotations

import glob
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from mopskit import InputError
from mopskit.viz.callouts import CALLOUT_START, CALLOUTS, callout_open, refresh_callouts, sources

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(glob.glob(str(ROOT / "notebooks" / "*.ipynb")) + glob.glob(str(ROOT / "exercises" / "*.ipynb")))


@pytest.mark.parametrize("kind", sorted(CALLOUTS))
def test_each_kind_is_an_admonition_with_inline_styles(kind):
    opening = BeautifulSoup(callout_open(kind) + "</div>", "html.parser")
    box = opening.find("div")
    assert "admonition" in box["class"] and CALLOUTS[kind].admonition in box["class"]
    assert "border-left" in box["style"], "JupyterLab has no admonition CSS: the box draws itself"
    assert opening.find("p", class_="admonition-title").get_text() == CALLOUTS[kind].title


def test_titles_are_escaped_and_unknown_kinds_refused():
    assert "&lt;b&gt;" in callout_open("challenge", "<b>Challenge</b>")
    with pytest.raises(ValueError, match="no callout kind 'note'"):
        callout_open("note")


def test_refresh_rewrites_an_old_opening_and_keeps_the_title_and_body():
    old = '<div class="admonition example mopskit-callout mopskit-callout--challenge" style="x">\n' \
          '<p class="admonition-title" style="y">Challenge (3 &amp; 4 minutes)</p>\n\nBody **here**.\n\n</div>'
    fresh = refresh_callouts(old)
    assert fresh.startswith(callout_open("challenge", "Challenge (3 & 4 minutes)"))
    assert fresh.endswith("\n\nBody **here**.\n\n</div>")
    assert refresh_callouts(fresh) == fresh


def test_sources_cite_author_year_title_and_publisher_with_links():
    shown = sources("seed-001")
    page = BeautifulSoup(shown._repr_html_(), "html.parser")
    assert "mopskit-callout--sources" in page.find("div")["class"]
    item = page.find("li").get_text()
    assert item.startswith("Emanuele Villa (2023) Come creare una MOps strategy")
    assert "In Italian." in item
    assert repr(shown).startswith("Sources:\n- Emanuele Villa (2023)")
    with pytest.raises(InputError, match="unknown source 'nope'"):
        sources("nope")


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: Path(path).name)
def test_stored_lessons_use_current_callouts_and_no_bare_challenge_quotes(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        assert refresh_callouts(cell.source) == cell.source, "run make notebooks to refresh callouts"
        for label in ("Challenge", "Discussion", "Key points"):
            assert not cell.source.lstrip().startswith((f"> **{label}", f"## {label}")), (
                f"{label} is a callout: use callout_open('{label.lower().replace(' ', '-')}')"
            )
        for match in CALLOUT_START.finditer(cell.source):
            assert cell.source.count("<div") == cell.source.count("</div>"), "every callout is closed"
            assert match["kind"] in CALLOUTS
