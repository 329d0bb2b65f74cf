"""MkDocs hooks that turn the kit's notebooks and content files into the site.

The lessons live in top-level ``notebooks/`` and ``exercises/`` and the glossary, sources
and syllabus live in ``mopskit/content/*.yaml``; these hooks publish them as they are,
so nothing is copied into ``docs/`` and every fact keeps one source.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mopskit.content import knowledge  # the site reads content exactly as lessons do
from mopskit.content.types import Glossary, Source, Syllabus
from mopskit.errors import InputError
from mopskit.report.notebook import SITE_CELL_CLASSES  # the inline looks of kit tables, as classes
from mopskit.course.agenda import agenda_markdown
from mopskit.course.facts import brief_citation
from mopskit.viz.callouts import citation_markdown, markdown_text
from mopskit.course.handout import build_wheel
from mopskit.course.workshop import LEARNERS_BRANCH, nbgitpuller_link

log = get_plugin_logger("mopskit")

NOTEBOOK_FOLDERS = ("notebooks", "exercises")
"""Top-level folders whose ``*.ipynb`` become pages; sub-folders (``solutions/``) never do."""

GLOSSARY_PAGE = "glossary.md"
SOURCES_PAGE = "about.md"
MARKERS = {
    "<!-- mopskit:sources -->": "sources",
    "<!-- mopskit:syllabus -->": "syllabus",
    "<!-- mopskit:agendas -->": "agendas",
    "<!-- mopskit:addresses -->": "addresses",
}
WHEEL_MARKER = "mopskit-WHEEL.whl"
"""Written in a page where the kit's wheel file name goes; the hooks put the real name."""
DOWNLOADS = "downloads"
"""Site folder of the kit's wheel, so a reader of the site can install the kit."""

# Scripts nbconvert adds to every page for MathJax and Mermaid; both come from a CDN
# and the kit uses neither, so they are dropped rather than loaded from outside.
_CDN_LOADER = re.compile(r"mathjax|mermaid", re.IGNORECASE)

_wheel: dict[str, str] = {}
"""The site path of the kit's wheel built for this site, under the key "path"."""

_shared_assets: dict[str, str] = {}
"""Notebook CSS and JavaScript collected while pages render, by site path; written once."""


# --------------------------------------------------------------------------- helpers


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def notebook_paths(root: Path) -> list[str]:
    """Every published notebook as a path relative to ``root``, sorted."""
    return sorted(
        path.relative_to(root).as_posix()
        for folder in NOTEBOOK_FOLDERS
        for path in (root / folder).glob("*.ipynb")
    )


