"""Change and strategy: a change plan (model, reading, lint, schedule, calendar data), KPIs
and the demand waterfall they are tested against, and the strategy built from them."""
