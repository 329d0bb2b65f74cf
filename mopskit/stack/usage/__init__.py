"""Read sign-in logs (Okta, Microsoft Entra, generic CSV) into per (app, user) aggregates.

One DuckDB pass per file scans and aggregates the log with flat memory, however many
events it holds: per app and user as the log spells them, the last successful sign-in on
or before ``as_of`` and the number of successful sign-ins. Bad rows are counted in that
same pass; only when some exist does a second query find the first one to name it (file,
row, column). Names are then folded and spellings merged over the aggregates, still in
DuckDB, so no Python runs per event and pandas is imported only when a frame is asked for.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import duckdb
import numpy as np

from mopskit.errors import InputError
from mopskit.stack.names import fold, tidy

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("okta", "entra", "csv")
_SAMPLE_BYTES = 65536
_MEMORY_LIMIT = "1GB"
_CSV_SUCCESS = {  # case-insensitive; a superset of what DuckDB's BOOLEAN reads, so both passes agree
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
_EPOCH = date(1970, 1, 1)
_MICROSECONDS_PER_DAY = 86_400_000_000
_COLUMNS = ("app_key", "app", "user", "last_sign_in", "sign_ins")
_USER_KEY = 'lower(trim("user"))'  # users compare by identity, lower-cased, spaces trimmed


@dataclass(frozen=True)
class UsageSource:
    """One sign-in log and the format it was read as."""

    path: str
    format: str


class AppSignIns(NamedTuple):
    """One app's users and their successful sign-ins (read-only arrays, one entry per user)."""

    app_key: str  # the app name folded for matching (case, spaces)
    app: str  # the app as the log spells it
    users: np.ndarray  # lower-cased, trimmed identities, in no set order
    last_sign_in: np.ndarray  # datetime64[D]: last successful sign-in on or before as_of; NaT if none
    sign_ins: np.ndarray  # int64: successful sign-ins up to as_of