def is_notebook_page(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def anchor(text: str) -> str:
    """A stable HTML id for a term or source id: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


T = TypeVar("T")


def _content(name: str, read: Callable[[], T]) -> T:
    """Content file ``name`` as ``read`` gives it (``knowledge.syllabus``); a broken file stops the build."""
    try:
        return read()
    except Exception as error:  # an InputError or a YAML error: stop the build, say which
        raise PluginError(f"{knowledge.path_of(name)}: {error}") from error


# --------------------------------------------------------------------------- generators


def glossary_markdown(
    glossary: Glossary, sources: Mapping[str, Source], sources_page: str = SOURCES_PAGE
) -> str:
    """The Glossary page, one heading per term, grouped by first letter."""
    terms = list(glossary.terms)
    if not terms:
        raise PluginError("glossary.yaml: 'terms' is empty; the Glossary page needs at least one term")
    ids: dict[str, str] = {}
    for entry in terms:
        name = entry.term
        if name.casefold() in {known.casefold() for known in ids}:
            raise PluginError(f"glossary.yaml: the term '{name}' appears twice")
        ids[name] = anchor(name)
    by_casefold = {name.casefold(): ident for name, ident in ids.items()}

    lines = [
        "# Glossary",
        "",
        "The words the kit uses, in plain English. A source after a definition points to",
        "the list of sources on the [About]({page}#sources) page; definitions without one are".format(
            page=sources_page
        ),
        "the kit's own explanation.",
        "",
    ]
    letter = None
    for entry in sorted(terms, key=lambda item: item.term.casefold()):
        name = entry.term
        initial = name[0].upper() if name[0].isalpha() else "#"
        if initial != letter:
            letter = initial
            lines += [f"## {letter} {{#letter-{anchor(letter) or 'other'}}}", ""]
        lines += [f"### {markdown_text(name)} {{#{ids[name]}}}", "", markdown_text(entry.definition), ""]
        related = []
        for other in entry.see_also:
            target = by_casefold.get(other.casefold())
            if target is None:
                raise PluginError(f"glossary.yaml: '{name}' has see_also '{other}', which is not a term")
            related.append(f"[{markdown_text(other)}](#{target})")
        notes = []
        if related:
            notes.append("See also: " + ", ".join(related) + ".")
        source_id = entry.source
        if source_id:
            if source_id not in sources:
                raise PluginError(f"glossary.yaml: '{name}' cites source '{source_id}', which sources.yaml lacks")
            label = markdown_text(brief_citation(sources[source_id]))
            notes.append(f"Source: [{label}]({sources_page}#source-{anchor(source_id)}).")
        if notes:
            lines += [" ".join(notes), ""]
    return "\n".join(lines)


def sources_markdown(sources: Mapping[str, Source]) -> str:
    """Every source the kit cites: first the articles the kit began from, then the works they quote."""
    seeds = sorted((sid for sid, s in sources.items() if s.seed), key=lambda sid: str(sources[sid].seed))
    others = sorted(sid for sid, s in sources.items() if not s.seed)
    lines = []
    for heading, ids in (("The articles the kit began from", seeds), ("Studies, frameworks and references", others)):
        if not ids:
            continue
        lines += [f"### {heading}", ""]
        # attr_list cannot give a list item an id, so each item starts with an empty anchor.
        lines += [
            f'- <span id="source-{anchor(sid)}"></span>{citation_markdown(sources[sid])}'
            for sid in ids
        ]
        lines.append("")
    return "\n".join(lines)


def syllabus_markdown(syllabus: Syllabus, published: Iterable[str]) -> str:
    """The syllabus as one table per level, with minutes and prerequisites; available lessons
    link to their pages, planned ones are named without a link (no page to land on)."""
    published = set(published)
    by_id = {lesson.id: lesson for lesson in syllabus.lessons}

    def reference(lesson_id: str) -> str:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            raise PluginError(f"syllabus.yaml: a prerequisite names lesson '{lesson_id}', which is not in the syllabus")
        if lesson.available:
            return f"[{lesson_id}](notebooks/{lesson.filename})"
        return f"{lesson_id} *(planned)*"

    lines: list[str] = []
    for level in syllabus.levels:
        lessons = syllabus.at_level(level.name)
        lines += [f"### {markdown_text(level.name)}", "", markdown_text(level.summary), ""]
        if not lessons:
            lines += ["No lessons at this level yet.", ""]
            continue
        lines += ["| Lesson | Minutes | What you will learn | Exercises |", "|---|---:|---|---|"]
        for lesson in sorted(lessons, key=lambda item: item.id):
            name = lesson.filename
            title = f"{lesson.id} {markdown_text(lesson.title)}"
            if lesson.available:
                # An available lesson without its notebook becomes a broken link: strict fails.
                title = f"[{title}](notebooks/{name})"
                exercises = f"[exercises](exercises/{name})" if f"exercises/{name}" in published else "–"
            else:
                title += " *(planned)*"
                exercises = "–"
            first = ", ".join(reference(other) for other in lesson.prerequisites)
            if first:  # under the title, so the table keeps four columns on a phone
                title += f"<br><small>Take first: {first}</small>"
            lines.append(f"| {title} | {lesson.minutes} | {markdown_text(lesson.summary)} | {exercises} |")
        minutes = sum(lesson.minutes for lesson in lessons if lesson.available)
        lines += ["", f"Available {markdown_text(level.name)} lessons: {minutes} minutes in all.", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- notebook pages


def rewrite_notebook_links(soup: BeautifulSoup, page_file: File, files: Files) -> list[str]:
    """Point relative links in a notebook page at the pages and files they name.

    A link to ``01-what-is-mops.ipynb`` becomes the URL of that lesson's page. Returns
    the links that name nothing on the site, so the caller can report them.
    """
    here = posixpath.dirname(page_file.src_uri)
    broken = []
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            value = element[attribute]
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
            found = files.get_file_from_path(target)
            if found is None:
                broken.append(value)
                continue
            url = found.url_relative_to(page_file)
            element[attribute] = url + (f"#{parts.fragment}" if parts.fragment else "")
    return broken


_INDENTED_LINE = re.compile(r"^[ \t]+\S", re.MULTILINE)
"""A line that starts indented: the text is a listing (YAML, a tree) whose layout carries meaning."""


def adopt_site_look(soup: BeautifulSoup) -> None:
    """Give notebook output the site's look: callouts become Material admonitions (their
    inline JupyterLab styles are dropped), every table gets its own scroll box, so a
    wide table scrolls on a phone while the page does not, an empty header row goes, and
    plain text whose lines are indented is marked as a listing that keeps its lines."""
    for callout in soup.select(".mopskit-callout"):
        for element in [callout, *callout.select(":scope > .admonition-title")]:
            del element["style"]
    for table in soup.find_all("table"):
        parent = table.parent
        if parent is not None and "mopskit-table-box" in (parent.get("class") or ()):
            continue
        # A box that may scroll is focusable and named, so a keyboard can scroll it too.
        table.wrap(soup.new_tag("div", attrs={"class": "mopskit-table-box", "tabindex": "0",
                                              "role": "region", "aria-label": "Table"}))
    for code in soup.select(".highlight-ipynb pre"):
        code["tabindex"] = "0"
    for text in soup.select(".jp-OutputArea-output pre"):
        if _INDENTED_LINE.search(text.get_text()):
            text["class"] = [*(text.get("class") or ()), "mopskit-listing"]
            text["tabindex"] = "0"  # it may scroll sideways: a keyboard can scroll it too
    for cell in soup.select("table.mopskit-table :is(td, th)[style]"):
        look = SITE_CELL_CLASSES.get(cell["style"])
        if look is not None:  # the stylesheet draws it: the style need not repeat in every cell
            del cell["style"]
            cell["class"] = [*(cell.get("class") or ()), look]
    for chart in soup.select("figure.mopskit-chart"):
        chart["tabindex"] = "0"  # it scrolls sideways on a phone: a keyboard can scroll it too
    for head in soup.select("table > thead"):
        if not head.get_text(strip=True):
            head.decompose()  # a Markdown table of label/value pairs has an empty header row


def drop_cdn_loaders(soup: BeautifulSoup) -> int:
    """Remove nbconvert's MathJax and Mermaid loaders (CDN scripts the kit does not use)."""
    removed = 0
    for script in soup.find_all("script"):
        src = script.get("src", "")
        if script.get("type") == "text/x-mathjax-config" or _CDN_LOADER.search(src) or (
            script.get("type") == "module" and _CDN_LOADER.search(script.get_text())
        ):
            script.decompose()
            removed += 1
        elif script.has_attr("src") and not src.strip():
            script.decompose()  # MathJax's loader with an empty URL
            removed += 1
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment) and _CDN_LOADER.search(text)):
        comment.extract()
    return removed


