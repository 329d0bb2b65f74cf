"""Worked answers for exercises/03-operating-model-maturity.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 03.1 Read each rubric from level 1 up and stop at the first level the team cannot show.
# A: written definitions and one dashboard (3); the dashboard is refreshed by hand and the
#    meeting ends without decisions, so not 4.
# B: leads go to sales on a schedule (2); no written definition of a good lead, so not 3.
# C: monthly tracking per programme (3) and quarterly spend-against-pipeline moves (4);
#    no agreed rules for moving money within the quarter, so not 5.
# D: people learn by themselves (1); nothing for new joiners yet, so not 2.
task_03_1 = {"A": 3, "B": 2, "C": 4, "D": 1}

# 03.2 Gap x weight: performance measurement 2 x 2 = 4, marketing-sales alignment 3 x 1 = 3,
# strategic planning 2 x 1 = 2; operational excellence 1 x 1.5 = 1.5 and the rest 1.
# By the gap alone alignment would come first; the weight puts measurement ahead.
task_03_2 = ["Performance measurement", "Marketing–sales alignment", "Strategic planning"]

# 03.3 Every activity is martech infrastructure except the dashboard (performance
# measurement). Accounts and licences are tool care, not learning and development.
task_03_3 = ["Strategic planning", "Financial management", "Marketing–sales alignment",
             "Operational excellence", "Learning and development"]

# 03.4 Change = level now - level last quarter. Zero for strategic planning (2 -> 2), martech
# infrastructure (3 -> 3) and marketing-sales alignment (1 -> 1). Operational excellence moved
# down (3 -> 2), which is a move too.
task_03_4 = ["Strategic planning", "Martech infrastructure", "Marketing–sales alignment"]
