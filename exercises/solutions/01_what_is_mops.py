"""Worked answers for exercises/01-what-is-mops.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 01.1 Match each definition to its source.
# A speaks of processes "behind the scenes" (G2); B of overseeing the programme and
# annual planning (Gartner); C of people, processes and technologies (HubSpot);
# D of keeping marketing aligned and productive (Forrester / SiriusDecisions).
task_01_1 = {
    "A": "G2",
    "B": "Gartner",
    "C": "HubSpot",
    "D": "Forrester / SiriusDecisions",
}

# 01.2 Sort the duties into the three pillars (duty numbers as the notebook lists them).
# People: training, channels between departments, coordinating departments.
# Process: designing and overseeing processes, defining metrics and KPIs.
# Technology: choosing martech, integrating the tools, making data available.
task_01_2 = {
    "people": [3, 4, 6],
    "process": [1, 5],
    "technology": [2, 7, 8],
}

# 01.3 A team of 5 working 40 hours each has 200 hours a week;
# 80% of 200 = 160 and 90% of 200 = 180 hours go to coordination.
team_hours = 5 * 40
task_01_3 = (team_hours * 0.8, team_hours * 0.9)

# 01.4 Emanuele Villa's order: stakeholder needs (C), framework over the pillars (E),
# KPIs and targets (A), type of change and resistance (D), tasks and timeline (B).
task_01_4 = ["C", "E", "A", "D", "B"]
