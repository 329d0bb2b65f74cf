"""Generate the sample company that lesson 04 and the stack-audit template audit.

Aurora Living is a fictional home-goods retailer with about 150 people and a martech
stack of 25 tool contracts. The generator is seeded and writes byte-identical files on
every run (gzip without a timestamp), so the lesson's numbers never drift.

The stack is built to show what an audit finds: two email tools, two project tools and
two social tools (overlaps), one tool nobody has used for months, one bought with far
more seats than people, one with no single sign-on data, and two apps people sign in to
that nobody put in the inventory (possible shadow IT). One renewal date is stale (last
year's), as in many real inventories: the audit rolls it forward.

Usage: python scripts/make_sample_company.py [--out DIR]
       (default: mopskit/data/sample-company)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "mopskit" / "data" / "sample-company"
SEED = 20261031
EMAIL_DOMAIN = "aurora-living.example"
LOG_START = date(2026, 8, 1)
LOG_END = date(2026, 10, 31)  # the audit's as-of date in the lesson
# Lapsed users stop well before the 60-day window that ends on LOG_END.
LAPSED_UNTIL = date(2026, 8, 21)

INVENTORY_FILE = "inventory.csv"
LOG_FILE = "okta-system-log.jsonl.gz"

DEPARTMENT_SIZES = {
    "Marketing": 30,
    "Sales": 40,
    "Customer Service": 28,
    "E-commerce": 14,
    "Product": 12,
    "Finance": 8,
    "IT": 8,
    "HR": 5,
    "Leadership": 5,
}

# Everyone in the log who is not a tool owner gets a name from these lists, which share no
# first name and no surname with the kit's cast (mopskit/content/cast.yaml): a first name
# there belongs to one person only. The lists keep their lengths, so the seeded draws, and
# every figure of the audit, stay the same whatever the names.
FIRST_NAMES = (
    "Adriana Alessandro Alina Bogdan Camilla Carlo Cosmin Daniel Dario Diana Elisa "
    "Emma Enrico Federica Filippo Francesco Gabriel Greta Ilaria Jacopo Lucia Maria "
    "Mihai Mirela Nicola Ottavia Ovidiu Raluca Roberta Simona Teodora Valentina Veronica"
).split()
LAST_NAMES = (
    "Barbieri Caruso Cattaneo Dobre Esposito Farina Ferraro Gentile Leone Lombardi "
    "Longo Mancini Marchetti Martinelli Matei Moldovan Morelli Munteanu Nistor Palumbo "
    "Pellegrini Rinaldi Rizzi Sanna Toma Ungureanu Vitale"
).split()


@dataclass(frozen=True)
class ToolSpec:
    """One contract in the inventory and how its seat holders behave in the logs."""

    tool: str
    vendor: str
    category: str
    owner: str
    department: str
    annual_cost: int  # EUR
    billing: str
    renewal_date: date
    notice_days: int
    seats: int
    sso_app: str  # "" when the inventory leaves the app name blank (the log may still hold it)
    integrations: str
    users_from: tuple[str, ...]  # departments whose people hold the seats
    active: int  # people who sign in during the audit window
    lapsed: int  # people who stopped signing in before the window
    weekly_sign_ins: float  # per active person
    log_app_name: str | None = None  # the app's name in Okta; None: not in the logs
    share_active_with: str | None = None  # draw active people from this tool first
    pricing: str = "per-seat"  # per-seat | flat (platform fee) | usage (contacts, events, users)


def _d(text: str) -> date:
    return date.fromisoformat(text)


TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec("HubSpot Marketing Hub", "HubSpot", "Marketing automation & campaign/lead management",
             "Giulia Rossi", "Marketing", 38400, "annual", _d("2027-03-01"), 60, 20,
             "HubSpot", "Salesforce Sales Cloud; Segment; Slack", ("Marketing",), 18, 2, 2.0,
             "HubSpot"),
    ToolSpec("Mailchimp", "Intuit Mailchimp", "Email marketing", "Marco Ferrari", "Marketing",
             4200, "monthly", _d("2027-01-15"), 30, 10, "Mailchimp", "Shopify Plus",
             ("Marketing", "E-commerce"), 7, 1, 2.0, "Mailchimp", pricing="usage"),
    ToolSpec("Brevo", "Brevo", "Email marketing", "Ioana Popescu", "E-commerce", 2900, "annual",
             _d("2026-12-10"), 30, 8, "Brevo", "Shopify Plus", ("E-commerce", "Marketing"), 3, 1,
             1.5, "Brevo", share_active_with="Mailchimp", pricing="usage"),
    ToolSpec("Salesforce Sales Cloud", "Salesforce", "CRM", "Stefan Ionescu", "Sales", 86400,
             "annual", _d("2027-06-30"), 90, 45, "Salesforce", "HubSpot Marketing Hub; Gong",
             ("Sales", "Leadership"), 42, 1, 2.0, "Salesforce"),
    ToolSpec("Adobe Workfront", "Adobe", "Projects & workflow", "Giulia Rossi", "Marketing",
             27000, "annual", _d("2027-02-01"), 90, 30, "Adobe Workfront", "Slack; Bynder",
             ("Marketing", "Product"), 26, 2, 1.5, "Adobe Workfront"),
    ToolSpec("Asana", "Asana", "Projects & workflow", "Elena Dumitru", "E-commerce", 8100,
             "annual", _d("2026-12-20"), 30, 45, "Asana", "Slack",
             ("E-commerce", "Product", "Marketing", "Customer Service"), 24, 6, 1.5, "Asana",
             share_active_with="Adobe Workfront"),
    ToolSpec("Slack", "Salesforce", "Collaboration", "Andreea Stan", "IT", 13500, "annual",
             _d("2027-09-01"), 60, 150, "Slack", "", tuple(DEPARTMENT_SIZES), 146, 0, 1.0,
             "Slack"),
    ToolSpec("Canva Teams", "Canva", "Content marketing", "Sara Colombo", "Marketing", 3000,
             "annual", _d("2027-04-15"), 30, 25, "Canva", "Bynder", ("Marketing", "E-commerce"),
             23, 1, 2.0, "Canva"),
    ToolSpec("Uberflip", "Uberflip", "Content marketing", "Luca Moretti", "Marketing", 14400,
             "annual", _d("2027-01-31"), 60, 5, "Uberflip", "HubSpot Marketing Hub",
             ("Marketing",), 0, 2, 0.0, "Uberflip", pricing="flat"),
    ToolSpec("Bynder", "Bynder", "DAM & MRM", "Sara Colombo", "Marketing", 19800, "annual",
             _d("2027-05-01"), 90, 30, "Bynder", "Adobe Workfront; Contentful",
             ("Marketing", "E-commerce", "Product"), 27, 1, 1.5, "Bynder"),
    ToolSpec("Contentful", "Contentful", "WCM/CMS & web experience management", "Radu Popa",
             "E-commerce", 31000, "annual", _d("2027-08-01"), 90, 14, "Contentful",
             "Shopify Plus; Optimizely", ("E-commerce", "Marketing"), 13, 0, 1.5, "Contentful",
             pricing="flat"),
    ToolSpec("Optimizely Web Experimentation", "Optimizely", "Optimization, personalization & testing",
             "Radu Popa", "E-commerce", 24000, "annual", _d("2027-03-31"), 60, 5, "Optimizely",
             "Contentful; Google Analytics 4", ("E-commerce", "Marketing"), 5, 0, 1.5,
             "Optimizely", pricing="usage"),
    ToolSpec("Semrush", "Semrush", "SEO", "Lorenzo Greco", "Marketing", 5500, "annual",
             _d("2026-12-15"), 30, 5, "", "", ("Marketing",), 5, 0, 2.0, "SEMRUSH"),
    ToolSpec("Hootsuite", "Hootsuite", "Social media marketing & monitoring", "Chiara Neri",
             "Marketing", 7400, "annual", _d("2027-02-28"), 60, 12, "Hootsuite", "Canva Teams",
             ("Marketing",), 9, 2, 1.5, "Hootsuite"),
    ToolSpec("Sprout Social", "Sprout Social", "Social media marketing & monitoring",
             "Irina Lungu", "Customer Service", 9900, "annual", _d("2027-07-15"), 60, 6,
             "Sprout Social", "Zendesk", ("Customer Service", "Marketing"), 6, 0, 1.5,
             "Sprout Social", share_active_with="Hootsuite"),
    ToolSpec("Zoom Webinars", "Zoom", "Events, meetings & webinars", "Chiara Neri", "Marketing",
             3800, "annual", _d("2027-01-10"), 30, 6, "Zoom", "HubSpot Marketing Hub",
             ("Marketing", "Product"), 5, 1, 0.7, "Zoom"),
    ToolSpec("Zendesk Suite", "Zendesk", "Customer experience, service & success", "Irina Lungu",
             "Customer Service", 33600, "annual", _d("2027-04-01"), 60, 30, "Zendesk",
             "Salesforce Sales Cloud; Intercom", ("Customer Service",), 28, 0, 2.0, "Zendesk"),
    ToolSpec("Intercom", "Intercom", "Feedback & chatbots", "Irina Lungu", "Customer Service",
             11500, "monthly", _d("2026-12-01"), 30, 10, "", "Zendesk Suite; Contentful",
             ("Customer Service",), 0, 0, 0.0, None),
    ToolSpec("Gong", "Gong", "Call analytics & management", "Stefan Ionescu", "Sales", 28800,
             "annual", _d("2027-06-30"), 60, 24, "Gong", "Salesforce Sales Cloud", ("Sales",),
             22, 1, 2.0, "Gong"),
    ToolSpec("LinkedIn Sales Navigator", "LinkedIn", "Sales automation, enablement & intelligence",
             "Stefan Ionescu", "Sales", 36000, "annual", _d("2027-01-20"), 60, 40,
             "LinkedIn Sales Navigator", "Salesforce Sales Cloud", ("Sales",), 14, 5, 1.5,
             "LinkedIn Sales Navigator"),
    ToolSpec("Shopify Plus", "Shopify", "Ecommerce platforms & carts", "Elena Dumitru",
             "E-commerce", 27600, "annual", _d("2027-10-01"), 90, 10, "Shopify",
             "Mailchimp; Brevo; Segment", ("E-commerce",), 10, 0, 2.0, "Shopify",
             pricing="flat"),
    ToolSpec("Segment", "Twilio", "Customer data platform", "Matteo Costa", "Marketing", 30000,
             "annual", _d("2027-03-15"), 90, 6, "Segment", "HubSpot Marketing Hub; Shopify Plus",
             ("Marketing", "IT", "E-commerce"), 4, 1, 1.0, "Segment", pricing="usage"),
    ToolSpec("Tableau Cloud", "Salesforce", "Dashboards & data visualization", "Matteo Costa",
             "Marketing", 16800, "annual", _d("2027-05-31"), 60, 20, "Tableau",
             "Salesforce Sales Cloud; Segment", ("Marketing", "Sales", "Finance", "Leadership"),
             15, 2, 1.5, "Tableau"),
    ToolSpec("OneTrust", "OneTrust", "Governance, compliance & privacy", "Vlad Stoica", "IT",
             15000, "annual", _d("2026-02-15"), 60, 4, "OneTrust", "Contentful",
             ("IT", "Marketing"), 4, 0, 1.0, "OneTrust", pricing="flat"),
    ToolSpec("Allocadia", "Allocadia", "Budgeting & finance", "Paolo Fontana", "Finance",
             16000, "annual", _d("2027-04-30"), 60, 8, "Allocadia", "Salesforce Sales Cloud",
             ("Finance", "Marketing", "Leadership"), 7, 0, 1.0, "Allocadia"),
)

# Apps in the logs that nobody put in the inventory: (name in Okta, users, departments).
SHADOW_APPS = (
    ("Notion", 11, ("Marketing", "Product")),
    ("Calendly", 6, ("Sales",)),
)

INVENTORY_COLUMNS = (
    "tool", "vendor", "category", "owner", "department", "annual_cost", "currency",
    "billing", "pricing", "renewal_date", "notice_days", "seats", "sso_app", "integrations",
)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    department: str
    okta_id: str


def make_people(rng: random.Random) -> list[Person]:
    """About 150 people with unique names, spread over the departments."""
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    # Tool owners are people too: give them their department first.
    owners = {spec.owner: spec.department for spec in TOOLS}
    others = [name for name in names if name not in owners]
    people: list[Person] = []
    for department, size in DEPARTMENT_SIZES.items():
        members = sorted(name for name, dept in owners.items() if dept == department)
        newcomers = size - len(members)
        members += others[:newcomers]
        others = others[newcomers:]
        for name in members:
            email = name.lower().replace(" ", ".") + "@" + EMAIL_DOMAIN
            people.append(Person(name, email, department, _okta_id("00u", email)))
    return people


def _okta_id(prefix: str, key: str) -> str:
    """A stable Okta-style object id (20 characters) derived from a key."""
    return prefix + hashlib.sha256(key.encode()).hexdigest()[:17]


def assign_users(
    rng: random.Random, people: list[Person]
) -> dict[str, tuple[list[Person], list[Person]]]:
    """For each tool, the people active in the window and the people who lapsed."""
    assigned: dict[str, tuple[list[Person], list[Person]]] = {}
    for spec in TOOLS:
        pool = [p for p in people if p.department in spec.users_from]
        owner = next(p for p in people if p.name == spec.owner)
        active: list[Person] = []
        if spec.share_active_with:
            others = assigned[spec.share_active_with][0]
            active += rng.sample(others, min(len(others), (spec.active + 1) // 2))
        if spec.active and owner not in active:
            active.insert(0, owner)
        remaining = [p for p in pool if p not in active]
        rng.shuffle(remaining)
        active += remaining[: spec.active - len(active)]
        active = active[: spec.active]
        lapsed = [p for p in remaining if p not in active][: spec.lapsed]
        assigned[spec.tool] = (active, lapsed)
    return assigned


def _moment(rng: random.Random, day: date) -> datetime:
    """A working-hours moment on ``day`` in UTC, to the millisecond."""
    start = datetime(day.year, day.month, day.day, 6, 30, tzinfo=timezone.utc)
    return start + timedelta(milliseconds=rng.randrange(10 * 3600 * 1000))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _working_days(first: date, last: date) -> list[date]:
    return [day for day in _days(first, last) if day.weekday() < 5]


WEEKEND_FACTOR = 0.15  # some people check in on a Saturday too


def _sign_in_days(rng: random.Random, days: list[date], weekly: float) -> list[date]:
    chance = min(weekly / 5.0, 1.0)
    chosen = [
        day for day in days
        if rng.random() < (chance if day.weekday() < 5 else chance * WEEKEND_FACTOR)
    ]
    return chosen or [rng.choice(days)]


def sso_event(rng: random.Random, when: datetime, person: Person, app: str, result: str) -> dict:
    """One Okta System Log event for a single sign-on into ``app``."""
    return {
        "uuid": str(_uuid(rng)),
        "published": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z",
        "eventType": "user.authentication.sso",
        "displayMessage": "User single sign on to app",
        "severity": "INFO" if result == "SUCCESS" else "WARN",
        "actor": {"id": person.okta_id, "type": "User", "alternateId": person.email,
                  "displayName": person.name},
        "outcome": {"result": result,
                    "reason": None if result == "SUCCESS" else "INVALID_CREDENTIALS"},
        "target": [
            {"id": _okta_id("0oa", app), "type": "AppInstance", "alternateId": app,
             "displayName": app},
        ],
    }


def session_event(rng: random.Random, when: datetime, person: Person) -> dict:
    """An Okta session start: in every real export, and no sign-in to any app."""
    return {
        "uuid": str(_uuid(rng)),
        "published": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z",
        "eventType": "user.session.start",
        "displayMessage": "User login to Okta",
        "severity": "INFO",
        "actor": {"id": person.okta_id, "type": "User", "alternateId": person.email,
                  "displayName": person.name},
        "outcome": {"result": "SUCCESS", "reason": None},
        "target": None,
    }


def _uuid(rng: random.Random) -> str:
    value = rng.getrandbits(128)
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"


def make_events(rng: random.Random, people: list[Person],
                assigned: dict[str, tuple[list[Person], list[Person]]]) -> list[dict]:
    """Every event of the log, sorted by time (ties by uuid)."""
    all_days = _days(LOG_START, LOG_END)
    lapsed_days = _days(LOG_START, LAPSED_UNTIL)
    working_days = _working_days(LOG_START, LOG_END)
    events: list[dict] = []
    for spec in TOOLS:
        if spec.log_app_name is None:
            continue
        active, lapsed = assigned[spec.tool]
        for person in active:
            for day in _sign_in_days(rng, all_days, spec.weekly_sign_ins):
                events.append(sso_event(rng, _moment(rng, day), person, spec.log_app_name,
                                        "SUCCESS"))
        for person in lapsed:
            for day in _sign_in_days(rng, lapsed_days, 1.0):
                events.append(sso_event(rng, _moment(rng, day), person, spec.log_app_name,
                                        "SUCCESS"))
    # Failed sign-ins never count as use: some by active people, and a few into the
    # tool nobody uses, so that its recent log lines are all failures.
    for person in rng.sample(people, 40):
        app = rng.choice([s.log_app_name for s in TOOLS if s.log_app_name])
        events.append(sso_event(rng, _moment(rng, rng.choice(working_days)), person, app,
                                "FAILURE"))
    for person in assigned["Uberflip"][1]:
        for day in rng.sample(_working_days(date(2026, 10, 1), LOG_END), 2):
            events.append(sso_event(rng, _moment(rng, day), person, "Uberflip", "FAILURE"))
    for app, count, departments in SHADOW_APPS:
        pool = [p for p in people if p.department in departments]
        for person in rng.sample(pool, count):
            for day in _sign_in_days(rng, all_days, 1.5):
                events.append(sso_event(rng, _moment(rng, day), person, app, "SUCCESS"))
    for person in people:
        for day in rng.sample(working_days, 3):
            events.append(session_event(rng, _moment(rng, day), person))
    events.sort(key=lambda event: (event["published"], event["uuid"]))
    return events


def inventory_rows() -> list[dict[str, str]]:
    return [
        {
            "tool": spec.tool, "vendor": spec.vendor, "category": spec.category,
            "owner": spec.owner, "department": spec.department,
            "annual_cost": f"{spec.annual_cost:.2f}", "currency": "EUR",
            "billing": spec.billing, "pricing": spec.pricing, "renewal_date": spec.renewal_date.isoformat(),
            "notice_days": str(spec.notice_days), "seats": str(spec.seats),
            "sso_app": spec.sso_app, "integrations": spec.integrations,
        }
        for spec in TOOLS
    ]


def render_inventory() -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=INVENTORY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(inventory_rows())
    return buffer.getvalue().encode("utf-8")


def render_log(events: list[dict]) -> bytes:
    """JSON lines, gzipped with no file name or timestamp in the header."""
    text = "".join(json.dumps(event, separators=(",", ":")) + "\n" for event in events)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def generate(out: Path) -> list[Path]:
    """Write the sample company into ``out`` and return the files written."""
    rng = random.Random(SEED)
    people = make_people(rng)
    assigned = assign_users(rng, people)
    events = make_events(rng, people, assigned)
    out.mkdir(parents=True, exist_ok=True)
    files = {INVENTORY_FILE: render_inventory(), LOG_FILE: render_log(events)}
    written = []
    for name, payload in files.items():
        path = out / name
        path.write_bytes(payload)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
