"""Worked answers for exercises/02-personas-roles.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 02.1 Two questions per person: skills (technology or arts), decisions (emotional or rational).
# A tests, measures and integrates tools: technology + rational -> Scientists.
# B pilots every new channel and loves new releases: technology + emotional -> Modernizers.
# C connects marketing with product and service and reacts to customers: arts + emotional -> Orchestrators.
# D turns engagement into an intent score: arts + rational -> Psychologists.
task_02_1 = {"A": "Scientists", "B": "Modernizers", "C": "Orchestrators", "D": "Psychologists"}

# 02.2 Main quadrants: 3 Orchestrators, 2 Modernizers, no Psychologists, no Scientists.
# The lifecycle marketer shows traits of the Psychologists, so that gap is partly covered;
# nobody covers the Scientists at all.
task_02_2 = "Scientists"

# 02.3 A judgement, not a lookup: each person's week read with the 2x2's two questions.
# A (a maker) builds with the newest technology, from enthusiasm -> Modernizers; Scientists is
#   also accepted (technical build).
# B (a modeler) decides from a model and monthly tests -> Scientists; Psychologists is also
#   accepted (predicting intent from behaviour).
# C (a maestro) connects marketing with sales and service -> Orchestrators, the column's own pairing.
# D (a marketer) writes the next message from what families browse -> Psychologists; Orchestrators
#   is also accepted (arts-side craft, deciding from what families seem to feel).
task_02_3 = {"A": "Modernizers", "B": "Scientists", "C": "Orchestrators", "D": "Psychologists"}
