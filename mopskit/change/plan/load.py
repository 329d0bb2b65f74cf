"""Read a change plan from YAML (``plan.yaml``) or an XLSX workbook (one sheet per section).

Every error names the file and the place inside it (``tasks[3].raci.A`` in YAML,
``tasks (row 5).raci.A`` in a workbook) and says what to write instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from mopskit.errors import InputError
from mopskit.io.yamlfile import load_yaml
from mopskit.change.plan.model import (
    ADKAR_ELEMENTS, CADENCES, FUNNEL_MEASURES, LEVELS, Adkar, Communication, Funnel, Kpi, Plan, Raci, Risk,
    Stakeholder, Task,
)
from mopskit.change.waterfall import ConversionRates
from mopskit.io.tables import column_key, is_blank, parse_number, read_date, read_workbook

SECTIONS = ("plan", "objectives", "kpis", "stakeholders", "tasks", "communications", "risks", "funnel")
"""The sections of a plan, and the sheets of its workbook form ('plan' and 'funnel' hold field/value rows)."""
FIELD_SHEETS = ("plan", "funnel")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HEAD_FIELDS = ("id", "initiative", "vision", "sponsor", "start", "end", "holidays")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""An ``id:`` (the plan's or a message's): lowercase letters and digits, words joined by hyphens."""
SLUG_CHARS = 64
RACI_LETTERS = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}


