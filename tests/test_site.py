"""The published site: a strict build of the real project, and the hooks that make it.

The project site is built once per session into a temporary folder. A second, tiny
project built from fixture notebooks proves the link rewriting and the shared notebook
assets whatever lessons exist today.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from _sites import HUB, REPO, build_fixture_project, load_hooks, soup_of

from mopskit.content import knowledge
from mopskit.content.types import Glossary, Syllabus, sources_from_data
from mopskit.course.workshop import nbgitpuller_link

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_FOLDERS = ("notebooks", "exercises")
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

hooks = load_hooks()


def published_notebooks(project: Path) -> list[Path]:
    return sorted(path for folder in NOTEBOOK_FOLDERS for path in (project / folder).glob("*.ipynb"))


def page_of(site: Path, project: Path, notebook: Path) -> Path:
    return site / notebook.relative_to(project).with_suffix(".html")


def internal_references(page: BeautifulSoup) -> list[str]:
    references = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                           ("source", "src"), ("iframe", "src")):
        for element in page.find_all(tag, attrs={attribute: True}):
            value = element[attribute]
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            references.append(value)
    return references


def resolve(site: Path, page_path: Path, reference: str) -> Path:
    path = unquote(urlsplit(reference).path)
    # Only 404.html uses root-relative links: a server shows it at any depth.
    base = site if path.startswith("/") else page_path.parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() else target


def outside_loads(page: BeautifulSoup) -> list[str]:
    """Scripts, styles, fonts, images or frames the page would fetch from another host."""
    found = []
    for tag, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")):
        found += [e[attribute] for e in page.find_all(tag, attrs={attribute: True}) if OUTSIDE.match(e[attribute])]
    for link in page.find_all("link", attrs={"href": True}):
        relations = set(link.get("rel", []))
        if relations & {"stylesheet", "preconnect", "preload", "prefetch", "dns-prefetch", "icon", "modulepreload"}:
            if OUTSIDE.match(link["href"]):
                found.append(link["href"])
    for block in page.find_all(["style", "script"]):
        text = block.get_text()
        found += re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")\s]+)", text)
        found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")\s]+)", text)
        found += re.findall(r"import\(\s*['\"]((?:https?:)?//[^'\"]+)", text)
    return found


# --------------------------------------------------------------------------- the project site


@pytest.fixture(scope="module")
def project_site(built_site):
    """The real project's site, built once per run (tests/_run_plan.py)."""
    return built_site.path, built_site.log


def test_build_is_clean(project_site):
    _, log = project_site
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    # mkdocs reports some link and nav problems at INFO level; none may appear either.
    suspicious = [
        line for line in log.splitlines()
        if line.startswith("INFO") and re.search(r"link|anchor|not found|not included|absolute", line, re.I)
    ]
    assert suspicious == []


def test_no_page_of_the_built_site_links_to_a_lesson_that_is_not_available(project_site):
    site, _ = project_site
    lessons = {lesson.id: lesson for lesson in knowledge.syllabus().lessons}
    pattern = re.compile(r"""href=["']([^"'#]*?(\d{2})-([a-z0-9-]+)\.(?:html|ipynb))""")
    problems = []
    for page in sorted(site.rglob("*.html")):
        for target, lesson_id, slug in pattern.findall(page.read_text(encoding="utf-8")):
            lesson = lessons.get(lesson_id)
            if lesson is None or lesson.slug != slug or not lesson.available:
                problems.append(f"{page.relative_to(site)} -> {target}")
    assert problems == []


def test_the_facilitator_page_shows_the_computed_agendas(project_site):
    site, _ = project_site
    text = (site / "facilitators.html").read_text(encoding="utf-8")
    assert "mopskit:agendas" not in text
    for title in ("Half a day", "One day", "Three days"):
        assert title in text
    assert "09:00–09:20" in text and "Lunch" in text


