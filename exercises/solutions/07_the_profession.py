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

# 07.3 The notes in time order; the cause is the expiring token nobody tracked, not the person
# who set it up; names appear only as action owners.
task_07_3 = {
    "summary": "From Tuesday 17 November 10:00 to Wednesday 18 November 16:30 webinar registrations did not "
               "reach the CRM, because the form tool's access token had expired.",
    "impact": "148 registrants got no confirmation email for up to 30 hours; the events team could not see "
              "who had registered for Thursday's webinar.",
    "timeline": [
        {"time": "2026-11-17 10:00", "event": "The form tool's access token for the CRM expires."},
        {"time": "2026-11-17 10:05", "event": "Registrations queue in the form tool; the failure notice goes to "
                                              "one person's address."},
        {"time": "2026-11-18 14:00", "event": "Events notice that CRM registrations have not moved since Tuesday."},
        {"time": "2026-11-18 15:30", "event": "MOps finds the expired token."},
        {"time": "2026-11-18 15:45", "event": "The token is renewed; registrations flow again."},
        {"time": "2026-11-18 16:30", "event": "All 148 registrations are in the CRM; confirmations sent."},
    ],
    "root_cause": "The integration uses an access token that expires after 90 days, and nothing records when "
                  "tokens expire or reminds anyone to renew them.",
    "contributing_factors": [
        "Failure notices go to the address of whoever set up the connection, not to a team inbox.",
        "Nobody checks daily that registrations arrive in the CRM.",
    ],
    "actions": [
        {"action": "List every integration token with its expiry date and add renewal reminders.",
         "owner": "Marco Ferrari", "due": "2026-11-27"},
        {"action": "Send the form tool's failure notices to the MOps team inbox.",
         "owner": "Luca Bianchi", "due": "2026-11-20"},
        {"action": "Add a daily check that registrations arrive in the CRM during any live campaign.",
         "owner": "Giulia Rossi", "due": "2026-12-04"},
    ],
}
