"""Worked answers for exercises/06-kpis.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's answer cell (for 06.2, what the form's
six boxes hold); the tests load this file and prove every answer passes its check.
"""

# 06.1 EUR 630,000 / EUR 18,000 = 35 deals. Up the waterfall, rounding up at each stage.
# With the exercise's one-decimal rates: 35 / 29.3% = 120 opportunities, / 44.6% = 270 SQLs,
# / 65.8% = 411 SALs, / 55.2% = 745 MQLs, / 30.4% = 2,451 inquiries. With the lesson's whole
# percents (30/55/66/45/29): 121, 269, 408, 742, 2,474. The kit, on the unrounded rates
# (716 / 2,356 ...), gets 2,442. Dividing by all the rates at once gives about 2,426 (one
# decimal) or 2,463 (whole percents). The check accepts every answer from 2,410 to 2,474,
# what the rounded rates can lead to.
task_06_1 = 2442

# 06.2 The need: Sofia Conti does the work (Stefan Ionescu only asks); 806 of 1,240 trade MQLs
# had both fields, so the baseline is 65% (a share, not the count 806, which moves with the
# number of MQLs); Sofia says 90% by the end of March 2027 (Stefan's 100% is a wish).
task_06_2 = {"name": "Trade MQLs with a phone number and a company name", "owner": "Sofia Conti",
             "baseline": "65", "target": "90", "unit": "percent of trade MQLs passed to sales",
             "due": "2027-03-31"}

# 06.3 2,800 inquiries at the observed rates yield about 850 MQLs, 468 SALs, 308 SQLs, 137
# opportunities and 40 deals (EUR 720,000). A asks 880 MQLs (> 850) and C asks 320 SQLs
# (> 308): out of reach. B (440 SALs), D (128 opportunities) and E (EUR 650,000) are within
# reach. Any true rates behind the lesson's whole percents give the same verdicts.
task_06_3 = ["A", "C"]
