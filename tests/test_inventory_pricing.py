"""The pricing model decides whether unused seats are waste, so every spelling must land on one of three."""

from __future__ import annotations

import pytest

from mopskit import InputError
from mopskit.stack import ToolContract, load_inventory
from mopskit.stack.inventory import PRICING_MODELS

HEADER = "tool,vendor,category,owner,annual_cost,currency,seats,renewal_date,notice_days,pricing\n"


def pricing_of(tmp_path, cell: str) -> str:
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + f"Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30,{cell}\n", encoding="utf-8")
    return load_inventory(path).tools[0].pricing


@pytest.mark.parametrize(
    ("cell", "model"),
    [
        ("per-seat", "per-seat"), ("Per Seat", "per-seat"), ("seat", "per-seat"), ("per-user", "per-seat"),
        ("Licence", "per-seat"), ("license", "per-seat"), ("", "per-seat"),
        ("flat", "flat"), ("Flat fee", "flat"), ("PLATFORM", "flat"), ("fixed", "flat"), ("platform_fee", "flat"),
        ("usage", "usage"), ("Usage-based", "usage"), ("consumption", "usage"), ("metered", "usage"),
    ],
)
def test_spellings_of_each_model(tmp_path, cell, model):
    assert pricing_of(tmp_path, cell) == model


@pytest.mark.parametrize("cell", ["subscription", "per contact maybe", "free"])
def test_anything_else_is_refused_with_the_accepted_values(tmp_path, cell):
    with pytest.raises(InputError) as error:
        pricing_of(tmp_path, cell)
    assert (error.value.row, error.value.column) == (2, "pricing")
    assert "pricing must be per-seat (priced by seats or users), flat (a platform fee) or usage" in str(error.value)
    assert f"got '{cell}'" in str(error.value)


def test_without_the_column_every_tool_is_per_seat_and_the_frame_shows_it(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER.replace(",pricing", "") + "Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30\n")
    loaded = load_inventory(path)
    assert loaded.tools[0].pricing == "per-seat"
    frame = loaded.to_frame()
    assert list(frame.columns).index("pricing") == list(frame.columns).index("billing") + 1
    assert frame.loc[0, "pricing"] == "per-seat"
    assert PRICING_MODELS == ("per-seat", "flat", "usage")


def test_a_contract_built_by_keywords_without_pricing_is_per_seat():
    from datetime import date

    contract = ToolContract(
        tool="Slack", vendor="Salesforce", category="Collab", owner="Ana", department=None, annual_cost=1.0,
        seats=1, renewal_date=date(2027, 1, 1), notice_days=0, currency="EUR", billing=None, sso_app=None,
        integrations=(),
    )
    assert contract.pricing == "per-seat"
