"""Name what is wrong with a log that could not be read: the file, the line or row, the column.

Only on failure, so the one-pass scan stays fast: ``first_problem`` re-reads the events in
order to find the first bad one; ``read_error`` turns DuckDB's refusal into the user's
terms (a cut gzip, JSON edited by hand, a CSV row with too many cells, bytes that are not
UTF-8), at the line it happened.
"""

from __future__ import annotations

import codecs
import io
import json
from datetime import timezone
from pathlib import Path
from typing import BinaryIO

import duckdb

from mopskit.errors import InputError
from mopskit.stack.usage import _jsonscan
from mopskit.stack.usage._files import is_gzip, open_binary
from mopskit.stack.usage._formats import EventsSql, Plan

__all__ = ["first_problem", "is_json_error", "read_error", "structure_error"]


def first_problem(
    connection: duckdb.DuckDBPyConnection, plan: Plan, events: EventsSql, through: int
) -> InputError | None:
    """Find the first bad row, and count them all (only on failure: one ordered, single-threaded
    scan); a missing user or app counts on a success on or before day ``through`` (see
    ``EventsSql.problem``)."""
    connection.execute("SET threads = 1")
    connection.execute("SET preserve_insertion_order = true")
    query = f"""
        WITH events AS ({events.select}),
        numbered AS (
            SELECT *, {events.day()} AS day, row_number() OVER () AS position
            FROM events
        )
        SELECT position, {events.problem(through)} AS problem, ts, "user", app,
               count(*) OVER () AS bad
        FROM numbered WHERE relevant AND {events.problem(through)} IS NOT NULL ORDER BY position LIMIT 1
    """
    try:
        found = connection.sql(query).fetchall()
    except duckdb.Error as error:
        raise read_error(plan, error) from None
    if not found:
        return None
    position, column, timestamp, _user, _app, count = found[0]
    others = f" ({count - 1} more bad row{'s' if count > 2 else ''} after it)" if count > 1 else ""
    names = events.names
    advice = ""
    if column == names["ts"]:
        reason = f"the time '{timestamp}' is not an ISO 8601 timestamp" if timestamp else "the time is missing"
        advice = time_advice(str(timestamp)) if timestamp else ""
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
    return InputError(reason + others + advice, file=plan.path, row=row, column=column)


def time_advice(written: str) -> str:
    """What a refused time seems to mean, and how to write it: ': it seems to mean 2026-10-15T09:00:00Z; …'."""
    how = ("export the log with ISO 8601 times, or convert the column so the times read like 2026-10-15T09:00:00Z"
           " (date, T, time, Z for UTC)")
    readings = {found for day_first in (False, True) if (found := _read_loosely(written, day_first)) is not None}
    if not readings:
        return f"; {how}"
    shown = sorted(text for text, _zoned in readings)
    zone = "" if all(zoned for _text, zoned in readings) else " (no time zone given; add Z if it is UTC)"
    meaning = f"it seems to mean {shown[0]}" if len(shown) == 1 else \
        f"it could mean {shown[0]} or {shown[1]}, as day and month can be read either way"
    return f": {meaning}{zone}; {how}"


def _read_loosely(written: str, day_first: bool) -> tuple[str, bool] | None:
    """The time as ISO 8601 if a lenient parser can read it, and whether it named its time zone."""
    from dateutil import parser

    try:
        moment = parser.parse(written, dayfirst=day_first)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S"), False
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), True


def _line_of_event(plan: Plan, position: int) -> int:
    """The line of the file where event ``position`` (1-based, in file order) starts."""
    source = _text_path(plan)
    with open_binary(source) as handle:
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
    with open_binary(file) as handle:
        while seen < offset:
            block = handle.read(min(_jsonscan.BLOCK, offset - seen))
            if not block:
                break
            lines += block.count(b"\n")
            seen += len(block)
    return lines


def is_json_error(error: duckdb.Error) -> bool:
    """Whether DuckDB refused the JSON itself (then an event may span several lines after all)."""
    return "json" in str(error).lower()


def read_error(plan: Plan, error: duckdb.Error) -> InputError:
    """Say why DuckDB could not read the file, in the user's terms, at the line it happened."""
    text = str(error)
    lowered = text.lower()
    if is_gzip(plan.path) and ("gzip" in lowered or "compress" in lowered or "zlib" in lowered):
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
        with open_binary(source) as handle:
            for _ in _jsonscan.walk(handle, depth):
                pass
    except _jsonscan.StructureError as error:
        return structure_error(plan, source, error)
    except (OSError, EOFError):
        return InputError("the file is not a readable gzip archive, or it was cut short", file=plan.path)
    decoder = json.JSONDecoder()
    with open_binary(source) as handle, open_binary(source) as reader:
        for number, (start, end) in enumerate(_jsonscan.event_spans(handle, depth), 1):
            reader.seek(start) if not is_gzip(source) else None
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
    if is_gzip(source):  # gzip cannot seek cheaply backwards: read forward from where we are
        position = reader.tell()
        if position > start:
            reader.seek(0)
            position = 0
        reader.read(start - position)
    else:
        reader.seek(start)
    data: bytes = reader.read(end - start)
    return data


def structure_error(plan: Plan, source: Path, error: _jsonscan.StructureError) -> InputError:
    """A bracket the JSON walk could not match, said in the user's terms at its line."""
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
    with open_binary(source) as raw:
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
    with open_binary(file) as handle:
        while block := handle.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                return line + block[: error.start].count(b"\n")
            line += block.count(b"\n")
    return None
