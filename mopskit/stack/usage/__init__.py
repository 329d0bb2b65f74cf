"""Read sign-in logs (Okta, Microsoft Entra, Google Workspace, generic CSV) into per (app, user) aggregates.

One DuckDB pass per file scans and aggregates the log with flat memory, however many
events it holds: per app and user as the log spells them, the last successful sign-in on
or before ``as_of`` and the number of successful sign-ins from ``since``; per event type,
what the log covers. Bad rows are counted in that same pass; only when some exist does a
second query find the first one to name it (file, row, column). JSON that wraps its events
(Graph pages, several arrays) is first copied with the wrapping blanked (``_jsonscan``),
so DuckDB streams it as JSON lines. Names are then folded and spellings merged over the
aggregates, so no Python runs per event and pandas is imported only when a frame is asked for.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, cast

import duckdb
import numpy as np

from mopskit.errors import InputError
from mopskit.stack.names import tidy
from mopskit.stack.usage import _jsonscan
from mopskit.io.tables import read_date
from mopskit.stack.usage._formats import (
    FORMATS,
    EventsSql,
    Head,
    LogFormat,
    Plan,
    events_sql,
    format_names,
    log_formats,
    plan_file,
    register_format,
    unregister_format,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMATS",
    "AppSignIns",
    "Head",
    "LogCoverage",
    "LogFormat",
    "Usage",
    "UsageSource",
    "detect_format",
    "format_names",
    "log_formats",
    "read_usage",
    "register_format",
    "unregister_format",
]

_MEMORY_LIMIT = "1GB"
_EPOCH = date(1970, 1, 1)
_COLUMNS = ("app_key", "app", "user", "last_sign_in", "sign_ins")
_USER_KEY = 'lower(trim("user"))'  # users compare by identity, lower-cased, spaces trimmed
_LOG_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".txt", ".log", ".parquet"}


@dataclass(frozen=True)
class UsageSource:
    """One sign-in log, the format it was read as, and how the file holds its events."""

    path: str
    format: str
    layout: str = ""  # json-lines, json-array, json-pages, azure-monitor, csv, parquet


@dataclass(frozen=True)
class LogCoverage:
    """What the logs cover, whole, not cut by ``as_of``: so an audit can tell a short log from idle tools.

    Days are UTC days. ``event_types`` counts every event by type, most frequent first
    (Okta's eventType; one ``("sign-in", n)`` entry for logs without types).
    """

    first_day: date | None = None  # the earliest event of any type and outcome
    last_day: date | None = None  # the latest event of any type and outcome
    events: int = 0  # every event read, any type
    event_types: tuple[tuple[str, int], ...] = ()
    successful_sign_ins: int = 0  # successful sign-ins to apps, whole log
    first_success: date | None = None
    last_success: date | None = None


class AppSignIns(NamedTuple):
    """One app's users and their successful sign-ins (read-only arrays, one entry per user)."""

    app_key: str  # the app name folded for matching (case, spaces)
    app: str  # the app as the log spells it
    users: np.ndarray  # lower-cased, trimmed identities, in no set order
    last_sign_in: np.ndarray  # datetime64[D]: last successful sign-in on or before as_of; NaT if none
    sign_ins: np.ndarray  # int64: successful sign-ins in [since, as_of]


@dataclass(frozen=True, eq=False)
class Usage:
    """Successful sign-ins per (app, user), read from one or more logs.

    Held as columns, one entry per app and user seen, grouped by app in app_key order, so
    an audit of millions of sign-ins never builds a Python object per pair: ``app_key``
    (app name folded for matching), ``app`` (one spelling per app_key), ``user``
    (lower-cased), ``last_sign_in`` (datetime64[D], NaT when no success counts, e.g. only
    failures) and ``sign_ins`` (successes on days in [since, as_of]). ``apps()`` walks them
    per app; ``to_frame()`` shows them; ``coverage`` says what the logs span.
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
    since: date | None = None  # sign_ins counts from this day on (None: from the start of the logs)
    coverage: LogCoverage = field(default_factory=LogCoverage)
    # from_records keeps its records and period, so an audit for another window can count them again
    records: tuple[tuple[str, str, date], ...] | None = field(default=None, repr=False)
    period: tuple[date, date] | None = None

    def __post_init__(self) -> None:
        for name in _COLUMNS:
            getattr(self, name).flags.writeable = False  # shared freely, so never changed in place

    def __len__(self) -> int:
        return len(self.app_key)

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple[str, str, date | datetime | str]],
        *,
        as_of: date | str | None = None,
        since: date | str | None = None,
        period: tuple[date | str, date | str] | None = None,
    ) -> Usage:
        """Build usage from ``(app, user, when)`` successful sign-ins, e.g. for a small example.

        Sign-ins after ``as_of`` are left out; ``sign_ins`` counts those from ``since`` on;
        names are folded as those read from logs. ``period`` is the first and last day the
        records were collected over (default: the first and last record): an audit trusts
        silence only on days the log covers.
        """
        cutoff, start = _window(as_of, since)
        grouped: dict[tuple[str, str], list[int]] = {}  # (app, user) as written -> [last day, count]
        days: list[date] = []
        kept: list[tuple[str, str, date]] = []
        for count, (app, user, when) in enumerate(records, 1):
            day = _as_date(when, f"record {count}")
            for name, value in (("app", app), ("user", user)):
                if not tidy(value):
                    raise InputError(f"record {count}: the {name} is missing")
            days.append(day)
            kept.append((str(app), str(user), day))
            if cutoff is not None and day > cutoff:
                continue
            entry = grouped.setdefault((str(app), str(user)), [-(2**31), 0])
            entry[0] = max(entry[0], (day - _EPOCH).days)
            entry[1] += start is None or day >= start
        with _connection(progress=False) as connection:
            keys, values = list(grouped), list(grouped.values())
            connection.execute(
                """CREATE TEMP TABLE raw0 AS SELECT TRUE AS pair_row,
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
            columns, _events, _latest, _blank = _fold_and_merge(connection, ["raw0"], apps, True)  # names checked above
        first, last = (min(days), max(days)) if days else (None, None)
        span: tuple[date | None, date | None] = (first, last)
        chosen: tuple[date, date] | None = None
        if period is not None:
            chosen = (_as_date(period[0], "period start"), _as_date(period[1], "period end"))
            span = chosen
            if chosen[0] > chosen[1]:
                raise InputError(f"period starts on {chosen[0]}, after it ends on {chosen[1]}")
            if days and (first < span[0] or last > span[1]):  # type: ignore[operator]
                raise InputError(f"the records run from {first} to {last}, outside the period {span[0]} to {span[1]}")
        coverage = LogCoverage(span[0], span[1], len(days), (("sign-in", len(days)),) if days else (),
                               len(days), first, last)
        return cls(**columns, as_of=cutoff, sources=(), events=len(days), latest_sign_in=last,
                   since=start, coverage=coverage, records=tuple(kept),
                   period=chosen)

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
    since: date | str | None = None,
    progress: bool = False,
) -> Usage:
    """Aggregate successful sign-ins from Okta, Entra, Google Workspace or CSV logs, format detected per file.

    A path may be a file (``.gz`` too), a folder (every log in it, recursively) or a glob
    pattern such as ``logs/*.jsonl.gz``. Only successful sign-ins count; ``last_sign_in``
    is the last one on or before ``as_of`` (None: all), ``sign_ins`` counts those on days
    in [since, as_of]. ``format`` forces one of ``okta``, ``entra``, ``google``, ``csv``
    (or a format added with ``register_format``);
    ``progress`` shows a bar per file.
    """
    files = _expand(paths)
    if format is not None and format not in format_names():
        raise InputError(f"unknown usage format '{format}'; use one of {', '.join(format_names())}")
    cutoff, start = _window(as_of, since)
    sources: list[UsageSource] = []
    plans: list[Plan] = []
    with _connection(progress) as connection, tempfile.TemporaryDirectory(prefix="mopskit-usage-") as scratch:
        unfolded = False
        for file in _progress(files, progress):
            plan = plan_file(file, format)
            unfolded |= _aggregate_file(connection, plan, cutoff, start, f"raw{len(plans)}", Path(scratch))
            plans.append(plan)
            sources.append(UsageSource(str(file), plan.format, plan.layout.kind))
        tables = [f"raw{index}" for index in range(len(plans))]
        apps = _name_apps(connection, tables)
        columns, events, latest, blank = _fold_and_merge(connection, tables, apps, unfolded)
        if blank:  # a user or app of only spaces: name its row, unless no success needed it
            for table, plan in zip(tables, plans):
                _check_blank_names(connection, table, plan, Path(scratch))
        coverage = _coverage(connection, tables)
    return Usage(
        **columns, as_of=cutoff, sources=tuple(sources), events=events,
        latest_sign_in=latest if cutoff is None else None, since=start, coverage=coverage,
    )


