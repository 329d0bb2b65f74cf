"""Workshop agendas computed from the syllabus: half a day, one day or three days.

A facilitator's day has a fixed shape: working sessions of at most 90 minutes, a 15-minute
break between them and, in a full day, an hour for lunch. The lessons go into that shape
in syllabus order with their syllabus minutes; a lesson may run across a break (its parts
add up to its minutes); a session's last few minutes are questions and catch-up rather
than the start of a lesson; what is left after the lessons is practice on the exercises
and on the learners' own data. Only ``available`` lessons are placed, so the agendas grow
as lessons land.

* **Half a day** (09:00-13:00): the Foundations lessons.
* **One day** (09:00-16:00): the lessons, in order, as long as they fit.
* **Three days**: one level a day (Foundations, Practitioner, Leader), everything
  including the capstone; a level that does not fit its day runs on into the next.

The shapes are the kit's rule of thumb, not a law: shift the breaks to the room's rhythm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mopskit.content.types import Level, Syllabus, SyllabusLesson
from mopskit.wording import join_words

Kind = Literal["lesson", "break", "lunch", "opening", "closing", "catch-up", "practice"]

BREAK = 15
LUNCH = 60
DAY_START = 9 * 60
SHORT_TAIL = 15
"""No lesson part is shorter than this: a session with fewer minutes left ends with questions."""

HALF_DAY = (75, 75, 60)
"""Working sessions of a half day, a 15-minute break between each: 240 minutes, 09:00-13:00."""
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

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def label(self) -> str:
        if self.part is None:
            return self.title
        return f"{self.title} (part {self.part[0]} of {self.part[1]})"


@dataclass(frozen=True)
class Day:
    number: int
    blocks: tuple[Block, ...]

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
    level_per_day: bool


FORMATS = (
    _Format("half-day", "Half a day", 1, HALF_DAY, (Level.FOUNDATIONS,), False),
    _Format("one-day", "One day", 1, FULL_DAY, None, False),
    _Format("three-days", "Three days", 3, FULL_DAY, None, True),
)


def clock(minutes: int) -> str:
    """'09:45' for 585 minutes after midnight."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _sessions(shape: Sequence[int | str]) -> list[int]:
    return [part for part in shape if isinstance(part, int)]


def _capacity(shape: Sequence[int | str], first: bool, last: bool) -> int:
    opening = OPENING_FIRST if first else OPENING_NEXT
    closing = CLOSING_LAST if last else CLOSING_NEXT
    return sum(_sessions(shape)) - opening[1] - closing[1]