def test_every_notebook_has_a_page_with_its_outputs(project_site):
    site, _ = project_site
    notebooks = published_notebooks(ROOT)
    for notebook in notebooks:
        page = page_of(site, ROOT, notebook)
        assert page.is_file(), f"{notebook.relative_to(ROOT)} has no page"
        stored = nbformat.read(notebook, as_version=4)
        outputs = [output for cell in stored.cells if cell.cell_type == "code" for output in cell.outputs]
        images = [output for output in outputs
                  if "image/png" in output.get("data", {}) or "mopskit-chart" in output.get("data", {}).get("text/html", "")]
        html = soup_of(page)
        rendered = html.select(".jp-OutputArea-output")
        assert len(rendered) >= len(outputs) > 0 or not outputs, notebook.name
        shown = html.select('.jp-OutputArea-output img:is([src^="data:image/png"], [src^="data:image/svg+xml"])')
        assert len(shown) == len(images), f"{notebook.name}: {len(images)} stored images, {len(shown)} on the page"


def test_a_downloaded_notebook_links_to_the_sites_pages_not_to_folders_it_lacks(project_site):
    """The download button serves a copy whose links to other notebooks lead to their pages on the
    site (``extra.kit.site``): a downloaded file sits alone, where ``../exercises/…`` leads nowhere.
    The repository's notebooks keep their relative links (the handout and the hub resolve them)."""
    site, _ = project_site
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    base = hooks.kit_addresses(extra)["site"].rstrip("/")
    rewritten = 0
    for notebook in published_notebooks(ROOT):
        relative = notebook.relative_to(ROOT).as_posix()
        copy = nbformat.read(site / relative, as_version=4)
        original = nbformat.read(notebook, as_version=4)
        for served, kept in zip(copy.cells, original.cells, strict=True):
            assert served.cell_type == kept.cell_type and (served.get("outputs") == kept.get("outputs"))
            if served.cell_type != "markdown":
                continue
            assert not re.findall(r"\]\((?!https?:)[^)\s]*\.ipynb", served.source), f"{relative}: a relative notebook link"
            for page in re.findall(r"\]\(" + re.escape(base) + r"/([^)#\s]+)", served.source):
                assert (site / page).is_file(), f"{relative} links to {page}, which the site lacks"
                rewritten += 1
            if "](" + base not in served.source:
                assert served.source == kept.source
    assert rewritten >= 30


def test_the_download_links_keep_anchors_and_other_links(project_site):
    text, changed = hooks.downloadable_links(
        "[task](../exercises/04-stack-audit.ipynb#task-04-1) [next](05-change-management.ipynb) "
        "[web](https://example.org/x.ipynb) [gone](../nowhere/x.ipynb)",
        "notebooks", ["exercises/04-stack-audit.ipynb", "notebooks/05-change-management.ipynb"], "https://kit.example/",
    )
    assert changed == 2
    assert text == ("[task](https://kit.example/exercises/04-stack-audit.html#task-04-1) "
                    "[next](https://kit.example/notebooks/05-change-management.html) "
                    "[web](https://example.org/x.ipynb) [gone](../nowhere/x.ipynb)")


def test_nav_lists_every_notebook(project_site):
    site, _ = project_site
    home = soup_of(site / "index.html")
    linked = {resolve(site, site / "index.html", a["href"]) for a in home.select("nav.md-nav a[href]")}
    for notebook in published_notebooks(ROOT):
        assert page_of(site, ROOT, notebook).resolve() in linked, notebook.name


def test_internal_links_resolve(project_site):
    site, _ = project_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 7
    broken = []
    for page_path in pages:
        for reference in internal_references(soup_of(page_path)):
            if not resolve(site, page_path, reference).is_file():
                broken.append(f"{page_path.relative_to(site)} -> {reference}")
    assert broken == []


def test_nothing_is_loaded_from_another_host(project_site):
    site, _ = project_site
    loads = {}
    for page_path in sorted(site.rglob("*.html")):
        found = outside_loads(soup_of(page_path))
        if found:
            loads[str(page_path.relative_to(site))] = found
    for stylesheet in sorted(site.rglob("*.css")):
        found = re.findall(r"(?:@import|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", stylesheet.read_text("utf-8"))
        if found:
            loads[str(stylesheet.relative_to(site))] = found
    assert loads == {}


def test_solutions_are_not_published(project_site):
    site, _ = project_site
    assert not [path for path in site.rglob("*") if "solutions" in path.parts]
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for solution in sorted((ROOT / "exercises" / "solutions").glob("*.py")):
        assert solution.stem not in index
    assert "task_01_1" not in index