def outside_loads(soup: BeautifulSoup) -> list[str]:
    """URLs on other hosts that the page would load (scripts, styles, images, frames)."""
    found = []
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            parts = urlsplit(element[attribute])
            if parts.netloc or parts.scheme in ("http", "https"):
                found.append(element[attribute])
    for style in soup.find_all("style"):
        found += re.findall(r"@import\s+(?:url\()?['\"]?(https?://[^'\")\s]+)", style.get_text())
    return found


def extract_page_assets(soup: BeautifulSoup) -> tuple[str, str]:
    """Take nbconvert's page-wide ``<style>`` and inline ``<script>`` blocks out of the page.

    Only top-level blocks are taken: they are the same on every notebook page. Styles
    inside cell outputs (a DataFrame's ``<style scoped>``) belong to the output and stay.
    Returns the CSS and the JavaScript, each in page order.
    """
    css, javascript = [], []
    for element in list(soup.find_all(["style", "script"], recursive=False)):
        if element.name == "style":
            css.append(element.get_text())
        elif not element.has_attr("src") and element.get("type", "text/javascript") == "text/javascript":
            javascript.append(element.get_text())
        else:
            continue
        element.decompose()
    return "\n".join(css), "\n;\n".join(javascript)


def shared_asset_name(kind: str, text: str) -> str:
    """Where a shared asset goes in the site; named by its content, so a change gets a new URL."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    folder = {"css": "assets/stylesheets", "js": "assets/javascripts"}[kind]
    return f"{folder}/notebook-{digest}.{kind}"


KIT_ADDRESSES = ("site", "repository", "learners_branch", "hub")
"""The keys of ``extra.kit`` in mkdocs.yml: the one place the kit's addresses are set."""


