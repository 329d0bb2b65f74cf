"""The kit's cast as typed values: the companies, the people and Aurora Living's figures.

One person has one name and one role everywhere, and a first name belongs to one person, so a
learner who met Elena in lesson 04 meets the same Elena in the capstone. Lessons, exercises and
templates read people and Aurora's figures from ``cast.yaml`` through
:func:`mopskit.content.knowledge.cast`; ``tests/test_cast.py`` holds every file to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from mopskit.errors import InputError

__all__ = ["AuroraFigures", "Cast", "Company", "Person"]


@dataclass(frozen=True)
class Company:
    """An invented company; Aurora Living's entry also says its size, currency and year."""

    id: str
    name: str
    what: str
    people: int | None = None
    contracts: int | None = None
    currency: str | None = None
    fiscal_year_start_month: int | None = None
    audit_date: date | None = None


@dataclass(frozen=True)
class Person:
    name: str
    company: str  # a company id
    role: str
    team: str  # the department
    mops: bool = False  # one of Aurora's MOps team, whom lessons 02 and 03 follow

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def surname(self) -> str:
        return self.name.split(maxsplit=1)[1]

    @property
    def email(self) -> str:
        """Where a sample file addresses them: ``giulia.rossi@aurora-living.example``."""
        local = self.name.lower().replace(" ", ".").replace("á", "a")
        return f"{local}@{self.company.replace('aurora', 'aurora-living')}.example"


@dataclass(frozen=True)
class AuroraFigures:
    """Aurora Living's figures that no data file computes: written once, read by every lesson."""

    average_deal: int
    marketing_sourced_revenue: int
    revenue_ask: int
    inquiry_capacity: int
    new_trade_revenue: int
    plan_year_end: date
    annual_licence_spend: int


@dataclass(frozen=True)
class Cast:
    companies: tuple[Company, ...]
    people: tuple[Person, ...]
    aurora: AuroraFigures

    def person(self, name: str) -> Person:
        """The person called ``name`` (the whole name, or the first name alone)."""
        wanted = name.strip().casefold()
        for person in self.people:
            if wanted in (person.name.casefold(), person.first_name.casefold()):
                return person
        raise InputError(f"no one called {name!r} in the kit's cast")

    def company(self, company_id: str) -> Company:
        for company in self.companies:
            if company.id == company_id:
                return company
        raise InputError(f"no company {company_id!r} in the kit's cast")

    def of(self, company_id: str) -> tuple[Person, ...]:
        """The people of one company, in the file's order."""
        return tuple(person for person in self.people if person.company == company_id)

    @property
    def mops_team(self) -> tuple[Person, ...]:
        """Aurora Living's MOps team, in the file's order."""
        return tuple(person for person in self.people if person.mops)

    @property
    def home(self) -> Company:
        """Aurora Living, the company the course follows."""
        return self.company("aurora")

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, file: str) -> Cast:
        companies = tuple(Company(**entry) for entry in data["companies"])
        people = tuple(Person(**entry) for entry in data["people"])
        known = {company.id for company in companies}
        seen: dict[str, Person] = {}
        for person in people:
            if person.company not in known:
                raise InputError(f"{person.name}'s company {person.company!r} is not in 'companies'", file=file)
            other = seen.get(person.first_name)
            if other is not None:
                raise InputError(f"{person.name} and {other.name} share a first name: give one another", file=file)
            seen[person.first_name] = person
        figures = dict(data["aurora"])
        if not isinstance(figures["plan_year_end"], date):
            raise InputError("aurora.plan_year_end must be a date (2027-06-30)", file=file)
        return cls(companies, people, AuroraFigures(**figures))
