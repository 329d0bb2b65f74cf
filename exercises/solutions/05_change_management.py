"""Worked answers for exercises/05-change-management.ipynb (facilitators only; not published).

Each value is what a learner would put in the task's ``answer = ...`` cell; the tests
load this file and prove every answer passes its check.
"""

# 05.1 Read R and A on every row: at least one R, exactly one A.
# export has two A's (Marco Ferrari and Elena Dumitru): pick one, Marco, who owns the email tool.
# flows has no R: Tudor Barbu, who built the flows in Brevo, is the natural choice.
# test has no A: Marco Ferrari, who is Accountable for the rest of the move.
# Two names under R (test) are fine: several people can do the work.
task_05_1 = {"export": "two A", "flows": "no R", "test": "no A"}

# 05.2 Read the scores in ADKAR order and stop at the first at or below 3.
# Sofia: 5, 4, 4, then ability 2 -> ability (not reinforcement 1, the lowest).
#   Practice D: coaching and practice time before the old tool goes.
# Tudor: awareness 4, desire 3 -> desire (his lowest, reinforcement 2, comes later).
#   Practice E: the desire practice; Prosci gives it to his own manager, as coach.
task_05_2 = {"Sofia Conti": ["ability", "D"], "Tudor Barbu": ["desire", "E"]}

# 05.3 Two questions per person: can they stop the move (power), does it change their work (interest)?
# Marco owns the budget and signs off each step, and his team sends every email: manage closely
#   (in the lesson's plan he was keep informed: the quadrant belongs to one change).
# Vlad can halt the move over consent records but his work does not change: keep satisfied.
# Tudor and Radu rebuild their own work but decide nothing: keep informed.
# Cristina neither decides nor is touched: monitor.
task_05_3 = {"Marco Ferrari": "manage closely", "Vlad Stoica": "keep satisfied", "Tudor Barbu": "keep informed",
             "Cristina Vasile": "monitor", "Radu Popa": "keep informed"}

# 05.4 Manage closely: Francesca Bianchi and Elena Dumitru, from the table, and Marco Ferrari, from task 05.3.
# Francesca and Marco are in the steering meeting; Elena sits in the RACI of five tasks,
# and no message names her or her role.
task_05_4 = "Elena Dumitru"

# 05.5 Severity first: one error, two warnings, one note.
# 1 (error, 'redirects' starts before 'hubs-move' ends): A, start it after; the redirects need the pages.
# 2 (warning, Lorenzo Greco has no part): C, the SEO specialist belongs in the redirects (the risk is
#   search traffic); taking him off the list (D) hides the gap.
# 3 (warning, "Luca" is not a stakeholder): E, write Luca Moretti as the list spells him.
# 4 (note, Luca's barrier point): F, advice for the work; the plan is ready without changing it.
task_05_5 = {1: "A", 2: "C", 3: "E", 4: "F"}
