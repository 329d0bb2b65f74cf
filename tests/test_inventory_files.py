"""Files as people really save them: each unreadable one gets a message a marketer can act on."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pytest

from mopskit import InputError
from mopskit.stack import load_inventory

CORPUS = __import__("pathlib").Path(__file__).parent / "data" / "stack" / "inventory"
HEADER = ["tool", "vendor", "category", "owner", "annual_cost", "currency", "seats", "renewal_date", "notice_days"]
ROWS = [
    ["José's CRM", "Salesforce", "CRM", "José Núñez", "1200", "EUR", "2", "2027-01-15", "30"],
    ["Canva", "Canva", "Content", "Ana", "100", "EUR", "4", "2027-02-01", "60"],
]
JARGON = ("BadZipFile", "zipfile", "InvalidFileException", "openpyxl", "codec", "Traceback", "utf-8'")


def refused(path, **options) -> InputError:
    with pytest.raises(InputError) as error:
        load_inventory(path, **options)
    message = str(error.value)
    assert error.value.file == str(path)
    assert not any(word in message for word in JARGON), message
    return error.value


def workbook(path, *sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_password_protected_workbook():
    error = refused(CORPUS / "password-protected.xlsx")
    assert error.reason == (
        "the workbook is password-protected: open it in Excel, remove the password"
        " (File > Info > Protect Workbook) and save a copy"
    )


def test_an_old_xls_workbook():
    error = refused(CORPUS / "old-excel.xls")
    assert error.reason == "this is an old Excel workbook (.xls): open it in Excel and save it as .xlsx or CSV"


def test_a_csv_renamed_xlsx_is_read_as_csv_and_said_so(tmp_path):
    path = tmp_path / "stack.xlsx"
    path.write_text("\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    loaded = load_inventory(path)
    assert [tool.tool for tool in loaded.tools] == ["José's CRM", "Canva"]
    assert "stack.xlsx is CSV text under an Excel name; it was read as CSV." in loaded.notes


def test_a_damaged_workbook(tmp_path):
    path = tmp_path / "stack.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "the workbook is damaged or is not really an Excel file" in refused(path).reason


def test_an_opendocument_spreadsheet(tmp_path):
    path = tmp_path / "stack.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "OpenDocument spreadsheet (.ods): save it as .xlsx or CSV" in refused(path).reason


def test_an_empty_first_sheet_names_the_sheets_with_data(tmp_path):
    path = workbook(tmp_path / "stack.xlsx", ("Cover", []), ("Notes", [["read me"]]), ("Tools", [HEADER, *ROWS]))
    error = refused(path)
    assert error.reason == (
        "the first sheet 'Cover' is empty; the sheets with data are 'Notes', 'Tools':"
        " choose one with --sheet \"Tools\" (sheet='Tools')"
    )
    assert len(load_inventory(path, sheet="Tools")) == 2
    assert len(load_inventory(path, sheet="TOOLS")) == 2  # a sheet name in other capitals still finds it
    assert "no sheet 'Missing' (its sheets: 'Cover', 'Notes', 'Tools')" in refused(path, sheet="Missing").reason
    assert "no sheet number 7" in refused(path, sheet=7).reason


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(tmp_path):
    rows = [["Martech inventory 2026"], ["Exported by Ana", None, "31/10/2026"], [], HEADER, *ROWS,
            ["Zoom", "Zoom", "Collab", "Ana", "100", "EUR", "four", "2027-01-15", "30"]]
    path = workbook(tmp_path / "stack.xlsx", ("Inventory", rows))
    error = refused(path)
    assert (error.row, error.column) == (7, "seats")
    del rows[-1]
    path = workbook(tmp_path / "stack.xlsx", ("Inventory", rows))
    loaded = load_inventory(path)
    assert [tool.row for tool in loaded.tools] == [5, 6]
    assert "The header is on row 4; the 2 rows above it (rows 1–2) were skipped." in loaded.notes


def test_title_rows_in_a_csv_with_semicolons(tmp_path):
    path = tmp_path / "inventory.csv"
    lines = ["Inventario martech", "aggiornato al 31/10/2026;;", ";".join(HEADER), *(";".join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_inventory(path)
    assert [tool.row for tool in loaded.tools] == [4, 5]
    assert loaded.tools[0].renewal_date == date(2027, 1, 15)


def test_a_missing_column_under_title_rows_names_the_header_row(tmp_path):
    path = tmp_path / "inventory.csv"
    header = [name for name in HEADER if name != "seats"]
    path.write_text("Inventory\n\n" + ",".join(header) + "\n" + "Canva,Canva,Content,Ana,100,EUR,2027-01-15,30\n")
    error = refused(path)
    assert (error.row, error.column) == (3, "seats")
    assert "missing required column seats" in error.reason


def test_excel_unicode_text_utf16_tab_separated_is_read(tmp_path):
    path = tmp_path / "inventory.txt"
    text = "\r\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\r\n"
    path.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Excel writes it
    loaded = load_inventory(path)
    assert loaded.tools[0].owner == "José Núñez"
    assert loaded.tools[1].seats == 4


def test_a_whole_cp1252_file_is_read_as_cp1252_and_said_so(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_bytes(("\n".join(";".join(row) for row in [HEADER, *ROWS]) + "\n").encode("cp1252"))
    loaded = load_inventory(path)
    assert loaded.tools[0].owner == "José Núñez"
    assert "The file is not UTF-8; it was read as Windows Western (cp1252) text." in loaded.notes


def test_utf8_with_stray_cp1252_bytes_is_refused_at_the_first_bad_cell(tmp_path):
    path = tmp_path / "inventory.csv"
    good = "\n".join(";".join(row) for row in [HEADER, ROWS[0]]).encode("utf-8")
    bad = ";".join(["Canva", "Canva", "Content", "René", "100", "EUR", "4", "2027-02-01", "60"]).encode("cp1252")
    path.write_bytes(good + b"\n" + bad + b"\n")
    error = refused(path)
    assert (error.row, error.column) == (3, "owner")
    assert error.reason == (
        "the file mixes two text encodings: 'Ren?' is not UTF-8 while other rows are;"
        " in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)' and try again"
    )


def test_hidden_rows_are_read_and_counted(tmp_path):
    path = workbook(tmp_path / "stack.xlsx", ("Inventory", [HEADER, *ROWS, ["Zoom", "Zoom", "Collab", "Ana", "100", "EUR", "3", "2027-01-15", "30"]]))
    book = openpyxl.load_workbook(path)
    book.active.row_dimensions[2].hidden = True
    book.active.row_dimensions[4].hidden = True
    book.save(path)
    loaded = load_inventory(path)
    assert len(loaded) == 3
    assert "2 hidden rows (2, 4) were read like the others." in loaded.notes


def test_sheet_only_applies_to_workbooks(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(ROWS[1]) + "\n")
    assert "only in an XLSX workbook" in refused(path, sheet="Tools").reason
