"""Read sign-in logs into ``Usage``: one DuckDB pass per file, then names folded over the aggregates.

Each file is planned (format and layout, ``_formats``), prepared (UTF-16 made UTF-8, JSON
that wraps its events unwrapped by ``_jsonscan``) and aggregated in one pass with flat
memory: per app and user as the log spells them, and per event type for the coverage.
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
                _check_blank_names(connection, table, plan, Path(scratch))
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
    needs_identity = "TRUE" if events.identity_always else "successes > 0"
    # Whether a user is written other than folded is asked of each distinct user once, not of
    # every pair: a log holds several apps per user, and folding text is the dear part.
    problems, unfolded = connection.execute(
        f"""WITH pairs AS (SELECT * FROM {table} WHERE pair_row)
            SELECT (SELECT coalesce(sum(unreadable), 0) + coalesce(sum(events) FILTER (WHERE {needs_identity}
                           AND (app IS NULL OR "user" IS NULL OR app = '' OR "user" = '')), 0) FROM pairs),
                   (SELECT coalesce(bool_or("user" <> {USER_KEY}), FALSE)
                    FROM (SELECT DISTINCT "user" FROM pairs WHERE events > 0))"""
    ).fetchone() or (0, False)
    if problems:
        raise first_problem(connection, prepared, events, int(problems)) or InputError(
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
    """One pass over the events, grouped by raw (app, user, event type); then rolled up into
    one row per (app, user) and one per event type.

    Per event only what must be judged per event (time and outcome readable); a missing user
    or app is a property of its group, so it is judged on the aggregate. One hash table over
    the events (not one per grouping set) keeps the pass as cheap as a bare scan allows; the
    roll-ups read only the groups. Per-type rows (``pair_row`` false) give the coverage.
    """
    cutoff_day = (cutoff - EPOCH).days if cutoff else 2**31
    start_day = (start - EPOCH).days if start else -(2**31)
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
        pair_rows = """SELECT TRUE AS pair_row, app, "user", NULL::VARCHAR AS etype, last_day, sign_ins,
                          all_events AS events, unreadable, successes, first_success, last_success,
                          all_events, first_day, any_day
                   FROM grouped"""
        types = """SELECT FALSE, NULL, NULL, 'sign-in', NULL, 0, 0, 0, 0, NULL, NULL,
                          sum(all_events), min(first_day), max(any_day)
                   FROM grouped HAVING count(*) > 0"""
    else:
        pair_rows = f"""SELECT TRUE AS pair_row, app, "user", NULL::VARCHAR AS etype,
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
        {pair_rows}
        UNION ALL
        {types}
    """


# --- every file ----------------------------------------------------------------------------


def _coverage(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> LogCoverage:
    """What the aggregated logs cover, from their per-type rows (days, events by type, successes)."""
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
    return None if days is None else date.fromordinal(EPOCH.toordinal() + int(days))


def _check_blank_names(connection: duckdb.DuckDBPyConnection, table: str, plan: Plan, scratch: Path) -> None:
    """A user or app that is only spaces is as missing as an empty one: name the row if it matters."""
    (blank,) = connection.execute(
        f"""SELECT count(*) FROM ({pairs(table)}) JOIN app_names USING (app)
            WHERE "user" IS NOT NULL AND ({USER_KEY} = '' OR blank_app)"""
    ).fetchone() or ()
    if blank:
        prepared = _prepare(plan, scratch)
        error = first_problem(connection, prepared, events_sql(prepared), 0)
        if error is not None:
            raise error


def _progress(files: list[Path], progress: bool) -> Iterable[Path]:
    """The files, behind a progress bar when asked and there are several."""
    if not progress or len(files) < 2:
        return files
    from tqdm.auto import tqdm

    shown: Iterable[Path] = tqdm(files, desc="sign-in logs", unit="file")
    return shown