def detect_format(path: str | PathLike[str]) -> str:
    """Tell Okta, Entra, Google Workspace and generic CSV logs apart from their first bytes (gzip opened too)."""
    return plan_file(Path(path), None).format


# --- which files --------------------------------------------------------------------------


def _expand(paths: str | PathLike[str] | Sequence[str | PathLike[str]]) -> list[Path]:
    """Files, folders (their logs, recursively, sorted, hidden ones skipped) and glob patterns."""
    given = [paths] if isinstance(paths, (str, PathLike)) else list(paths)
    if not given:
        raise InputError("no sign-in log given")
    files: list[Path] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                candidate for candidate in path.rglob("*")
                if candidate.is_file() and _is_log_name(candidate.relative_to(path))
            )
            if not found:
                raise InputError("no sign-in log in this folder (looked for .json, .jsonl, .csv, .parquet"
                                 " and the like, .gz too)", file=path)
            files.extend(found)
        elif not path.exists() and glob.has_magic(str(item)):
            found = sorted(
                Path(name) for name in glob.glob(str(item), recursive=True)
                if Path(name).is_file() and not Path(name).name.startswith(".")
            )
            if not found:
                raise InputError("no file matches this pattern", file=str(item))
            files.extend(found)
        else:
            files.append(path)
    return files


