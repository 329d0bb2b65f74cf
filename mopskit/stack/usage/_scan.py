"""Read sign-in logs into ``Usage``: one DuckDB pass per file, then names folded over the aggregates.

Each file is planned (format and layout, ``_formats``), prepared (UTF-16 made UTF-8, JSON
that wraps its events unwrapped by ``_jsonscan``) and aggregated in one pass with flat
memory: per app and user as the log spells them, and per event type, outcome and day for
the coverage.
Bad rows are counted in that pass; only when some exist does ``_problems`` name the first.
Names are folded and spellings merged (``_merge``) over the aggregates, never per event.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb

from mopskit.errors import InputError
from mopskit.stack.usage import _jsonscan
from mopskit.stack.usage._files import open_binary, transcode
from mopskit.stack.usage._formats import EventsSql, Plan, events_sql, plan_file
from mopskit.stack.usage._merge import EPOCH, USER_KEY, fold_and_merge, name_apps, open_connection, pairs
from mopskit.stack.usage._problems import first_problem, is_json_error, read_error, structure_error
from mopskit.stack.usage.model import LogCoverage, Usage, UsageSource

__all__ = ["read_logs"]


def read_logs(
    files: list[Path], format: str | None, cutoff: date | None, start: date | None, progress: bool
) -> Usage:
    """Successful sign-ins of ``files`` in the window (``cutoff``, ``start``: None is open), format
    detected per file unless ``format`` forces one; ``progress`` shows a bar per file."""
    sources: list[UsageSource] = []
    plans: list[Plan] = []
    with open_connection(progress) as connection, tempfile.TemporaryDirectory(prefix="mopskit-usage-") as scratch:
        unfolded = False
        for file in _progress(files, progress):
            plan = plan_file(file, format)
            unfolded |= _aggregate_file(connection, plan, cutoff, start, f"raw{len(plans)}", Path(scratch))
            plans.append(plan)
            sources.append(UsageSource(str(file), plan.format, plan.layout.kind))
        tables = [f"raw{index}" for index in range(len(plans))]
        apps = name_apps(connection, tables)
        columns, events, latest, blank = fold_and_merge(connection, tables, apps, unfolded)
        if blank:  # a user or app of only spaces: name its row, unless no success needed it
            for table, plan in zip(tables, plans):
                _check_blank_names(connection, table, plan, Path(scratch), cutoff)
        coverage = _coverage(connection, tables)
    return Usage(
        **columns, as_of=cutoff, sources=tuple(sources), events=events,
        latest_sign_in=latest if cutoff is None else None, since=start, coverage=coverage,
    )


# --- one file, one pass --------------------------------------------------------------------


def _prepare(plan: Plan, scratch: Path) -> Plan:
    """The file DuckDB reads: UTF-16 made UTF-8; wrapped JSON events unwrapped, one per line."""
    layout, read_path = plan.layout, plan.path
    is_json = layout.kind.startswith("json") or layout.kind == "azure-monitor"
    if layout.encoding == "utf-16":
        read_path = scratch / (plan.path.name + ".utf8")
        transcode(plan.path, read_path)
        layout = replace(layout, encoding="utf-8", gzip=False)
    if is_json and layout.depth:
        target = scratch / (plan.path.name + ".events.jsonl")
        try:
            with open_binary(read_path) as source, target.open("wb") as sink:
                _jsonscan.normalise(source, sink, layout.depth)
        except _jsonscan.StructureError as error:
            raise structure_error(plan, read_path, error) from None
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
            if prepared.layout.kind.startswith("json") and not prepared.layout.pretty and is_json_error(error):
                # one event over several lines after all: read value by value
                prepared = replace(prepared, layout=replace(prepared.layout, pretty=True))
                events = events_sql(prepared)
                try:
                    connection.execute(create + _aggregate_sql(events, cutoff, start))
                except duckdb.Error as second:
                    raise read_error(prepared, second) from None
            else:
                raise read_error(prepared, error) from None
    # A sign-in the audit reads (on or before the cutoff) must say who and to what; other rows
    # may leave them out (a failure, or a sign-in after the audit date), unless the format
    # requires them on every row.
    needs_identity = "TRUE" if events.identity_always else "last_day IS NOT NULL"
    # Whether a user is written other than folded is asked of each distinct user once, not of
    # every pair: a log holds several apps per user, and folding text is the dear part.
    problems, unfolded = connection.execute(
        f"""WITH pairs AS (SELECT * FROM {table} WHERE pair_row)
            SELECT (SELECT coalesce(sum(events) FILTER (WHERE relevant AND (day IS NULL OR ok IS NULL)), 0)
                    FROM {table} WHERE NOT pair_row)
                   + (SELECT coalesce(sum(events) FILTER (WHERE {needs_identity}
                           AND (app IS NULL OR "user" IS NULL OR app = '' OR "user" = '')), 0) FROM pairs),
                   (SELECT coalesce(bool_or("user" <> {USER_KEY}), FALSE)
                    FROM (SELECT DISTINCT "user" FROM pairs WHERE events > 0))"""
    ).fetchone() or (0, False)
    if problems:
        raise first_problem(connection, prepared, events, _last_day_read(cutoff)) or InputError(
            f"{problems:,} unreadable events", file=plan.path
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
    """One pass over the events into two kinds of rows, one hash table each in the same scan:

    * per app and user as written (``pair_row``): the last successful sign-in on or before
      ``cutoff``, the successful sign-ins in [``start``, ``cutoff``], and the events, all of
      them sign-ins to apps (``relevant``);
    * per event type, outcome and day (not ``pair_row``): the events, from which come what the
      log covers, its successes, and how many events have no readable time or outcome.

    Per event only the time and outcome are judged; a missing user or app is a property of
    its group, so it is judged on the aggregate. What a pair needs is three aggregates: each
    one more costs the scan about as much as the grouping itself, so whatever is counted over
    the whole log is counted per day instead, where the groups are few.
    """
    cutoff_day = _last_day_read(cutoff)
    start_day = (start - EPOCH).days if start else -(2**31)
    # A pair counts its sign-ins to apps only (Okta's user.authentication.sso, not its other
    # types); a day counts every event.
    relevant = "TRUE" if events.single_type else "relevant"
    events_count = "count(*)" if events.single_type else (
        f"CASE WHEN GROUPING(app) = 0 THEN count(*) FILTER (WHERE {relevant}) ELSE count(*) END")
    rows = f"""
            SELECT GROUPING(app) = 0 AS pair_row, app, "user", etype, relevant, ok, day,
                   max(day) FILTER (WHERE {relevant} AND ok AND day <= {cutoff_day}) AS last_day,
                   count(*) FILTER (WHERE {relevant} AND ok AND day BETWEEN {start_day} AND {cutoff_day}) AS sign_ins,
                   {events_count} AS events
            FROM typed GROUP BY GROUPING SETS ((app, "user"), (etype, relevant, ok, day))"""
    return f"""
        WITH events AS ({events.select}),
        typed AS (SELECT app, "user", ok, relevant, etype, {events.day()} AS day FROM events)
        {rows}
    """


# --- every file ----------------------------------------------------------------------------


def _coverage(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> LogCoverage:
    """What the aggregated logs cover, from their rows per type, outcome and day."""
    union = " UNION ALL ".join(f"SELECT etype, relevant, ok, day, events FROM {table} WHERE NOT pair_row"
                               for table in tables)
    types = connection.execute(
        f"""SELECT coalesce(etype, '(no type)'), sum(events)::BIGINT AS n, min(day), max(day)
            FROM ({union}) GROUP BY 1 ORDER BY n DESC, 1"""
    ).fetchall()
    successes, first_success, last_success = connection.execute(
        f"""SELECT coalesce(sum(events), 0)::BIGINT, min(day), max(day)
            FROM ({union}) WHERE relevant AND ok"""
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


def _last_day_read(cutoff: date | None) -> int:
    """The last day a sign-in is read on, as days since ``EPOCH`` (as the aggregates hold days);
    with no cutoff, a day after any log."""
    return 2**31 if cutoff is None else (cutoff - EPOCH).days


def _day(days: int | None) -> date | None:
    return None if days is None else date.fromordinal(EPOCH.toordinal() + int(days))


def _check_blank_names(
    connection: duckdb.DuckDBPyConnection, table: str, plan: Plan, scratch: Path, cutoff: date | None
) -> None:
    """A user or app that is only spaces is as missing as an empty one: name the row if it matters."""
    (blank,) = connection.execute(
        f"""SELECT count(*) FROM ({pairs(table)}) JOIN app_names USING (app)
            WHERE "user" IS NOT NULL AND ({USER_KEY} = '' OR blank_app)"""
    ).fetchone() or ()
    if blank:
        prepared = _prepare(plan, scratch)
        error = first_problem(connection, prepared, events_sql(prepared), _last_day_read(cutoff))
        if error is not None:
            raise error


def _progress(files: list[Path], progress: bool) -> Iterable[Path]:
    """The files, behind a progress bar when asked and there are several."""
    if not progress or len(files) < 2:
        return files
    from tqdm.auto import tqdm

    shown: Iterable[Path] = tqdm(files, desc="sign-in logs", unit="file")
    return shown