def test_notebook_pages_offer_their_notebook(project_site):
    site, _ = project_site
    for notebook in published_notebooks(ROOT):
        page = page_of(site, ROOT, notebook)
        buttons = [a for a in soup_of(page).select("a[download]") if "Download this notebook" in a.get_text()]
        assert len(buttons) == 1, notebook.name
        target = resolve(site, page, buttons[0]["href"])
        assert target.name == notebook.name
        # the same notebook; only its links to other notebooks lead to the site (tested below)
        assert len(nbformat.read(target, as_version=4).cells) == len(nbformat.read(notebook, as_version=4).cells)


def test_notebook_links_point_at_pages(project_site):
    site, _ = project_site
    for notebook in published_notebooks(ROOT):
        page = soup_of(page_of(site, ROOT, notebook))
        content = page.select_one("article")
        stray = [a["href"] for a in content.find_all("a", href=True)
                 if urlsplit(a["href"]).path.endswith(".ipynb") and not a.has_attr("download")]
        assert stray == [], notebook.name


def test_notebook_pages_share_one_stylesheet(project_site):
    site, _ = project_site
    notebooks = published_notebooks(ROOT)
    shared = set()
    for notebook in notebooks:
        page = soup_of(page_of(site, ROOT, notebook))
        sheets = [link["href"] for link in page.find_all("link", rel="stylesheet")
                  if "/notebook-" in link["href"]]
        assert len(sheets) == 1, notebook.name
        shared.add(resolve(site, page_of(site, ROOT, notebook), sheets[0]))
        assert all(style.find_parent(class_="jp-OutputArea") for style in page.select("article style")), (
            f"{notebook.name} still carries page-wide inline CSS"
        )
    assert len(shared) <= 1
    for stylesheet in shared:
        assert stylesheet.stat().st_size > 100_000  # nbconvert's JupyterLab CSS really moved there


PAGE_WEIGHT_LIMIT = 300_000
"""Bytes a notebook page may weigh before its inline images: a lesson must load on a phone."""


def test_notebook_pages_stay_light_before_their_images(project_site):
    site, _ = project_site
    for notebook in published_notebooks(ROOT):
        html_bytes = page_of(site, ROOT, notebook).read_bytes()
        images = sum(len(found) for found in re.findall(rb"data:image/[^\"')\s]+", html_bytes))
        assert len(html_bytes) - images <= PAGE_WEIGHT_LIMIT, (
            f"{notebook.name}: {len(html_bytes) - images:,} bytes before images, over {PAGE_WEIGHT_LIMIT:,}"
        )


def test_glossary_lists_every_term(project_site):
    site, _ = project_site
    page = soup_of(site / "glossary.html")
    terms = [entry.term for entry in knowledge.glossary().terms]
    assert terms
    for term in terms:
        heading = page.find(id=hooks.anchor(term))
        assert heading is not None and term in heading.get_text(), term


def test_about_lists_every_source(project_site):
    site, _ = project_site
    page = soup_of(site / "about.html")
    for source_id in knowledge.sources():
        assert page.find(id=f"source-{hooks.anchor(source_id)}") is not None, source_id


# --------------------------------------------------------------------------- a fixture project


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    site, log = build_fixture_project(project)
    return project, site, log


def test_fixture_links_between_notebooks_become_page_links(fixture_site):
    _, site, log = fixture_site
    assert "WARNING" not in log
    start = soup_of(site / "notebooks" / "00-start-here.html").select_one("article")
    hrefs = [a["href"] for a in start.select(".jp-RenderedMarkdown a[href]") if "anchor-link" not in a.get("class", [])]
    assert hrefs == ["01-what-is-mops.html#pillars", "../exercises/01-what-is-mops.html"]
    exercise = soup_of(site / "exercises" / "01-what-is-mops.html").select_one("article")
    assert "../notebooks/01-what-is-mops.html" in [a["href"] for a in exercise.find_all("a", href=True)]
    assert soup_of(site / "notebooks" / "01-what-is-mops.html").find(id="pillars") is not None


