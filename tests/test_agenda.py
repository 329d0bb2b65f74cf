"""The facilitator agendas add up: every day fills its length, breaks come every 90 minutes at
most, each lesson gets exactly its syllabus minutes, a lesson runs across a break only at its
pause (and the agenda says why), and the three days are even. Checked on the syllabus as it is
and on one where every planned lesson has landed."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from mopskit.content import knowledge
from mopskit.content.types import LessonStatus
from mopskit.course.agenda import BREAK, FORMATS, LUNCH, SHORT_TAIL, agenda_markdown, all_agendas, build_agenda, clock

SYLLABUS = knowledge.syllabus()
EVERYTHING = replace(SYLLABUS, lessons=tuple(replace(lesson, status=LessonStatus.AVAILABLE)
                                             for lesson in SYLLABUS.lessons))
DAY_LENGTH = {"half-day": 240, "one-day": 420, "three-days": 420}


def available(syllabus):
    return list(syllabus.available)


SYLLABI = pytest.mark.parametrize("syllabus", [SYLLABUS, EVERYTHING], ids=["as-is", "all-landed"])


@SYLLABI
@pytest.mark.parametrize("key", [form.key for form in FORMATS])
def test_every_day_adds_up_with_its_breaks(syllabus, key):
    agenda = build_agenda(key, syllabus)
    assert len(agenda.days) == (3 if key == "three-days" else 1)
    for day in agenda.days:
        assert clock(day.start) == "09:00"
        assert day.minutes == day.end - day.start == DAY_LENGTH[key]
        for before, after in zip(day.blocks, day.blocks[1:]):
            assert after.start == before.end
        stretch = 0
        for block in day.blocks:
            if block.kind in ("break", "lunch"):
                assert 0 < stretch <= 90, f"{key} day {day.number}: {stretch} minutes before {clock(block.start)}"
                stretch = 0
            else:
                stretch += block.minutes
        assert 0 < stretch <= 90
        kinds = [block.kind for block in day.blocks]
        assert all(block.minutes == BREAK for block in day.blocks if block.kind == "break")
        if DAY_LENGTH[key] >= 420:
            assert kinds.count("lunch") == 1 and 45 <= LUNCH <= 60
        else:
            assert "lunch" not in kinds
        assert kinds[0] == "opening" and kinds[-1] == "closing"


@SYLLABI
@pytest.mark.parametrize("key", [form.key for form in FORMATS])
def test_each_lesson_gets_its_syllabus_minutes_and_no_crumbs(syllabus, key):
    agenda = build_agenda(key, syllabus)
    minutes = {lesson.id: lesson.minutes for lesson in syllabus.lessons}
    assert agenda.lesson_minutes() == {lesson: minutes[lesson] for lesson in agenda.lessons}
    for day in agenda.days:
        for block in day.blocks:
            if block.lesson is not None:
                assert block.minutes >= min(SHORT_TAIL, minutes[block.lesson])
    order = [lesson.id for lesson in syllabus.lessons]
    placed = [block.lesson for day in agenda.days for block in day.blocks if block.lesson]
    assert placed == sorted(placed, key=order.index), "lessons keep the syllabus order"


@SYLLABI
def test_each_format_chooses_the_lessons_that_fit(syllabus):
    ids = [lesson.id for lesson in available(syllabus)]
    half = build_agenda("half-day", syllabus)
    assert list(half.lessons) == [lesson.id for lesson in available(syllabus) if lesson.level == "Foundations"]
    day = build_agenda("one-day", syllabus)
    assert list(day.lessons) == ids[: len(day.lessons)] and len(day.lessons) >= 5
    assert list(day.lessons) + list(day.left_out) == ids
    three = build_agenda("three-days", syllabus)
    assert list(three.lessons) == ids and not three.left_out


@SYLLABI
@pytest.mark.parametrize("key", [form.key for form in FORMATS])
def test_a_lesson_runs_across_a_break_only_at_its_pause_and_the_agenda_says_why(syllabus, key):
    agenda = build_agenda(key, syllabus)
    text = agenda_markdown(syllabus)
    for day in agenda.days:
        pieces = [block for block in day.blocks if block.lesson is not None]
        for block in pieces:
            lesson = syllabus.lesson(block.lesson)
            if block.part is None:
                assert block.minutes == lesson.minutes
                continue
            assert lesson.pause is not None, f"{key}: lesson {lesson.id} is split but has no pause"
            first, second = lesson.pause.minutes, lesson.minutes - lesson.pause.minutes
            assert block.minutes == (first if block.part[0] == 1 else second)
            assert f"{lesson.id} after section {lesson.pause.after_section} ({lesson.pause.why})" in text
        # the two parts of a lesson sit on either side of exactly one break or lunch, on the same day
        for before, after in zip(pieces, pieces[1:]):
            if before.part and before.part[0] == 1:
                assert after.lesson == before.lesson and after.part == (2, 2)
                between = [block for block in day.blocks if before.end <= block.start < after.start]
                assert [block.kind for block in between if block.kind in ("break", "lunch")] != []
                assert all(block.kind != "lesson" for block in between)


def test_the_three_days_are_balanced_and_say_where_each_level_starts():
    three = build_agenda("three-days", SYLLABUS)
    minutes = [day.lesson_minutes for day in three.days]
    assert sum(minutes) == sum(lesson.minutes for lesson in SYLLABUS.available)
    assert max(minutes) - min(minutes) <= 60, minutes  # a level a day would be 110, 365 and 120
    for day in three.days:
        practice = sum(block.minutes for block in day.blocks if block.kind == "practice")
        assert practice < day.lesson_minutes, f"day {day.number}: {practice} min of practice"
    text = agenda_markdown(SYLLABUS)
    for level in SYLLABUS.levels:
        first = SYLLABUS.at_level(level.name)[0].id
        day = next(day.number for day in three.days for block in day.blocks if block.lesson == first)
        assert re.search(rf"\*\*Day {day}\*\*[^\n]*the {level.name} level starts with lesson {first}", text)


def test_a_day_that_cannot_hold_a_lesson_without_a_pause_leaves_it_out():
    """Lesson 04 without its pause fits no one-day session after lesson 03: the day stops before it."""
    no_pause = replace(SYLLABUS, lessons=tuple(replace(lesson, pause=None) for lesson in SYLLABUS.lessons))
    day = build_agenda("one-day", no_pause)
    assert all(block.part is None for block in day.days[0].blocks)
    assert day.left_out and list(day.lessons) + list(day.left_out) == [lesson.id for lesson in no_pause.available]


def test_the_capstone_is_in_three_days_once_it_lands():
    capstone = SYLLABUS.lessons[-1].id
    assert capstone in build_agenda("three-days", EVERYTHING).lessons


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="no agenda format 'week'"):
        build_agenda("week", SYLLABUS)


@SYLLABI
def test_the_markdown_shows_clock_times_and_links_only_available_lessons(syllabus):
    text = agenda_markdown(syllabus)
    assert "| 09:00–09:20 |" in text and "*Lunch*" in text and "**Day 3**" in text
    linked = set(re.findall(r"\((?:notebooks/)(\d{2})-[a-z0-9-]+\.ipynb\)", text))
    assert linked == {lesson.id for lesson in available(syllabus)}
    for agenda in all_agendas(syllabus):
        assert agenda.title in text


def test_the_markdown_links_only_published_notebooks():
    first = available(SYLLABUS)[0]
    path = f"notebooks/{first.filename}"
    text = agenda_markdown(SYLLABUS, [path])
    assert re.findall(r"\]\((notebooks/[^)]+)\)", text) == [path] * len(all_agendas(SYLLABUS))
