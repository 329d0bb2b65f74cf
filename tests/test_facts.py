"""Helpers over content and the lesson 01 charts: right numbers, clear errors, sources shown."""

from __future__ import annotations

from dataclasses import replace

import pytest
from matplotlib.figure import Figure as MatplotlibFigure

from mopskit import InputError
from mopskit.course import facts
from mopskit.content import knowledge
from mopskit.content.types import LessonStatus
from mopskit.viz import facts as charts


def test_figure_reads_the_range_from_content():
    share = facts.figure("coordination-time-share")
    assert (share.low, share.high, share.unit) == (0.80, 0.90, "share")
    assert share.source == "seed-000"  # the blog post that gives the estimate


def test_unknown_figure_names_the_known_ones():
    with pytest.raises(InputError) as caught:
        facts.figure("time-on-coffee")
    assert "time-on-coffee" in str(caught.value)
    assert "coordination-time-share" in str(caught.value)


def test_figures_are_frozen():
    with pytest.raises(AttributeError):
        facts.figure("no-formal-content-strategy").low = 0.5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("figure_id", "label"),
    [
        ("coordination-time-share", "80–90%"),
        ("mops-effectiveness-uplift", "15–25%"),
        ("no-formal-content-strategy", "84%"),
        ("cost-increase-without-framework", "up to 25%"),
        ("martech-weakness-blamed-on-resources", "more than 25%"),
        ("budget-share-on-mops", "12.6%"),
        ("martech-landscape-size", "about 8,000 tools"),
        ("martech-landscape-2022", "9,932 tools"),
        ("martech-landscape-2023", "11,038 tools"),
        ("martech-landscape-2024", "14,106 tools"),
        ("renewal-preparation-days", "60–120 days"),
    ],
)
def test_labels_read_as_the_source_states_them(figure_id, label):
    assert facts.figure(figure_id).label == label


def test_every_figure_in_content_builds_and_has_a_label():
    for entry in knowledge.figures():
        assert facts.figure(entry.id).label


def test_coordination_hours_for_a_40_hour_week():
    assert facts.coordination_hours(40) == pytest.approx((32.0, 36.0))
    assert facts.coordination_hours(0) == (0.0, 0.0)


@pytest.mark.parametrize(("hours", "share"), [(-1, 0.5), (40, 1.5), (40, -0.1)])
def test_share_of_hours_refuses_impossible_values(hours, share):
    with pytest.raises(InputError):
        facts.share_of_hours(hours, share)


def test_citation_names_author_title_publisher_and_year():
    text = facts.citation("seed-001")
    for part in ("Emanuele Villa", "Come creare una MOps strategy", "2023"):
        assert part in text
    assert "None" not in facts.citation("seed-000")


def test_unknown_source_is_a_clear_error():
    with pytest.raises(InputError, match="no-such-source"):
        facts.citation("no-such-source")


def test_second_hand_figures_credit_the_original_and_who_reported_it():
    credit = facts.figure_credit(facts.figure("mops-effectiveness-uplift"))
    assert credit.startswith("David Edelman and Jason Heller (McKinsey & Company, 2014)")
    assert "as reported by Emanuele Villa" in credit and "24 March 2023" in credit
    assert "seed" not in credit.casefold()


@pytest.mark.parametrize("source_id", list(knowledge.sources()))
def test_short_citations_name_people_and_dates_never_internal_numbers(source_id):
    text = facts.short_citation(source_id)
    assert "seed" not in text.casefold() and "None" not in text
    entry = knowledge.source(source_id)
    assert (entry.author or entry.publisher or "") in text
    if entry.year:
        assert str(entry.year) in text


def test_publication_date_reads_as_a_date():
    assert facts.publication_date("seed-001") == "24 March 2023"
    assert facts.publication_date("seed-002") == "January 2020"
    assert facts.publication_date("gartner-cmo-spend-2019") == "2019"
    assert facts.publication_date("seed-000") is None


