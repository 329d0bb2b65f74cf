"""Write Aurora Living's funnel history: twelve monthly cohorts of its trade programme.

Each row is the inquiries of one month (from hotels, offices and interior designers who
buy furnishing projects) and how many of them reached each later stage of the waterfall,
with the average days they spent in each stage and what marketing spent that month. The
rates and days are invented to be plausible, not measured; a fixed seed keeps the file
byte-for-byte the same on every run.

Usage: python scripts/make_funnel_sample.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "mopskit" / "data" / "funnel" / "aurora-funnel.csv"
SEED = 2026
MONTHS = [f"2025-{month:02d}" for month in (7, 8, 9, 10, 11, 12)] + [f"2026-{month:02d}" for month in range(1, 7)]
# Inquiry→MQL, MQL→SAL, SAL→SQL, SQL→Opportunity, Opportunity→Won, and the days in each stage.
RATES = (0.30, 0.55, 0.65, 0.45, 0.28)
DAYS = (9, 5, 14, 21, 38)
COLUMNS = ("month", "inquiry", "mql", "sal", "sql", "opportunity", "won",
           "days_in_inquiry", "days_in_mql", "days_in_sal", "days_in_sql", "days_in_opportunity", "spend")


def rows() -> list[list[object]]:
    pick = random.Random(SEED)
    result: list[list[object]] = []
    for index, month in enumerate(MONTHS):
        season = 1.25 if month.endswith(("-09", "-10", "-01", "-02")) else 1.0
        counts = [round(pick.uniform(150, 200) * season)]
        for rate in RATES:
            share = min(1.0, max(0.0, rate + pick.uniform(-0.06, 0.06)))
            counts.append(round(counts[-1] * share))
        days = [round(base * pick.uniform(0.8, 1.2), 1) for base in DAYS]
        spend = round(counts[0] * pick.uniform(70, 95), -1) + 1500 * (index % 3 == 0)
        result.append([month, *counts, *days, f"{spend:.0f}"])
    return result


def main() -> None:
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    with SAMPLE.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows())


if __name__ == "__main__":
    main()