def test_fixture_pages_keep_outputs_and_move_page_css(fixture_site):
    project, site, _ = fixture_site
    start = (site / "notebooks" / "00-start-here.html").read_text(encoding="utf-8")
    assert ".dataframe td {color: red}" in start  # an output's own style stays with the output
    assert "--jp-shadow-base-lightness" not in start  # nbconvert's page CSS does not
    assert "mathjax" not in start.lower() and "cdnjs" not in start
    lesson = soup_of(site / "notebooks" / "01-what-is-mops.html")
    assert lesson.select('.jp-OutputArea-output img[src^="data:image/png"]')
    css = sorted((site / "assets" / "stylesheets").glob("notebook-*.css"))
    scripts = sorted((site / "assets" / "javascripts").glob("notebook-*.js"))
    assert len(css) == 1 and len(scripts) == 1
    assert "--jp-shadow-base-lightness" in css[0].read_text(encoding="utf-8")
    for page in ("notebooks/00-start-here.html", "notebooks/01-what-is-mops.html", "exercises/01-what-is-mops.html"):
        html = soup_of(site / page)
        assert [link["href"].rsplit("/", 1)[-1] for link in html.find_all("link", rel="stylesheet")
                if "notebook-" in link["href"]] == [css[0].name]
        assert [s["src"].rsplit("/", 1)[-1] for s in html.find_all("script", src=True)
                if "notebook-" in s["src"]] == [scripts[0].name]
        assert (site / page).stat().st_size < 100_000


def test_fixture_solutions_stay_out(fixture_site):
    _, site, _ = fixture_site
    assert not (site / "exercises" / "solutions").exists()
    assert "secret" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_fixture_lesson_pages_link_to_the_hub_the_site_names(fixture_site):
    _, site, _ = fixture_site
    buttons = [a["href"] for a in soup_of(site / "notebooks" / "01-what-is-mops.html").select("a.mopskit-hub-link")]
    assert buttons == [nbgitpuller_link(HUB, REPO, "notebooks/01-what-is-mops.ipynb", branch="learners")]


def test_without_a_hub_a_lesson_page_offers_only_the_download(project_site):
    site, _ = project_site
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["kit"]["hub"] == "", \
        "the project names a hub now"
    page = soup_of(site / "notebooks" / "04-stack-audit.html")
    assert page.select("a.mopskit-hub-link") == []
    assert page.select(".mopskit-download a")


def notebook_page(tmp_path: Path, source: str, others: tuple[str, ...] = ()) -> tuple[SimpleNamespace, Files]:
    """A notebook page as the hooks see it, with the site's other files, built in memory."""
    def file(path: str) -> File:
        return File(path, src_dir=str(tmp_path), dest_dir=str(tmp_path / "site"), use_directory_urls=False)

    page = SimpleNamespace(file=file(source), meta={})
    return page, Files([page.file, *(file(other) for other in others)])


def test_a_link_to_a_notebook_that_is_not_on_the_site_is_a_warning(tmp_path, caplog):
    """mkdocs --strict fails a build on a warning: a broken link between notebooks stops it."""
    page, files = notebook_page(tmp_path, "notebooks/00-start-here.ipynb", ("notebooks/01-what-is-mops.ipynb",))
    html = '<p>See <a href="09-nowhere.ipynb">a lesson that does not exist</a> and <a href="01-what-is-mops.ipynb#x">one</a>.</p>'
    with caplog.at_level("WARNING"):
        rewritten = hooks.on_page_content(html, page, SimpleNamespace(extra={}), files)
    assert [record.getMessage() for record in caplog.records] == [
        "mopskit: notebooks/00-start-here.ipynb links to '09-nowhere.ipynb', which is not on the site"]
    assert 'href="01-what-is-mops.ipynb#x"' in rewritten and 'href="09-nowhere.ipynb"' in rewritten


def test_a_hub_in_the_config_gives_a_notebook_page_its_link(tmp_path):
    page, files = notebook_page(tmp_path, "notebooks/04-stack-audit.ipynb")
    extra = {"kit": {"hub": HUB, "repository": REPO}}
    hooks.on_page_content("<p>x</p>", page, SimpleNamespace(extra=extra), files)
    assert page.meta["jupyterhub_link"] == nbgitpuller_link(HUB, REPO, "notebooks/04-stack-audit.ipynb",
                                                            branch="learners")
    bare, files = notebook_page(tmp_path, "notebooks/04-stack-audit.ipynb")
    hooks.on_page_content("<p>x</p>", bare, SimpleNamespace(extra={}), files)
    assert "jupyterhub_link" not in bare.meta


