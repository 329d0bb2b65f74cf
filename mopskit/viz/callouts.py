"""Callouts: Key points, Challenge, Discussion and Sources boxes, one look everywhere.

A callout is the site's admonition markup (``<div class="admonition tip">`` with an
``admonition-title``) plus inline styles. On the site the hooks drop the inline styles
and Material's admonition CSS takes over; in JupyterLab, which has no admonition CSS and
keeps ``style`` attributes even in an untrusted notebook, the inline styles draw the same
box. Lessons write Key points, Challenge and Discussion as Markdown between
:func:`callout_open` and ``</div>``; Sources come from :func:`sources`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from mopskit.content import knowledge
from mopskit.content.types import Language, Source
from mopskit.display import NotebookRepr

__all__ = ["CALLOUTS", "Callout", "Sources", "callout_html", "callout_open", "citation_html", "citation_markdown",
           "cite", "markdown_text", "refresh_callouts", "sources"]

LANGUAGES = {Language.ENGLISH: "English", Language.ITALIAN: "Italian", Language.ROMANIAN: "Romanian"}


@dataclass(frozen=True)
class Callout:
    """A kind of callout: its default title, the site's admonition type and its colour."""

    title: str
    admonition: str
    colour: str


CALLOUTS = {
    "key-points": Callout("Key points", "tip", "#00bfa5"),
    "challenge": Callout("Challenge", "example", "#7c4dff"),
    "discussion": Callout("Discussion", "question", "#64dd17"),
    "sources": Callout("Sources", "quote", "#9e9e9e"),
}

CALLOUT_START = re.compile(
    r'<div class="admonition (?P<admonition>[a-z]+) mopskit-callout mopskit-callout--(?P<kind>[a-z-]+)"[^>]*>\s*'
    r'<p class="admonition-title"[^>]*>(?P<title>.*?)</p>',
    re.DOTALL,
)
"""Finds a callout's opening markup, so stored notebooks can be checked and refreshed."""


def callout_open(kind: str, title: str | None = None) -> str:
    """The opening ``<div>`` and title of a callout; Markdown may follow after a blank line."""
    try:
        callout = CALLOUTS[kind]
    except KeyError:
        raise ValueError(f"no callout kind {kind!r}; the kinds are {', '.join(CALLOUTS)}") from None
    box = (
        f"border:1px solid {callout.colour};border-left:4px solid {callout.colour};"
        "border-radius:4px;padding:0 0.9em 0.1em 0.9em;margin:1em 0;"
    )
    heading = (
        f"background:{callout.colour}1f;font-weight:bold;margin:0 -0.9em 0.6em -0.9em;"
        "padding:0.4em 0.9em;"
    )
    return (
        f'<div class="admonition {callout.admonition} mopskit-callout mopskit-callout--{kind}" style="{box}">\n'
        f'<p class="admonition-title" style="{heading}">{escape(title or callout.title)}</p>'
    )


def refresh_callouts(markdown: str) -> str:
    """``markdown`` with every callout's opening markup rewritten as :func:`callout_open`
    makes it today, so a change of look reaches every stored notebook."""

    def fresh(match: re.Match[str]) -> str:
        title = Markup(match["title"]).unescape()
        return callout_open(match["kind"], title)

    return CALLOUT_START.sub(fresh, markdown)


def callout_html(kind: str, body_html: str, title: str | None = None) -> str:
    """A whole callout around ``body_html`` (already safe HTML)."""
    return f"{callout_open(kind, title)}\n{body_html}\n</div>"


def markdown_text(text: object) -> str:
    """``text`` made safe to put in a Markdown line: no accidental emphasis, links or HTML."""
    escaped = re.sub(r"([\\`*_\[\]{}#|])", r"\\\1", str(text))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def cite(entry: Source, *, markdown: bool = False) -> str:
    """One source as the About page words it, in HTML or Markdown: author (year). *Title*,
    linked. Publisher. In language."""
    words: Callable[[object], str] = markdown_text if markdown else (lambda text: str(escape(text)))
    parts = []
    # Who first: the author, or else the publication, so no citation opens on a bare year.
    who, publisher = entry.author or entry.publisher, entry.publisher
    if who:
        parts.append(words(who))
    if entry.year:
        parts.append(words(f"({entry.year})"))
    url = entry.url
    if markdown:
        title = f"*{words(entry.title)}*"
        title = f"[{title}]({url})" if url else title
    else:
        title = f"<em>{words(entry.title)}</em>"
        title = f'<a href="{words(url)}">{title}</a>' if url else title
    parts.append(title + ".")
    if publisher and publisher != who:
        parts.append(words(publisher.rstrip(".") + "."))
    if entry.language is not Language.ENGLISH:
        parts.append(words(f"In {LANGUAGES[entry.language]}."))
    return " ".join(parts)


def citation_html(source_id: str) -> Markup:
    """One source as the About page words it: author (year). *Title*, linked. Publisher."""
    return Markup(cite(knowledge.source(source_id)))


def citation_markdown(entry: Source) -> str:
    """The Markdown twin of :func:`citation_html`, for the site's About page."""
    return cite(entry, markdown=True)


@dataclass(frozen=True)
class Sources(NotebookRepr):
    """The sources a lesson cites, shown as a Sources callout with clickable links."""

    source_ids: tuple[str, ...]

    def _html_(self) -> str:
        items = Markup("").join(Markup("<li>{}</li>").format(citation_html(sid)) for sid in self.source_ids)
        return callout_html("sources", Markup('<ul style="margin:0.2em 0 0.6em 0;">{}</ul>').format(items))

    def __repr__(self) -> str:
        return "Sources:\n" + "\n".join(f"- {Markup(citation_html(sid)).striptags()}" for sid in self.source_ids)


def sources(*source_ids: str) -> Sources:
    """``sources("seed-001", "hubspot-mops")``: the cited sources, checked to exist."""
    for source_id in source_ids:
        knowledge.source(source_id)  # an unknown id fails here, naming sources.yaml
    return Sources(tuple(source_ids))
