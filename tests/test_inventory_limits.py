"""Numbers too big to be true are refused by name, with the limit, never read as inf or a crash."""

from __future__ import annotations

import pytest

from mopskit import InputError
from mopskit.stack import load_inventory
from mopskit.stack.inventory import MAX_ANNUAL_COST, MAX_NOTICE_DAYS, MAX_SEATS

HEADER = "tool;vendor;category;owner;{cost};currency;seats;renewal_date;notice_days\n"
GOOD = {"annual_cost": "100", "seats": "2", "renewal_date": "2027-01-15", "notice_days": "30"}


def load_with(tmp_path, column: str, cell: str):
    values = {**GOOD, column: cell}
    cost = "monthly_cost" if column == "monthly_cost" else "annual_cost"
    amount = values.get("monthly_cost", values["annual_cost"])
    path = tmp_path / "inventory.csv"
    path.write_text(
        HEADER.format(cost=cost)
        + "Canva;Canva;Content;Ana;100;EUR;2;2027-01-15;30\n"
        + f"Slack;Salesforce;Collab;Ana;{amount};EUR;{values['seats']};{values['renewal_date']};{values['notice_days']}\n",
        encoding="utf-8",
    )
    return load_inventory(path)


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [
        ("notice_days", "99999999", "notice_days '99999999' is more than 3,650 days, the most accepted"),
        ("notice_days", "99.999.999", "notice_days '99.999.999' is more than 3,650 days"),
        ("seats", "10000001", "seats '10000001' is more than 10,000,000, the most accepted"),
        ("seats", "9" * 400, "is more than 10,000,000"),
        ("annual_cost", "9" * 400, "more than 1,000,000,000,000, the most one tool can cost a year"),
        ("annual_cost", "1" + "0" * 13, "more than 1,000,000,000,000"),
        ("monthly_cost", "100000000000", "more than 83,333,333,333, the most one tool can cost a month"),
        ("renewal_date", "31/12/9999", "is after 2100, the latest year accepted"),
        ("renewal_date", "01/01/1970", "is before 1990, the earliest year accepted"),
    ],
)
def test_extreme_values_are_refused_with_their_limit(tmp_path, column, cell, words):
    with pytest.raises(InputError) as error:
        load_with(tmp_path, column, cell)
    assert (error.value.row, error.value.column) == (3, column)
    assert words in str(error.value)
    assert "inf" not in str(error.value)
    assert len(str(error.value)) < 400  # a 400-digit cell is quoted cut short


def test_values_at_the_limits_are_read(tmp_path):
    assert load_with(tmp_path, "notice_days", str(MAX_NOTICE_DAYS)).tools[1].notice_days == MAX_NOTICE_DAYS
    assert load_with(tmp_path, "seats", str(MAX_SEATS)).tools[1].seats == MAX_SEATS
    assert load_with(tmp_path, "annual_cost", str(MAX_ANNUAL_COST)).tools[1].annual_cost == MAX_ANNUAL_COST
    assert load_with(tmp_path, "renewal_date", "2100-12-31").tools[1].renewal_date.year == 2100


def test_an_exchange_rate_that_overflows_is_refused(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(
        "tool,vendor,category,owner,annual_cost,currency,seats,renewal_date,notice_days\n"
        "Slack,Salesforce,Collab,Ana,100,USD,2,2027-01-15,30\n"
    )
    with pytest.raises(InputError, match="exchange rate must be a positive number"):
        load_inventory(path, fx=f"EUR=1;USD={'9' * 400}")