# --------------------------------------------------------------------------- generators, with fixtures


GLOSSARY = {
    "terms": [
        {"term": "Utilization", "definition": "Active users / seats.", "see_also": ["Licence waste"], "source": None},
        {"term": "ADKAR", "definition": "Awareness, Desire, ...", "see_also": [], "source": "prosci"},
        {"term": "Licence waste", "definition": "Unused seats *cost*.", "see_also": ["utilization"], "source": "seed"},
    ]
}
SOURCES = {
    "prosci": {"title": "The ADKAR model", "author": "Jeffrey M. Hiatt", "publisher": "Prosci", "year": 2006,
               "url": None, "language": "en", "seed": None},
    "seed": {"title": "MOps: bringing order", "author": None, "publisher": "MarTech", "year": 2021,
             "url": "https://example.org/a", "language": "ro", "seed": "004"},
}


def test_glossary_markdown_sorts_links_and_cites():
    text = hooks.glossary_markdown(Glossary.from_data(GLOSSARY), sources_from_data(SOURCES))
    headings = re.findall(r"^### (.+) \{#([a-z0-9-]+)\}$", text, re.MULTILINE)
    assert headings == [("ADKAR", "adkar"), ("Licence waste", "licence-waste"), ("Utilization", "utilization")]
    assert re.findall(r"^## (\w) ", text, re.MULTILINE) == ["A", "L", "U"]
    assert "See also: [utilization](#utilization)." in text
    assert "Source: [Prosci, 2006](about.md#source-prosci)." in text
    assert "Source: [MarTech, 2021](about.md#source-seed)." in text  # never an internal file number
    assert r"Unused seats \*cost\*." in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g["terms"][0].update(see_also=["Churn"]), "'Utilization' has see_also 'Churn', which is not a term"),
        (lambda g: g["terms"][1].update(source="nobody"), "'ADKAR' cites source 'nobody'"),
        (lambda g: g["terms"].append(dict(g["terms"][1], term="adkar")), "the term 'adkar' appears twice"),
        (lambda g: g["terms"].clear(), "'terms' is empty"),
    ],
)
def test_glossary_markdown_refuses_inconsistent_content(change, message):
    glossary = json.loads(json.dumps(GLOSSARY))
    change(glossary)
    with pytest.raises(PluginError, match=re.escape(message)):
        hooks.glossary_markdown(Glossary.from_data(glossary), sources_from_data(SOURCES))


def test_sources_markdown_puts_seeds_first_with_anchors():
    text = hooks.sources_markdown(sources_from_data(SOURCES))
    first, studies = text.index("### The articles the kit began from"), text.index("### Studies")
    assert first < text.index('id="source-seed"') < studies < text.index('id="source-prosci"')
    assert '<span id="source-seed"></span>MarTech (2021) [*MOps: bringing order*](https://example.org/a). ' \
           "In Romanian." in text
    assert "Seed" not in text and "`seed`" not in text
    assert "Jeffrey M. Hiatt (2006) *The ADKAR model*. Prosci." in text


def test_syllabus_markdown_links_available_lessons_only():
    syllabus = {
        "levels": [{"name": "Foundations", "summary": "Basics."}, {"name": "Leader", "summary": "Lead."}],
        "lessons": [
            {"id": "01", "slug": "what-is-mops", "title": "What is MOps?", "level": "Foundations", "minutes": 45,
             "prerequisites": ["00"], "status": "available", "summary": "Definitions."},
            {"id": "00", "slug": "start-here", "title": "Start here", "level": "Foundations", "minutes": 10,
             "status": "available", "summary": "The kit."},
            {"id": "06", "slug": "kpis", "title": "KPIs", "level": "Leader", "minutes": 30,
             "status": "planned", "summary": "Measures."},
            {"id": "07", "slug": "the-profession", "title": "The profession", "level": "Leader", "minutes": 40,
             "prerequisites": ["01", "06"], "status": "planned", "summary": "Careers."},
        ],
    }
    text = hooks.syllabus_markdown(Syllabus.from_data(syllabus),
                                   ["notebooks/01-what-is-mops.ipynb", "exercises/01-what-is-mops.ipynb"])
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Minutes" not in line]
    assert rows == [
        "| [00 Start here](notebooks/00-start-here.ipynb) | 10 | The kit. | – |",
        "| [01 What is MOps?](notebooks/01-what-is-mops.ipynb)<br><small>Take first: "
        "[00](notebooks/00-start-here.ipynb)</small> | 45 | Definitions. | [exercises](exercises/01-what-is-mops.ipynb) |",
        "| 06 KPIs *(planned)* | 30 | Measures. | – |",
        "| 07 The profession *(planned)*<br><small>Take first: [01](notebooks/01-what-is-mops.ipynb), "
        "06 *(planned)*</small> | 40 | Careers. | – |",
    ]
    assert "Available Foundations lessons: 55 minutes in all." in text
    assert "Available Leader lessons: 0 minutes in all." in text


