"""The registry of log formats, and which one a sign-in log is, from its first 64 KB.

A log has a *format* (whose fields: Okta, Entra, Google, or the kit's generic CSV) and a
*layout* (how the file holds them: JSON lines, an array, wrapped pages, CSV, Parquet).
Each export the kit reads is one ``LogFormat`` in one registry: how to recognise it from
the sniffed head, its columns, and the SQL that reads it as the same event columns: ts,
user, app, ok (NULL: outcome unreadable), relevant (a sign-in to an app), etype (the
event's type, for coverage). Adding an export is adding one entry (``register_format``);
a CSV export named by its columns alone is read column by column here (``CsvHeader``).
The built-in exports and their SQL are in ``_builtin_formats``. The head of a CSV is
sniffed (encoding, separator, header) by ``mopskit.io.tables``, as every table the kit
reads; DuckDB reads the data.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from mopskit.errors import InputError
from mopskit.stack.names import fold
from mopskit.stack.usage import _jsonscan
from mopskit.io.tables import decode_text, is_blank, split_rows
from mopskit.wording import join_words

SAMPLE_BYTES = 65536
MICROSECONDS_PER_DAY = 86_400_000_000
CSV_SUCCESS = {  # case-insensitive; a superset of what DuckDB's BOOLEAN reads, so both passes agree
    "true": True,
    "t": True,
    "1": True,
    "yes": True,
    "y": True,
    "success": True,
    "false": False,
    "f": False,
    "0": False,
    "no": False,
    "n": False,
    "failure": False,
}


@dataclass(frozen=True)
class Layout:
    """How the file holds its events."""

    kind: str  # json-lines, json-array, json-pages, csv, parquet
    depth: int = 0  # JSON: nesting depth of the events (0 lines, 1 arrays, 2 wrapped pages)
    pretty: bool = False  # JSON: an event spans several lines
    encoding: str = "utf-8"  # as DuckDB names it: utf-8, latin-1 (CSV only) or utf-16 (transcoded before reading)
    gzip: bool = False
    separator: str = ","  # CSV
    header: tuple[str, ...] = ()  # CSV: the header cells as written


@dataclass(frozen=True)
class EventsSql:
    """How to read one log as events: columns ts, user, app, ok, relevant, etype."""

    select: str
    names: dict[str, str]  # the log's own name for ts, user, app, ok, so errors speak the user's terms
    trim_time: bool = False  # CSV cells may pad the timestamp with spaces; JSON logs are machine-written
    typed_time: bool = False  # ts is already a TIMESTAMPTZ (parsed by the reader), not text
    identity_always: bool = False  # user and app required on every row, not only on successes
    row_offset: int = 0  # added to the event's position to give the row a user sees (1: a CSV header)
    single_type: bool = False  # every event is relevant and of one type: no roll-up per type needed

    def day(self) -> str:
        """SQL for the UTC day of ``ts`` as days since 1970-01-01, NULL when it is not ISO 8601.

        Integer days from the epoch cost far less per event than casting to DATE in a time zone.
        """
        if self.typed_time:
            return f"epoch_us(ts) // {MICROSECONDS_PER_DAY}"

        def parse(text: str) -> str:
            return f"epoch_us(try_cast({text} AS TIMESTAMPTZ)) // {MICROSECONDS_PER_DAY}"

        return f"coalesce({parse('ts')}, {parse('trim(ts)')})" if self.trim_time else parse("ts")

    def problem(self, through: int) -> str:
        """SQL naming the first bad column of a relevant row, NULL when the row is fine.

        A user or app of only spaces is as missing as an empty one. Both are needed on a success
        the audit reads: on or before day ``through`` (days since 1970-01-01), or on every row
        when the format requires them.
        """
        def missing(column: str) -> str:
            return f"({column} IS NULL OR trim({column}) = '')"

        guard = "" if self.identity_always else f"ok AND day <= {through} AND "
        return f"""CASE WHEN day IS NULL THEN '{_sql_text(self.names["ts"])}'
            WHEN ok IS NULL THEN '{_sql_text(self.names["ok"])}'
            WHEN {guard}{missing('"user"')} THEN '{_sql_text(self.names["user"])}'
            WHEN {guard}{missing("app")} THEN '{_sql_text(self.names["app"])}'
            END"""


@dataclass(frozen=True)
class Head:
    """What the first 64 KB of a log tell, for recognising its format.

    ``container`` is ``json``, ``csv`` or ``parquet``; ``kind`` the layout the head shows
    (json-lines, json-array, json-pages, csv, parquet). ``names`` are the CSV header cells
    or the Parquet columns, folded (``fold``) and unquoted.
    """

    container: str
    kind: str
    text: str = ""  # the decoded head (JSON and CSV)
    depth: int = 0  # JSON: nesting depth of the events
    names: tuple[str, ...] = ()

    def has(self, *names: str) -> bool:
        """Whether the header names any of ``names``."""
        return any(name in self.names for name in names)


Recognise = Callable[[Head], bool]


def _anything(head: Head) -> bool:
    return True


@dataclass(frozen=True)
class LogFormat:
    """One export the kit reads: how to recognise it, its columns and how DuckDB reads it as events.

    ``format`` is the name a user forces with ``--usage-format`` (several entries may share
    it: Entra as Graph JSON, Azure Monitor JSON, CSV, Parquet). ``recognise`` tells it from a
    sniffed head; ``fits`` must hold too, even when the format is forced (a shape, such as
    Azure Monitor's records). ``columns`` maps each role (ts, user, app, ok; etype, code)
    to the column names its export uses, folded, first match wins; ``required`` are the
    roles a file must have. ``events`` builds the SQL; without it a CSV is read column by
    column, ``ok`` through ``success`` (every row is then a sign-in). ``title`` names the
    export in messages, ``hint`` says how it is told apart.
    """

    name: str
    format: str
    container: str  # json, csv or parquet
    recognise: Recognise | None = None  # None: the file has a column for every required role
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    required: tuple[str, ...] = ("ts", "user", "app")
    events: Callable[[Plan, bool], EventsSql] | None = None
    fits: Recognise = _anything
    layout: str | None = None  # the layout kind it shows as (azure-monitor), when not the container's
    success: Mapping[str, bool] | None = None  # outcome values, case-insensitive (read by column)
    typed_reader: bool = False  # DuckDB's CSV reader may parse its time and outcome itself (fast path)
    title: str = ""
    hint: str = ""
    explain: Callable[[Head], str | None] | None = None  # why a file it does not read looks like its export

    def recognises(self, head: Head) -> bool:
        if self.recognise is not None:
            return self.recognise(head)
        return all(head.has(*self.columns.get(role, ())) for role in self.required)

    def build(self, plan: Plan, typed: bool) -> EventsSql:
        if self.events is not None:
            return self.events(plan, typed)
        return _mapped_csv_events(plan, typed)


@dataclass(frozen=True)
class Plan:
    """One log: its format and layout, and the file DuckDB reads (a blanked or transcoded copy)."""

    path: Path  # the user's file, named in messages
    entry: LogFormat
    layout: Layout
    read_path: Path | None = None  # set once prepared
    columns: dict[str, str] = field(default_factory=dict)  # Parquet: column -> type

    @property
    def format(self) -> str:
        return self.entry.format


_REGISTRY: list[LogFormat] = []


def register_format(entry: LogFormat, *, before: str | None = None) -> LogFormat:
    """Add an export to the formats the kit recognises, tried after the others (or ``before`` one)."""
    if any(known.name == entry.name for known in _REGISTRY):
        raise ValueError(f"a log format named '{entry.name}' is already registered")
    if entry.container not in ("json", "csv", "parquet"):
        raise ValueError(f"a log format's container is json, csv or parquet, not '{entry.container}'")
    at = next((index for index, known in enumerate(_REGISTRY) if known.name == before), len(_REGISTRY))
    _REGISTRY.insert(at, entry)
    return entry


def unregister_format(name: str) -> None:
    """Forget a registered export (tests, or a notebook trying one out)."""
    _REGISTRY[:] = [known for known in _REGISTRY if known.name != name]


def log_formats() -> tuple[LogFormat, ...]:
    """Every export the kit reads, in the order they are tried."""
    return tuple(_REGISTRY)


def format_names() -> tuple[str, ...]:
    """The formats a user can force (``--usage-format``), in registry order."""
    return tuple(dict.fromkeys(entry.format for entry in _REGISTRY))


# --- detection ------------------------------------------------------------------------------


def head_bytes(file: Path) -> tuple[bytes, bool]:
    """The first 64 KB (decompressed), and whether the file is gzip."""
    try:
        with file.open("rb") as handle:
            raw = handle.read(SAMPLE_BYTES)
        if raw[:2] == b"\x1f\x8b":
            with gzip.open(file, "rb") as handle:
                return handle.read(SAMPLE_BYTES), True
    except (OSError, EOFError):
        raise InputError("the file is not a readable gzip archive", file=file) from None
    return raw, False


def plan_file(file: Path, forced: str | None) -> Plan:
    """Tell the format and layout of one log from its first bytes (gzip opened transparently)."""
    if not file.is_file():
        raise InputError("sign-in log not found", file=file)
    raw, packed = head_bytes(file)
    if raw[:4] == b"PAR1":
        return _plan_parquet(file, forced)
    if raw[:4] == b"PK\x03\x04":
        raise InputError("a ZIP archive, not a log: extract the log files from it first", file=file)
    partial = len(raw) >= SAMPLE_BYTES
    decoded = decode_text(raw, file=file, partial=partial)
    # DuckDB's names: a file mixing encodings is read as UTF-8 and refused at its first bad row
    encoding = {"utf-16": "utf-16", "cp1252": "latin-1", "latin-1": "latin-1"}.get(decoded.encoding, "utf-8")
    text = decoded.text.lstrip("\ufeff \t\r\n")
    if not text:
        raise InputError("the sign-in log is empty", file=file)
    if text[0] in "[{":
        return _plan_json(file, forced, text, encoding, packed)
    if "\x00" in text:
        raise InputError("not a sign-in log: the file looks binary", file=file)
    return _plan_csv(file, forced, text, encoding, packed, partial)


def _choose(file: Path, head: Head, forced: str | None) -> LogFormat | None:
    """The first entry for the head's container that recognises it (or, forced, that has that format)."""
    for entry in _REGISTRY:
        if entry.container != head.container or not entry.fits(head):
            continue
        if entry.format == forced if forced else entry.recognises(head):
            return entry
    return None


def _titles(container: str) -> list[str]:
    return list(dict.fromkeys(entry.title for entry in _REGISTRY if entry.container == container and entry.title))


def _hints(container: str) -> list[str]:
    return [entry.hint for entry in _REGISTRY if entry.container == container and entry.hint]


def _refuse_forced(file: Path, container: str, forced: str) -> InputError:
    shown = {"json": "JSON", "csv": "CSV", "parquet": "Parquet"}[container]
    return InputError(
        f"a {shown} log cannot be read as {forced}; {shown} logs come from {join_words(_titles(container), 'or')}",
        file=file,
    )


def _plan_json(file: Path, forced: str | None, text: str, encoding: str, packed: bool) -> Plan:
    if text[0] == "[":
        kind, depth = "json-array", 1
    elif _jsonscan.is_wrapped(text.encode("utf-8")):
        kind, depth = "json-pages", 2
    else:
        kind, depth = "json-lines", 0
    head = Head("json", kind, text, depth)
    entry = _choose(file, head, forced)
    if entry is None and forced:
        raise _refuse_forced(file, "json", forced)
    if entry is None:
        raise InputError(
            f"a JSON log, but neither {' nor '.join(_hints('json'))}; use --usage-format to force one", file=file
        )
    if depth == 0:
        first_line = text.split("\n", 1)[0].strip()
        pretty = not (first_line.startswith("{") and first_line.endswith("}"))
    else:
        pretty = bool(re.search(r"\{\s*\n\s+\"", text[:4096]))
    return Plan(file, entry, Layout(entry.layout or kind, depth, pretty, encoding, packed))


def _plan_parquet(file: Path, forced: str | None) -> Plan:
    try:
        with duckdb.connect() as connection:
            described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(file))})").fetchall()
    except duckdb.Error:
        raise InputError("a Parquet file that cannot be read; was it written completely?", file=file) from None
    columns = {name: str(kind) for name, kind, *_ in described}
    head = Head("parquet", "parquet", names=tuple(fold(name) for name in columns))
    entry = _choose(file, head, forced)
    if entry is None and forced:
        raise _refuse_forced(file, "parquet", forced)
    if entry is None:
        raise InputError(
            f"a Parquet log needs {' or '.join(_hints('parquet'))}; it has {', '.join(columns)}", file=file
        )
    return Plan(file, entry, Layout("parquet"), columns=columns)


