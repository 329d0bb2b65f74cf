"""The one workbook reader: every spreadsheet the kit reads (inventories, answers, plans) opens
the same way, merged cells and formulas included."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from mopskit.change.plan import load_plan
from mopskit.errors import InputError
from mopskit.io.tables import read_table, read_workbook

ROOT = Path(__file__).resolve().parent.parent


def save(book: Workbook, path: Path) -> Path:
    book.save(path)
    return path


def test_a_merged_cell_gives_its_value_to_every_cell_it_covers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["tool", "owner", "seats"])
    sheet.append(["HubSpot", "Marketing Ops", 10])
    sheet.append(["Asana", None, 5])
    sheet.merge_cells("B2:B3")  # one owner for two tools
    table = read_table(save(book, tmp_path / "inventory.xlsx"), [{"tool"}])
    assert [cells[1] for _row, cells in table.rows] == ["Marketing Ops", "Marketing Ops"]


def test_a_formula_without_a_saved_value_is_named_with_its_cell(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Tools"
    sheet.append(["tool", "seats"])
    sheet.append(["HubSpot", 10])
    sheet.append(["Asana", "=B2/2"])  # openpyxl saves formulas without computing them
    path = save(book, tmp_path / "inventory.xlsx")
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert "cell B3 of sheet 'Tools' holds a formula without a saved value (=B2/2)" in str(caught.value)
    assert "open the file in Excel and save it" in str(caught.value)
    assert (caught.value.row, caught.value.column) == (3, "B")


def test_a_plan_workbook_may_have_title_rows_above_a_sections_header(tmp_path):
    book = Workbook()
    plan = book.active
    plan.title = "plan"
    for field, value in (("initiative", "Move to one MAP"), ("vision", "One platform"), ("sponsor", "Ana"),
                         ("start", "2027-01-04"), ("end", "2027-03-26")):
        plan.append([field, value])
    tasks = book.create_sheet("tasks")
    tasks.append(["Aurora Living: the tasks"])
    tasks.merge_cells("A1:D1")
    tasks.append([])
    tasks.append(["id", "name", "start", "duration_days", "R", "A"])
    tasks.append(["T1", "Migrate lists", "2027-01-04", 10, "Ana", "Ana"])
    loaded = load_plan(save(book, tmp_path / "plan.xlsx"))
    assert [task.id for task in loaded.tasks] == ["T1"]
    assert loaded.tasks[0].where == "tasks (row 4)"


@pytest.mark.parametrize("label", ["Total", "TOTAL", "Grand total:", "Sub-total", "Summe", "Totale", "Total général"])
def test_a_total_row_is_left_out_with_a_note_even_when_its_sum_has_no_saved_value(tmp_path, label):
    book = Workbook()
    sheet = book.active
    sheet.append(["tool", "seats"])
    sheet.append(["HubSpot", 10])
    sheet.append(["Asana", 5])
    sheet.append([label, "=SUM(B2:B3)"])
    table = read_table(save(book, tmp_path / "inventory.xlsx"), [{"tool"}, {"seats"}])
    assert [cells[0] for _row, cells in table.rows] == ["HubSpot", "Asana"]
    assert f"Left out row 4 ('{label.strip()}'): it looks like a total" in " ".join(table.notes)


def test_only_a_row_that_says_total_in_its_first_filled_cell_is_left_out(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text("tool,seats,cost\nTotal Expert,3,10\nTotally,4,20\n,Total,30\nSum,7,30\n", encoding="utf-8")
    table = read_table(path, [{"tool"}, {"seats"}])
    assert [cells[0] for _row, cells in table.rows] == ["Total Expert", "Totally"]
    assert table.notes == ("Left out rows 4, 5 ('Total'): they look like a total, and the totals here are worked out"
                           " from the other rows.",)
