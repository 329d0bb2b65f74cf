"""Worked answers for exercises/06-kpis.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 06.1 EUR 630,000 / EUR 18,000 = 35 deals. Up the waterfall at the observed rates, rounding
# up at each stage: 35 / 29.3% = 120 opportunities, / 44.6% = 269 SQLs, / 65.8% = 409 SALs,
# / 55.2% = 742 MQLs, / 30.4% = 2,442 inquiries. Dividing by all the rates at once gives
# about 2,425; the round example rates would give 3,894.
task_06_1 = 2442

# 06.2 Fill each gap from the meeting notes and leave the rest: the baselines are measured.
task_06_2 = [
    {"name": "MQLs per month", "owner": "Marco Ferrari", "baseline": 60, "target": 75,
     "unit": "MQLs per month", "due": "2027-06-30"},
    {"name": "Campaign launch cycle time", "owner": "Giulia Rossi", "baseline": 18, "target": 10,
     "unit": "working days from brief to launch", "due": "2027-03-31"},
    {"name": "Contacts with a valid email and country", "owner": "Chiara Neri", "baseline": 82, "target": 95,
     "unit": "percent of contacts", "due": "2027-03-31"},
    {"name": "MQLs followed up by sales within 48 hours", "owner": "Irina Lungu", "baseline": 55, "target": 90,
     "unit": "percent of MQLs", "due": "2027-03-31"},
    {"name": "Marketing-sourced pipeline", "owner": "Francesca Bianchi", "baseline": 2_100_000,
     "target": 2_600_000, "unit": "EUR of open opportunities", "due": "2027-06-30"},
    {"name": "Cost per lead", "owner": "Marco Ferrari", "baseline": 89, "target": 80, "unit": "EUR per inquiry",
     "due": "2027-06-30"},
]

# 06.3 2,400 inquiries at the observed rates yield 729 MQLs, 402 SALs, 264 SQLs,
# 117 opportunities and 34 deals (EUR 612,000). B asks 420 SALs (> 402) and C asks 120
# opportunities (> 117). D's 34 deals is exactly the yield, so it is within reach, and E's
# EUR 600,000 is below EUR 612,000: the revenue can look fine while a middle stage cannot.
task_06_3 = ["B", "C"]
