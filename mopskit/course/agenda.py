"""Workshop agendas computed from the syllabus: half a day, one day or three days.

A facilitator's day has a fixed shape: working sessions of at most 90 minutes, a 15-minute
break between them and, in a full day, an hour for lunch. The lessons go into that shape
in syllabus order with their syllabus minutes. A lesson stays whole within a session; only a
lesson with a ``pause`` in the syllabus (a natural stop after one of its sections) may run
across a break, and the agenda then says where it stops and why. Minutes a session has left
after its lessons are practice on the exercises (or questions, if only a few); what is left
after the lessons is practice on the exercises and on the learners' own data. Only
``available`` lessons are placed, so the agendas grow as lessons land.

* **Half a day** (09:00-13:00): the Foundations lessons.
* **One day** (09:00-16:00): the lessons, in order, as long as they fit.
* **Three days**: every lesson including the capstone, in syllabus order, cut into three
  days whose lesson minutes are as even as the sessions allow; the agenda says on which day
  each level starts (a level per day cannot be even: Foundations is 110 minutes, Practitioner 365).

The shapes are the kit's rule of thumb, not a law: shift the breaks to the room's rhythm.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mopskit.content.types import LessonPause, Level, Syllabus, SyllabusLesson
from mopskit.wording import join_words

Kind = Literal["lesson", "break", "lunch", "opening", "closing", "catch-up", "practice"]

BREAK = 15
LUNCH = 60
DAY_START = 9 * 60
SHORT_TAIL = 15
"""No lesson part is shorter than this: a session with fewer minutes left ends with questions."""

HALF_DAY = (90, 75, 45)
"""Working sessions of a half day, a 15-minute break between each: 240 minutes, 09:00-13:00.
The first is the longest: it holds the welcome and the first lessons."""
FULL_DAY = (90, 90, "lunch", 90, 60)
"""Working sessions of a full day, lunch after the second, breaks between the rest: 420 minutes."""

OPENING_FIRST = ("Welcome, set-up check and the pre-workshop self-assessment", 20)
OPENING_NEXT = ("Recap of the day before and questions", 10)
CLOSING_LAST = ("Debrief and the post-workshop self-assessment", 20)
CLOSING_NEXT = ("Wrap-up: what stuck, what is still open", 10)
PRACTICE = "Practice: exercises, catch-up, and a template on your own data"
CATCH_UP = "Questions and catch-up"


@dataclass(frozen=True)
class Block:
    """One slot of a day: when it starts (minutes after midnight), how long, and what."""

    start: int
    minutes: int
    kind: Kind
    title: str
    lesson: str | None = None
    part: tuple[int, int] | None = None  # (1, 2): the first of two parts of a lesson
    pause: LessonPause | None = None  # where a lesson in parts stops, and why

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def label(self) -> str:
        if self.part is None or self.pause is None:
            return self.title
        sections = (f"sections 1–{self.pause.after_section}" if self.part[0] == 1
                    else f"from section {self.pause.after_section + 1}")
        return f"{self.title} (part {self.part[0]} of {self.part[1]}: {sections})"


@dataclass(frozen=True)
class Day:
    number: int
    blocks: tuple[Block, ...]

    @property
    def lesson_minutes(self) -> int:
        return sum(block.minutes for block in self.blocks if block.kind == "lesson")

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end

    @property
    def minutes(self) -> int:
        return sum(block.minutes for block in self.blocks)


@dataclass(frozen=True)
class Agenda:
    """A workshop format filled with lessons: its days and the lessons it covers."""

    key: str
    title: str
    days: tuple[Day, ...]
    lessons: tuple[str, ...]
    left_out: tuple[str, ...]

    def lesson_minutes(self) -> dict[str, int]:
        """Minutes per lesson, adding up its parts."""
        totals: dict[str, int] = {}
        for day in self.days:
            for block in day.blocks:
                if block.lesson is not None:
                    totals[block.lesson] = totals.get(block.lesson, 0) + block.minutes
        return totals


@dataclass(frozen=True)
class _Format:
    key: str
    title: str
    days: int
    shape: tuple[int | str, ...]
    levels: tuple[Level, ...] | None  # only these levels; None: every level


FORMATS = (
    _Format("half-day", "Half a day", 1, HALF_DAY, (Level.FOUNDATIONS,)),
    _Format("one-day", "One day", 1, FULL_DAY, None),
    _Format("three-days", "Three days", 3, FULL_DAY, None),
)


def clock(minutes: int) -> str:
    """'09:45' for 585 minutes after midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _sessions(shape: Sequence[int | str]) -> list[int]:
    return [part for part in shape if isinstance(part, int)]


