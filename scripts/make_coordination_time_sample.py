"""Write the sample time log of the `coordination-time` template.

The sample is a made-up 8-person marketing team over 4 weeks; a fixed seed keeps the
file byte-for-byte the same on every run. Activities come from the template's own
``activities.yaml`` so the sample never drifts from the map teams start with.

Refresh the template notebook's outputs afterwards with ``make notebooks``.

Usage: python scripts/make_coordination_time_sample.py
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "mopskit" / "templates" / "coordination-time"
SAMPLE = ROOT / "mopskit" / "data" / "coordination-time" / "time-log.csv"
WEEKS = ("2026-W10", "2026-W11", "2026-W12", "2026-W13")
SEED = 2026

# Each person's usual week: (contracted hours, weight per category). The weights are
# invented to make a plausible spread, not measured.
TEAM = {
    "Alex Rivera": (40, {"coordination": 6, "approval": 2, "creation": 1, "analysis": 1, "admin": 1}),
    "Bea Santos": (40, {"coordination": 5, "approval": 3, "creation": 2, "analysis": 1, "admin": 0.5}),
    "Chen Li": (38, {"coordination": 3, "approval": 2, "creation": 5, "analysis": 0.5, "admin": 0.5}),
    "Dana Kowalski": (32, {"coordination": 3, "approval": 3, "creation": 4, "analysis": 0.5, "admin": 0.5}),
    "Elif Demir": (40, {"coordination": 3, "approval": 1, "creation": 0.5, "analysis": 5, "admin": 1}),
    "Farid Haddad": (40, {"coordination": 3, "approval": 1, "creation": 2, "analysis": 1, "admin": 4}),
    "Gaia Romano": (36, {"coordination": 3, "approval": 4, "creation": 5, "analysis": 0, "admin": 0.5}),
    "Hana Sato": (40, {"coordination": 7, "approval": 2, "creation": 0.5, "analysis": 0.5, "admin": 1}),
}


def _half_hours(hours: float) -> float:
    return round(hours * 2) / 2


def sample_rows(activities_by_category: dict[str, list[str]]) -> list[tuple[str, str, str, float]]:
    """The sample's rows, sorted by week, person and activity."""
    generator = random.Random(SEED)
    rows = []
    for week in WEEKS:
        for person, (contracted, weights) in TEAM.items():
            worked = contracted + generator.choice((-2, 0, 0, 2, 4))
            for category, weight in weights.items():
                if weight == 0:
                    continue
                category_hours = worked * weight / sum(weights.values())
                chosen = generator.sample(
                    activities_by_category[category], k=min(2, len(activities_by_category[category]))
                )
                split = generator.uniform(0.4, 0.8)
                for activity, part in zip(chosen, (split, 1 - split), strict=False):
                    hours = _half_hours(category_hours * part)
                    if hours > 0:
                        rows.append((week, person, activity, hours))
    return sorted(rows)


def write_sample() -> None:
    sys.path.insert(0, str(ROOT))
    from mopskit.ops.timeuse import load_activity_map

    activity_map = load_activity_map(TEMPLATE / "activities.yaml")
    by_category: dict[str, list[str]] = {category: [] for category in activity_map.categories}
    for activity, category in activity_map.activities.items():
        by_category[category].append(activity)
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    with SAMPLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["person", "week", "activity", "hours"])
        for week, person, activity, hours in sample_rows(by_category):
            writer.writerow([person, week, activity, f"{hours:g}"])
    print(f"wrote {SAMPLE.relative_to(ROOT)}")


if __name__ == "__main__":
    write_sample()
