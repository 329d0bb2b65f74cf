"""Lesson 01, "What is marketing operations?": the lesson's tables and the exercises' checks.

The lesson introduces Aurora Living, the company the course follows, from the kit's cast
(``cast.yaml``). The exercises give cases the page has not worked (new wordings of the four
definitions, the duties of a job ad, one week of a team's time log, three situations at Aurora),
read from ``mopskit/lessons/data/lesson01.yaml``. The definitions and figures themselves come
from the content files. The package splits by what the code is:

* :mod:`~mopskit.lessons.lesson01.cases`: the exercises' cases and the answers computed from them;
* :mod:`~mopskit.lessons.lesson01.tables`: every table the lesson and its exercises show;
* :mod:`~mopskit.lessons.lesson01.tasks`: tasks 01.1 to 01.4, each checker with its hints, deciding
  what a wrong answer is told.

Importing ``mopskit.lessons.lesson01`` declares the tasks (``check("01.1", ...)`` imports it by
name) and gives a notebook every name it calls, as ``lesson01.pillars()``.
"""

from mopskit.lessons.lesson01.cases import (
    AURORA_STAKEHOLDERS, JOB_AD, LESSON, PILLAR_ALIASES, SITUATIONS, STATEMENTS, TIME_LOG, Duty, JobAd, LoggedHours,
    Response, Situation, Statement, TeamWeek, expected_coordination_share, expected_pillars, expected_responses,
    expected_statement_sources,
)
from mopskit.lessons.lesson01.tables import (
    aurora_at_a_glance, coordination_week, definitions, duties, hq_ecosystem_split, job_ad_duties, mops_team,
    people_mops_works_with, pillars, reasons, situation_options, situation_text, statements_to_match, time_log_week,
)
from mopskit.lessons.lesson01.tasks import (
    KIND_FEEDBACK, SHARE_TOLERANCE, check_coordination_share, check_duty_pillars, check_responses,
    check_statement_sources,
)

__all__ = [
    "AURORA_STAKEHOLDERS", "JOB_AD", "KIND_FEEDBACK", "LESSON", "PILLAR_ALIASES", "SHARE_TOLERANCE", "SITUATIONS",
    "STATEMENTS", "TIME_LOG", "Duty", "JobAd", "LoggedHours", "Response", "Situation", "Statement", "TeamWeek",
    "aurora_at_a_glance", "check_coordination_share", "check_duty_pillars", "check_responses",
    "check_statement_sources", "coordination_week", "definitions", "duties", "expected_coordination_share",
    "expected_pillars", "expected_responses", "expected_statement_sources", "hq_ecosystem_split", "job_ad_duties",
    "mops_team", "people_mops_works_with", "pillars", "reasons", "situation_options", "situation_text",
    "statements_to_match", "time_log_week",
]