@dataclass(frozen=True, eq=False)
class Usage:
    """Successful sign-ins per (app, user), read from one or more logs.

    Held as columns, one entry per app and user seen, grouped by app in app_key order, so
    an audit of millions of sign-ins never builds a Python object per pair: ``app_key``
    (app name folded for matching), ``app`` (one spelling per app_key), ``user``
    (lower-cased), ``last_sign_in`` (datetime64[D], NaT when no success counts, e.g. only
    failures) and ``sign_ins``. ``apps()`` walks them per app; ``to_frame()`` shows them.
    """

    app_key: np.ndarray
    app: np.ndarray
    user: np.ndarray
    last_sign_in: np.ndarray
    sign_ins: np.ndarray
    as_of: date | None
    sources: tuple[UsageSource, ...] = ()
    events: int = 0  # events of the relevant type read (successful or not)
    latest_sign_in: date | None = None  # last successful sign-in in the logs; known when as_of is None

    def __post_init__(self) -> None:
        for name in _COLUMNS:
            getattr(self, name).flags.writeable = False  # shared freely, so never changed in place

    def __len__(self) -> int:
        return len(self.app_key)

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[str, str, date | datetime | str]], *, as_of: date | str | None = None
    ) -> Usage:
        """Build usage from ``(app, user, when)`` successful sign-ins, e.g. for a small example.

        Sign-ins after ``as_of`` are left out; names are folded as those read from logs.
        """
        cutoff = _as_date(as_of, "as_of") if as_of is not None else None
        grouped: dict[tuple[str, str], list[int]] = {}  # (app, user) as written -> [last day, count]
        latest, count = None, 0
        for count, (app, user, when) in enumerate(records, 1):
            day = _as_date(when, f"record {count}")
            for name, value in (("app", app), ("user", user)):
                if not tidy(value):
                    raise InputError(f"record {count}: the {name} is missing")
            latest = day if latest is None or day > latest else latest
            if cutoff is not None and day > cutoff:
                continue
            entry = grouped.setdefault((str(app), str(user)), [0, 0])
            entry[0] = max(entry[0], (day - _EPOCH).days)
            entry[1] += 1
        with _connection(progress=False) as connection:
            keys, values = list(grouped), list(grouped.values())
            connection.execute(
                """CREATE TEMP TABLE raw0 AS SELECT
                       unnest($apps::VARCHAR[]) AS app, unnest($users::VARCHAR[]) AS "user",
                       unnest($days::BIGINT[]) AS last_day, unnest($counts::BIGINT[]) AS sign_ins,
                       unnest($counts::BIGINT[]) AS events""",
                {
                    "apps": [app for app, _ in keys],
                    "users": [user for _, user in keys],
                    "days": [day for day, _ in values],
                    "counts": [number for _, number in values],
                },
            )
            apps = _name_apps(connection, ["raw0"])
            columns, _events, _latest, _blank = _fold_and_merge(connection, ["raw0"], apps)  # names checked above
        return cls(**columns, as_of=cutoff, sources=(), events=count, latest_sign_in=latest)

    def apps(self) -> Iterator[AppSignIns]:
        """Each app seen, in app_key order, with views of its users' rows."""
        if not len(self):
            return
        keys = self.app_key
        starts = [0, *(np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist(), len(keys)]
        for start, end in zip(starts, starts[1:]):
            yield AppSignIns(
                keys[start], self.app[start], self.user[start:end],
                self.last_sign_in[start:end], self.sign_ins[start:end],
            )

    def to_frame(self) -> pd.DataFrame:
        """The per (app, user) aggregates as a table sorted by app and user; last_sign_in as datetime64."""
        import pandas as pd

        frame = pd.DataFrame({name: getattr(self, name) for name in _COLUMNS})
        frame["last_sign_in"] = frame["last_sign_in"].astype("datetime64[s]")
        return frame.sort_values(["app_key", "user"], kind="stable", ignore_index=True)


def read_usage(
    paths: str | PathLike[str] | Sequence[str | PathLike[str]],
    *,
    format: str | None = None,
    as_of: date | str | None = None,
    progress: bool = False,
) -> Usage:
    """Aggregate successful sign-ins from Okta, Entra or CSV logs (``.gz`` too), format detected per file.

    Only successful sign-ins count; sign-ins after ``as_of`` are ignored (``as_of=None``: all).
    ``format`` forces one of ``okta``, ``entra``, ``csv``; ``progress`` shows a bar per file.
    """
    files = [Path(paths)] if isinstance(paths, (str, PathLike)) else [Path(path) for path in paths]
    if not files:
        raise InputError("no sign-in log given")
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown usage format '{format}'; use one of {', '.join(FORMATS)}")
    cutoff = _as_date(as_of, "as_of") if as_of is not None else None
    sources: list[UsageSource] = []
    with _connection(progress) as connection:
        for file in _progress(files, progress):
            source = UsageSource(str(file), format or detect_format(file))
            _aggregate_file(connection, source, cutoff, f"raw{len(sources)}")
            sources.append(source)
        tables = [f"raw{index}" for index in range(len(sources))]
        apps = _name_apps(connection, tables)
        columns, events, latest, blank = _fold_and_merge(connection, tables, apps)
        if blank:  # a user or app of only spaces: name its row, unless no success needed it
            for table, source in zip(tables, sources):
                _check_blank_names(connection, table, source)
    return Usage(
        **columns, as_of=cutoff, sources=tuple(sources), events=events,
        latest_sign_in=latest if cutoff is None else None,
    )


def detect_format(path: str | PathLike[str]) -> str:
    """Tell Okta, Entra and CSV logs apart from their first bytes (gzip is opened transparently)."""
    file = Path(path)
    if not file.is_file():
        raise InputError("sign-in log not found", file=file)
    head = _head(file)
    text = head.lstrip("\ufeff \t\r\n")
    if not text:
        raise InputError("the sign-in log is empty", file=file)
    if text[0] in "[{":
        if '"eventType"' in text or '"published"' in text:
            return "okta"
        if '"createdDateTime"' in text or '"appDisplayName"' in text or '"value"' in text:
            return "entra"
        raise InputError(
            "a JSON log, but neither Okta (published, eventType) nor Entra (createdDateTime,"
            " appDisplayName); use --usage-format to force one",
            file=file,
        )
    if "\x00" in text:
        raise InputError("not a sign-in log: the file looks binary", file=file)
    header = [fold(name).strip('"') for name in re.split(r"[,;\t]", text.splitlines()[0])]
    if {"timestamp", "user", "tool"} <= set(header):
        return "csv"
    raise InputError(
        "unknown sign-in log format: expected Okta or Entra JSON, or a CSV with the columns"
        " timestamp,user,tool[,success]",
        file=file,
        row=1,
    )


# --- one file, one pass --------------------------------------------------------------------


def _aggregate_file(
    connection: duckdb.DuckDBPyConnection, source: UsageSource, cutoff: date | None, table: str
) -> None:
    """Aggregate one log into ``table`` (one row per app and user as written), or name its first bad row."""
    file = Path(source.path)
    if not file.is_file():
        raise InputError("sign-in log not found", file=file)
    events = _events_sql(source)
    cutoff_day = (cutoff - _EPOCH).days if cutoff else 2**31
    create = f"CREATE OR REPLACE TEMP TABLE {table} AS "
    # Fast path for CSV: DuckDB's reader parses times and outcomes itself, as fast as a bare
    # scan. Any value it cannot parse aborts it; the careful pass below then names the row.
    fast = source.format == "csv" and _succeeds(
        connection, create + _aggregate_sql(_csv_events_sql(source, typed=True), cutoff_day)
    )
    if not fast:
        try:
            connection.execute(create + _aggregate_sql(events, cutoff_day))
        except duckdb.Error as error:
            raise _read_error(source, error) from None
    needs_identity = "TRUE" if events.identity_always else "successes > 0"
    (problems,) = connection.execute(
        f"""SELECT coalesce(sum(unreadable), 0) + coalesce(sum(events) FILTER (WHERE {needs_identity}
                   AND (app IS NULL OR "user" IS NULL OR app = '' OR "user" = '')), 0)
            FROM {table}"""
    ).fetchone()
    if problems:
        raise _first_problem(connection, source, events, int(problems)) or InputError(
            f"{problems} unreadable events", file=file
        )


def _succeeds(connection: duckdb.DuckDBPyConnection, sql: str) -> bool:
    """Run ``sql``; False when DuckDB refuses the data, so the caller takes the careful way."""
    try:
        connection.execute(sql)
    except duckdb.Error:
        return False
    return True


def _aggregate_sql(events: _EventsSql, cutoff_day: int) -> str:
    """One pass over the events, grouped by raw (app, user).

    Per event only what must be judged per event (time and outcome readable); a missing user
    or app is a property of its group, so it is judged on the aggregate.
    """
    return f"""
        WITH events AS ({events.select}),
        typed AS (SELECT app, "user", ok, {events.day()} AS day FROM events WHERE relevant)
        SELECT app, "user",
               max(day) FILTER (WHERE ok AND day <= {cutoff_day}) AS last_day,
               count(*) FILTER (WHERE ok AND day <= {cutoff_day}) AS sign_ins,
               count(*) AS events,
               count(*) FILTER (WHERE day IS NULL OR ok IS NULL) AS unreadable,
               count(*) FILTER (WHERE ok) AS successes
        FROM typed
        GROUP BY ALL
    """


@dataclass(frozen=True)
class _AppNames:
    """The apps of the logs, numbered in key order: app_id i has ``keys[i]`` and ``spellings[i]``."""

    keys: list[str]
    spellings: list[str]
    merges: bool  # two spellings in the logs fold to one key


def _name_apps(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> _AppNames:
    """Table ``app_names``: each app as written -> the id of its key (``fold``).

    Apps are few, so Python folds them with the same function the inventory uses; pairs are
    then numbered apps, not strings, until the end.
    """
    union = " UNION ".join(f"SELECT DISTINCT app FROM {table} WHERE app IS NOT NULL" for table in tables)
    written = [app for (app,) in connection.execute(union).fetchall()]
    spelling: dict[str, str] = {}
    for app in written:
        key, shown = fold(app), tidy(app)
        if key not in spelling or shown < spelling[key]:
            spelling[key] = shown
    keys = sorted(spelling)
    app_id = {key: number for number, key in enumerate(keys)}
    connection.execute(
        """CREATE OR REPLACE TEMP TABLE app_names AS SELECT
               unnest($apps::VARCHAR[]) AS app, unnest($ids::INTEGER[]) AS app_id,
               unnest($blank::BOOLEAN[]) AS blank_app""",
        {
            "apps": written,
            "ids": [app_id[fold(app)] for app in written],
            "blank": [fold(app) == "" for app in written],
        },
    )
    return _AppNames(keys, [spelling[key] for key in keys], merges=len(keys) < len(written))


def _check_blank_names(connection: duckdb.DuckDBPyConnection, table: str, source: UsageSource) -> None:
    """A user or app that is only spaces is as missing as an empty one: name the row if it matters."""
    (blank,) = connection.execute(
        f"""SELECT count(*) FROM {table} JOIN app_names USING (app)
            WHERE "user" IS NOT NULL AND ({_USER_KEY} = '' OR blank_app)"""
    ).fetchone()
    if blank:
        error = _first_problem(connection, source, _events_sql(source), 0)
        if error is not None:
            raise error


def _fold_and_merge(
    connection: duckdb.DuckDBPyConnection, tables: list[str], apps: _AppNames
) -> tuple[dict[str, np.ndarray], int, date | None, int]:
    """Merge the raw aggregates of every table by folded app and user.

    Returns the ``Usage`` columns, grouped by app in app_key order; the number of events
    behind them; the last successful sign-in; and how many pairs had a blank user or app
    (left out). One clean log needs no merging, which a quick look tells.
    """
    union = " UNION ALL ".join(f'SELECT app, "user", last_day, sign_ins, events FROM {table}' for table in tables)
    merge = len(tables) > 1 or apps.merges
    if not merge:
        (unfolded,) = connection.execute(
            f'SELECT count(*) FROM {tables[0]} WHERE "user" <> {_USER_KEY}'
        ).fetchone()
        merge = unfolded > 0
    if merge:
        pairs = f"""SELECT app_id, {_USER_KEY} AS "user", max(last_day) AS last_day,
                           sum(sign_ins) AS sign_ins, sum(events) AS events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL GROUP BY ALL"""
    else:
        pairs = f"""SELECT app_id, "user", last_day, sign_ins, events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL"""
    # One query, numbers not strings per pair where it can: Python objects are the dear part.
    fetched = connection.execute(
        f"""SELECT app_id, "user", DATE '1970-01-01' + CAST(last_day AS INTEGER) AS last_sign_in,
                   CAST(sign_ins AS BIGINT) AS sign_ins, CAST(events AS BIGINT) AS events,
                   blank_app OR "user" = '' AS blank
            FROM ({pairs}) ORDER BY app_id"""
    ).fetchnumpy()
    kept = ~np.asarray(fetched["blank"], dtype=bool)
    app_id = np.asarray(fetched["app_id"], dtype=np.intp)[kept]
    last_sign_in = np.ma.filled(fetched["last_sign_in"], np.datetime64("NaT")).astype("datetime64[D]")[kept]
    columns = {
        "app_key": np.array(apps.keys, dtype=object)[app_id],
        "app": np.array(apps.spellings, dtype=object)[app_id],
        "user": np.asarray(fetched["user"], dtype=object)[kept],
        "last_sign_in": last_sign_in,
        "sign_ins": np.asarray(fetched["sign_ins"], dtype=np.int64)[kept],
    }
    events = int(np.asarray(fetched["events"], dtype=np.int64)[kept].sum())
    dated = last_sign_in[~np.isnat(last_sign_in)]
    latest = dated.max().item() if len(dated) else None  # a datetime.date
    return columns, events, latest, int((~kept).sum())


@dataclass(frozen=True)
class _EventsSql:
    """How to read one log as events: columns ts, user, app, ok (NULL: outcome unreadable), relevant."""

    select: str
    names: dict[str, str]  # the log's own name for ts, user, app, ok, so errors speak the user's terms
    trim_time: bool = False  # CSV cells may pad the timestamp with spaces; JSON logs are machine-written
    typed_time: bool = False  # ts is already a TIMESTAMPTZ (parsed by the reader), not text
    identity_always: bool = False  # user and app required on every row, not only on successes

    def day(self) -> str:
        """SQL for the UTC day of ``ts`` as days since 1970-01-01, NULL when it is not ISO 8601.

        Integer days from the epoch cost far less per event than casting to DATE in a time zone.
        """
        if self.typed_time:
            return f"epoch_us(ts) // {_MICROSECONDS_PER_DAY}"

        def parse(text: str) -> str:
            return f"epoch_us(try_cast({text} AS TIMESTAMPTZ)) // {_MICROSECONDS_PER_DAY}"

        return f"coalesce({parse('ts')}, {parse('trim(ts)')})" if self.trim_time else parse("ts")

    def problem(self, strict: bool = False) -> str:
        """SQL naming the first bad column of a row, NULL when the row is fine.

        The fast pass only tests for NULL or ''; ``strict`` also rejects blanks (used to
        find the row once pandas has seen a blank user or app after aggregation).
        """
        def missing(column: str) -> str:
            test = f"trim({column}) = ''" if strict else f"{column} = ''"
            return f"({column} IS NULL OR {test})"

        guard = "" if self.identity_always else "ok AND "
        return f"""CASE WHEN day IS NULL THEN '{self.names["ts"]}'
            WHEN ok IS NULL THEN '{self.names["ok"]}'
            WHEN {guard}{missing('"user"')} THEN '{self.names["user"]}'
            WHEN {guard}{missing("app")} THEN '{self.names["app"]}'
            END"""


def _events_sql(source: UsageSource) -> _EventsSql:
    path = _sql_string(source.path)
    file = Path(source.path)
    if source.format == "okta":
        layout = "array" if _first_char(file) == "[" else "newline_delimited"
        columns = (
            "{published: 'VARCHAR', eventType: 'VARCHAR', actor: 'STRUCT(alternateId VARCHAR)',"
            " target: 'STRUCT(type VARCHAR, displayName VARCHAR)[]', outcome: 'STRUCT(result VARCHAR)'}"
        )
        select = f"""
            SELECT published AS ts, actor.alternateId AS "user",
                   CASE WHEN target[1].type = 'AppInstance' THEN target[1].displayName
                        ELSE list_filter(target, lambda item: item.type = 'AppInstance')[1].displayName
                   END AS app,
                   outcome.result = 'SUCCESS' AS ok,
                   eventType = 'user.authentication.sso' AS relevant
            FROM read_json({path}, format = '{layout}', columns = {columns},
                           maximum_object_size = 67108864)
        """
        names = {
            "ts": "published",
            "ok": "outcome.result",
            "user": "actor.alternateId",
            "app": "target[AppInstance].displayName",
        }
        return _EventsSql(select, names)
    if source.format == "entra":
        fields = (
            "createdDateTime VARCHAR, userPrincipalName VARCHAR, appDisplayName VARCHAR,"
            " status STRUCT(errorCode BIGINT)"
        )
        if _first_char(file) == "{" and _is_graph_page(file):
            size = max(file.stat().st_size * (20 if _is_gzip(file) else 2), 67108864)
            rows = f"""SELECT unnest(value, recursive := false) AS record
                       FROM read_json({path}, format = 'unstructured', columns = {{value: 'STRUCT({fields})[]'}},
                                      maximum_object_size = {size})"""
            record = "record."
        else:
            layout = "array" if _first_char(file) == "[" else "newline_delimited"
            rows = f"""SELECT * FROM read_json({path}, format = '{layout}', maximum_object_size = 67108864,
                       columns = {{createdDateTime: 'VARCHAR', userPrincipalName: 'VARCHAR',
                                  appDisplayName: 'VARCHAR', status: 'STRUCT(errorCode BIGINT)'}})"""
            record = ""
        select = f"""
            SELECT {record}createdDateTime AS ts, {record}userPrincipalName AS "user",
                   {record}appDisplayName AS app, {record}status.errorCode = 0 AS ok, TRUE AS relevant
            FROM ({rows})
        """
        names = {
            "ts": "createdDateTime",
            "ok": "status.errorCode",
            "user": "userPrincipalName",
            "app": "appDisplayName",
        }
        return _EventsSql(select, names)
    return _csv_events_sql(source)


def _csv_events_sql(source: UsageSource, typed: bool = False) -> _EventsSql:
    """A usage CSV as events; ``typed``: the reader parses timestamp and success (fails on any odd value)."""
    file = Path(source.path)
    head = _head(file).lstrip("\ufeff")
    first_line = head.splitlines()[0] if head.strip() else ""
    separator = max(",;\t", key=first_line.count)
    names = [fold(name).strip('"') for name in first_line.split(separator)]
    wanted = {"timestamp", "user", "tool"}
    if not wanted <= set(names):
        missing = ", ".join(sorted(wanted - set(names)))
        raise InputError(f"a usage CSV needs the columns timestamp,user,tool; missing {missing}", file=file, row=1)
    position = {name: f"c{index}" for index, name in reversed(list(enumerate(names)))}
    success = position.get("success")
    types = {position["timestamp"]: "TIMESTAMPTZ", success: "BOOLEAN"} if typed else {}
    columns = ", ".join(f"'c{index}': '{types.get(f'c{index}', 'VARCHAR')}'" for index in range(len(names)))
    encoding = "utf-8" if _is_utf8(file) else "latin-1"
    if success and typed:
        ok = success
    elif success:
        cases = " ".join(f"WHEN '{value}' THEN {str(flag).upper()}" for value, flag in _CSV_SUCCESS.items())
        ok = f"CASE lower(trim({success})) {cases} END"
    else:
        ok = "TRUE"
    select = f"""
        SELECT {position['timestamp']} AS ts, {position['user']} AS "user", {position['tool']} AS app,
               {ok} AS ok, TRUE AS relevant
        FROM read_csv({_sql_string(source.path)}, header = true, delim = {_sql_string(separator)},
                      quote = '"', escape = '"', columns = {{{columns}}}, encoding = '{encoding}',
                      null_padding = true)
    """
    names = {"ts": "timestamp", "ok": "success", "user": "user", "app": "tool"}
    return _EventsSql(select, names, trim_time=True, typed_time=typed, identity_always=True)


def _first_problem(
    connection: duckdb.DuckDBPyConnection, source: UsageSource, events: _EventsSql, count: int
) -> InputError | None:
    """Find the first bad row (only on failure: one ordered, single-threaded scan)."""
    connection.execute("SET threads = 1")
    connection.execute("SET preserve_insertion_order = true")
    query = f"""
        WITH events AS ({events.select}),
        numbered AS (
            SELECT *, {events.day()} AS day, row_number() OVER () AS position
            FROM events
        )
        SELECT position, {events.problem(strict=True)} AS problem, ts, "user", app
        FROM numbered WHERE relevant AND {events.problem(strict=True)} IS NOT NULL ORDER BY position LIMIT 1
    """
    found = connection.sql(query).fetchall()
    if not found:
        return None
    position, column, timestamp, user, app = found[0]
    others = f" ({count - 1} more bad row{'s' if count > 2 else ''} after it)" if count > 1 else ""
    if source.format == "csv":
        row, kind = position + 1, "row"
    elif _first_char(Path(source.path)) == "[" or _is_graph_page(Path(source.path)):
        row, kind = position, "event"
    else:
        row, kind = _line_of_record(Path(source.path), position), "line"
    if column in {"timestamp", "published", "createdDateTime"}:
        reason = f"the time '{timestamp}' is not an ISO 8601 timestamp" if timestamp else "the time is missing"
    elif column == "success":
        reason = "success must be one of " + "/".join(_CSV_SUCCESS)
    elif column in {"outcome.result", "status.errorCode"}:
        reason = f"{column} is missing, so the sign-in's outcome is unknown"
    else:
        reason = f"{column} is missing"
    if kind == "event":
        reason = f"{reason} (event {row} of the JSON array)"
    return InputError(reason + others, file=source.path, row=row, column=column)


def _line_of_record(file: Path, position: int) -> int:
    """The physical line of the ``position``-th JSON record (blank lines hold none)."""
    seen = 0
    with (gzip.open(file, "rb") if _is_gzip(file) else file.open("rb")) as handle:
        for line_number, line in enumerate(handle, 1):
            if line.strip():
                seen += 1
                if seen == position:
                    return line_number
    return position


def _read_error(source: UsageSource, error: duckdb.Error) -> InputError:
    message = str(error).split("\n")[0]
    message = re.sub(r"^[A-Za-z ]+Error: ", "", message)
    line = re.search(r"line (\d+)", str(error), flags=re.IGNORECASE)
    if "gzip" in message.lower() or "compress" in message.lower():
        reason = "the file is not a readable gzip archive"
    else:
        reason = f"not a readable {source.format} sign-in log ({message[:200]})"
    return InputError(reason, file=source.path, row=int(line[1]) if line else None)


# --- helpers --------------------------------------------------------------------------------


class _connection:
    """An in-memory DuckDB with UTC time, a memory cap and its own spill folder."""

    def __init__(self, progress: bool) -> None:
        self._spill = tempfile.TemporaryDirectory(prefix="mopskit-duckdb-")
        self._connection = duckdb.connect(
            config={
                "memory_limit": _MEMORY_LIMIT,
                "temp_directory": self._spill.name,
            }
        )
        self._connection.execute("SET TimeZone = 'UTC'")
        self._connection.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        return self._connection

    def __exit__(self, *exc_info: object) -> None:
        self._connection.close()
        self._spill.cleanup()


def _progress(files: list[Path], progress: bool) -> Iterable[Path]:
    if not progress or len(files) < 2:
        return files
    from tqdm.auto import tqdm

    return tqdm(files, desc="sign-in logs", unit="file")


def _head(file: Path) -> str:
    try:
        with file.open("rb") as handle:
            raw = handle.read(_SAMPLE_BYTES)
        if raw[:2] == b"\x1f\x8b":
            with gzip.open(file, "rb") as handle:
                raw = handle.read(_SAMPLE_BYTES)
    except (OSError, EOFError) as error:
        raise InputError(f"cannot read the file ({error})", file=file) from None
    return raw.decode("utf-8", errors="replace") if _valid_utf8_prefix(raw) else raw.decode("latin-1")


def _valid_utf8_prefix(raw: bytes) -> bool:
    for cut in range(4):
        try:
            raw[: len(raw) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _is_utf8(file: Path) -> bool:
    with (gzip.open(file, "rb") if _is_gzip(file) else file.open("rb")) as handle:
        return _valid_utf8_prefix(handle.read(_SAMPLE_BYTES))


def _is_gzip(file: Path) -> bool:
    with file.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _first_char(file: Path) -> str:
    text = _head(file).lstrip("\ufeff \t\r\n")
    return text[:1]


def _is_graph_page(file: Path) -> bool:
    """A Microsoft Graph page is one object with a ``value`` array; JSON lines are many objects."""
    head = _head(file).lstrip("\ufeff \t\r\n")
    try:
        first = json.JSONDecoder().raw_decode(head)[0]
    except json.JSONDecodeError:
        return '"value"' in head[:2000] and "createdDateTime" not in head[: head.find('"value"')]
    return isinstance(first, dict) and "value" in first


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _as_date(value: date | datetime | str, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(f"{name} must be a date like 2026-10-31, got '{value}'") from None
