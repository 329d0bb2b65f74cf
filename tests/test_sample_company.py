"""The sample company: reproducible to the byte, small, and shaped to teach an audit."""

from __future__ import annotations

import csv
import gzip
import json
import runpy
from datetime import date
from pathlib import Path

import pytest

from mopskit.content import knowledge

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "mopskit" / "data" / "sample-company"
GENERATOR = ROOT / "scripts" / "make_sample_company.py"
INVENTORY = SAMPLE / "inventory.csv"
LOG = SAMPLE / "okta-system-log.jsonl.gz"


@pytest.fixture(scope="module")
def inventory() -> list[dict[str, str]]:
    with INVENTORY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def events() -> list[dict]:
    with gzip.open(LOG, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _successful_sso(events: list[dict]) -> list[dict]:
    return [
        e for e in events
        if e["eventType"] == "user.authentication.sso" and e["outcome"]["result"] == "SUCCESS"
    ]


def _app(event: dict) -> str:
    return next(t["displayName"] for t in event["target"] if t["type"] == "AppInstance")


def test_regenerating_gives_byte_identical_files(tmp_path):
    generator = runpy.run_path(str(GENERATOR))
    written = generator["generate"](tmp_path)
    assert sorted(path.name for path in written) == sorted([INVENTORY.name, LOG.name])
    for path in written:
        assert path.read_bytes() == (SAMPLE / path.name).read_bytes(), path.name


def test_shipped_data_stays_small():
    total = sum(path.stat().st_size for path in SAMPLE.iterdir())
    assert total < 1_000_000


def test_inventory_has_about_25_tools_in_taxonomy_subcategories(inventory):
    assert 20 <= len(inventory) <= 30
    subcategories = set(knowledge.taxonomy().subcategories)
    assert {row["category"] for row in inventory} <= subcategories
    assert {row["currency"] for row in inventory} == {"EUR"}
    assert len({(row["tool"], row["department"]) for row in inventory}) == len(inventory)
    for row in inventory:
        assert float(row["annual_cost"]) > 0 and int(row["seats"]) > 0, row["tool"]
        date.fromisoformat(row["renewal_date"])


def test_inventory_has_overlapping_categories(inventory):
    tools_by_category: dict[str, list[str]] = {}
    for row in inventory:
        tools_by_category.setdefault(row["category"], []).append(row["tool"])
    overlapping = {c: sorted(t) for c, t in tools_by_category.items() if len(t) >= 2}
    assert overlapping["Email marketing"] == ["Brevo", "Mailchimp"]
    assert overlapping["Projects & workflow"] == ["Adobe Workfront", "Asana"]


def test_log_covers_about_150_people_and_ends_on_the_audit_date(events):
    assert len({e["actor"]["alternateId"] for e in events}) == 150
    published = [e["published"] for e in events]
    assert published == sorted(published)
    assert published[0].startswith("2026-08-")
    assert published[-1].startswith("2026-10-31")


def test_log_holds_failures_and_other_event_types_that_must_not_count(events):
    assert any(e["outcome"]["result"] == "FAILURE" for e in events)
    assert any(e["eventType"] != "user.authentication.sso" for e in events)


def test_log_has_apps_missing_from_the_inventory(inventory, events):
    known = {row["sso_app"].casefold() for row in inventory if row["sso_app"]}
    known |= {row["tool"].casefold() for row in inventory}
    seen = {_app(e) for e in _successful_sso(events)}
    assert sorted(app for app in seen if app.casefold() not in known) == ["Calendly", "Notion"]


def test_one_tool_has_no_sign_in_data_at_all(inventory, events):
    seen = {_app(e).casefold() for e in events if e["target"]}
    silent = [
        row["tool"] for row in inventory
        if row["tool"].casefold() not in seen and row["sso_app"].casefold() not in seen
    ]
    assert silent == ["Intercom"]


def test_unused_tool_has_only_old_successes_and_recent_failures(events):
    uberflip = [e for e in events if e["target"] and _app(e) == "Uberflip"]
    recent = [e for e in uberflip if e["published"] >= "2026-09-01"]
    assert recent and all(e["outcome"]["result"] == "FAILURE" for e in recent)
    assert any(e["outcome"]["result"] == "SUCCESS" for e in uberflip)