def _room(shape: Sequence[int | str], first: bool, last: bool) -> list[int]:
    """Minutes each session of a day has for lessons, after the opening and the closing."""
    room = _sessions(shape)
    room[0] -= (OPENING_FIRST if first else OPENING_NEXT)[1]
    room[-1] -= (CLOSING_LAST if last else CLOSING_NEXT)[1]
    return room


Piece = tuple[int, SyllabusLesson, int]
"""A lesson's minutes in one session: (minutes, lesson, part) with part 0 for a whole lesson."""


def _pack(lessons: Sequence[SyllabusLesson], room: Sequence[int]) -> list[list[Piece]] | None:
    """The lessons in order in sessions of ``room`` minutes: whole, or split at their pause with
    the second part opening the next session; the packing with the fewest splits, None if none fits."""

    @functools.cache
    def best(index: int, session: int, used: int) -> tuple[int, tuple[tuple[int, Piece], ...]] | None:
        if index == len(lessons):
            return 0, ()
        if session >= len(room):
            return None
        lesson = lessons[index]
        options: list[tuple[int, tuple[tuple[int, Piece], ...]]] = []
        if used + lesson.minutes <= room[session]:
            rest = best(index + 1, session, used + lesson.minutes)
            if rest is not None:
                options.append((rest[0], ((session, (lesson.minutes, lesson, 0)), *rest[1])))
        pause = lesson.pause
        if (pause is not None and used + pause.minutes <= room[session] and session + 1 < len(room)
                and lesson.minutes - pause.minutes <= room[session + 1]):
            rest = best(index + 1, session + 1, lesson.minutes - pause.minutes)
            if rest is not None:
                options.append((rest[0] + 1, ((session, (pause.minutes, lesson, 1)),
                                              (session + 1, (lesson.minutes - pause.minutes, lesson, 2)), *rest[1])))
        if used:
            rest = best(index, session + 1, 0)
            if rest is not None:
                options.append(rest)
        return min(options, key=lambda option: option[0]) if options else None

    found = best(0, 0, 0)
    if found is None:
        return None
    sessions: list[list[Piece]] = [[] for _ in room]
    for session, piece in found[1]:
        sessions[session].append(piece)
    return sessions


