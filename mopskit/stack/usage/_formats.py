"""Which export a sign-in log is, from its first 64 KB, and how DuckDB reads it as events.

A log has a *format* (whose fields: Okta, Entra, Google, or the kit's generic CSV) and a
*layout* (how the file holds them: JSON lines, an array, wrapped pages, CSV, Parquet).
Every combination is read as the same event columns: ts, user, app, ok (NULL: outcome
unreadable), relevant (a sign-in to an app), etype (the event's type, for coverage).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from mopskit.errors import InputError
from mopskit.stack.names import fold
from mopskit.stack.usage import _jsonscan

FORMATS = ("okta", "entra", "google", "csv")
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
    encoding: str = "utf-8"  # utf-8, latin-1 (CSV only) or utf-16 (transcoded before reading)
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
class Plan:
    """One log: its format and layout, and the file DuckDB reads (a blanked or transcoded copy)."""

    path: Path  # the user's file, named in messages
    format: str
    layout: Layout
    read_path: Path | None = None  # set once prepared
    columns: dict[str, str] = field(default_factory=dict)  # Parquet: column -> type


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


def _encoding(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = raw[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # UTF-16 text written without a BOM
        return "utf-16"
    if _valid_utf8_prefix(raw):
        return "utf-8"
    # UTF-8 letters beside bytes that are not: a file of mixed encodings, refused at its first
    # bad row; none at all: a legacy single-byte export (Excel's "CSV" on Windows)
    return "utf-8" if re.search(rb"[\xc2-\xf4][\x80-\xbf]", raw) else "latin-1"


def _valid_utf8_prefix(raw: bytes) -> bool:
    for cut in range(4):
        try:
            raw[: len(raw) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _text(raw: bytes, encoding: str) -> str:
    if encoding == "utf-16":
        codec = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            "utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")
        return raw[: len(raw) // 2 * 2].decode(codec, errors="replace")
    return raw.decode("utf-8", errors="replace") if encoding == "utf-8" else raw.decode("latin-1")


def plan_file(file: Path, forced: str | None) -> Plan:
    """Tell the format and layout of one log from its first bytes (gzip opened transparently)."""
    if not file.is_file():
        raise InputError("sign-in log not found", file=file)
    raw, packed = head_bytes(file)
    if raw[:4] == b"PAR1":
        return _plan_parquet(file, forced)
    if raw[:4] == b"PK\x03\x04":
        raise InputError("a ZIP archive, not a log: extract the log files from it first", file=file)
    encoding = _encoding(raw)
    text = _text(raw, encoding).lstrip("\ufeff \t\r\n")
    if not text:
        raise InputError("the sign-in log is empty", file=file)
    if text[0] in "[{":
        return _plan_json(file, forced, text, encoding, packed)
    if "\x00" in text:
        raise InputError("not a sign-in log: the file looks binary", file=file)
    return _plan_csv(file, forced, text, encoding, packed)


def _plan_json(file: Path, forced: str | None, text: str, encoding: str, packed: bool) -> Plan:
    if text[0] == "[":
        kind, depth = "json-array", 1
    elif _jsonscan.is_wrapped(text.encode("utf-8")):
        kind, depth = "json-pages", 2
    else:
        kind, depth = "json-lines", 0
    vendor = forced or _json_vendor(text)
    if vendor is None:
        if re.fullmatch(r"\[\s*\]\s*", text) or (depth == 2 and re.search(r"\[\s*\]", text[:2000])):
            vendor = "entra" if '"@odata' in text or '"records"' in text else "okta"  # no events: any reader
        else:
            raise InputError(
                "a JSON log, but neither Okta (published, eventType) nor Entra (createdDateTime,"
                " appDisplayName); use --usage-format to force one",
                file=file,
            )
    if vendor not in ("okta", "entra"):
        raise InputError(f"a JSON log cannot be read as {vendor}; JSON logs come from Okta or Entra", file=file)
    if depth == 0:
        first_line = text.split("\n", 1)[0].strip()
        pretty = not (first_line.startswith("{") and first_line.endswith("}"))
    else:
        pretty = bool(re.search(r"\{\s*\n\s+\"", text[:4096]))
    kind_name = "azure-monitor" if vendor == "entra" and '"properties"' in text and '"category"' in text else kind
    return Plan(file, vendor, Layout(kind_name, depth, pretty, encoding, packed))


def _json_vendor(text: str) -> str | None:
    if '"eventType"' in text or '"published"' in text:
        return "okta"
    if any(key in text for key in ('"createdDateTime"', '"appDisplayName"', '"userPrincipalName"')):
        return "entra"
    if '"SignInLogs"' in text or '"NonInteractiveUserSignInLogs"' in text:
        return "entra"
    return None


def _plan_parquet(file: Path, forced: str | None) -> Plan:
    try:
        with duckdb.connect() as connection:
            described = connection.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(file))})").fetchall()
    except duckdb.Error:
        raise InputError("a Parquet file that cannot be read; was it written completely?", file=file) from None
    columns = {name: str(kind) for name, kind, *_ in described}
    folded = {fold(name) for name in columns}
    if forced:
        vendor = forced
    elif {"timestamp", "user", "tool"} <= folded:
        vendor = "csv"
    elif {"published", "actor"} <= folded:
        vendor = "okta"
    elif {"createddatetime", "userprincipalname"} <= folded:
        vendor = "entra"
    else:
        raise InputError(
            "a Parquet log needs the columns timestamp,user,tool[,success] or the Okta"
            " (published, actor, target, outcome) or Entra (createdDateTime, userPrincipalName,"
            f" appDisplayName, status) fields; it has {', '.join(columns)}",
            file=file,
        )
    return Plan(file, vendor, Layout("parquet"), columns=columns)


# CSV exports: each format's columns as the export heads them (folded), first match wins
_CSV_COLUMNS = {
    "csv": {"ts": ("timestamp",), "user": ("user",), "app": ("tool",), "ok": ("success",)},
    "okta": {
        "ts": ("published", "time", "date", "event time"),
        "user": ("actor.alternateid", "actor alternate id", "actor_alternateid", "actor.alternate_id"),
        "etype": ("eventtype", "event type", "event_type"),
        "ok": ("outcome.result", "outcome result", "outcome_result", "outcome"),
    },
    "entra": {
        "ts": ("date (utc)", "createddatetime", "date"),
        "user": ("username", "userprincipalname", "user principal name", "user"),
        "app": ("application", "appdisplayname", "app display name"),
        "code": ("sign-in error code", "errorcode", "status.errorcode", "error code"),
        "ok": ("status",),
    },
    "google": {
        "ts": ("date", "time", "event time"),
        "user": ("actor", "user", "actor email", "email"),
        "app": ("application name", "application", "app name"),
        "etype": ("event", "event name"),
    },
}
_TARGET = re.compile(r"^targets?(?:\[(\d+)\]|\.(\d+)|_(\d+))?[._ ]?(displayname|display name|type)$")


def _csv_vendor(names: list[str]) -> str | None:
    have = set(names)
    if {"timestamp", "user", "tool"} <= have:
        return "csv"
    if have & {"eventtype", "event type", "event_type"} and have & set(_CSV_COLUMNS["okta"]["user"]):
        return "okta"
    if have & set(_CSV_COLUMNS["entra"]["app"]) and have & {"date (utc)", "createddatetime"}:
        return "entra"
    if "application name" in have and have & {"actor", "user"} and have & {"date", "time"}:
        return "google"
    if have & {"event", "event name"} and have & {"actor", "user"} and have & {"date", "time"}:
        return "google"  # the login audit: sign-ins to Google Workspace itself
    return None


def _plan_csv(file: Path, forced: str | None, text: str, encoding: str, packed: bool) -> Plan:
    first_line = text.splitlines()[0]
    separator = max(",;\t", key=first_line.count)
    header = tuple(next(csv.reader(io.StringIO(first_line), delimiter=separator)))
    names = [fold(name).strip('"') for name in header]
    vendor = forced or _csv_vendor(names)
    if vendor is None:
        raise InputError(
            "unknown sign-in log format: expected Okta or Entra JSON, an Okta, Entra or Google"
            " Workspace CSV export, or a CSV with the columns timestamp,user,tool[,success]",
            file=file,
            row=1,
        )
    return Plan(file, vendor, Layout("csv", encoding=encoding, gzip=packed, separator=separator, header=header))


# --- events SQL -----------------------------------------------------------------------------

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
_OKTA_APP = """CASE WHEN target[1].type = 'AppInstance' THEN target[1].displayName
                    ELSE list_filter(target, lambda item: item.type = 'AppInstance')[1].displayName END"""


def events_sql(plan: Plan, *, typed: bool = False) -> EventsSql:
    """The SQL that reads ``plan``'s file as events (``typed``: generic CSV's fast reader)."""
    path = sql_string(str(plan.read_path or plan.path))
    layout = plan.layout
    if layout.kind == "csv":
        return _csv_events_sql(plan, typed)
    if layout.kind == "parquet":
        return _parquet_events_sql(plan, path)
    reader_format = "unstructured" if layout.pretty else "newline_delimited"
    if plan.format == "okta":
        select = f"""
            SELECT published AS ts, actor.alternateId AS "user", {_OKTA_APP} AS app,
                   outcome.result = 'SUCCESS' AS ok,
                   eventType = 'user.authentication.sso' AS relevant, eventType AS etype
            FROM read_json({path}, format = '{reader_format}', columns = {_OKTA_COLUMNS},
                           maximum_object_size = 67108864)"""
        return EventsSql(select, _OKTA_NAMES)
    if layout.kind == "azure-monitor":
        categories = ", ".join(f"'{category}'" for category in ENTRA_USER_CATEGORIES)
        select = f"""
            SELECT coalesce(properties.createdDateTime, time) AS ts, properties.userPrincipalName AS "user",
                   properties.appDisplayName AS app,
                   try_cast(coalesce(properties.status.errorCode, resultType) AS BIGINT) = 0 AS ok,
                   coalesce(category IN ({categories}), TRUE) AS relevant, coalesce(category, 'sign-in') AS etype
            FROM read_json({path}, format = '{reader_format}', columns = {_AZURE_COLUMNS},
                           maximum_object_size = 67108864)"""
        names = {"ts": "properties.createdDateTime", "ok": "properties.status.errorCode",
                 "user": "properties.userPrincipalName", "app": "properties.appDisplayName"}
        return EventsSql(select, names)
    select = f"""
        SELECT createdDateTime AS ts, userPrincipalName AS "user", appDisplayName AS app,
               try_cast(status.errorCode AS BIGINT) = 0 AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM read_json({path}, format = '{reader_format}', columns = {_ENTRA_COLUMNS},
                       maximum_object_size = 67108864)"""
    return EventsSql(select, _ENTRA_NAMES)


def _parquet_events_sql(plan: Plan, path: str) -> EventsSql:
    by_fold = {fold(name): name for name in plan.columns}

    def column(name: str) -> str:
        return '"' + by_fold[name].replace('"', '""') + '"'

    source = f"read_parquet({path})"
    if plan.format == "okta":
        select = f"""
            SELECT CAST({column('published')} AS VARCHAR) AS ts, {column('actor')}.alternateId AS "user",
                   {_OKTA_APP.replace('target', column('target'))} AS app,
                   {column('outcome')}.result = 'SUCCESS' AS ok,
                   {column('eventtype')} = 'user.authentication.sso' AS relevant, {column('eventtype')} AS etype
            FROM {source}"""
        return EventsSql(select, _OKTA_NAMES)
    if plan.format == "entra":
        select = f"""
            SELECT CAST({column('createddatetime')} AS VARCHAR) AS ts, {column('userprincipalname')} AS "user",
                   {column('appdisplayname')} AS app, try_cast({column('status')}.errorCode AS BIGINT) = 0 AS ok,
                   TRUE AS relevant, 'sign-in' AS etype
            FROM {source}"""
        return EventsSql(select, _ENTRA_NAMES)
    if "success" in by_fold:
        cases = " ".join(f"WHEN '{value}' THEN {str(flag).upper()}" for value, flag in CSV_SUCCESS.items())
        ok = f"CASE lower(trim(CAST({column('success')} AS VARCHAR))) {cases} END"
    else:
        ok = "TRUE"
    select = f"""
        SELECT CAST({column('timestamp')} AS VARCHAR) AS ts, CAST({column('user')} AS VARCHAR) AS "user",
               CAST({column('tool')} AS VARCHAR) AS app, {ok} AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM {source}"""
    names = {"ts": "timestamp", "ok": "success", "user": "user", "app": "tool"}
    return EventsSql(select, names, trim_time=True, identity_always=True)


def _csv_events_sql(plan: Plan, typed: bool) -> EventsSql:
    """A CSV export as events; ``typed``: the reader parses timestamp and success (generic CSV only)."""
    layout = plan.layout
    names = [fold(name).strip('"') for name in layout.header]
    wanted = _CSV_COLUMNS.get(plan.format)
    if wanted is None:
        raise InputError(f"a CSV log cannot be read as {plan.format}", file=plan.path)
    position = {name: index for index, name in reversed(list(enumerate(names)))}

    def find(role: str) -> int | None:
        return next((position[name] for name in wanted.get(role, ()) if name in position), None)

    def cell(index: int) -> str:
        return f"c{index}"

    def shown(index: int) -> str:
        return layout.header[index].strip().strip('"')

    found = {role: find(role) for role in ("ts", "user", "app", "ok", "etype", "code")}
    required = {"csv": ("ts", "user", "app"), "okta": ("ts", "user", "etype"), "entra": ("ts", "user", "app"),
                "google": ("ts", "user")}[plan.format]
    missing = [wanted[role][0] for role in required if found[role] is None]
    if plan.format == "okta" and found["ok"] is None:
        missing.append("outcome.result")
    if plan.format == "entra" and found["ok"] is None and found["code"] is None:
        missing.append("Status or Sign-in error code")
    if plan.format == "google" and found["app"] is None and found["etype"] is None:
        missing.append("Event")
    if missing:
        label = {"csv": "a usage CSV needs the columns timestamp,user,tool",
                 "okta": "an Okta System Log CSV needs published, eventType, actor.alternateId and outcome.result",
                 "entra": "an Entra sign-in CSV needs Date (UTC), Username, Application and Status",
                 "google": "a Google Workspace audit CSV needs Date, Actor and Application name or Event"}[plan.format]
        raise InputError(f"{label}; missing {', '.join(missing)}", file=plan.path, row=1)
    ts, user = cell(found["ts"]), cell(found["user"])
    etype_sql, relevant = "'sign-in'", "TRUE"
    app_name = shown(found["app"]) if found["app"] is not None else ""
    if plan.format == "csv":
        app = cell(found["app"])
        if found["ok"] is not None and typed:
            ok = cell(found["ok"])
        elif found["ok"] is not None:
            cases = " ".join(f"WHEN '{value}' THEN {str(flag).upper()}" for value, flag in CSV_SUCCESS.items())
            ok = f"CASE lower(trim({cell(found['ok'])})) {cases} END"
        else:
            ok = "TRUE"
        ok_name = "success"
    elif plan.format == "okta":
        app, app_name = _okta_csv_app(names, layout.header, plan.path)
        ok, ok_name = f"upper(trim({cell(found['ok'])})) = 'SUCCESS'", shown(found["ok"])
        etype_sql = f"trim({cell(found['etype'])})"
        relevant = f"{etype_sql} = 'user.authentication.sso'"
    elif plan.format == "entra":
        app = cell(found["app"])
        if found["code"] is not None:
            ok, ok_name = f"try_cast(trim({cell(found['code'])}) AS BIGINT) = 0", shown(found["code"])
        else:
            status = f"lower(trim({cell(found['ok'])}))"
            ok = f"CASE {status} WHEN 'success' THEN TRUE WHEN 'failure' THEN FALSE WHEN 'interrupted' THEN FALSE END"
            ok_name = shown(found["ok"])
    else:  # google
        app = cell(found["app"]) if found["app"] is not None else "'Google Workspace'"
        if found["etype"] is not None:
            event = f"lower({cell(found['etype'])})"
            ok = f"CASE WHEN {event} LIKE '%success%' THEN TRUE WHEN {event} LIKE '%fail%' THEN FALSE END"
            etype_sql = f"trim({cell(found['etype'])})"
            relevant = f"({event} LIKE '%success%' OR {event} LIKE '%fail%')"
            ok_name = shown(found["etype"])
        else:
            ok, ok_name = "TRUE", "Event"
        app_name = app_name or "Application name"
    types = {found["ts"]: "TIMESTAMPTZ", found["ok"]: "BOOLEAN"} if typed else {}
    columns = ", ".join(f"'c{index}': '{types.get(index, 'VARCHAR')}'" for index in range(len(names)))
    encoding = {"utf-16": "utf-16", "latin-1": "latin-1"}.get(layout.encoding, "utf-8")
    path = sql_string(str(plan.read_path or plan.path))
    select = f"""
        SELECT {ts} AS ts, {user} AS "user", {app} AS app, {ok} AS ok, {relevant} AS relevant, {etype_sql} AS etype
        FROM read_csv({path}, header = true, delim = {sql_string(layout.separator)},
                      quote = '"', escape = '"', columns = {{{columns}}}, encoding = '{encoding}',
                      null_padding = true)
    """
    names_shown = {"ts": shown(found["ts"]), "ok": ok_name, "user": shown(found["user"]), "app": app_name}
    return EventsSql(select, names_shown, trim_time=True, typed_time=typed,
                     identity_always=plan.format == "csv", row_offset=1)


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


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