def _plan_csv(file: Path, forced: str | None, text: str, encoding: str, packed: bool, partial: bool) -> Plan:
    separator, records = split_rows(text, file=file, partial=partial)
    header = tuple(next((cells for _row, cells in records if not all(map(is_blank, cells))), []))
    head = Head("csv", "csv", text, names=tuple(fold(name).strip('"') for name in header))
    entry = _choose(file, head, forced)
    if entry is None and forced:
        raise _refuse_forced(file, "csv", forced)
    if entry is None:
        for known in _REGISTRY:
            reason = known.explain(head) if known.container == "csv" and known.explain else None
            if reason:
                raise InputError(reason, file=file, row=1)
        exports = [entry.title for entry in _REGISTRY if entry.container == "csv" and entry.title]
        raise InputError(
            f"unknown sign-in log format: expected {join_words(_titles('json'), 'or')} JSON, an"
            f" {join_words(exports, 'or')} CSV export, or {' or '.join(_hints('csv'))}",
            file=file,
            row=1,
        )
    return Plan(file, entry, Layout("csv", encoding=encoding, gzip=packed, separator=separator, header=header))


# --- events SQL -----------------------------------------------------------------------------


def events_sql(plan: Plan, *, typed: bool = False) -> EventsSql:
    """The SQL that reads ``plan``'s file as events (``typed``: DuckDB's reader parses time and outcome)."""
    return plan.entry.build(plan, typed)