def _lay_out_day(number: int, shape: Sequence[int | str], lessons: Sequence[SyllabusLesson],
                 first: bool, last: bool) -> Day:
    """One day of ``shape`` holding ``lessons`` in order, split only at their pauses."""
    sessions = _sessions(shape)
    opening = OPENING_FIRST if first else OPENING_NEXT
    closing = CLOSING_LAST if last else CLOSING_NEXT
    room = _room(shape, first, last)
    packed = _pack(lessons, room)
    if packed is None:
        raise ValueError(f"lessons {join_words([lesson.id for lesson in lessons])} do not fit day {number}")
    # What each session holds, before the clock is put on it: (minutes, kind, title, lesson, part).
    contents: list[list[tuple[int, Kind, str, str | None, int]]] = [[] for _ in sessions]
    contents[0].append((opening[1], "opening", opening[0], None, 0))
    for position, pieces in enumerate(packed):
        for minutes, lesson, part in pieces:
            contents[position].append((minutes, "lesson", f"Lesson {lesson.id} · {lesson.title}", lesson.id, part))
        free = room[position] - sum(piece[0] for piece in pieces)
        if free >= SHORT_TAIL or (free and not pieces):
            contents[position].append((free, "practice", PRACTICE, None, 0))
        elif free:
            contents[position].append((free, "catch-up", CATCH_UP, None, 0))
    contents[-1].append((closing[1], "closing", closing[0], None, 0))

    pauses = {lesson.id: lesson.pause for lesson in lessons}
    blocks: list[Block] = []
    now = DAY_START
    session_index = 0
    for position, slot in enumerate(shape):
        if slot == "lunch":
            blocks.append(Block(now, LUNCH, "lunch", "Lunch"))
            now += LUNCH
            continue
        if position and shape[position - 1] != "lunch":
            blocks.append(Block(now, BREAK, "break", "Break"))
            now += BREAK
        for minutes, kind, title, lesson_id, piece in contents[session_index]:
            blocks.append(Block(now, minutes, kind, title, lesson_id, (piece, 2) if piece else None,
                                pauses.get(lesson_id or "") if piece else None))
            now += minutes
        session_index += 1
    return Day(number, tuple(_merge(blocks)))


def _merge(blocks: Sequence[Block]) -> list[Block]:
    """Two practice blocks in a row become one."""
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].kind == block.kind == "practice":
            last = merged.pop()
            block = Block(last.start, last.minutes + block.minutes, "practice", PRACTICE)
        merged.append(block)
    return merged


def _fits(chosen: _Format, lessons: Sequence[SyllabusLesson], day: int) -> bool:
    return _pack(lessons, _room(chosen.shape, day == 0, day == chosen.days - 1)) is not None


def _splits(chosen: _Format, lessons: Sequence[SyllabusLesson], day: int) -> int:
    """How many lessons a day's packing runs across a break."""
    packed = _pack(lessons, _room(chosen.shape, day == 0, day == chosen.days - 1)) or []
    return sum(piece[2] == 1 for session in packed for piece in session)


def _split_days(chosen: _Format, lessons: Sequence[SyllabusLesson]) -> list[list[SyllabusLesson]] | None:
    """``lessons`` in order cut into the format's days, each day fitting its sessions: the cut
    whose days' lesson minutes are most even (then with the fewest lessons in parts); None if none fits."""
    days = chosen.days
    best: tuple[tuple[int, int, int], list[list[SyllabusLesson]]] | None = None
    if len(lessons) < days:
        return None
    for cuts in itertools.combinations(range(1, len(lessons)), days - 1):
        bounds = (0, *cuts, len(lessons))
        groups = [list(lessons[start:stop]) for start, stop in itertools.pairwise(bounds)]
        if not all(_fits(chosen, group, day) for day, group in enumerate(groups)):
            continue
        minutes = [sum(lesson.minutes for lesson in group) for group in groups]
        splits = sum(_splits(chosen, group, day) for day, group in enumerate(groups))
        score = (max(minutes) - min(minutes), splits, max(minutes))
        if best is None or score < best[0]:
            best = (score, groups)
    return None if best is None else best[1]


def build_agenda(key: str, syllabus: Syllabus) -> Agenda:
    """The agenda of one format (``half-day``, ``one-day``, ``three-days``) for the available lessons."""
    chosen = next((form for form in FORMATS if form.key == key), None)
    if chosen is None:
        raise ValueError(f"no agenda format '{key}'; the formats are {join_words([f.key for f in FORMATS], 'or')}")
    candidates = [lesson for lesson in syllabus.available
                  if chosen.levels is None or lesson.level in chosen.levels]
    # Lessons build on each other: the agenda takes the longest run from the first lesson that
    # fits its days, and leaves the rest for another session.
    per_day: list[list[SyllabusLesson]] = [[] for _ in range(chosen.days)]
    for count in range(len(candidates), 0, -1):
        if chosen.days == 1:
            split = [candidates[:count]] if _fits(chosen, candidates[:count], 0) else None
        else:
            split = _split_days(chosen, candidates[:count])
        if split is not None:
            per_day = split
            break
    placed = tuple(lesson.id for lessons in per_day for lesson in lessons)
    left_out = tuple(lesson.id for lesson in candidates if lesson.id not in placed)
    days = tuple(_lay_out_day(number + 1, chosen.shape, per_day[number], number == 0, number == chosen.days - 1)
                 for number in range(chosen.days))
    return Agenda(chosen.key, chosen.title, days, placed, left_out)