def test_the_landscape_counts_by_year_match_the_chiefmartec_editions():
    by_year = {}
    for entry in knowledge.figures():
        if entry.id.startswith("martech-landscape"):
            by_year[entry.year] = (entry.low, knowledge.source(entry.source).year)
    assert by_year == {2020: (8000, 2020), 2022: (9932, 2022), 2023: (11038, 2023), 2024: (14106, 2024)}


def test_the_gartner_utilization_figures_are_about_capabilities_not_seats():
    for figure_id in ("martech-utilization-2020", "martech-utilization-2022", "martech-utilization-2023"):
        claim = facts.figure(figure_id).claim
        assert "capabilities" in claim and "not seat utilization" in claim


def test_zylo_prepares_renewals_from_the_renewal_date_not_the_notice_deadline():
    prep = facts.figure("renewal-preparation-days")
    assert (prep.low, prep.high) == (60, 120)
    assert "renewal date" in prep.claim and "notice" not in prep.claim


def test_the_coordination_estimate_is_about_coordinating_not_creating():
    share = facts.figure("coordination-time-share")
    assert "creat" not in share.claim and "estimate" in share.claim
    assert "estimate" in share.note


def test_lesson_sources_come_from_the_syllabus():
    assert "gartner-martech-utilization" in facts.lesson_sources("04")
    assert "seed-001" in facts.lesson_sources("01")
    with pytest.raises(InputError, match="99"):
        facts.lesson_sources("99")


def test_definitions_frame_compares_the_four_definitions():
    frame = facts.definitions_frame()
    assert list(frame["Organisation"]) == ["Gartner", "Forrester / SiriusDecisions", "G2", "HubSpot"]
    assert frame.loc[2, "Definition"].endswith("behind the scenes of a marketing team.")
    assert set(frame["Wording"]) == {"verbatim", "translated"}


def test_pillars_frame_lists_people_process_technology():
    frame = facts.pillars_frame()
    assert list(frame["Pillar"]) == ["People", "Process", "Technology"]
    assert frame["What it covers"].str.len().min() > 20


def test_duties_frame_groups_duties_by_pillar_in_pillar_order():
    frame = facts.duties_frame()
    assert len(frame) == 8
    assert list(dict.fromkeys(frame["Pillar"])) == ["People", "Process", "Technology"]
    technology = frame.loc[frame["Pillar"] == "Technology", "Duty"].tolist()
    assert "Design the integrations between the tools in the martech stack" in technology


def test_figures_frame_keeps_the_order_given_and_credits_each_source():
    frame = facts.figures_frame(["martech-utilization-2023", "inactive-after-days"])
    assert list(frame.columns) == ["Figure", "What it measures", "Source"]
    assert list(frame["Figure"]) == [facts.figure("martech-utilization-2023").label,
                                     facts.figure("inactive-after-days").label]
    assert "Gartner" in frame.loc[0, "Source"] and "Productiv" in frame.loc[1, "Source"]


def test_glossary_frame_in_the_order_asked_and_unknown_terms_named():
    frame = facts.glossary_frame(["Shadow IT", "Utilization"])
    assert list(frame["Term"]) == ["Shadow IT", "Utilization"]
    assert frame["Definition"].str.len().min() > 20
    with pytest.raises(InputError, match="Synergy, Vibes") as caught:
        facts.glossary_frame(["Utilization", "Synergy", "Vibes"])
    assert caught.value.file == "mopskit/content/glossary.yaml"
    assert str(caught.value) == "mopskit/content/glossary.yaml: not in the glossary: Synergy, Vibes"


def test_taxonomy_frame_counts_6_categories_and_49_subcategories():
    frame = facts.taxonomy_frame()
    assert len(frame) == 6
    assert frame["Subcategories"].sum() == 49
    assert frame["What it covers"].str.count("; ").add(1).tolist() == frame["Subcategories"].tolist()


def test_modernization_frame_pairs_each_tactic_with_its_modern_form():
    frame = facts.modernization_frame()
    direct_mail = frame.set_index("Established tactic").loc["Direct mail"]
    assert direct_mail["How MOps teams modernise it"] == "QR codes"
    assert frame.notna().all().all()


