"""Write the sample answers of the `maturity-assessment` template.

Aurora Living's MOps team (the five people of mopskit/content/cast.yaml marked ``mops: true``) scores Ghantous' seven operating-model
responsibilities this quarter (``answers.xlsx`` and its twin ``answers.csv``); ``previous.json``
is the report of the same team's run a quarter earlier. A fixed seed keeps every file
byte-for-byte the same on every run. The levels are invented to make a plausible team,
with one clear disagreement (performance measurement), not measured.

Refresh the template notebook's outputs afterwards with ``make notebooks``.

Usage: python scripts/make_maturity_sample.py
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from mopskit.frameworks.assess import assess, load_answers  # noqa: E402
from mopskit.report.xlsx import _save  # noqa: E402

FOLDER = ROOT / "mopskit" / "data" / "maturity-assessment"
SEED = 2026
STAMP = datetime(2026, 10, 1)
COLUMNS = ("respondent", "dimension", "current", "target", "weight", "evidence")
TEAM = ("Giulia Rossi", "Marco Ferrari", "Tudor Barbu", "Sofia Conti", "Radu Popa")

# dimension: (usual current level, target, agreed weight, evidence people cite)
THIS_QUARTER = {
    "strategic-planning": (2, 4, 1.5, ("Yearly campaign calendar in the shared drive",
                                       "Plan not linked to the revenue target")),
    "financial-management": (2, 3, 1.0, ("Budget sheet per channel, actuals checked on request",)),
    "performance-measurement": (2, 4, 1.5, ("HubSpot dashboard reviewed on Mondays",
                                            "Everyone reports their own channel figures")),
    "martech-infrastructure": (3, 4, 1.0, ("Tool inventory with owners and renewal dates",)),
    "marketing-sales-alignment": (1, 4, 1.5, ("No agreed definition of a qualified lead",
                                              "Sales says leads go cold before follow-up")),
    "operational-excellence": (2, 3, 1.0, ("Briefing template exists, used by some",)),
    "learning-development": (1, 3, 1.0, ("New joiners learn HubSpot from colleagues",)),
}
# the quarter before: lower where the team has since improved
EARLIER = {"strategic-planning": 1, "martech-infrastructure": 2}
# performance measurement: the web developer who built the dashboard sees a managed process;
# the automation specialist, who still reports email results in the tool's own numbers, sees none
DISAGREEMENT = {"performance-measurement": {"Radu Popa": 4, "Tudor Barbu": 1, "Giulia Rossi": 3}}


def rows(earlier: bool, rng: random.Random) -> list[tuple[object, ...]]:
    table = []
    for dimension, (usual, target, weight, evidence) in THIS_QUARTER.items():
        base = EARLIER.get(dimension, usual) if earlier else usual
        lean = rng.choice((-1, 1))  # a dimension's answers differ by at most one level...
        for person in TEAM:
            current = DISAGREEMENT.get(dimension, {}).get(person) if not earlier else None
            if current is None:
                current = min(5, max(1, base + (lean if rng.random() < 0.3 else 0)))
            said = rng.choice(evidence) if rng.random() < 0.4 else ""
            table.append((person, dimension, current, max(target, current), weight, said))
    return table


def write_csv(path: Path, table: list[tuple[object, ...]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(table)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_xlsx(path: Path, table: list[tuple[object, ...]]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "answers"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row)
    for column, width in zip("ABCDEF", (18, 28, 9, 8, 8, 50), strict=True):
        sheet.column_dimensions[column].width = width
    path.write_bytes(_save(workbook, STAMP))


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    earlier_rows = rows(True, rng)
    current_rows = rows(False, rng)
    write_csv(FOLDER / "answers.csv", current_rows)
    write_xlsx(FOLDER / "answers.xlsx", current_rows)
    with tempfile.TemporaryDirectory() as scratch:
        earlier_file = Path(scratch) / "earlier.csv"
        write_csv(earlier_file, earlier_rows)
        earlier = assess(load_answers(earlier_file))
    text = json.dumps(earlier.to_dict(), indent=2, ensure_ascii=False) + "\n"
    (FOLDER / "previous.json").write_text(text, encoding="utf-8")
    result = assess(load_answers(FOLDER / "answers.xlsx"), previous=FOLDER / "previous.json")
    print(repr(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
