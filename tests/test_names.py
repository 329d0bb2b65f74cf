"""One folding for every name the kit compares, whatever invisible form a spreadsheet gave it."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from mopskit import InputError
from mopskit.stack import Usage, load_inventory
from mopskit.stack.names import fold, tidy

NFC_CAFE = unicodedata.normalize("NFC", "Café")
NFD_CAFE = unicodedata.normalize("NFD", "Café")
HEADER = "tool,vendor,category,owner,department,annual_cost,currency,seats,renewal_date,notice_days\n"


def test_composed_and_combining_accents_fold_alike():
    assert NFC_CAFE != NFD_CAFE
    assert fold(NFC_CAFE) == fold(NFD_CAFE) == "café"


def test_full_width_letters_fold_to_plain_ones():
    assert fold("ＨｕｂＳｐｏｔ") == fold("HubSpot ") == "hubspot"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_characters_are_dropped(invisible):
    assert fold(f"Hub{invisible}Spot") == "hubspot"
    assert tidy(f"{invisible}Hub{invisible}Spot  ") == "HubSpot"


def test_case_and_spaces_still_fold():
    assert fold("  HUBSPOT   Marketing\tHub ") == "hubspot marketing hub"
    assert fold("STRASSE") == fold("Straße")


def test_tidy_keeps_the_spelling_but_composes_accents():
    assert tidy(NFD_CAFE) == NFC_CAFE
    assert tidy("ＨｕｂＳｐｏｔ") == "ＨｕｂＳｐｏｔ"  # shown as written; only compared folded
    assert tidy("Hub  Spot ") == "Hub Spot"


@pytest.mark.parametrize("second", [NFD_CAFE, "Caf\u200bé", "ＣＡＦÉ"])
def test_the_same_tool_spelled_invisibly_differently_is_a_duplicate(tmp_path, second):
    path = tmp_path / "inventory.csv"
    path.write_text(
        HEADER
        + f"{NFC_CAFE},Café Inc,Collaboration,Ana,Marketing,100,EUR,2,2027-01-15,30\n"
        + f"{second},Café Inc,Collaboration,Ana,Marketing,100,EUR,2,2027-01-15,30\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="duplicate tool") as error:
        load_inventory(path)
    assert (error.value.row, error.value.column) == (3, "tool")


def test_inventory_names_are_shown_tidied(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + f"\u200b{NFD_CAFE}\u200b,Café Inc,Collaboration,Ana,Marketing,100,EUR,2,2027-01-15,30\n")
    (tool,) = load_inventory(path).tools
    assert tool.tool == NFC_CAFE
    assert tool.usage_key == "café"


def test_log_app_names_match_the_inventory_after_folding(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + "HubSpot,HubSpot,CRM,Ana,Marketing,100,EUR,2,2027-01-15,30\n")
    (tool,) = load_inventory(path).tools
    as_of = date(2026, 10, 31)
    usage = Usage.from_records(
        [("ＨｕｂＳｐｏｔ", "ana@example.org", date(2026, 10, 30)), ("Hub\u200bspot", "ion@example.org", date(2026, 10, 29))],
        as_of=as_of,
    )
    (app,) = list(usage.apps())
    assert app.app_key == tool.usage_key == "hubspot"
    assert len(app.users) == 2
