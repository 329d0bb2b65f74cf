"""A blank currency is never guessed from its neighbours; an inventory without one says so."""

from __future__ import annotations

import pytest

from mopskit import InputError
from mopskit.stack import load_inventory
from mopskit.stack import inventory as inventory_module

HEADER = "tool,vendor,category,owner,annual_cost,currency,seats,renewal_date,notice_days\n"


def write(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "inventory.csv"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_a_blank_currency_beside_named_ones_is_refused(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30", "Zoom,Zoom,Collab,Ana,100,,2,2027-01-15,30")
    with pytest.raises(InputError) as error:
        load_inventory(path)
    assert (error.value.file, error.value.row, error.value.column) == (str(path), 3, "currency")
    assert "no currency on this row while row 2 says EUR" in str(error.value)
    assert "--currency EUR" in str(error.value)


def test_currency_says_what_a_blank_means_and_a_note_says_it_was_used(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30", "Zoom,Zoom,Collab,Ana,100,,2,2027-01-15,30")
    loaded = load_inventory(path, currency="EUR")
    assert loaded.currency == "EUR"
    assert [tool.currency for tool in loaded.tools] == ["EUR", "EUR"]
    assert loaded.notes == ("1 row with no currency (3) was counted in EUR, the currency given for blanks.",)


def test_a_sign_in_the_amount_names_a_currency_too(tmp_path):
    header = "tool,vendor,category,owner,annual_cost,seats,renewal_date,notice_days\n"
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,€ 100,2,2027-01-15,30", "Zoom,Zoom,Collab,Ana,100,2,2027-01-15,30", header=header)
    with pytest.raises(InputError, match="while row 2 says EUR") as error:
        load_inventory(path)
    assert (error.value.row, error.value.column) == (3, "annual_cost")


def test_no_currency_anywhere_is_reported_without_one(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,,2,2027-01-15,30")
    loaded = load_inventory(path)
    assert loaded.currency is None
    assert loaded.tools[0].currency is None
    assert "XXX" not in repr(loaded)
    assert inventory_module.NO_CURRENCY == "XXX"  # still importable for older code; never produced


def test_currency_names_the_currency_of_an_inventory_that_names_none(tmp_path):
    loaded = load_inventory(write(tmp_path, "Slack,Salesforce,Collab,Ana,100,,2,2027-01-15,30"), currency="usd")
    assert (loaded.currency, loaded.tools[0].currency) == ("USD", "USD")


def test_with_rates_blanks_are_converted_from_the_given_currency(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30", "Zoom,Zoom,Collab,Ana,100,,2,2027-01-15,30")
    loaded = load_inventory(path, fx="EUR=1,USD=0.5", currency="USD")
    assert loaded.currency == "EUR"  # the currency whose rate is 1
    assert [tool.annual_cost for tool in loaded.tools] == [100.0, 50.0]
    with pytest.raises(InputError, match="no currency on this row") as error:
        load_inventory(path, fx="EUR=1,USD=0.5")
    assert (error.value.row, error.value.column) == (3, "currency")


def test_with_rates_and_no_rate_of_one_the_given_currency_is_the_report_currency(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,USD,2,2027-01-15,30", "Zoom,Zoom,Collab,Ana,100,,2,2027-01-15,30")
    loaded = load_inventory(path, fx={"USD": 0.9}, currency="EUR")
    assert loaded.currency == "EUR"
    assert [tool.annual_cost for tool in loaded.tools] == [pytest.approx(90.0), 100.0]


def test_a_given_currency_other_than_the_named_one_needs_rates(tmp_path):
    path = write(tmp_path, "Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30")
    with pytest.raises(InputError, match="in EUR, not USD"):
        load_inventory(path, currency="USD")
