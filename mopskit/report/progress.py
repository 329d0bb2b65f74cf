"""Progress reports: a learner's lessons (what ``progress()`` shows in a notebook) and a room's
table, one row per learner, one column per lesson with exercises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mopskit.report.document import Card, Cell, Column, Document, Kind, Row, Section, Table
from mopskit.wording import plural

if TYPE_CHECKING:
    from mopskit.course.progress import Progress, RoomProgress

NOTE = ("A task counts as passed once check() accepted an answer in the learner's notebook. The table shows what "
        "each learner ran, not what they understood: use it to decide where to help, never to grade.")


def learner_document(result: Progress, *, show_users: bool = False) -> Document:
    """One learner's progress: per lesson, tasks passed of total, level and last activity."""
    from mopskit.course.progress import when

    table = Table(
        (Column("lesson", "Lesson", strong=True, chars=36), Column("level", "Level", chars=12),
         Column("passed", "Passed", Kind.INTEGER), Column("tried", "Tried", Kind.INTEGER),
         Column("last", "Last activity", chars=20)),
        tuple(Row({"lesson": f"{row.lesson.id} {row.lesson.title}", "level": row.lesson.level,
                   "passed": Cell(row.passed, f"{row.passed} of {row.total}"), "tried": row.tried,
                   "last": when(row.last)})
              for row in result.rows),
        empty="No lesson with exercises yet.",
    )
    notes = (result.problem,) if result.problem else ()
    lines = (f"Kept in {result.file}.",) if result.file else ()
    return Document(title="Your progress", headline=result.headline(), notes=notes, brief=table,
                    brief_lines=lines, sections=(Section("By lesson", table=table),))


def room_document(result: RoomProgress, *, show_users: bool = False) -> Document:
    from mopskit.course.progress import when

    columns = [Column("learner", "Learner", strong=True, chars=18)]
    columns += [Column(f"lesson-{lesson.id}", lesson.id, Kind.INTEGER, chars=5) for lesson in result.lessons]
    columns += [Column("passed", "Passed", Kind.INTEGER, chars=7), Column("last", "Last activity", chars=20)]
    rows = []
    for index, (_file, ledger) in enumerate(result.learners):
        values: dict[str, object] = {"learner": result.label(index, show_users=show_users)}
        for lesson in result.lessons:
            values[f"lesson-{lesson.id}"] = Cell(result.passed(ledger, lesson),
                                                 f"{result.passed(ledger, lesson)}/{len(lesson.tasks)}")
        values["passed"] = Cell(sum(result.passed(ledger, lesson) for lesson in result.lessons),
                                f"{sum(result.passed(ledger, lesson) for lesson in result.lessons)}/{result.total}")
        values["last"] = when(ledger.last)
        rows.append(Row(values))
    who = Table(tuple(columns), tuple(rows))
    lessons = Table(
        (Column("lesson", "Lesson", strong=True, chars=30), Column("level", "Level", chars=12),
         Column("tasks", "Tasks", Kind.INTEGER), Column("done", "All done", Kind.INTEGER)),
        tuple(Row({"lesson": f"{lesson.id} {lesson.title}", "level": lesson.level, "tasks": len(lesson.tasks),
                   "done": sum(1 for _file, ledger in result.learners
                               if result.passed(ledger, lesson) == len(lesson.tasks))})
              for lesson in result.lessons),
    )
    stuck = Table(
        (Column("task", "Task", strong=True, chars=8), Column("title", "Title", chars=30),
         Column("learners", "Stuck", Kind.INTEGER), Column("attempts", "Tries", Kind.INTEGER)),
        tuple(Row({"task": task_id, "title": result.titles.get(task_id, ""), "learners": people, "attempts": attempts})
              for task_id, people, attempts in result.stuck()),
        empty="Nobody is stuck: every task someone tried, they passed.",
    )
    sections = (
        Section("Who is where", short_title="Learners",
                lead="Tasks passed per lesson. Learners are numbered in the order of their progress files"
                     " (on a hub, of their logins)"
                     + ("." if not show_users else "; a name is the one the learner gave, else the file's or login's."),
                table=who, personal=show_users),
        Section("By lesson", short_title="Lessons", lead="All done: learners who passed every task of the lesson.",
                table=lessons),
        Section("Where people are stuck", short_title="Stuck",
                lead="Tasks tried and not passed yet (Stuck: learners; Tries: their attempts): a good place "
                     "to start a debrief or walk the room.",
                table=stuck),
    )
    return Document(
        title="Exercise progress",
        scope=(plural(len(result.learners), "learner"), plural(result.total, "task")),
        headline=result.headline(),
        notes=(NOTE, *((result.skipped_note,) if result.skipped_note else ())),
        cards=(Card("Learners", len(result.learners), Kind.INTEGER), Card("Tasks", result.total, Kind.INTEGER)),
        sections=sections,
        brief=who,
    )