def kit_addresses(extra: Mapping[str, Any]) -> dict[str, str]:
    """The kit's addresses from ``extra.kit`` in mkdocs.yml (a missing one is empty; the
    learners' branch is ``learners`` unless named)."""
    if "jupyterhub" in extra:
        raise PluginError("mkdocs.yml: extra.jupyterhub is now extra.kit (hub, repository, learners_branch)")
    settings = extra.get("kit") or {}
    if not isinstance(settings, Mapping):
        raise PluginError(f"mkdocs.yml: extra.kit must be a mapping with {', '.join(KIT_ADDRESSES)}")
    unknown = sorted(set(settings) - set(KIT_ADDRESSES))
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.kit has unknown keys {', '.join(unknown)} "
                          f"(keys: {', '.join(KIT_ADDRESSES)})")
    addresses = {key: str(settings.get(key) or "").strip() for key in KIT_ADDRESSES}
    addresses["learners_branch"] = addresses["learners_branch"] or LEARNERS_BRANCH
    return addresses


def jupyterhub_link(extra: Mapping[str, Any], notebook: str) -> str | None:
    """The "Open in JupyterHub" link of a notebook page (path as in the repository): it pulls
    the learners' branch, never the branch with the solutions. None while no hub is set."""
    addresses = kit_addresses(extra)
    if not addresses["hub"]:
        return None
    if not addresses["repository"]:
        raise PluginError("mkdocs.yml: extra.kit names a hub but no repository for it to pull")
    try:
        return nbgitpuller_link(addresses["hub"], addresses["repository"], notebook,
                                branch=addresses["learners_branch"])
    except InputError as error:
        raise PluginError(f"mkdocs.yml: extra.kit: {error}") from error