def level_starts(agenda: Agenda, syllabus: Syllabus) -> dict[int, list[tuple[Level, str]]]:
    """Per day number, the levels whose first lesson that day teaches, with the lesson's id."""
    starts: dict[int, list[tuple[Level, str]]] = {}
    seen: set[Level] = set()
    for day in agenda.days:
        for block in day.blocks:
            if block.lesson is None:
                continue
            level = syllabus.lesson(block.lesson).level
            if level not in seen:
                seen.add(level)
                starts.setdefault(day.number, []).append((level, block.lesson))
    return starts


def all_agendas(syllabus: Syllabus) -> tuple[Agenda, ...]:
    return tuple(build_agenda(form.key, syllabus) for form in FORMATS)


def agenda_markdown(syllabus: Syllabus, published: Iterable[str] | None = None) -> str:
    """Every agenda as Markdown: a heading, one line of what it covers, a table per day.

    Lessons link to ``notebooks/NN-slug.ipynb``; given ``published`` (the notebook paths a
    site has), only to those, so a site without a lesson's notebook has no broken link."""
    lessons = {lesson.id: lesson for lesson in syllabus.lessons}
    shown = None if published is None else set(published)

    def reference(lesson: str) -> str:
        path = f"notebooks/{lessons[lesson].filename}"
        return f"[{lesson}]({path})" if shown is None or path in shown else lesson

    lines: list[str] = []
    for agenda in all_agendas(syllabus):
        first = agenda.days[0]
        span = (f"{clock(first.start)}–{clock(first.end)}" if len(agenda.days) == 1
                else f"{clock(first.start)}–{clock(first.end)} each day")
        lines += [f"### {agenda.title} ({span})", ""]
        covered = join_words([reference(lesson) for lesson in agenda.lessons]) or "no lesson yet"
        minutes = sum(lessons[lesson].minutes for lesson in agenda.lessons)
        lines.append(f"Lessons {covered}: {minutes} minutes of lessons in {sum(d.minutes for d in agenda.days)}"
                     f" minutes of workshop.")
        if agenda.left_out:
            lines[-1] += f" Left for another session: {join_words(list(agenda.left_out))}."
        paused = {block.lesson: block.pause for day in agenda.days for block in day.blocks
                  if block.pause is not None and block.lesson is not None}
        if paused:
            stops = [f"{lesson} after section {pause.after_section} ({pause.why})" for lesson, pause in paused.items()]
            lines[-1] += (" A lesson runs across a break only where it has a natural stop: "
                          f"{join_words(stops)}.")
        lines.append("")
        starts = level_starts(agenda, syllabus)
        for day in agenda.days:
            if len(agenda.days) > 1:
                heading = f"**Day {day.number}** · {day.lesson_minutes} minutes of lessons"
                begun = [f"the {level} level starts with lesson {lesson}" for level, lesson in starts.get(day.number, [])]
                if begun:
                    heading += f"; {join_words(begun)}"
                lines += [heading, ""]
            lines += ["| Time | Block | Minutes |", "|---|---|---:|"]
            for block in day.blocks:
                label = block.label
                if block.kind in ("break", "lunch"):
                    label = f"*{label}*"
                lines.append(f"| {clock(block.start)}–{clock(block.end)} | {label} | {block.minutes} |")
            lines.append("")
    return "\n".join(lines)