def success_case(value: str, success: Mapping[str, bool]) -> str:
    """SQL reading ``value`` as an outcome through ``success`` (case and spaces ignored); NULL if none fits."""
    cases = " ".join(f"WHEN '{_sql_text(word)}' THEN {str(flag).upper()}" for word, flag in success.items())
    return f"CASE lower(trim({value})) {cases} END"


class CsvHeader:
    """A CSV log's header: where each role of its format's ``columns`` is, as DuckDB's c0, c1, ..."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.header = plan.layout.header
        self.names = [fold(name).strip('"') for name in self.header]
        position = {name: index for index, name in reversed(list(enumerate(self.names)))}
        self.found = {
            role: next((position[name] for name in names if name in position), None)
            for role, names in plan.entry.columns.items()
        }

    def has(self, role: str) -> bool:
        return self.found.get(role) is not None

    def index(self, role: str) -> int:
        found = self.found.get(role)
        assert found is not None, role  # callers ask has() or refuse() first
        return found

    def cell(self, role: str) -> str:
        return f"c{self.index(role)}"

    def shown(self, role: str) -> str:
        return self.header[self.index(role)].strip().strip('"')

    def refuse(self, label: str, extra: Sequence[str] = ()) -> None:
        """Name the required columns the file lacks (with ``extra`` ones a format adds), if any."""
        missing = [self.plan.entry.columns[role][0] for role in self.plan.entry.required if not self.has(role)]
        missing += extra
        if missing:
            raise InputError(f"{label}; missing {', '.join(missing)}", file=self.plan.path, row=1)

    def select(
        self, *, ts: str, user: str, app: str, ok: str, relevant: str = "TRUE", etype: str = "'sign-in'",
        names: dict[str, str], typed: bool = False, identity_always: bool = False,
    ) -> EventsSql:
        layout = self.plan.layout
        types = {self.found.get("ts"): "TIMESTAMPTZ", self.found.get("ok"): "BOOLEAN"} if typed else {}
        columns = ", ".join(f"'c{index}': '{types.get(index, 'VARCHAR')}'" for index in range(len(self.names)))
        path = sql_string(str(self.plan.read_path or self.plan.path))
        select = f"""
        SELECT {ts} AS ts, {user} AS "user", {app} AS app, {ok} AS ok, {relevant} AS relevant, {etype} AS etype
        FROM read_csv({path}, header = true, delim = {sql_string(layout.separator)},
                      quote = '"', escape = '"', columns = {{{columns}}}, encoding = '{layout.encoding}',
                      null_padding = true)
    """
        return EventsSql(select, names, trim_time=True, typed_time=typed, identity_always=identity_always,
                         row_offset=1, single_type=relevant == "TRUE" and etype == "'sign-in'")


def _mapped_csv_events(plan: Plan, typed: bool) -> EventsSql:
    """A CSV with one column per role; ``ok`` read through the format's ``success`` values."""
    entry = plan.entry
    found = CsvHeader(plan)
    needed = ",".join(entry.columns[role][0] for role in entry.required)
    found.refuse(f"a {entry.title or 'usage'} CSV needs the columns {needed}")
    typed = typed and entry.typed_reader
    if found.has("ok") and typed:
        ok = found.cell("ok")
    elif found.has("ok"):
        ok = success_case(found.cell("ok"), entry.success or CSV_SUCCESS)
    else:
        ok = "TRUE"
    names = {"ts": found.shown("ts"), "ok": entry.columns.get("ok", ("success",))[0], "user": found.shown("user"),
             "app": found.shown("app")}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=found.cell("app"), ok=ok, names=names,
                        typed=typed, identity_always=True)


# --- SQL text -------------------------------------------------------------------------------


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