def test_syllabus_links_only_available_lessons(monkeypatch):
    real = knowledge.syllabus()
    # A course always has a lesson in the making at some point.
    with_05_planned = replace(real, lessons=tuple(
        replace(lesson, status=LessonStatus.PLANNED) if lesson.id == "05" else lesson for lesson in real.lessons))
    monkeypatch.setattr(knowledge, "syllabus", lambda: with_05_planned)
    table = facts.syllabus()
    links = {row.id: row.link for row in table.rows}
    assert links["01"] == "01-what-is-mops.ipynb" and links["05"] is None
    planned = [row for row in table.rows if row.status == "planned"]
    assert [row.id for row in planned] == ["05"]
    assert facts.syllabus(link_prefix="../notebooks/").rows[1].link == "../notebooks/01-what-is-mops.ipynb"


def test_syllabus_links_available_lessons_only():
    rows = {row.id: row for row in facts.syllabus().rows}
    assert rows["01"].link == "01-what-is-mops.ipynb"
    assert all(row.link is None for row in rows.values() if row.status != "available")


def test_syllabus_frame_and_text_summary():
    frame = facts.syllabus().to_frame()
    assert list(frame.columns) == ["Lesson", "Title", "Level", "Minutes", "Status", "Notebook"]
    available = int((frame["Status"] == "available").sum())
    assert repr(facts.syllabus()) == f"Syllabus: {len(frame)} lessons, {available} available"


def test_minutes_by_level_adds_up_to_the_syllabus():
    by_level = facts.minutes_by_level()
    assert list(by_level.index) == ["Foundations", "Practitioner", "Leader"]
    assert by_level["Minutes"].sum() == facts.syllabus().to_frame()["Minutes"].sum()
    assert by_level["Lessons"].sum() == len(facts.syllabus().rows)


def _texts(figure: MatplotlibFigure) -> str:
    return "\n".join(text.get_text() for text in figure.findobj(match=lambda artist: hasattr(artist, "get_text")))


def test_coordination_chart_shows_hours_from_the_figure_and_its_source():
    chart = charts.coordination_time_chart(40)
    assert isinstance(chart, MatplotlibFigure)
    texts = _texts(chart)
    for label in ("32 h", "8 h", "36 h", "4 h", "Source: Italian marketing blog", "estimate", "Everything else"):
        assert label in texts
    bars = chart.axes[0].patches
    assert sorted(round(bar.get_width(), 6) for bar in bars) == [4, 8, 32, 36]


def test_coordination_chart_scales_with_the_week():
    texts = _texts(charts.coordination_time_chart(50))
    assert "40 h" in texts and "45 h" in texts and "50-hour" in texts


def test_mckinsey_chart_labels_the_three_figures_and_credits_the_reporter():
    chart = charts.mckinsey_chart()
    texts = _texts(chart)
    for label in ("15–25%", "84%", "up to 25%", "McKinsey", "Emanuele Villa"):
        assert label in texts
    widths = sorted(round(bar.get_width(), 6) for bar in chart.axes[0].patches)
    assert 84 in widths and 25 in widths


def test_coordination_chart_refuses_a_negative_week():
    with pytest.raises(InputError):
        charts.coordination_time_chart(-5)


def test_levels_with_lessons_follow_the_syllabus():
    from mopskit.course.facts import levels_with_lessons

    frame = levels_with_lessons()
    assert list(frame["Level"]) == ["Foundations", "Practitioner", "Leader"]
    lessons = frame.set_index("Level")["Lessons"]
    assert "07 The MOps profession" in lessons["Practitioner"] and "01 " not in lessons["Practitioner"]
    assert "08 Capstone" in lessons["Leader"] and "07 " not in lessons["Leader"]


def test_levels_frame_names_each_level_and_what_it_covers():
    frame = facts.levels_frame()
    assert list(frame.columns) == ["Name", "Summary"]
    assert list(frame["Name"]) == ["Foundations", "Practitioner", "Leader"]
    assert all(type(name) is str for name in frame["Name"]), "plain text in a table, not the enum"
    assert frame["Summary"].str.len().min() > 20
