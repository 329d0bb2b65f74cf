"""Worked answers for exercises/08-capstone-strategy.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

from pathlib import Path

# 08.1 (a) Down the funnel, rounding down at every stage (only whole leads and deals count):
#      2,600 x 28% = 728 MQLs; x 40% = 291.2 -> 291 SALs; x 50% = 145.5 -> 145 SQLs;
#      x 50% = 72.5 -> 72 opportunities; x 20% = 14.4 -> 14 deals; x EUR 18,000 = EUR 252,000.
#      Without rounding, 14.56 deals give EUR 262,080: a promise the funnel cannot keep.
#      A rounder figure just below (EUR 250,000) also passes.
# (b) Up the funnel, rounding up: EUR 360,000 / 18,000 = 20 deals; / 20% = 100 opportunities;
#      / 50% = 200 SQLs; / 50% = 400 SALs; / 40% = 1,000 MQLs; / 28% = 3,571.4 -> 3,572 inquiries.
#      3,571 inquiries yield only 19 deals. The gap to the 2,600 marketing can generate (972) is the
#      conversation to have with the CEO.
task_08_1 = {"revenue": 252000, "inquiries": 3572}

# 08.2 Step 2: the objectives cover People and Process, none Technology.
#      Step 3: the MQL stage yields 1,800 inquiries x 35% = 630 MQLs, below the target of 700 (SMART003); revenue (EUR 308,000 against 220,000) and SQLs (189 against 180) fit.
#      Step 4: Marta Ferri and Silvia Marino have high power and high interest; the communications name
#      Marta Ferri, Davide Russo and the Field Marketer, never Silvia Marino or the Dealer Sales Director
#      (COMMS001). Her role works too: "Dealer Sales Director".
task_08_2 = {"pillar": "Technology", "kpi": "Marketing-qualified leads", "stakeholder": "Silvia Marino"}

# 08.3 The learner answers "my-broken-strategy.yaml" after fixing their copy. The fixed file beside
#      this one shows each of the five fixes, marked "fixed:":
#      SMART003 lower the revenue target to at most EUR 333,000 (or raise the inquiries, and say how;
#      or keep EUR 400,000 and add a `stretch:` line saying why and what will close the gap, which
#      turns the warning into a note: the check accepts that too);
#      SMART001 give the MQL KPI an owner; RACI002 one Accountable for the lead definition;
#      SCHED002 start the scanner task after the definition ends; COMMS001 add Roberto Fontana (or
#      his role) to a communication's audience. The ADKAR001 advice about him stays.
task_08_3 = str(Path(__file__).resolve().parent / "08-fixed-strategy.yaml")

# 08.4 Needs: the MOps manager wrote them after a team meeting and no one outside marketing is named,
#      so "the needs are the MOps team's own guesses; no stakeholder was asked": Beginning.
#      KPIs: all five parts and an agreed SQL target reach Developing; Strong needs every pipeline
#      target within the funnel or kept as a stretch with its reason, and EUR 500,000 is above the
#      EUR 420,000 it yields with no reason given (the SMART003 warning).
task_08_4 = {"Stakeholder needs": "Beginning", "KPIs and targets": "Developing"}
