"""Worked answers for exercises/05-change-management.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 05.1 Read R and A on every row: at least one R, exactly one A.
# export has two A's (Marco Ferrari and Elena Dumitru): pick one, Marco, who owns the email tool.
# flows has no R: Sofia Marino or Marco Ferrari must build the emails.
# test has no A: Marco Ferrari, who is Accountable for the rest of the move.
# Two names under R (test) are fine: several people can do the work.
task_05_1 = {"export": "two A", "flows": "no R", "test": "no A"}

# 05.2 Read the scores in ADKAR order and stop at the first at or below 3.
# Elena: awareness 4, desire 3 -> desire (her lowest, reinforcement 2, comes later).
#   Practice E: the sponsor asks for it in person and ties it to incentives.
# Sofia: 5, 4, 4, then ability 2 -> ability (not reinforcement 1, the lowest).
#   Practice D: coaching and practice time before the old tool goes.
task_05_2 = {"Elena Dumitru": ["desire", "E"], "Sofia Marino": ["ability", "D"]}

# 05.3 Power first, then interest. Paolo and Irina have power but little interest
# (keep satisfied); Sofia the opposite (keep informed).
task_05_3 = {"Elena Dumitru": "manage closely", "Paolo Greco": "keep satisfied",
             "Sofia Marino": "keep informed", "Andrei Ionescu": "monitor", "Irina Lungu": "keep satisfied"}

# 05.4 Manage closely: Francesca Bianchi and Elena Dumitru. Francesca gets the weekly
# steering meeting; Elena is only Informed on tasks, and no message names her or her role.
task_05_4 = "Elena Dumitru"
