"""Worked answers for exercises/04-stack-audit.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

from datetime import timedelta

from mopskit.lessons.lesson04 import CONSOLIDATION_CASE, RENEWAL_CASES, WASTE_CASE, shared_users

# 04.1 The webinar platform: 24 seats, 15 active, 18,000 EUR a year.
# Idle seats 24 - 15 = 9; one seat costs 18,000 / 24 = 750 a year; waste 9 x 750 = 6,750.
idle_seats = max(WASTE_CASE.seats - WASTE_CASE.active_users, 0)
seat_price = WASTE_CASE.annual_cost / WASTE_CASE.seats
task_04_1 = idle_seats * seat_price

# 04.2 Notice deadline = renewal date - notice days:
# Survey tool 2026-11-17, Analytics suite 2026-11-03, Design tool 2026-11-11,
# Chat widget 2026-11-15. The analytics suite renews last but must be decided first.
deadlines = {case.tool: case.renewal_date - timedelta(days=case.notice_days) for case in RENEWAL_CASES}
task_04_2 = min(deadlines, key=deadlines.get)

# 04.3 Project tool B (EUR 15,000, 16 active) moves into Project tool A (EUR 22,500 for 25
# seats, 21 active); 5 people are active in both. Newcomers 16 - 5 = 11; A then needs
# 21 + 11 = 32 seats, 7 more than its 25; one seat of A costs 22,500 / 25 = 900, so the extra
# seats cost 7 x 900 = 6,300. Saving: 15,000 - 6,300 = 8,700 a year (not 15,000).
moving, receiving = CONSOLIDATION_CASE["moving"], CONSOLIDATION_CASE["receiving"]
newcomers = moving.active_users - shared_users(moving, receiving)
extra_seats = max(receiving.active_users + newcomers - receiving.seats, 0)
task_04_3 = moving.annual_cost - extra_seats * receiving.annual_cost / receiving.seats

# 04.4 Rules in order: nobody active -> retire (A: 0 of 12, even though Webinar tool A is
# more used, so consolidate would fit too); a more used tool in the same category ->
# consolidate (C: Email tool A has 9 active users, B has 3; under 90% too, but consolidate
# comes first); under 90% used -> negotiate (B: 14 of 40 = 35%); otherwise retain
# (D: 42 of 45 = 93%).
task_04_4 = {"A": "retire", "B": "negotiate", "C": "consolidate", "D": "retain"}

# 04.5 Job -> subcategory -> category: consent is governance, compliance & privacy (Data);
# webinars are events, meetings & webinars (Social & Relationships); programmatic display
# (Advertising & Promotion); budgeting & finance (Management); ecommerce platforms & carts
# (Commerce & Sales); WCM/CMS (Content & Experience).
task_04_5 = {
    "A": "Data",
    "B": "Social & Relationships",
    "C": "Advertising & Promotion",
    "D": "Management",
    "E": "Commerce & Sales",
    "F": "Content & Experience",
}

# 04.6 Miro does a job no inventoried tool does: add it (owner, contract). Typeform does
# what the survey tool already does, with seats to spare: move its users. Hootsuite
# Enterprise is the social suite under its new app name (the audit says "retire" for the
# social suite only because of that): fix the name in the inventory.
task_04_6 = {"Miro": "add", "Typeform": "move", "Hootsuite Enterprise": "rename"}