def _lay_out_day(number: int, shape: Sequence[int | str], lessons: Sequence[SyllabusLesson],
                 first: bool, last: bool) -> Day:
    """One day of ``shape`` holding ``lessons`` in order, their parts split at breaks."""
    sessions = _sessions(shape)
    opening = OPENING_FIRST if first else OPENING_NEXT
    closing = CLOSING_LAST if last else CLOSING_NEXT
    # What each session holds, before the clock is put on it: (minutes, kind, title, lesson).
    contents: list[list[tuple[int, Kind, str, str | None]]] = [[] for _ in sessions]
    room = list(sessions)
    room[-1] -= closing[1]
    contents[0].append((opening[1], "opening", opening[0], None))
    room[0] -= opening[1]
    index = 0
    for lesson in lessons:
        left = lesson.minutes
        title = f"Lesson {lesson.id} · {lesson.title}"
        while left:
            while room[index] == 0:
                index += 1
            if room[index] < SHORT_TAIL and room[index] < left and index + 1 < len(room):
                contents[index].append((room[index], "catch-up", CATCH_UP, None))
                room[index] = 0
                continue
            taken = min(left, room[index])
            if 0 < left - taken < SHORT_TAIL and index + 1 < len(room):
                # A few minutes of a lesson after a break help nobody: leave a real part for after
                # it, and the minutes this frees before the break for questions.
                taken = left - SHORT_TAIL
                if taken < SHORT_TAIL:
                    contents[index].append((room[index], "catch-up", CATCH_UP, None))
                    room[index] = 0
                    continue
                contents[index].append((taken, "lesson", title, lesson.id))
                contents[index].append((room[index] - taken, "catch-up", CATCH_UP, None))
                room[index] = 0
                left -= taken
                continue
            contents[index].append((taken, "lesson", title, lesson.id))
            room[index] -= taken
            left -= taken
    for position, free in enumerate(room):
        if free:
            contents[position].append((free, "practice", PRACTICE, None))
    contents[-1].append((closing[1], "closing", closing[0], None))

    parts: dict[str, int] = {}
    for session in contents:
        for _minutes, _kind, _title, lesson_id in session:
            if lesson_id is not None:
                parts[lesson_id] = parts.get(lesson_id, 0) + 1
    seen: dict[str, int] = {}
    blocks: list[Block] = []
    now = DAY_START
    session_index = 0
    for position, part in enumerate(shape):
        if part == "lunch":
            blocks.append(Block(now, LUNCH, "lunch", "Lunch"))
            now += LUNCH
            continue
        if position and shape[position - 1] != "lunch":
            blocks.append(Block(now, BREAK, "break", "Break"))
            now += BREAK
        for minutes, kind, title, lesson_id in contents[session_index]:
            numbered = None
            if lesson_id is not None and parts[lesson_id] > 1:
                seen[lesson_id] = seen.get(lesson_id, 0) + 1
                numbered = (seen[lesson_id], parts[lesson_id])
            blocks.append(Block(now, minutes, kind, title, lesson_id, numbered))
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


def build_agenda(key: str, syllabus: Syllabus) -> Agenda:
    """The agenda of one format (``half-day``, ``one-day``, ``three-days``) for the available lessons."""
    chosen = next((form for form in FORMATS if form.key == key), None)
    if chosen is None:
        raise ValueError(f"no agenda format '{key}'; the formats are {join_words([f.key for f in FORMATS], 'or')}")
    level_names = [level.name for level in syllabus.levels]
    candidates = [lesson for lesson in syllabus.available
                  if chosen.levels is None or lesson.level in chosen.levels]
    per_day: list[list[SyllabusLesson]] = [[] for _ in range(chosen.days)]
    day = 0
    left_out: list[str] = []
    for lesson in candidates:
        if chosen.level_per_day:
            day = max(day, min(level_names.index(lesson.level), chosen.days - 1))
        while day < chosen.days:
            used = sum(placed.minutes for placed in per_day[day])
            if used + lesson.minutes <= _capacity(chosen.shape, day == 0, day == chosen.days - 1):
                per_day[day].append(lesson)
                break
            if not chosen.level_per_day:
                day = chosen.days
                break
            day += 1
        if day >= chosen.days:
            left_out.append(lesson.id)
            if not chosen.level_per_day:
                # Lessons build on each other: after the first that does not fit, none follows.
                left_out.extend(later.id for later in candidates[candidates.index(lesson) + 1:])
                break
    days = tuple(_lay_out_day(number + 1, chosen.shape, per_day[number], number == 0, number == chosen.days - 1)
                 for number in range(chosen.days))
    placed = tuple(lesson.id for lessons in per_day for lesson in lessons)
    return Agenda(chosen.key, chosen.title, days, placed, tuple(left_out))


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
        lines.append("")
        for day in agenda.days:
            if len(agenda.days) > 1:
                lines += [f"**Day {day.number}**", ""]
            lines += ["| Time | Block | Minutes |", "|---|---|---:|"]
            for block in day.blocks:
                label = block.label
                if block.kind in ("break", "lunch"):
                    label = f"*{label}*"
                lines.append(f"| {clock(block.start)}–{clock(block.end)} | {label} | {block.minutes} |")
            lines.append("")
    return "\n".join(lines)
