"""Which export a sign-in log is, from its first 64 KB, and how DuckDB reads it as events.

A log has a *format* (whose fields: Okta, Entra, Google, or the kit's generic CSV) and a
*layout* (how the file holds them: JSON lines, an array, wrapped pages, CSV, Parquet).
Each export the kit reads is one ``LogFormat`` in one registry: how to recognise it from
the sniffed head, its columns, and the SQL that reads it as the same event columns: ts,
user, app, ok (NULL: outcome unreadable), relevant (a sign-in to an app), etype (the
event's type, for coverage). Adding an export is adding one entry (``register_format``).
The head of a CSV is sniffed (encoding, separator, header) by ``mopskit.io.tables``, as
every table the kit reads; DuckDB reads the data.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

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
# Azure Monitor's categories for users signing in; service principals and managed identities are not people
ENTRA_USER_CATEGORIES = ("SignInLogs", "NonInteractiveUserSignInLogs")


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

    def problem(self, strict: bool = False) -> str:
        """SQL naming the first bad column of a relevant row, NULL when the row is fine.

        The fast pass only tests for NULL or ''; ``strict`` also rejects blanks (used to
        find the row once a blank user or app was seen after aggregation).
        """
        def missing(column: str) -> str:
            test = f"trim({column}) = ''" if strict else f"{column} = ''"
            return f"({column} IS NULL OR {test})"

        guard = "" if self.identity_always else "ok AND "
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


def _json_source(plan: Plan, columns: str) -> str:
    reader_format = "unstructured" if plan.layout.pretty else "newline_delimited"
    return f"""read_json({sql_string(str(plan.read_path or plan.path))}, format = '{reader_format}', columns = {columns},
                           maximum_object_size = 67108864)"""


_OKTA_COLUMNS = (
    "{published: 'VARCHAR', eventType: 'VARCHAR', actor: 'STRUCT(alternateId VARCHAR)',"
    " target: 'STRUCT(type VARCHAR, displayName VARCHAR)[]', outcome: 'STRUCT(result VARCHAR)'}"
)
_ENTRA_COLUMNS = (
    "{createdDateTime: 'VARCHAR', userPrincipalName: 'VARCHAR', appDisplayName: 'VARCHAR',"
    " status: 'STRUCT(errorCode VARCHAR)'}"
)
_AZURE_COLUMNS = (
    "{time: 'VARCHAR', category: 'VARCHAR', resultType: 'VARCHAR', properties: 'STRUCT(createdDateTime VARCHAR,"
    " userPrincipalName VARCHAR, appDisplayName VARCHAR, status STRUCT(errorCode VARCHAR))'}"
)
_OKTA_NAMES = {"ts": "published", "ok": "outcome.result", "user": "actor.alternateId",
               "app": "target[AppInstance].displayName"}
_ENTRA_NAMES = {"ts": "createdDateTime", "ok": "status.errorCode", "user": "userPrincipalName",
                "app": "appDisplayName"}
_AZURE_NAMES = {"ts": "properties.createdDateTime", "ok": "properties.status.errorCode",
                "user": "properties.userPrincipalName", "app": "properties.appDisplayName"}
_OKTA_APP = """CASE WHEN target[1].type = 'AppInstance' THEN target[1].displayName
                    ELSE list_filter(target, lambda item: item.type = 'AppInstance')[1].displayName END"""


def _okta_json_events(plan: Plan, typed: bool) -> EventsSql:
    select = f"""
            SELECT published AS ts, actor.alternateId AS "user", {_OKTA_APP} AS app,
                   outcome.result = 'SUCCESS' AS ok,
                   eventType = 'user.authentication.sso' AS relevant, eventType AS etype
            FROM {_json_source(plan, _OKTA_COLUMNS)}"""
    return EventsSql(select, _OKTA_NAMES)


def _azure_monitor_events(plan: Plan, typed: bool) -> EventsSql:
    categories = ", ".join(f"'{category}'" for category in ENTRA_USER_CATEGORIES)
    select = f"""
            SELECT coalesce(properties.createdDateTime, time) AS ts, properties.userPrincipalName AS "user",
                   properties.appDisplayName AS app,
                   try_cast(coalesce(properties.status.errorCode, resultType) AS BIGINT) = 0 AS ok,
                   coalesce(category IN ({categories}), TRUE) AS relevant, coalesce(category, 'sign-in') AS etype
            FROM {_json_source(plan, _AZURE_COLUMNS)}"""
    return EventsSql(select, _AZURE_NAMES)


def _entra_json_events(plan: Plan, typed: bool) -> EventsSql:
    select = f"""
        SELECT createdDateTime AS ts, userPrincipalName AS "user", appDisplayName AS app,
               try_cast(status.errorCode AS BIGINT) = 0 AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM {_json_source(plan, _ENTRA_COLUMNS)}"""
    return EventsSql(select, _ENTRA_NAMES)


def _parquet_column(plan: Plan, name: str) -> str:
    by_fold = {fold(column): column for column in plan.columns}
    return '"' + by_fold[name].replace('"', '""') + '"'


def _parquet_source(plan: Plan) -> str:
    return f"read_parquet({sql_string(str(plan.read_path or plan.path))})"


def _okta_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    select = f"""
            SELECT CAST({column('published')} AS VARCHAR) AS ts, {column('actor')}.alternateId AS "user",
                   {_OKTA_APP.replace('target', column('target'))} AS app,
                   {column('outcome')}.result = 'SUCCESS' AS ok,
                   {column('eventtype')} = 'user.authentication.sso' AS relevant, {column('eventtype')} AS etype
            FROM {_parquet_source(plan)}"""
    return EventsSql(select, _OKTA_NAMES)


def _entra_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    select = f"""
            SELECT CAST({column('createddatetime')} AS VARCHAR) AS ts, {column('userprincipalname')} AS "user",
                   {column('appdisplayname')} AS app, try_cast({column('status')}.errorCode AS BIGINT) = 0 AS ok,
                   TRUE AS relevant, 'sign-in' AS etype
            FROM {_parquet_source(plan)}"""
    return EventsSql(select, _ENTRA_NAMES)


def _success_case(value: str, success: Mapping[str, bool]) -> str:
    cases = " ".join(f"WHEN '{_sql_text(word)}' THEN {str(flag).upper()}" for word, flag in success.items())
    return f"CASE lower(trim({value})) {cases} END"


def _generic_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    by_fold = {fold(name) for name in plan.columns}
    ok = _success_case(f"CAST({column('success')} AS VARCHAR)", CSV_SUCCESS) if "success" in by_fold else "TRUE"
    select = f"""
        SELECT CAST({column('timestamp')} AS VARCHAR) AS ts, CAST({column('user')} AS VARCHAR) AS "user",
               CAST({column('tool')} AS VARCHAR) AS app, {ok} AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM {_parquet_source(plan)}"""
    names = {"ts": "timestamp", "ok": "success", "user": "user", "app": "tool"}
    return EventsSql(select, names, trim_time=True, identity_always=True, single_type=True)


class _CsvHeader:
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
    found = _CsvHeader(plan)
    needed = ",".join(entry.columns[role][0] for role in entry.required)
    found.refuse(f"a {entry.title or 'usage'} CSV needs the columns {needed}")
    typed = typed and entry.typed_reader
    if found.has("ok") and typed:
        ok = found.cell("ok")
    elif found.has("ok"):
        ok = _success_case(found.cell("ok"), entry.success or CSV_SUCCESS)
    else:
        ok = "TRUE"
    names = {"ts": found.shown("ts"), "ok": entry.columns.get("ok", ("success",))[0], "user": found.shown("user"),
             "app": found.shown("app")}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=found.cell("app"), ok=ok, names=names,
                        typed=typed, identity_always=True)


_TARGET = re.compile(r"^targets?(?:\[(\d+)\]|\.(\d+)|_(\d+))?[._ ]?(displayname|display name|type)$")


def _okta_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = _CsvHeader(plan)
    found.refuse(
        "an Okta System Log CSV needs published, eventType, actor.alternateId and outcome.result",
        ["outcome.result"] if not found.has("ok") else [],
    )
    app, app_name = _okta_csv_app(found.names, found.header, plan.path)
    etype = f"trim({found.cell('etype')})"
    names = {"ts": found.shown("ts"), "ok": found.shown("ok"), "user": found.shown("user"), "app": app_name}
    return found.select(
        ts=found.cell("ts"), user=found.cell("user"), app=app, ok=f"upper(trim({found.cell('ok')})) = 'SUCCESS'",
        relevant=f"{etype} = 'user.authentication.sso'", etype=etype, names=names,
    )


def _entra_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = _CsvHeader(plan)
    found.refuse(
        "an Entra sign-in CSV needs Date (UTC), Username, Application and Status",
        ["Status or Sign-in error code"] if not found.has("ok") and not found.has("code") else [],
    )
    if found.has("code"):
        ok, ok_name = f"try_cast(trim({found.cell('code')}) AS BIGINT) = 0", found.shown("code")
    else:
        status = f"lower(trim({found.cell('ok')}))"
        ok = f"CASE {status} WHEN 'success' THEN TRUE WHEN 'failure' THEN FALSE WHEN 'interrupted' THEN FALSE END"
        ok_name = found.shown("ok")
    names = {"ts": found.shown("ts"), "ok": ok_name, "user": found.shown("user"), "app": found.shown("app")}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=found.cell("app"), ok=ok, names=names)


def _google_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = _CsvHeader(plan)
    found.refuse(
        "a Google Workspace audit CSV needs Date, Actor and Application name or Event",
        ["Event"] if not found.has("app") and not found.has("etype") else [],
    )
    app = found.cell("app") if found.has("app") else "'Google Workspace'"
    etype, relevant, ok, ok_name = "'sign-in'", "TRUE", "TRUE", "Event"
    if found.has("etype"):
        event = f"lower({found.cell('etype')})"
        ok = f"CASE WHEN {event} LIKE '%success%' THEN TRUE WHEN {event} LIKE '%fail%' THEN FALSE END"
        etype = f"trim({found.cell('etype')})"
        relevant = f"({event} LIKE '%success%' OR {event} LIKE '%fail%')"
        ok_name = found.shown("etype")
    names = {"ts": found.shown("ts"), "ok": ok_name, "user": found.shown("user"),
             "app": found.shown("app") if found.has("app") else "Application name"}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=app, ok=ok, relevant=relevant,
                        etype=etype, names=names)


def _okta_csv_app(names: list[str], header: tuple[str, ...], file: Path) -> tuple[str, str]:
    """The app of an Okta CSV row: the target whose type is AppInstance (targets flattened to columns)."""
    targets: dict[int, dict[str, int]] = {}
    for index, name in enumerate(names):
        match = _TARGET.match(name)
        if match:
            number = int(next((group for group in match.groups()[:3] if group), "0"))
            part = "type" if match[4] == "type" else "name"
            targets.setdefault(number, {}).setdefault(part, index)
    named = [(number, parts) for number, parts in sorted(targets.items()) if "name" in parts]
    if not named:
        raise InputError(
            "an Okta System Log CSV needs the target columns (target.displayName and target.type)"
            " to tell which app was signed in to", file=file, row=1,
        )
    typed_targets = [(number, parts) for number, parts in named if "type" in parts]
    if not typed_targets:
        return f"c{named[0][1]['name']}", header[named[0][1]["name"]].strip()
    cases = " ".join(
        f"WHEN trim(c{parts['type']}) = 'AppInstance' THEN c{parts['name']}" for _, parts in typed_targets
    )
    return f"CASE {cases} END", "target[AppInstance].displayName"


# --- the registry ---------------------------------------------------------------------------

_OKTA_MARKERS = ('"eventType"', '"published"')
_ENTRA_MARKERS = ('"createdDateTime"', '"appDisplayName"', '"userPrincipalName"', '"SignInLogs"',
                  '"NonInteractiveUserSignInLogs"')


def _mentions(head: Head, markers: Sequence[str]) -> bool:
    return any(marker in head.text for marker in markers)


def _no_events(head: Head) -> bool:
    """An empty array, or wrapped pages with empty arrays: any reader reads no events."""
    return bool(re.fullmatch(r"\[\s*\]\s*", head.text) or (head.depth == 2 and re.search(r"\[\s*\]", head.text[:2000])))


def _entra_wrapping(head: Head) -> bool:
    return '"@odata' in head.text or '"records"' in head.text


_OKTA_CSV = {
    "ts": ("published", "time", "date", "event time"),
    "user": ("actor.alternateid", "actor alternate id", "actor_alternateid", "actor.alternate_id"),
    "etype": ("eventtype", "event type", "event_type"),
    "ok": ("outcome.result", "outcome result", "outcome_result", "outcome"),
}
_ENTRA_CSV = {
    "ts": ("date (utc)", "createddatetime", "date"),
    "user": ("username", "userprincipalname", "user principal name", "user"),
    "app": ("application", "appdisplayname", "app display name"),
    "code": ("sign-in error code", "errorcode", "status.errorcode", "error code"),
    "ok": ("status",),
}
_GOOGLE_CSV = {
    "ts": ("date", "time", "event time"),
    "user": ("actor", "user", "actor email", "email"),
    "app": ("application name", "application", "app name"),
    "etype": ("event", "event name"),
}

for _entry in (
    LogFormat(
        "okta-json", "okta", "json", title="Okta", hint="Okta (published, eventType)", events=_okta_json_events,
        recognise=lambda head: _mentions(head, _OKTA_MARKERS) or (
            _no_events(head) and not _entra_wrapping(head) and not _mentions(head, _ENTRA_MARKERS)),
    ),
    LogFormat(
        "azure-monitor", "entra", "json", layout="azure-monitor", title="Entra", events=_azure_monitor_events,
        fits=lambda head: '"properties"' in head.text and '"category"' in head.text,
        recognise=lambda head: _mentions(head, _ENTRA_MARKERS),
    ),
    LogFormat(
        "entra-json", "entra", "json", title="Entra", hint="Entra (createdDateTime, appDisplayName)",
        events=_entra_json_events, recognise=lambda head: _mentions(head, _ENTRA_MARKERS) or _no_events(head),
    ),
    LogFormat(
        "csv", "csv", "csv", columns={"ts": ("timestamp",), "user": ("user",), "app": ("tool",), "ok": ("success",)},
        success=MappingProxyType(CSV_SUCCESS), typed_reader=True,
        hint="a CSV with the columns timestamp,user,tool[,success]",
    ),
    LogFormat(
        "okta-csv", "okta", "csv", title="Okta", columns=_OKTA_CSV, required=("ts", "user", "etype"),
        events=_okta_csv_events, recognise=lambda head: head.has(*_OKTA_CSV["etype"]) and head.has(*_OKTA_CSV["user"]),
    ),
    LogFormat(
        "entra-csv", "entra", "csv", title="Entra", columns=_ENTRA_CSV, events=_entra_csv_events,
        recognise=lambda head: head.has(*_ENTRA_CSV["app"]) and head.has("date (utc)", "createddatetime"),
    ),
    LogFormat(
        "google-csv", "google", "csv", title="Google Workspace", columns=_GOOGLE_CSV, required=("ts", "user"),
        events=_google_csv_events,
        # the token audit names the application; the login audit (sign-ins to Google itself) only the event
        recognise=lambda head: head.has("actor", "user") and head.has("date", "time")
        and head.has("application name", "event", "event name"),
    ),
    LogFormat(
        "csv-parquet", "csv", "parquet", events=_generic_parquet_events, success=MappingProxyType(CSV_SUCCESS),
        recognise=lambda head: head.has("timestamp") and head.has("user") and head.has("tool"),
        title="generic", hint="the columns timestamp,user,tool[,success]",
    ),
    LogFormat(
        "okta-parquet", "okta", "parquet", events=_okta_parquet_events, title="Okta",
        recognise=lambda head: head.has("published") and head.has("actor"),
        hint="the Okta fields (published, actor, target, outcome)",
    ),
    LogFormat(
        "entra-parquet", "entra", "parquet", events=_entra_parquet_events, title="Entra",
        recognise=lambda head: head.has("createddatetime") and head.has("userprincipalname"),
        hint="the Entra fields (createdDateTime, userPrincipalName, appDisplayName, status)",
    ),
):
    register_format(_entry)

FORMATS = format_names()  # the built-in formats; ``format_names()`` includes any registered later


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
