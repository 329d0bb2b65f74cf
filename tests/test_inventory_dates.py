"""Renewal dates from Italian and US spreadsheets: the column decides the order, or the reader refuses."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from mopskit import InputError
from mopskit.stack import load_inventory
from mopskit.io.tables import read_date

HEADER = "tool,vendor,category,owner,annual_cost,currency,seats,renewal_date,notice_days\n"


def inventory(tmp_path, *dates: str):
    path = tmp_path / "inventory.csv"
    rows = "".join(f"Tool{number},Vendor,CRM,Ana,100,EUR,2,{written},30\n" for number, written in enumerate(dates))
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def renewals(path, **options):
    return [tool.renewal_date for tool in load_inventory(path, **options).tools]


def test_a_day_above_twelve_makes_the_column_day_first(tmp_path):
    loaded = load_inventory(inventory(tmp_path, "03/04/2027", "25/12/2026"))
    assert [tool.renewal_date for tool in loaded.tools] == [date(2027, 4, 3), date(2026, 12, 25)]
    assert "Dates in renewal_date were read day first (DD/MM/YYYY), as row 3 ('25/12/2026') shows." in loaded.notes


def test_a_second_number_above_twelve_makes_the_column_month_first(tmp_path):
    loaded = load_inventory(inventory(tmp_path, "03/04/2027", "12/25/2026"))
    assert [tool.renewal_date for tool in loaded.tools] == [date(2027, 3, 4), date(2026, 12, 25)]
    assert any("read month first (MM/DD/YYYY), as row 3" in note for note in loaded.notes)


def test_dots_and_dashes_count_as_slashes(tmp_path):
    assert renewals(inventory(tmp_path, "03.04.2027", "25-12-2026")) == [date(2027, 4, 3), date(2026, 12, 25)]


def test_a_column_of_only_ambiguous_dates_is_refused_with_the_way_out(tmp_path):
    path = inventory(tmp_path, "2027-01-01", "03/04/2027", "05/06/2027")
    with pytest.raises(InputError) as error:
        load_inventory(path)
    assert error.value.file == str(path)
    assert (error.value.row, error.value.column) == (3, "renewal_date")
    message = str(error.value)
    assert "'03/04/2027' could be 3 April or March 4" in message
    assert "year-month-day (2027-04-03)" in message
    assert "--dates dmy (day first) or --dates mdy (month first)" in message


@pytest.mark.parametrize(("order", "expected"), [("dmy", date(2027, 4, 3)), ("mdy", date(2027, 3, 4)), ("MDY", date(2027, 3, 4))])
def test_the_caller_can_say_the_order(tmp_path, order, expected):
    assert renewals(inventory(tmp_path, "03/04/2027"), dates=order) == [expected]


def test_a_said_order_overrides_the_values_and_refuses_what_cannot_be_in_it(tmp_path):
    with pytest.raises(InputError, match="not a real date: '25/12/2026' read as month/day/year") as error:
        load_inventory(inventory(tmp_path, "03/04/2027", "25/12/2026"), dates="mdy")
    assert (error.value.row, error.value.column) == (3, "renewal_date")


def test_an_unknown_order_is_refused(tmp_path):
    with pytest.raises(InputError, match="dates must be 'dmy'"):
        load_inventory(inventory(tmp_path, "2027-04-03"), dates="ymd")


def test_both_orders_in_one_column_name_both_rows(tmp_path):
    with pytest.raises(InputError) as error:
        load_inventory(inventory(tmp_path, "2027-01-01", "25/12/2026", "01/02/2027", "12/25/2026"))
    assert (error.value.row, error.value.column) == (5, "renewal_date")
    assert "row 3 has '25/12/2026' (day first) and row 5 has '12/25/2026' (month first)" in str(error.value)


def test_equal_day_and_month_and_iso_dates_need_no_order(tmp_path):
    loaded = load_inventory(inventory(tmp_path, "05/05/2027", "2027-04-03", "2027/12/01"))
    assert [tool.renewal_date for tool in loaded.tools] == [date(2027, 5, 5), date(2027, 4, 3), date(2027, 12, 1)]
    assert not any("Dates in" in note for note in loaded.notes)


@pytest.mark.parametrize("serial", ["46387", "46387.0", "46387.75"])
def test_excel_date_numbers_in_text_are_dates(tmp_path, serial):
    assert renewals(inventory(tmp_path, serial)) == [date(2026, 12, 31)]


def test_excel_date_numbers_follow_the_1900_leap_year_bug():
    # Excel counts a 29 February 1900 that never was: 61 is 1 March 1900, 59 is 28 February.
    from mopskit.io import tables as dates

    assert dates.EARLIEST_YEAR > 1900
    with pytest.raises(ValueError, match=r"1900-03-01\) is before 1990"):
        read_date(61, None)
    with pytest.raises(ValueError, match=r"1900-02-28\) is before 1990"):
        read_date(59, None)
    assert read_date(46387, None) == date(2026, 12, 31)


def test_two_digit_years_are_refused(tmp_path):
    with pytest.raises(InputError, match="'03/04/27' has a two-digit year, which could be 1927 or 2027") as error:
        load_inventory(inventory(tmp_path, "25/12/2026", "03/04/27"))
    assert (error.value.row, error.value.column) == (3, "renewal_date")


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("1899-12-31", "'1899-12-31' is before 1990, the earliest year accepted"),
        ("01/01/2150", "'01/01/2150' is after 2100, the latest year accepted"),
        ("2027", "'2027' (an Excel date number, 1905-07-19) is before 1990"),
        ("99999999", "is not a date: '99999999'"),
        ("next spring", "is not a date: 'next spring'"),
        ("", "renewal_date is empty"),
    ],
)
def test_dates_out_of_range_or_unreadable_are_refused(tmp_path, written, words):
    with pytest.raises(InputError) as error:
        load_inventory(inventory(tmp_path, "2027-01-01", written))
    assert (error.value.row, error.value.column) == (3, "renewal_date")
    assert words in str(error.value)


def test_xlsx_date_cells_and_number_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["tool", "vendor", "category", "owner", "annual_cost", "seats", "renewal_date", "notice_days"])
    sheet.append(["Slack", "Salesforce", "Collaboration", "Ana", 100, 2, datetime(2027, 4, 3), 30])
    sheet.append(["Teams", "Microsoft", "Collaboration", "Ana", 100, 2, 46387, 30])
    sheet.append(["Zoom", "Zoom", "Collaboration", "Ana", 100, 2, 46387.0, 30])
    sheet.append(["Miro", "Miro", "Collaboration", "Ana", 100, 2, date(1850, 1, 1), 30])
    path = tmp_path / "stack.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match="'1850-01-01' is before 1990") as error:
        load_inventory(path)
    assert (error.value.row, error.value.column) == (5, "renewal_date")
    sheet.delete_rows(5)
    workbook.save(path)
    assert renewals(path) == [date(2027, 4, 3), date(2026, 12, 31), date(2026, 12, 31)]