def test_syllabus_markdown_refuses_a_prerequisite_that_is_no_lesson():
    syllabus = {
        "levels": [{"name": "Foundations", "summary": "Basics."}],
        "lessons": [{"id": "01", "slug": "what-is-mops", "title": "What", "level": "Foundations", "minutes": 45,
                     "prerequisites": ["42"], "status": "available", "summary": "Definitions."}],
    }
    with pytest.raises(PluginError, match="'42'"):
        hooks.syllabus_markdown(Syllabus.from_data(syllabus), [])


def test_page_assets_leave_output_styles_alone():
    html = (
        "<script>var copy = 1;</script><script src=''></script><style>.page {}</style>"
        "<script type='text/x-mathjax-config'>MathJax.Hub.Config({})</script>"
        "<script type='module'>import('https://cdnjs.cloudflare.com/ajax/libs/mermaid/x.mjs')</script>"
        "<div class='jupyter-wrapper'><div class='jp-OutputArea'><style scoped>.dataframe {}</style></div></div>"
    )
    soup = BeautifulSoup(html, "html.parser")
    assert hooks.drop_cdn_loaders(soup) == 3
    assert hooks.outside_loads(soup) == []
    css, javascript = hooks.extract_page_assets(soup)
    assert (css, javascript) == (".page {}", "var copy = 1;")
    assert str(soup) == "<div class=\"jupyter-wrapper\"><div class=\"jp-OutputArea\"><style scoped=\"\">.dataframe {}</style></div></div>"
    assert hooks.shared_asset_name("css", css).startswith("assets/stylesheets/notebook-")


def test_outside_loads_are_reported():
    soup = BeautifulSoup("<script src='https://unpkg.com/x.js'></script><style>@import url('https://f.example/a.css');</style>"
                         "<a href='https://example.org'>a link is fine</a>", "html.parser")
    assert hooks.outside_loads(soup) == ["https://unpkg.com/x.js", "https://f.example/a.css"]


def test_nav_sections_list_notebooks_with_syllabus_titles():
    nav = [{"Home": "index.md"}, {"Lessons": "notebooks/"}, {"Exercises": "exercises/"}]
    published = ["exercises/01-what-is-mops.ipynb", "notebooks/00-start-here.ipynb",
                 "notebooks/01-what-is-mops.ipynb", "notebooks/99-draft.ipynb"]
    lesson = {"level": "Foundations", "minutes": 10, "status": "available", "summary": "."}
    titles = hooks.nav_titles(Syllabus.from_data({"levels": [], "lessons": [
        {"id": "00", "slug": "start-here", "title": "Start here", **lesson},
        {"id": "01", "slug": "what-is-mops", "title": "What is MOps?", **lesson},
    ]}))
    assert hooks.expand_nav(nav, published, titles) == [
        {"Home": "index.md"},
        {"Lessons": [{"00 · Start here": "notebooks/00-start-here.ipynb"},
                     {"01 · What is MOps?": "notebooks/01-what-is-mops.ipynb"},
                     "notebooks/99-draft.ipynb"]},
        {"Exercises": [{"01 · What is MOps? (exercises)": "exercises/01-what-is-mops.ipynb"}]},
    ]
    assert hooks.expand_nav([{"Lessons": "notebooks/"}], [], titles) == []