def addresses_markdown(extra: Mapping[str, Any], first_lesson: str) -> str:
    """The kit's addresses as a table for the facilitator pages, read from mkdocs.yml."""
    addresses = kit_addresses(extra)
    link = jupyterhub_link(extra, first_lesson)
    hub = (f"<{addresses['hub']}>" if addresses["hub"]
           else "not set yet: add it as `hub:` under `extra.kit` in `mkdocs.yml`")
    rows = [
        ("The site (a notebook downloaded from it links to its pages)",
         f"<{addresses['site']}>" if addresses["site"] else "not set"),
        ("The kit's repository, with the solutions (facilitators only)",
         f"<{addresses['repository']}>" if addresses["repository"] else "not set"),
        ("The branch learners pull, without the solutions", f"`{addresses['learners_branch']}`"),
        ("The workshop's hub", hub),
    ]
    lines = ["| What | Address |", "|---|---|", *(f"| {what} | {where} |" for what, where in rows), ""]
    if link is not None:
        lines += [f"The first lesson on the hub, for the room's first slide: <{link}>", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- events


def nav_titles(syllabus: Syllabus) -> dict[str, str]:
    """Page titles by notebook path, numbered as in the syllabus: "01 · What is ...?"."""
    titles = {}
    for lesson in syllabus.lessons:
        titles[f"notebooks/{lesson.filename}"] = f"{lesson.id} · {lesson.title}"
        titles[f"exercises/{lesson.filename}"] = f"{lesson.id} · {lesson.title} (exercises)"
    return titles


def expand_nav(nav: list[Any], published: list[str], titles: Mapping[str, str]) -> list[Any]:
    """Replace the entries ``notebooks/`` and ``exercises/`` with the notebooks in them."""
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((section, value),) = item.items()
            if isinstance(value, str) and value.endswith("/") and value.rstrip("/") in NOTEBOOK_FOLDERS:
                folder = value.rstrip("/")
                entries = []
                for path in published:
                    if posixpath.dirname(path) == folder:
                        entries.append({titles[path]: path} if path in titles else path)
                if entries:
                    expanded.append({section: entries})
                else:
                    log.info("no notebooks in %s/ yet; the '%s' section is left out", folder, section)
                continue
        expanded.append(item)
    return expanded


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List every published notebook in the nav, titled as in the syllabus."""
    published = notebook_paths(project_root(config))
    config.nav = expand_nav(list(config.nav or ()), published, nav_titles(_content("syllabus", knowledge.syllabus)))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _shared_assets.clear()
    _wheel.clear()


def kit_source() -> Path | None:
    """The folder holding the kit's ``pyproject.toml``: where ``mopskit`` is imported from,
    whichever project the site is built for. None for an installed (non-editable) kit."""
    import mopskit

    folder = Path(mopskit.__file__).resolve().parent.parent
    return folder if (folder / "pyproject.toml").is_file() else None


@event_priority(100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the notebooks where they are and generate the Glossary page.

    Runs before mkdocs-jupyter's own ``on_files`` so that it sees the notebooks.
    """
    root = project_root(config)
    for path in notebook_paths(root):
        files.append(File(path, src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    glossary = glossary_markdown(_content("glossary", knowledge.glossary), _content("sources", knowledge.sources))
    files.append(File.generated(config, GLOSSARY_PAGE, content=glossary))
    kit = kit_source()
    if kit is not None:
        wheel = build_wheel(kit, Path(tempfile.mkdtemp(prefix="mopskit-wheel-")))
        path = f"{DOWNLOADS}/{wheel.name}"
        files.append(File.generated(config, path, abs_src_path=str(wheel)))
        _wheel.update(path=path, scratch=str(wheel.parent))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the generated parts of hand-written pages (sources, syllabus) from content."""
    if WHEEL_MARKER in markdown:
        if "path" not in _wheel:
            raise PluginError(
                f"{page.file.src_uri} names the kit's wheel, but mopskit is not installed from a"
                " source folder with pyproject.toml (pip install -e .), so it cannot be built"
            )
        markdown = markdown.replace(WHEEL_MARKER, posixpath.basename(_wheel["path"]))
    for marker, name in MARKERS.items():
        if marker not in markdown:
            continue
        published = [file.src_uri for file in files if file.src_uri.endswith(".ipynb")]
        if name == "sources":
            generated = sources_markdown(_content("sources", knowledge.sources))
        elif name == "agendas":
            generated = agenda_markdown(_content("syllabus", knowledge.syllabus), published)
        elif name == "addresses":
            generated = addresses_markdown(
                config.extra, f"notebooks/{_content('syllabus', knowledge.syllabus).lessons[0].filename}")
        else:
            generated = syllabus_markdown(_content("syllabus", knowledge.syllabus), published)
        markdown = markdown.replace(marker, generated)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make a rendered notebook a good page: working links, no CDN, page-wide CSS and JS shared."""
    if not is_notebook_page(page):
        return html
    link = jupyterhub_link(config.extra, page.file.src_uri)
    if link is not None:
        page.meta["jupyterhub_link"] = link  # the theme puts it next to the download button
    soup = BeautifulSoup(html, "html.parser")
    for link in rewrite_notebook_links(soup, page.file, files):
        log.warning("%s links to '%s', which is not on the site", page.file.src_uri, link)
    drop_cdn_loaders(soup)
    adopt_site_look(soup)
    for url in outside_loads(soup):
        log.warning("%s would load '%s' from another host", page.file.src_uri, url)
    for kind, text in zip(("css", "js"), extract_page_assets(soup)):
        if text:
            name = shared_asset_name(kind, text)
            _shared_assets[name] = text
            page.meta[f"notebook_{kind}"] = name
    return str(soup)


_NOTEBOOK_LINK = re.compile(r"(\]\()([^)\s]+?\.ipynb)(#[^)\s]*)?(\))")
"""A Markdown link to a notebook: ``[text](../exercises/04-stack-audit.ipynb#task)``."""


def downloadable_links(source: str, here: str, published: Collection[str], site: str) -> tuple[str, int]:
    """A notebook cell's Markdown as a reader who downloads the notebook needs it.

    A downloaded notebook sits alone (in Downloads, on a laptop), where ``../exercises/…`` leads
    nowhere: each relative link to a notebook of the kit points at that notebook's page on the
    site, which has its own download button. Returns the text and how many links changed.
    """
    changed = 0

    def absolute(match: re.Match[str]) -> str:
        nonlocal changed
        target = match.group(2)
        if urlsplit(target).scheme or target.startswith("/"):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(here, unquote(target)))
        if path not in published:
            return match.group(0)
        changed += 1
        page = f"{site.rstrip('/')}/{path[: -len('.ipynb')]}.html"
        return f"{match.group(1)}{page}{match.group(3) or ''}{match.group(4)}"

    return _NOTEBOOK_LINK.sub(absolute, source), changed


def write_downloadable_notebooks(site_dir: Path, published: list[str], site: str) -> None:
    """Rewrite the site's copies of the notebooks (what its download buttons serve) with
    :func:`downloadable_links`; the repository, the handout and the hub keep relative links,
    which resolve there."""
    import nbformat

    known = frozenset(published)  # asked once per link of every cell
    for path in published:
        copy = site_dir / path
        if not copy.is_file():
            continue
        notebook = nbformat.read(copy, as_version=4)
        changed = 0
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source, found = downloadable_links(cell.source, posixpath.dirname(path), known, site)
                changed += found
        if changed:
            nbformat.write(notebook, copy)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the notebook stylesheet and script once, shared by every notebook page, and point
    the downloadable notebooks' links at the site."""
    site = kit_addresses(config.extra)["site"]
    if site:
        write_downloadable_notebooks(Path(config.site_dir), notebook_paths(project_root(config)), site)
    else:
        log.info("extra.kit.site is empty: downloaded notebooks keep links relative to the kit's folders")
    if "scratch" in _wheel:
        shutil.rmtree(_wheel["scratch"], ignore_errors=True)  # the site has its copy now
    for name, text in sorted(_shared_assets.items()):
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if len(_shared_assets) > 2:
        log.info("notebook pages share %d assets instead of 2: %s", len(_shared_assets), sorted(_shared_assets))