class _Reader:
    """Reads values out of the raw structure, naming the file and the path on any error."""

    def __init__(self, file: Path, rows: Mapping[str, list[int]] | None = None) -> None:
        self.file = file
        self.rows = rows  # a workbook's sheet row of each entry, per section; None for YAML

    def fail(self, where: str, message: str) -> InputError:
        return InputError(f"{where}: {message}" if where else message, file=self.file)

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "should be a set of 'key: value' lines")
        return value

    def items(self, data: Mapping[str, Any], key: str) -> list[tuple[str, Any]]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            if self.rows is not None and key in self.rows:
                return [(f"{key} (row {row})", item) for row, item in zip(self.rows[key], value, strict=True)]
            return [(f"{key}[{index}]", item) for index, item in enumerate(value)]
        raise self.fail(key, "should be a list (each entry starting with '- ')")

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = data.get(key)
        if is_blank(value):
            if required:
                raise self.fail(f"{where}.{key}", "is missing; write it in")
            return None
        if isinstance(value, (Mapping, list)):
            raise self.fail(f"{where}.{key}", "should be one piece of text")
        return " ".join(str(value).split())

    def need(self, data: Mapping[str, Any], key: str, where: str) -> str:
        found = self.text(data, key, where)
        assert found is not None
        return found

    def names(self, value: Any, where: str) -> tuple[str, ...]:
        """A name, a list of names, or names separated by commas (a spreadsheet cell)."""
        if is_blank(value):
            return ()
        items = value if isinstance(value, list) else str(value).split(",")
        names = []
        for item in items:
            if isinstance(item, (Mapping, list)):
                raise self.fail(where, "should be names (a list, or separated by commas)")
            if not is_blank(item):
                names.append(" ".join(str(item).split()))
        return tuple(names)

    def day(self, value: Any, where: str) -> date:
        """One date that stands alone (an item of a list)."""
        try:
            return read_date(value)
        except ValueError as error:
            raise self.fail(where, str(error)) from None

    def days(self, value: Any, where: str) -> list[date]:
        """Dates as a list, or separated by commas (a spreadsheet cell), or one date; each error
        names its place (``where[2]``)."""
        if is_blank(value):
            return []
        values = value if isinstance(value, list) else str(value).split(",") if isinstance(value, str) else [value]
        return [self.day(item, f"{where}[{index}]") for index, item in enumerate(values)]

    def date(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> date | None:
        value = data.get(key)
        if is_blank(value):
            if required:
                raise self.fail(f"{where}.{key}", "is missing; write a date as year-month-day (2027-04-03)")
            return None
        try:
            return read_date(value)
        except ValueError as error:
            raise self.fail(f"{where}.{key}", str(error)) from None

    def number(self, data: Mapping[str, Any], key: str, where: str) -> float | None:
        value = data.get(key)
        if is_blank(value):
            return None
        try:
            return parse_number(value)[0]
        except ValueError as error:
            raise self.fail(f"{where}.{key}", f"is not a number: {error}") from None

    def slug(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        """An optional ``id``: a short name that stays the same when everything around it changes."""
        value = self.text(data, key, where, required=False)
        if value is None:
            return None
        if not SLUG.fullmatch(value) or len(value) > SLUG_CHARS:
            raise self.fail(f"{where}.{key}", f"should be a short name of lowercase letters, digits and hyphens "
                                              f"(such as 'stack-2027'), at most {SLUG_CHARS} characters, not '{value}'")
        return value

    def level(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = self.need(data, key, where).casefold()
        if value not in LEVELS:
            raise self.fail(f"{where}.{key}", f"should be 'high' or 'low', not '{value}'")
        return value


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and check a plan file (.yaml/.yml, or .xlsx with one sheet per section)."""
    file = Path(path)
    if not file.is_file():
        raise InputError("no such file", file=file)
    suffix = file.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _build(_read_yaml(file), _Reader(file))
    if suffix == ".xlsx":
        raw, rows = _read_workbook(file)
        return _build(raw, _Reader(file, rows))
    raise InputError(f"a plan is a .yaml or .xlsx file, not '{file.suffix or 'no suffix'}'", file=file)


def _read_yaml(file: Path) -> Any:
    return load_yaml(file)


def _build(raw: Any, reader: _Reader) -> Plan:
    data = reader.mapping(raw, "")
    unknown = sorted(set(data) - {*SECTIONS, *HEAD_FIELDS})
    if unknown:
        raise reader.fail(unknown[0], f"is not a part of a plan; the parts are: {', '.join(SECTIONS[1:])}")
    head = data.get("plan", data)
    head = reader.mapping(head, "plan") if "plan" in data else data
    where = "plan" if "plan" in data else ""
    start = reader.date(head, "start", where or "plan")
    end = reader.date(head, "end", where or "plan")
    assert start is not None and end is not None
    if end < start:
        raise reader.fail(f"{where or 'plan'}.end", f"{end} is before the start ({start})")
    objectives = tuple(reader.need({"objective": item}, "objective", w)
                       for w, item in reader.items(data, "objectives"))
    holidays = tuple(sorted(set(reader.days(head.get("holidays"), f"{where or 'plan'}.holidays"))))
    tasks = tuple(_task(reader, item, w, holidays) for w, item in reader.items(data, "tasks"))
    _check_task_ids(reader, tasks)
    funnel = _funnel(reader, data["funnel"]) if data.get("funnel") is not None else None
    kpis = tuple(_kpi(reader, item, w) for w, item in reader.items(data, "kpis"))
    for kpi, (kpi_where, _) in zip(kpis, reader.items(data, "kpis"), strict=True):
        if kpi.stage is not None and funnel is None:
            raise reader.fail(f"{kpi_where}.stage", "needs a 'funnel:' section (stage rates, average deal and "
                                                    "inquiries) to test the target against; add one or drop 'stage'")
    return Plan(
        initiative=reader.need(head, "initiative", where or "plan"),
        vision=reader.need(head, "vision", where or "plan"),
        sponsor=reader.need(head, "sponsor", where or "plan"),
        start=start,
        end=end,
        objectives=objectives,
        kpis=kpis,
        stakeholders=tuple(_stakeholder(reader, item, w) for w, item in reader.items(data, "stakeholders")),
        tasks=tasks,
        communications=_communications(reader, data, start, end),
        risks=tuple(_risk(reader, item, w) for w, item in reader.items(data, "risks")),
        funnel=funnel,
        holidays=holidays,
        source=str(reader.file),
        id=reader.slug(head, "id", where or "plan"),
    )


def _kpi(reader: _Reader, item: Any, where: str) -> Kpi:
    data = reader.mapping(item, where)
    return Kpi(
        name=reader.need(data, "name", where),
        owner=reader.text(data, "owner", where, required=False),
        baseline=reader.number(data, "baseline", where),
        target=reader.number(data, "target", where),
        unit=reader.text(data, "unit", where, required=False),
        due=reader.date(data, "due", where, required=False),
        stage=_measure(reader, data, where),
        stretch=reader.text(data, "stretch", where, required=False),
    )


def _measure(reader: _Reader, data: Mapping[str, Any], where: str) -> str | None:
    value = reader.text(data, "stage", where, required=False)
    if value is None:
        return None
    known = {measure.casefold(): measure for measure in FUNNEL_MEASURES}
    if value.casefold() not in known:
        raise reader.fail(f"{where}.stage", f"should be one of {', '.join(FUNNEL_MEASURES)}, not '{value}'")
    return known[value.casefold()]


def _funnel(reader: _Reader, raw: Any) -> Funnel:
    data = reader.mapping(raw, "funnel")
    unknown = sorted(str(key) for key in data if key not in ("rates", "average_deal", "inquiries"))
    if unknown:
        raise reader.fail(f"funnel.{unknown[0]}", "is not a part of a funnel; the parts are rates, average_deal "
                                                  "and inquiries")
    rates_raw = reader.mapping(data.get("rates"), "funnel.rates")
    rates: dict[str, float] = {}
    for stage, value in rates_raw.items():
        share = isinstance(value, str) and value.strip().endswith("%")
        rate = reader.number({stage: value.strip().removesuffix("%") if share else value}, stage, "funnel.rates")
        if rate is None:
            raise reader.fail(f"funnel.rates.{stage}", "is missing; write the share that reaches the next stage")
        rates[str(stage)] = rate / 100 if share else rate
    try:
        converting = ConversionRates.of(rates)
    except InputError as error:
        raise reader.fail("funnel.rates", error.reason) from None
    deal = reader.number(data, "average_deal", "funnel")
    if deal is None or deal <= 0:
        raise reader.fail("funnel.average_deal", "should be the revenue of one deal won, above 0")
    inquiries = reader.number(data, "inquiries", "funnel")
    if inquiries is None or inquiries < 0 or inquiries != int(inquiries):
        raise reader.fail("funnel.inquiries", "should be the whole number of inquiries marketing can bring in")
    return Funnel(converting, deal, int(inquiries))


def _working_end(reader: _Reader, start: date, value: Any, where: str, holidays: tuple[date, ...]) -> date:
    """The last of ``value`` working days counted from ``start`` (Monday to Friday, holidays skipped)."""
    count = _whole_days(reader, value, f"{where}.working_days")
    off = np.array(holidays, dtype="datetime64[D]")
    if not np.is_busday(np.datetime64(start, "D"), holidays=off):
        why = "a holiday" if start in holidays else f"a {WEEKDAYS[start.weekday()]}"
        raise reader.fail(f"{where}.start", f"{start} is {why}; a task counted in working days starts on one")
    last = np.busday_offset(np.datetime64(start, "D"), max(count - 1, 0), roll="forward", holidays=off)
    return date.fromisoformat(str(last))


def _whole_days(reader: _Reader, value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value) or value < 0:
        raise reader.fail(where, f"should be a whole number of days, not '{value}'")
    return int(value)


def _stakeholder(reader: _Reader, item: Any, where: str) -> Stakeholder:
    data = reader.mapping(item, where)
    adkar = None
    if not is_blank(data.get("adkar")):
        scores = reader.mapping(data["adkar"], f"{where}.adkar")
        values = {}
        for element in ADKAR_ELEMENTS:
            score = scores.get(element)
            if isinstance(score, bool) or not isinstance(score, (int, float)) or score != int(score) \
                    or not 1 <= score <= 5:
                found = "missing" if score is None else f"'{score}'"
                raise reader.fail(f"{where}.adkar.{element}", f"should be a whole number from 1 to 5, not {found}")
            values[element] = int(score)
        extra = sorted(set(scores) - set(ADKAR_ELEMENTS))
        if extra:
            raise reader.fail(f"{where}.adkar.{extra[0]}",
                              f"is not an ADKAR element; they are {', '.join(ADKAR_ELEMENTS)}")
        adkar = Adkar(**values)
    return Stakeholder(
        name=reader.need(data, "name", where),
        role=reader.need(data, "role", where),
        power=reader.level(data, "power", where),
        interest=reader.level(data, "interest", where),
        adkar=adkar,
    )


def _task(reader: _Reader, item: Any, where: str, holidays: tuple[date, ...] = ()) -> Task:
    data = reader.mapping(item, where)
    start = reader.date(data, "start", where)
    assert start is not None
    milestone = data.get("milestone", False)
    if isinstance(milestone, str) and milestone.strip().casefold() in ("yes", "true", "no", "false", ""):
        milestone = milestone.strip().casefold() in ("yes", "true")
    if not isinstance(milestone, bool):
        raise reader.fail(f"{where}.milestone", f"should be true or false, not '{milestone}'")
    end = reader.date(data, "end", where, required=False)
    lengths = [key for key in ("end", "duration_days", "working_days") if not is_blank(data.get(key))]
    if len(lengths) > 1:
        raise reader.fail(where, f"gives both '{lengths[0]}' and '{lengths[1]}'; keep one")
    if lengths == ["duration_days"]:
        end = start + timedelta(days=max(_whole_days(reader, data["duration_days"], f"{where}.duration_days") - 1, 0))
    elif lengths == ["working_days"]:
        end = _working_end(reader, start, data["working_days"], where, holidays)
    elif end is None:
        if not milestone:
            raise reader.fail(where, "needs 'duration_days', 'working_days' or 'end' (or 'milestone: true' for a "
                                     "one-day event)")
        end = start
    if end < start:
        raise reader.fail(f"{where}.end", f"{end} is before the task's start ({start})")
    raci_raw = data.get("raci")
    if is_blank(raci_raw):
        raise reader.fail(f"{where}.raci", "is missing; write who is R, A, C and I (at least one R and one A)")
    raci_data = reader.mapping(raci_raw, f"{where}.raci")
    unknown = sorted(str(key) for key in raci_data if str(key).upper() not in RACI_LETTERS)
    if unknown:
        raise reader.fail(f"{where}.raci.{unknown[0]}", "is not a RACI letter; use R, A, C and I")
    letters = {str(key).upper(): value for key, value in raci_data.items()}
    raci = Raci(**{field: reader.names(letters.get(letter), f"{where}.raci.{letter}")
                   for letter, field in RACI_LETTERS.items()})
    task_id = reader.need(data, "id", where)
    return Task(
        id=task_id,
        name=reader.need(data, "name", where),
        start=start,
        end=end,
        depends_on=reader.names(data.get("depends_on"), f"{where}.depends_on"),
        milestone=milestone,
        raci=raci,
        where=where,
    )


def _check_task_ids(reader: _Reader, tasks: tuple[Task, ...]) -> None:
    seen: dict[str, str] = {}
    for task in tasks:
        if task.id in seen:
            raise reader.fail(f"{task.where}.id", f"'{task.id}' is already the id of {seen[task.id]}; ids are unique")
        seen[task.id] = task.where
    for task in tasks:
        for index, other in enumerate(task.depends_on):
            if other not in seen:
                raise reader.fail(f"{task.where}.depends_on[{index}]", f"no task has the id '{other}'")


def _communications(reader: _Reader, data: Mapping[str, Any], start: date, end: date) -> tuple[Communication, ...]:
    messages = tuple(_communication(reader, item, w, start, end) for w, item in reader.items(data, "communications"))
    seen: dict[str, str] = {}
    for message in messages:
        if message.id is None:
            continue
        if message.id in seen:
            raise reader.fail(f"{message.where}.id", f"'{message.id}' is already the id of {seen[message.id]}; "
                                                     "ids are unique")
        seen[message.id] = message.where
    return messages


def _communication(reader: _Reader, item: Any, where: str, start: date, end: date) -> Communication:
    data = reader.mapping(item, where)
    audience = reader.names(data.get("audience"), f"{where}.audience")
    if not audience:
        raise reader.fail(f"{where}.audience", "is missing; write who the message is for")
    cadence = reader.text(data, "cadence", where, required=False)
    dates = reader.days(data.get("dates"), f"{where}.dates")
    if cadence is not None:
        cadence = cadence.casefold()
        if cadence not in CADENCES:
            raise reader.fail(f"{where}.cadence", f"should be 'weekly' or 'monthly', not '{cadence}'")
        if dates:
            raise reader.fail(where, "gives both 'dates' and 'cadence'; keep one")
    elif not dates:
        raise reader.fail(where, "needs 'dates' (a list) or 'cadence' (weekly or monthly)")
    for index, day in enumerate(dates):
        if day in dates[:index]:
            raise reader.fail(f"{where}.dates[{index}]", f"{day} is already listed; give each date once")
    first = reader.date(data, "start", where, required=False) if cadence else None
    last = reader.date(data, "end", where, required=False) if cadence else None
    return Communication(
        audience=audience,
        message=reader.need(data, "message", where),
        channel=reader.need(data, "channel", where),
        owner=reader.need(data, "owner", where),
        dates=tuple(dates),
        cadence=cadence,
        start=(first or start) if cadence else None,
        end=(last or end) if cadence else None,
        id=reader.slug(data, "id", where),
        where=where,
    )


def _risk(reader: _Reader, item: Any, where: str) -> Risk:
    data = reader.mapping(item, where)
    return Risk(text=reader.need(data, "text", where), owner=reader.need(data, "owner", where),
                mitigation=reader.need(data, "mitigation", where))


HEADER_COLUMNS = {
    "objectives": [{"objective"}],
    "kpis": [{"name"}, {"owner"}],
    "stakeholders": [{"name"}, {"role"}],
    "tasks": [{"id"}, {"name"}],
    "communications": [{"message"}, {"audience"}],
    "risks": [{"text"}, {"owner"}],
}
"""Columns that tell a section sheet's header row from a title row above it."""


def _read_workbook(file: Path) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The workbook as the YAML structure (sheets 'plan' and 'funnel' hold field/value rows, the
    others an entry a row under a header, title rows above it skipped), and the sheet row each
    entry came from, for error messages. Read by the one workbook reader, so merged cells and
    unsaved formulas are handled as in every other spreadsheet the kit reads."""
    book = read_workbook(file)
    sheets = {column_key(title): title for title in book.titles}
    if "plan" not in sheets:
        raise InputError("has no sheet 'plan' (rows of field and value: initiative, vision, sponsor, start, end)",
                         file=file)
    raw: dict[str, Any] = _fields(book.rows(sheets["plan"]))
    if "funnel" in sheets:
        raw["funnel"] = _funnel_fields(_fields(book.rows(sheets["funnel"])))
    numbers: dict[str, list[int]] = {}
    for section in SECTIONS:
        if section in FIELD_SHEETS or section not in sheets:
            continue
        if not any(not is_blank(value) for _row, values in book.rows(sheets[section]) for value in values):
            continue
        found = book.table(sheets[section], HEADER_COLUMNS.get(section, ()))
        header = [column_key(cell) if not is_blank(cell) else "" for cell in found.header]
        records = []
        numbers[section] = []
        for number, values in found.rows:
            record = {key: value for key, value in zip(header, values) if key and not is_blank(value)}
            if record:
                records.append(_nest(section, record))
                numbers[section].append(number)
        raw[section] = [record.get("objective") for record in records] if section == "objectives" else records
    return raw, numbers


def _fields(rows: list[tuple[int, list[Any]]]) -> dict[str, Any]:
    """Field/value rows as a mapping (a header row 'field'/'key' is skipped)."""
    fields: dict[str, Any] = {}
    for _number, row in rows:
        if row and not is_blank(row[0]) and column_key(row[0]) not in ("field", "key"):
            fields[column_key(row[0])] = row[1] if len(row) > 1 else None
    return fields


def _funnel_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A funnel sheet's rows (average_deal, inquiries, and one rate per stage) in the YAML shape."""
    funnel: dict[str, Any] = {key: fields.pop(key) for key in ("average_deal", "inquiries") if key in fields}
    funnel["rates"] = fields
    return funnel


def _nest(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """Columns R, A, C, I and the ADKAR scores become the nested parts the YAML form has."""
    if section == "tasks":
        record["raci"] = {letter: record.pop(letter.lower()) for letter in RACI_LETTERS if letter.lower() in record}
    if section == "stakeholders" and any(element in record for element in ADKAR_ELEMENTS):
        record["adkar"] = {element: record.pop(element) for element in ADKAR_ELEMENTS if element in record}
    return record
