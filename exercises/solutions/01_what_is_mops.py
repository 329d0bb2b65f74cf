"""Worked answers for exercises/01-what-is-mops.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 01.1 Which definition does each statement echo?
# A: the briefs, approvals, lists and reports customers never see are the processes
#    behind the scenes (G2).
# B: skills, ways of working and tools, so the plan succeeds: people, process and
#    technology powering the strategy (HubSpot).
# C: owning the annual plan and the campaign calendar, reviewing the programme:
#    oversight and planning (Gartner).
# D: agreeing on what matters and getting it out of the door: aligned and productive
#    (Forrester / SiriusDecisions).
task_01_1 = {
    "A": "G2",
    "B": "HubSpot",
    "C": "Gartner",
    "D": "Forrester / SiriusDecisions",
}

# 01.2 The Lumo Outdoor job ad, duty numbers as the notebook lists them.
# People: onboarding and a clinic (3), the sales-and-marketing meeting (6), planning
#   who learns what (8).
# Process: the request-to-launch workflow (1), naming rules and checklist (5), how
#   results are measured (7).
# Technology: webinar-to-CRM integration (2), choosing an email platform (4), keeping
#   the contact database and its feeds clean (9).
# Duty 6 may also go under process (the rule for which leads come first): the check
# accepts it there and says why both readings hold.
task_01_2 = {
    "people": [3, 6, 8],
    "process": [1, 5, 7],
    "technology": [2, 4, 9],
}

# 01.3 The theatre team's week: 38 + 21 + 17 + 24 = 100 hours of collaboration,
# preparation, coordination and approvals, out of 100 + 60 = 160 hours logged.
# 100 / 160 = 62.5%, below the practitioner's 80-90% estimate. 62 or 63 also pass.
coordinating = 38 + 21 + 17 + 24
total = coordinating + 60
task_01_3 = coordinating / total * 100

# 01.4 Guardrail answers.
# 1: B keeps Friday's launch and adds tracking and consent (A is a gatekeeper, C gives
#    up governance).
# 2: C listens to both, proposes a split and writes the rule down (A applies a rule
#    without listening, B passes the decision up).
# 3: A asks what the tool adds, records it with an owner and sets a decision date
#    (B is a gatekeeper, C gives up governance).
task_01_4 = {"1": "B", "2": "C", "3": "A"}
