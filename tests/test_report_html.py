"""The HTML report: escaped, self-contained, and organised for a reader who decides."""

from __future__ import annotations

import base64
import re
import xml.dom.minidom
from dataclasses import replace
from html.parser import HTMLParser


import pytest

from mopskit.report import html as html_report
from mopskit.stack.model import AuditSummary


class _Collector(HTMLParser):
    """Tags, attributes and the text of each table row, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[tuple[str, str]] = []  # (class, text) of each <tr>
        self._row: list[str] | None = None
        self._row_class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self._row, self._row_class = [], dict(attrs).get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append((self._row_class, " ".join("".join(self._row).split())))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._row is not None:
            self._row.append(data + " ")


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


@pytest.fixture
def render(sample_result):
    def render(result=None, **options) -> str:  # type: ignore[no-untyped-def]
        return html_report.render(result or sample_result(), **options).decode("utf-8")
    return render


def test_hostile_strings_come_out_as_text_not_markup(render, hostile_result, hostile_tool, hostile_vendor) -> None:
    page = render(hostile_result(), show_users=True)
    assert "<script" not in page
    assert hostile_tool not in page and hostile_vendor not in page
    assert '"onerror=' not in page and "<img src=x" not in page and "<i>x</i>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    tags = parse(page).tags
    assert all(tag != "script" for tag, _attributes in tags)
    assert not any(name.startswith("on") for _tag, attributes in tags for name in attributes)
    assert [tag for tag, _attributes in tags if tag == "img"] == ["img"] * 3  # the charts only


def test_the_page_needs_nothing_from_outside(render) -> None:
    page = render()
    tags = parse(page).tags
    for tag, attributes in tags:
        for name in ("src", "href", "srcset", "action"):
            value = attributes.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
    assert tag_names(tags) >= {"style"} and "link" not in tag_names(tags)
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"https?://", page)


def tag_names(tags: list[tuple[str, dict[str, str | None]]]) -> set[str]:
    return {tag for tag, _attributes in tags}


def test_charts_are_well_formed_svg_and_identical_between_runs(render) -> None:
    page = render()
    uris = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(uris) == 3
    for uri in uris:
        svg = base64.b64decode(uri).decode("utf-8")
        xml.dom.minidom.parseString(svg)  # raises on a broken document
        assert "<script" not in svg
    assert render() == page


def test_summary_band_shows_cost_waste_tools_and_active_users(render) -> None:
    page = render()
    band = page[page.index('class="band"'):page.index('class="actions"')]
    text = " ".join(re.sub(r"<[^>]+>", " ", band).split())
    assert "Annual cost EUR 42,000 4 tools" in text
    assert "Wasted on unused seats EUR 23,400 56% of spend" in text
    assert "Seats 43" in text
    assert "Active users 11 in the last 60 days" in text
    assert "Decisions due 1 notice deadlines within 90 days" in text


def test_tools_table_shows_badges_and_reasons(render) -> None:
    page = render()
    section = page[page.index("<h2>Tools</h2>"):page.index("<h2>Renewals</h2>")]
    rows = dict((text.split()[0], (css, text)) for css, text in parse(section).rows if text)
    assert "consolidate" in rows["Mailer"][1]
    assert "overlaps with Sendly in Email marketing" in rows["Mailer"][1]
    assert "no data" in rows["Planner"][1]  # unknown usage is said, not shown as 0
    assert "n/a (no active user)" in rows["Old"][1]
    badges = re.findall(r'<span class="badge" style="background: (#[0-9a-f]{6})">(\w+)</span>', section)
    assert ("#c0392b", "retire") in badges and ("#1e8449", "retain") in badges


def test_renewals_are_ordered_by_notice_deadline_and_the_next_90_days_stand_out(render) -> None:
    page = render()
    section = page[page.index("<h2>Renewals</h2>"):page.index("<h2>Overlaps</h2>")]
    rows = [(css, text) for css, text in parse(section).rows if css]
    assert [text.split()[0] for _css, text in rows] == ["Old", "Mailer", "Planner", "Sendly"]
    assert [css for css, _text in rows] == ["passed", "due", "later", "later"]
    assert "passed 30 days ago" in rows[0][1] and "in 31 days" in rows[1][1]


def test_overlaps_and_unmatched_apps_are_listed(render) -> None:
    page = render()
    assert "Mailer, Sendly" in page
    assert "possible shadow IT" in page
    unmatched = page[page.index("Unmatched apps"):]
    assert re.search(r"<td>Free Survey Tool</td><td class=\"num\">4</td><td class=\"num\">37</td>", unmatched)


def test_empty_sections_and_missing_usage_are_worded(render, sample_result) -> None:
    summary = AuditSummary(tools=4, annual_cost=42000.0, wasted_annual_cost=None, seats=43, active_users=None)
    result = replace(sample_result(), summary=summary, overlaps=(), unmatched_apps=())
    page = render(result, show_users=True)
    assert "No category is served by more than one tool." in page
    assert "Every app in the sign-in logs is in the inventory." in page
    band = " ".join(re.sub(r"<[^>]+>", " ", page[page.index('class="band"'):page.index('class="actions"')]).split())
    assert "Wasted on unused seats no data" in band and "Active users no data" in band
