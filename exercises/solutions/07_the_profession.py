"""Worked answers for exercises/07-the-profession.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 07.1 Due times in working hours (Mon-Fri, 09:00-17:00), as of Monday 16 November 11:30:
# AL-206 high, Wed 09:00 + 16 h = Thu 12 Nov 17:00   (breached)
# AL-205 low,  Mon 2 Nov 09:00 + 80 h = Fri 13 Nov 17:00 (breached)
# AL-201 normal, Mon 9 Nov 10:00 + 40 h = Mon 16 Nov 10:00 (breached)
# AL-202 urgent, Fri 14:30 + 4 h = 2.5 h on Friday + 1.5 h on Monday = Mon 10:30 (breached)
# AL-203 urgent, Fri 16:00 + 4 h = Mon 12:00: still in time (the weekend does not count).
# First come, first served would put AL-205 first; priority alone would put AL-202 first.
task_07_1 = ["AL-206", "AL-205", "AL-201", "AL-202"]

# 07.2 Thursday 16:00 to Monday 09:00 is 1 + 8 = 9 working hours: the import (4 h) fits, the
# nurture (16 h) does not. All three pieces take 60 working hours from Thursday 16:00, which
# ends on Tuesday 24 November; any working day from then on is a promise the team can keep.
task_07_2 = {
    "acknowledge": "You want the sales team to walk into Monday's kick-off with the Milan fair leads ready to "
                   "work, and I want that too.",
    "now": ["lead import"],
    "rest_by": "2026-11-24",
    "trade_off": "If the nurture matters more than scoring, I can have the three emails live by Wednesday 18 "
                 "and move the scoring model to the following week; or we pause the December newsletter "
                 "and I bring both forward.",
}

# 07.3 A and F are the causes: the token expires (A) and nothing tracks the expiry (F); take
# either away and the sync would not have stopped. C and D made it slower to notice. B names
# Tudor and says "forgot"; E is "human error": both are blame. G and J have an owner and a date;
# H has no owner, I has no date (and "be more careful" is not an action anyone can finish).
task_07_3 = {
    "causes": ["A", "F"],
    "contributing_factors": ["C", "D"],
    "blames": ["B", "E"],
    "ready_actions": ["G", "J"],
    "rewrite": "The connection was set up without a record of when its token expires or a reminder to renew "
               "it, because no checklist for new integrations asks for one.",
}

# 07.4 As the lesson's table reads: fields and segments (A) and contact data and consent (D)
# are MOps; company-wide sign-in policy (B) and devices (E) are IT; an integration with the
# CRM (C) and which tools marketing may buy (F) are agreed together.
task_07_4 = {"A": "MOps", "B": "IT", "C": "together", "D": "MOps", "E": "IT", "F": "together"}
