"""Inventories as real exports look, and every way a bad one must be refused."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mopskit import InputError
from mopskit.stack import load_inventory, parse_fx

CORPUS = Path(__file__).parent / "data" / "stack" / "inventory"


def by_tool(inventory):
    return {tool.tool: tool for tool in inventory.tools}


def test_clean_csv_reads_every_field():
    inventory = load_inventory(CORPUS / "clean.csv")
    assert inventory.currency == "EUR"
    assert [tool.tool for tool in inventory.tools] == ["Slack", "Teams", "Canva", "HubSpot", "Hotjar"]
    hubspot = by_tool(inventory)["HubSpot"]
    assert hubspot.annual_cost == 24000.0
    assert hubspot.seats == 5
    assert hubspot.renewal_date == date(2027, 6, 30)
    assert hubspot.notice_days == 90
    assert hubspot.sso_app is None
    assert hubspot.usage_key == "hubspot"
    assert hubspot.integrations == ("Salesforce", "Slack")
    assert by_tool(inventory)["Teams"].usage_key == "microsoft teams"
    assert by_tool(inventory)["Hotjar"].department is None
    assert by_tool(inventory)["Canva"].billing == "monthly"


def test_italian_excel_export_semicolons_bom_decimal_commas_euro_signs():
    with pytest.raises(InputError, match="no currency on this row while row 2 says EUR") as error:
        load_inventory(CORPUS / "eu-semicolon-bom.csv")  # Semrush leaves its currency blank
    assert (error.value.row, error.value.column) == (4, "currency")
    inventory = load_inventory(CORPUS / "eu-semicolon-bom.csv", currency="EUR")
    assert "1 row with no currency (4) was counted in EUR, the currency given for blanks." in inventory.notes
    tools = by_tool(inventory)
    assert list(tools) == ["Salesforce", "Canva", "Semrush"]  # spaces trimmed, blank rows ignored
    assert tools["Salesforce"].annual_cost == 54000.0
    assert tools["Salesforce"].renewal_date == date(2026, 12, 31)
    assert tools["Canva"].annual_cost == pytest.approx(99.5 * 12)  # monthly_cost annualised
    assert tools["Canva"].owner == "Marco Rossi"
    assert tools["Semrush"].annual_cost == pytest.approx(1234.56)
    assert tools["Semrush"].department is None
    assert inventory.currency == "EUR"


def test_cp1252_tab_separated_monthly_costs():
    inventory = load_inventory(CORPUS / "cp1252-tab.tsv")
    tools = by_tool(inventory)
    assert tools["Mailchimp"].owner == "José Núñez"
    assert tools["Mailchimp"].annual_cost == 12000.0
    assert tools["Hotjar"].annual_cost == 960.0
    assert tools["Hotjar"].notice_days == 0


def test_us_export_dollars_and_quoted_commas():
    inventory = load_inventory(CORPUS / "us-dollars.csv")
    tools = by_tool(inventory)
    assert inventory.currency == "USD"
    assert tools["HubSpot Marketing Hub"].annual_cost == 43200.0
    assert tools["HubSpot Marketing Hub"].owner == "Smith, Jo"
    assert tools["Zoom Webinars"].annual_cost == pytest.approx(1234.56)


def _workbook(path: Path, first_sheet_rows, second_sheet_rows=None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    for row in first_sheet_rows:
        sheet.append(row)
    if second_sheet_rows is not None:
        second = workbook.create_sheet("Inventory")
        for row in second_sheet_rows:
            second.append(row)
    workbook.save(path)
    return path


XLSX_HEADER = ["Tool", "Vendor", "Category", "Owner", "Annual Cost", "Seats", "Renewal Date", "Notice Days"]


def test_xlsx_first_sheet_with_real_numbers_and_dates(tmp_path):
    path = _workbook(
        tmp_path / "stack.xlsx",
        [XLSX_HEADER, ["Slack", "Salesforce", "Collaboration", "Ana", 12000.5, 10, date(2027, 3, 1), 30], [None] * 8],
    )
    (tool,) = load_inventory(path).tools
    assert (tool.annual_cost, tool.seats, tool.renewal_date, tool.notice_days) == (12000.5, 10, date(2027, 3, 1), 30)


def test_xlsx_second_sheet_by_name_and_row_numbers_as_excel_shows(tmp_path):
    rows = [XLSX_HEADER, ["Slack", "Salesforce", "Collaboration", "Ana", 100, 10, "01/03/2027", 30]]
    path = _workbook(tmp_path / "stack.xlsx", [["just notes"]], rows)
    assert load_inventory(path, sheet="Inventory", dates="dmy").tools[0].renewal_date == date(2027, 3, 1)
    with pytest.raises(InputError, match="no sheet 'Missing'"):
        load_inventory(path, sheet="Missing")
    bad = _workbook(
        tmp_path / "bad.xlsx",
        [XLSX_HEADER, rows[1], ["Teams", "Microsoft", "Collaboration", "Ion", 100, 2.5, "01/03/2027", 30]],
    )
    with pytest.raises(InputError) as error:
        load_inventory(bad, dates="dmy")
    assert (error.value.row, error.value.column) == (3, "seats")


@pytest.mark.parametrize(
    ("name", "row", "column", "words"),
    [
        ("missing-column.csv", 1, "seats", "missing required column seats"),
        ("bad-cost.csv", 3, "annual_cost", "not a number: 'twelve hundred'"),
        ("negative-cost.csv", 3, "annual_cost", "cannot be negative"),
        ("seats-zero.csv", 3, "seats", "positive whole number, got '0'"),
        ("seats-fraction.csv", 3, "seats", "positive whole number, got '2.5'"),
        ("seats-text.csv", 3, "seats", "positive whole number, got 'four'"),
        ("impossible-date.csv", 3, "renewal_date", "not a real date"),
        ("notice-negative.csv", 3, "notice_days", "whole number of days"),
        ("empty-owner.csv", 3, "owner", "owner is empty"),
        ("duplicate-tool.csv", 4, "tool", "already on row 2"),
        ("mixed-currencies.csv", 3, "currency", "mixes currencies (EUR, USD)"),
        ("empty.csv", None, None, "the file is empty"),
        ("blank-lines.csv", None, None, "the file is empty"),
        ("header-only.csv", None, None, "no tools"),
        ("not-a-table.csv", None, None, "not a table"),
        ("prose.txt", 1, None, "not a table"),
    ],
)
def test_bad_inventories_name_file_row_and_column(name, row, column, words):
    with pytest.raises(InputError) as error:
        load_inventory(CORPUS / name)
    assert error.value.file == str(CORPUS / name)
    assert (error.value.row, error.value.column) == (row, column)
    assert words in str(error.value)


def test_missing_file_and_garbage_xlsx(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_inventory(tmp_path / "nope.csv")
    fake = tmp_path / "stack.xlsx"
    shutil.copy(CORPUS / "prose.txt", fake)
    with pytest.raises(InputError, match="not a readable XLSX"):
        load_inventory(fake)


def test_mixed_currencies_convert_with_rates():
    inventory = load_inventory(CORPUS / "mixed-currencies.csv", fx="EUR=1,USD=0.92")
    assert inventory.currency == "EUR"
    assert by_tool(inventory)["Zoom"].annual_cost == pytest.approx(920.0)
    assert by_tool(inventory)["Zoom"].currency == "USD"
    from_file = load_inventory(CORPUS / "mixed-currencies.csv", fx=CORPUS.parent / "fx.csv")
    assert by_tool(from_file)["Zoom"].annual_cost == pytest.approx(920.0)
    with pytest.raises(InputError, match="no exchange rate for USD") as error:
        load_inventory(CORPUS / "mixed-currencies.csv", fx={"EUR": 1.0})
    assert (error.value.row, error.value.column) == (3, "currency")


def test_report_currency_must_match_without_rates():
    with pytest.raises(InputError, match="in EUR, not USD"):
        load_inventory(CORPUS / "clean.csv", currency="USD")
    assert load_inventory(CORPUS / "clean.csv", currency="eur").currency == "EUR"


def test_parse_fx_forms_and_errors(tmp_path):
    assert parse_fx("EUR=1,USD=0.92") == {"EUR": 1.0, "USD": 0.92}
    assert parse_fx("EUR=1; usd=0,92") == {"EUR": 1.0, "USD": 0.92}
    assert parse_fx(CORPUS.parent / "fx.csv") == {"EUR": 1.0, "USD": 0.92}
    with pytest.raises(InputError, match="positive number"):
        parse_fx("EUR=1,USD=-3")
    with pytest.raises(InputError, match="three-letter code"):
        parse_fx("EURO=1")
    bad = tmp_path / "fx.csv"
    bad.write_text("currency,rate\nEUR,1\nUSD,abc\n")
    with pytest.raises(InputError) as error:
        parse_fx(bad)
    assert (error.value.row, error.value.column) == (3, "rate")


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("1.234,56", 1234.56), ("1,234.56", 1234.56), ("€ 1.234", 1234.0), ("$99.5", 99.5), ("1 234", 1234.0),
     ("99,5", 99.5), ("12,000", 12000.0), ("1.000.000", 1_000_000.0), ("EUR 1.234,00", 1234.0)],
)
def test_amounts_in_every_local_form(tmp_path, cell, amount):
    path = tmp_path / "inventory.csv"
    path.write_text(
        "tool;vendor;category;owner;annual_cost;seats;renewal_date;notice_days\n"
        f"Canva;Canva;Content;Ana;{cell};4;2027-01-15;30\n",
        encoding="utf-8",
    )
    assert load_inventory(path).tools[0].annual_cost == pytest.approx(amount)


@pytest.mark.parametrize("cell", ["1.2.3", "1e5", "12 EUR USD", "1,23,4"])
def test_ambiguous_or_garbled_amounts_are_refused(tmp_path, cell):
    path = tmp_path / "inventory.csv"
    path.write_text(
        "tool;vendor;category;owner;annual_cost;seats;renewal_date;notice_days\n"
        f"Canva;Canva;Content;Ana;{cell};4;2027-01-15;30\n"
    )
    with pytest.raises(InputError) as error:
        load_inventory(path)
    assert (error.value.row, error.value.column) == (2, "annual_cost")


def test_to_frame_has_one_row_per_contract():
    frame = load_inventory(CORPUS / "clean.csv").to_frame()
    assert list(frame["tool"]) == ["Slack", "Teams", "Canva", "HubSpot", "Hotjar"]
    assert frame.loc[3, "integrations"] == "Salesforce, Slack"