def _is_log_name(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return False
    suffixes = [suffix.lower() for suffix in relative.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in _LOG_SUFFIXES


# --- one file, one pass --------------------------------------------------------------------


def _prepare(plan: Plan, scratch: Path) -> Plan:
    """The file DuckDB reads: UTF-16 made UTF-8; wrapped JSON events unwrapped, one per line."""
    layout, read_path = plan.layout, plan.path
    is_json = layout.kind.startswith("json") or layout.kind == "azure-monitor"
    if layout.encoding == "utf-16":
        read_path = scratch / (plan.path.name + ".utf8")
        _transcode(plan.path, read_path)
        layout = replace(layout, encoding="utf-8", gzip=False)
    if is_json and layout.depth:
        target = scratch / (plan.path.name + ".events.jsonl")
        try:
            with _open_binary(read_path) as source, target.open("wb") as sink:
                _jsonscan.normalise(source, sink, layout.depth)
        except _jsonscan.StructureError as error:
            raise _structure_error(plan, read_path, error) from None
        except (OSError, EOFError):
            raise InputError("the file is not a readable gzip archive, or it was cut short", file=plan.path) from None
        read_path = target
    return replace(plan, layout=layout, read_path=read_path)


def _aggregate_file(
    connection: duckdb.DuckDBPyConnection, plan: Plan, cutoff: date | None, start: date | None, table: str,
    scratch: Path,
) -> bool:
    """Aggregate one log into ``table`` (one row per app and user as written, and per event type);
    True when a user is written other than as the audit compares users (case, spaces)."""
    prepared = _prepare(plan, scratch)
    create = f"CREATE OR REPLACE TEMP TABLE {table} AS "
    # Fast path for generic CSV: DuckDB's reader parses times and outcomes itself, as fast as a
    # bare scan. Any value it cannot parse aborts it; the careful pass below then names the row.
    fast = prepared.entry.typed_reader and _succeeds(
        connection, create + _aggregate_sql(events_sql(prepared, typed=True), cutoff, start)
    )
    events = events_sql(prepared)
    if not fast:
        try:
            connection.execute(create + _aggregate_sql(events, cutoff, start))
        except duckdb.Error as error:
            if prepared.layout.kind.startswith("json") and not prepared.layout.pretty and _is_json_error(error):
                # one event over several lines after all: read value by value
                prepared = replace(prepared, layout=replace(prepared.layout, pretty=True))
                events = events_sql(prepared)
                try:
                    connection.execute(create + _aggregate_sql(events, cutoff, start))
                except duckdb.Error as second:
                    raise _read_error(prepared, second) from None
            else:
                raise _read_error(prepared, error) from None
    needs_identity = "TRUE" if events.identity_always else "successes > 0"
    problems, unfolded = connection.execute(
        f"""SELECT coalesce(sum(unreadable), 0) + coalesce(sum(events) FILTER (WHERE {needs_identity}
                   AND (app IS NULL OR "user" IS NULL OR app = '' OR "user" = '')), 0),
                   coalesce(bool_or("user" <> {_USER_KEY}) FILTER (WHERE events > 0), FALSE)
            FROM {table} WHERE pair_row"""
    ).fetchone() or (0, False)
    if problems:
        raise _first_problem(connection, prepared, events, int(problems)) or InputError(
            f"{problems} unreadable events", file=plan.path
        )
    if prepared.read_path is not None and prepared.read_path.name.endswith(".events.jsonl"):
        prepared.read_path.unlink(missing_ok=True)  # as large as the log: do not keep one per file
    return bool(unfolded)


def _succeeds(connection: duckdb.DuckDBPyConnection, sql: str) -> bool:
    """Run ``sql``; False when DuckDB refuses the data, so the caller takes the careful way."""
    try:
        connection.execute(sql)
    except duckdb.Error:
        return False
    return True


def _aggregate_sql(events: EventsSql, cutoff: date | None, start: date | None) -> str:
    """One pass over the events, grouped by raw (app, user, event type); then rolled up into
    one row per (app, user) and one per event type.

    Per event only what must be judged per event (time and outcome readable); a missing user
    or app is a property of its group, so it is judged on the aggregate. One hash table over
    the events (not one per grouping set) keeps the pass as cheap as a bare scan allows; the
    roll-ups read only the groups. Per-type rows (``pair_row`` false) give the coverage.
    """
    cutoff_day = (cutoff - _EPOCH).days if cutoff else 2**31
    start_day = (start - _EPOCH).days if start else -(2**31)
    if events.single_type:
        group, relevant = 'app, "user"', "TRUE"
    else:
        group, relevant = 'app, "user", etype, relevant', "relevant"
    grouped = f"""
            SELECT {group},
                   max(day) FILTER (WHERE ok AND day <= {cutoff_day}) AS last_day,
                   count(*) FILTER (WHERE ok AND day <= {cutoff_day} AND day >= {start_day}) AS sign_ins,
                   count(*) FILTER (WHERE day IS NULL OR ok IS NULL) AS unreadable,
                   count(*) FILTER (WHERE ok) AS successes,
                   min(day) FILTER (WHERE ok) AS first_success,
                   max(day) FILTER (WHERE ok) AS last_success,
                   count(*) AS all_events, min(day) AS first_day, max(day) AS any_day
            FROM typed GROUP BY {group}"""
    if events.single_type:  # the groups are the pairs already; one type row sums them
        pairs = """SELECT TRUE AS pair_row, app, "user", NULL::VARCHAR AS etype, last_day, sign_ins,
                          all_events AS events, unreadable, successes, first_success, last_success,
                          all_events, first_day, any_day
                   FROM grouped"""
        types = """SELECT FALSE, NULL, NULL, 'sign-in', NULL, 0, 0, 0, 0, NULL, NULL,
                          sum(all_events), min(first_day), max(any_day)
                   FROM grouped HAVING count(*) > 0"""
    else:
        pairs = f"""SELECT TRUE AS pair_row, app, "user", NULL::VARCHAR AS etype,
               max(last_day) FILTER (WHERE {relevant}) AS last_day,
               coalesce(sum(sign_ins) FILTER (WHERE {relevant}), 0) AS sign_ins,
               coalesce(sum(all_events) FILTER (WHERE {relevant}), 0) AS events,
               coalesce(sum(unreadable) FILTER (WHERE {relevant}), 0) AS unreadable,
               coalesce(sum(successes) FILTER (WHERE {relevant}), 0) AS successes,
               min(first_success) FILTER (WHERE {relevant}) AS first_success,
               max(last_success) FILTER (WHERE {relevant}) AS last_success,
               sum(all_events) AS all_events, min(first_day) AS first_day, max(any_day) AS any_day
        FROM grouped GROUP BY app, "user"
        """
        types = """SELECT FALSE, NULL, NULL, etype, NULL, 0, 0, 0, 0, NULL, NULL,
               sum(all_events), min(first_day), max(any_day)
        FROM grouped GROUP BY etype"""
    return f"""
        WITH events AS ({events.select}),
        typed AS (SELECT app, "user", ok, relevant, etype, {events.day()} AS day FROM events),
        grouped AS MATERIALIZED ({grouped}
        )
        {pairs}
        UNION ALL
        {types}
    """


def _coverage(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> LogCoverage:
    union = " UNION ALL ".join(f"SELECT * FROM {table}" for table in tables)
    types = connection.execute(
        f"""SELECT coalesce(etype, '(no type)'), sum(all_events)::BIGINT AS n, min(first_day), max(any_day)
            FROM ({union}) WHERE NOT pair_row GROUP BY 1 ORDER BY n DESC, 1"""
    ).fetchall()
    successes, first_success, last_success = connection.execute(
        f"""SELECT coalesce(sum(successes), 0)::BIGINT, min(first_success), max(last_success)
            FROM ({union}) WHERE pair_row"""
    ).fetchone() or ()
    firsts = [first for _, _, first, _ in types if first is not None]
    lasts = [last for _, _, _, last in types if last is not None]
    return LogCoverage(
        first_day=_day(min(firsts)) if firsts else None,
        last_day=_day(max(lasts)) if lasts else None,
        events=int(sum(count for _, count, _, _ in types)),
        event_types=tuple((str(kind), int(count)) for kind, count, _, _ in types),
        successful_sign_ins=int(successes),
        first_success=_day(first_success),
        last_success=_day(last_success),
    )


def _day(days: int | None) -> date | None:
    return None if days is None else date.fromordinal(_EPOCH.toordinal() + int(days))


@dataclass(frozen=True)
class _AppNames:
    """The apps of the logs, numbered in key order: app_id i has ``keys[i]`` and ``spellings[i]``."""

    keys: list[str]
    spellings: list[str]
    merges: bool  # two spellings in the logs fold to one key


def _pairs(table: str) -> str:
    return f'SELECT app, "user", last_day, sign_ins, events FROM {table} WHERE pair_row AND events > 0'


def _name_apps(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> _AppNames:
    """Table ``app_names``: each app as written -> the id of its key (``fold``).

    Apps are few, so Python folds them with the same function the inventory uses; pairs are
    then numbered apps, not strings, until the end.
    """
    from mopskit.stack.names import fold

    union = " UNION ".join(f"SELECT DISTINCT app FROM ({_pairs(table)}) WHERE app IS NOT NULL" for table in tables)
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


def _check_blank_names(connection: duckdb.DuckDBPyConnection, table: str, plan: Plan, scratch: Path) -> None:
    """A user or app that is only spaces is as missing as an empty one: name the row if it matters."""
    (blank,) = connection.execute(
        f"""SELECT count(*) FROM ({_pairs(table)}) JOIN app_names USING (app)
            WHERE "user" IS NOT NULL AND ({_USER_KEY} = '' OR blank_app)"""
    ).fetchone() or ()
    if blank:
        prepared = _prepare(plan, scratch)
        error = _first_problem(connection, prepared, events_sql(prepared), 0)
        if error is not None:
            raise error


def _fold_and_merge(
    connection: duckdb.DuckDBPyConnection, tables: list[str], apps: _AppNames, unfolded: bool
) -> tuple[dict[str, Any], int, date | None, int]:
    """Merge the raw aggregates of every table by folded app and user.

    Returns the ``Usage`` columns, grouped by app in app_key order; the number of events
    behind them; the last successful sign-in; and how many pairs had a blank user or app
    (left out). One clean log needs no merging: no two spellings of an app, and no user
    written other than folded (``unfolded``, which the aggregation found).
    """
    union = " UNION ALL ".join(_pairs(table) for table in tables)
    if len(tables) > 1 or apps.merges or unfolded:
        pairs = f"""SELECT app_id, {_USER_KEY} AS "user", max(last_day) AS last_day,
                           sum(sign_ins) AS sign_ins, sum(events) AS events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL GROUP BY ALL"""
    else:
        pairs = f"""SELECT app_id, "user", last_day, sign_ins, events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL"""
    # Numbers, not strings, per pair: Python objects are the dear part. Each distinct user
    # becomes one Python string; pairs carry the user's number into that list.
    connection.execute(f"CREATE OR REPLACE TEMP TABLE folded AS {pairs}")
    connection.execute(
        """CREATE OR REPLACE TEMP TABLE user_ids AS
           SELECT "user", (row_number() OVER (ORDER BY "user") - 1)::INTEGER AS user_id
           FROM (SELECT DISTINCT "user" FROM folded)"""
    )
    users = np.array([user for (user,) in connection.execute('SELECT "user" FROM user_ids ORDER BY user_id').fetchall()],
                     dtype=object)
    fetched = connection.execute(
        """SELECT app_id, user_id, CAST(coalesce(last_day, -2147483648) AS BIGINT) AS last_day,
                  CAST(sign_ins AS BIGINT) AS sign_ins, CAST(events AS BIGINT) AS events,
                  blank_app OR "user" = '' AS blank
           FROM folded JOIN user_ids USING ("user") ORDER BY app_id"""
    ).fetchnumpy()
    kept = ~np.asarray(fetched["blank"], dtype=bool)
    app_id = np.asarray(fetched["app_id"], dtype=np.intp)[kept]
    days = np.asarray(fetched["last_day"], dtype=np.int64)[kept]
    last_sign_in = np.where(days == -(2**31), np.datetime64("NaT"), days.astype("datetime64[D]"))
    columns = {
        "app_key": np.array(apps.keys, dtype=object)[app_id],
        "app": np.array(apps.spellings, dtype=object)[app_id],
        "user": users[np.asarray(fetched["user_id"], dtype=np.intp)[kept]],
        "last_sign_in": last_sign_in.astype("datetime64[D]"),
        "sign_ins": np.asarray(fetched["sign_ins"], dtype=np.int64)[kept],
    }
    events = int(np.asarray(fetched["events"], dtype=np.int64)[kept].sum())
    dated = last_sign_in[~np.isnat(last_sign_in)]
    latest = dated.max().item() if len(dated) else None  # a datetime.date
    return columns, events, latest, int((~kept).sum())


# --- naming the first bad row ---------------------------------------------------------------


def _first_problem(
    connection: duckdb.DuckDBPyConnection, plan: Plan, events: EventsSql, count: int
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
    try:
        found = connection.sql(query).fetchall()
    except duckdb.Error as error:
        raise _read_error(plan, error) from None
    if not found:
        return None
    position, column, timestamp, _user, _app = found[0]
    others = f" ({count - 1} more bad row{'s' if count > 2 else ''} after it)" if count > 1 else ""
    names = events.names
    if column == names["ts"]:
        reason = f"the time '{timestamp}' is not an ISO 8601 timestamp" if timestamp else "the time is missing"
    elif column == names["ok"] and plan.entry.success:
        reason = f"{column} must be one of " + "/".join(plan.entry.success)
    elif column == names["ok"]:
        reason = f"{column} is missing or unreadable, so the sign-in's outcome is unknown"
    else:
        reason = f"{column} is missing"
    if plan.layout.kind in ("csv", "parquet"):
        row = position + events.row_offset
    else:
        row = _line_of_event(plan, position)
        reason = f"{reason} (event {position}, which starts on line {row})"
    return InputError(reason + others, file=plan.path, row=row, column=column)


def _line_of_event(plan: Plan, position: int) -> int:
    """The line of the file where event ``position`` (1-based, in file order) starts."""
    source = _text_path(plan)
    with _open_binary(source) as handle:
        offset = _jsonscan.event_start(handle, plan.layout.depth, position)
    return _line_at(source, offset) if offset is not None else position


def _text_path(plan: Plan) -> Path:
    """The user's file, or its UTF-8 copy when it was UTF-16 (lines are the same)."""
    if plan.read_path is not None and plan.read_path.name.endswith(".utf8"):
        return plan.read_path
    return plan.path


def _line_at(file: Path, offset: int) -> int:
    """1-based line of byte ``offset``."""
    lines, seen = 1, 0
    with _open_binary(file) as handle:
        while seen < offset:
            block = handle.read(min(_jsonscan.BLOCK, offset - seen))
            if not block:
                break
            lines += block.count(b"\n")
            seen += len(block)
    return lines


def _is_json_error(error: duckdb.Error) -> bool:
    return "json" in str(error).lower()


def _read_error(plan: Plan, error: duckdb.Error) -> InputError:
    """Say why DuckDB could not read the file, in the user's terms, at the line it happened."""
    text = str(error)
    lowered = text.lower()
    if _is_gzip(plan.path) and ("gzip" in lowered or "compress" in lowered or "zlib" in lowered):
        return InputError("the file is not a readable gzip archive, or it was cut short", file=plan.path)
    if "allocate" in lowered or "out of memory" in lowered:
        return InputError(
            "the log is too large to read in the memory available; split it into smaller files"
            " (a folder of them is read as one log)",
            file=plan.path,
        )
    if plan.layout.kind == "csv":
        return _csv_error(plan)
    if plan.layout.kind == "parquet":
        return InputError("the Parquet file cannot be read; was it written completely?", file=plan.path)
    return _json_error(plan)


def _json_error(plan: Plan) -> InputError:
    """Find the broken event: first the brackets (cut files), then each event in turn."""
    source = _text_path(plan)
    depth = plan.layout.depth
    try:
        with _open_binary(source) as handle:
            for _ in _jsonscan.walk(handle, depth):
                pass
    except _jsonscan.StructureError as error:
        return _structure_error(plan, source, error)
    except (OSError, EOFError):
        return InputError("the file is not a readable gzip archive, or it was cut short", file=plan.path)
    decoder = json.JSONDecoder()
    with _open_binary(source) as handle, _open_binary(source) as reader:
        for number, (start, end) in enumerate(_jsonscan.event_spans(handle, depth), 1):
            reader.seek(start) if not _is_gzip(source) else None
            chunk = _read_span(reader, source, start, end)
            try:
                decoder.decode(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                line = _line_at(source, start)
                return InputError(
                    f"event {number} holds bytes that are not UTF-8 text; save the log again as UTF-8",
                    file=plan.path, row=line,
                )
            except json.JSONDecodeError as error:
                line = _line_at(source, start) + chunk[: error.pos].count(b"\n")
                return InputError(
                    f"event {number} is not valid JSON ({error.msg.lower()}); was the file edited by hand?",
                    file=plan.path, row=line,
                )
    return InputError(
        f"not a readable {plan.format} sign-in log: some event's fields have an unexpected shape (for"
        f" example text where the {plan.format} export has an object); is this file a {plan.format} export?",
        file=plan.path,
    )


def _read_span(reader: BinaryIO, source: Path, start: int, end: int) -> bytes:
    if _is_gzip(source):  # gzip cannot seek cheaply backwards: read forward from where we are
        position = reader.tell()
        if position > start:
            reader.seek(0)
            position = 0
        reader.read(start - position)
    else:
        reader.seek(start)
    data: bytes = reader.read(end - start)
    return data


def _structure_error(plan: Plan, source: Path, error: _jsonscan.StructureError) -> InputError:
    line = _line_at(source, error.offset)
    if "ends in the middle" in error.reason:
        reason = "the file ends in the middle of the event that starts here; was the download cut short?"
    elif "another kind" in error.reason:
        reason = "expected sign-in events (JSON objects) here, found another kind of value"
    else:
        reason = "a closing bracket here matches nothing; was the file edited by hand?"
    return InputError(reason, file=plan.path, row=line)


def _csv_error(plan: Plan) -> InputError:
    """The first row the CSV reader refused: bytes that are not text, or more cells than the header."""
    import csv

    layout = plan.layout
    source = plan.read_path or plan.path
    if layout.encoding == "utf-8":
        line = _first_non_utf8_line(source)
        if line is not None:
            return InputError(
                "this row holds characters that are not UTF-8 (the file mixes encodings, e.g. rows"
                " pasted from an Excel export); save the whole file again as 'CSV UTF-8'",
                file=plan.path, row=line,
            )
    encoding = {"latin-1": "latin-1"}.get(layout.encoding, "utf-8-sig")
    with _open_binary(source) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(text, delimiter=layout.separator)
        width = len(next(reader, []))
        for row in reader:
            if len(row) > width:
                return InputError(
                    f"this row has {len(row)} cells but the header has {width}; a value with the"
                    f" separator '{layout.separator}' in it needs quotes",
                    file=plan.path, row=reader.line_num,
                )
    return InputError(f"not a readable {plan.format} CSV log", file=plan.path)


def _first_non_utf8_line(file: Path) -> int | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with _open_binary(file) as handle:
        while block := handle.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                return line + block[: error.start].count(b"\n")
            line += block.count(b"\n")
    return None


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

    shown: Iterable[Path] = tqdm(files, desc="sign-in logs", unit="file")
    return shown


def _is_gzip(file: Path) -> bool:
    with file.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _open_binary(file: Path) -> BinaryIO:
    return cast(BinaryIO, gzip.open(file, "rb") if _is_gzip(file) else file.open("rb"))


def _transcode(source: Path, target: Path) -> None:
    """UTF-16 (Windows PowerShell, Excel 'Unicode Text') to UTF-8, block by block."""
    with _open_binary(source) as raw:
        head = raw.read(2)
        codec = "utf-16" if head in (b"\xff\xfe", b"\xfe\xff") else None
        if codec is None:
            peek = raw.read(2)
            codec = "utf-16-le" if (head + peek)[1:2] == b"\x00" else "utf-16-be"
            head = head + peek
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        with target.open("wb") as sink:
            sink.write(decoder.decode(head).encode("utf-8"))
            while block := raw.read(1 << 22):
                sink.write(decoder.decode(block).encode("utf-8"))
            sink.write(decoder.decode(b"", final=True).encode("utf-8"))


def _window(as_of: date | str | None, since: date | str | None) -> tuple[date | None, date | None]:
    cutoff = _as_date(as_of, "as_of") if as_of is not None else None
    start = _as_date(since, "since") if since is not None else None
    if cutoff is not None and start is not None and start > cutoff:
        raise InputError(f"since ({start}) is after as_of ({cutoff}): the window holds no day")
    return cutoff, start


def _as_date(value: date | datetime | str, name: str) -> date:
    try:
        return read_date(value, None, iso_only=True, limits=False)
    except ValueError:
        raise InputError(f"{name} must be a date like 2026-10-31, got '{value}'") from None

