"""Read sign-in logs (Okta, Microsoft Entra, generic CSV) into per (app, user) aggregates.

One DuckDB pass per file scans and aggregates the log with flat memory, however many
events it holds: per app and user, the last successful sign-in on or before ``as_of`` and
the number of successful sign-ins. Bad rows are counted in that same pass; only when
some exist does a second query find the first one to name it (file, row, column).
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from pathlib import Path

import duckdb
import pandas as pd

from mopskit.errors import InputError

FORMATS = ("okta", "entra", "csv")
_SAMPLE_BYTES = 65536
_MEMORY_LIMIT = "1GB"
_CSV_SUCCESS = {
    "true": True,
    "1": True,
    "yes": True,
    "success": True,
    "false": False,
    "0": False,
    "no": False,
    "failure": False,
}
_EPOCH = date(1970, 1, 1)
_MICROSECONDS_PER_DAY = 86_400_000_000
_AGGREGATE_COLUMNS = ("app_key", "app", "user", "last_sign_in", "sign_ins")


@dataclass(frozen=True)
class UsageSource:
    """One sign-in log and the format it was read as."""

    path: str
    format: str


@dataclass(frozen=True, eq=False)
class Usage:
    """Successful sign-ins per (app, user), read from one or more logs.

    ``sign_ins`` columns: ``app_key`` (app name folded for matching), ``app`` (as the log
    spells it), ``user`` (lower-cased), ``last_sign_in`` (UTC day, as datetime64, of the
    last successful sign-in on or before ``as_of``; NaT if none), ``sign_ins`` (successful
    sign-ins up to ``as_of``). Treat it as read-only.
    """

    sign_ins: pd.DataFrame
    as_of: date | None
    sources: tuple[UsageSource, ...] = ()
    events: int = 0  # events of the relevant type read (successful or not)
    latest_sign_in: date | None = None  # last successful sign-in in the logs; known when as_of is None

    @classmethod
    def from_records(
        cls, records: Iterable[tuple[str, str, date | datetime | str]], *, as_of: date | str | None = None
    ) -> Usage:
        """Build usage from ``(app, user, when)`` successful sign-ins, e.g. for a small example."""
        cutoff = _as_date(as_of, "as_of") if as_of is not None else None
        rows = []
        for position, (app, user, when) in enumerate(records, 1):
            day = _as_date(when, f"record {position}")
            rows.append((str(app).strip(), str(user).strip().lower(), day))
        frame = pd.DataFrame(rows, columns=["app", "user", "day"])
        latest = max(frame["day"]) if len(frame) else None
        if cutoff is not None:
            frame = frame[frame["day"] <= cutoff]
        frame["app_key"] = frame["app"].map(_fold)
        grouped = (
            frame.groupby(["app_key", "user"], sort=True)
            .agg(app=("app", "min"), last_sign_in=("day", "max"), sign_ins=("day", "size"))
            .reset_index()
        )
        return cls(_normalise(grouped), cutoff, (), len(rows), latest)

    def to_frame(self) -> pd.DataFrame:
        """The per (app, user) aggregates, sorted by app and user."""
        return self.sign_ins.sort_values(["app_key", "user"], kind="stable").reset_index(drop=True)


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
    frames, sources, events, latest = [], [], 0, None
    for file in _progress(files, progress):
        source = UsageSource(str(file), format or detect_format(file))
        frame, file_events, file_latest = _read_one(source, cutoff, progress)
        frames.append(frame)
        sources.append(source)
        events += file_events
        if file_latest is not None and (latest is None or file_latest > latest):
            latest = file_latest
    combined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:
        combined = (
            combined.groupby(["app_key", "user"], sort=False)
            .agg(app=("app", "min"), last_sign_in=("last_sign_in", "max"), sign_ins=("sign_ins", "sum"))
            .reset_index()
        )
    return Usage(_normalise(combined), cutoff, tuple(sources), events, latest)


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
    header = [_fold(name).strip('"') for name in re.split(r"[,;\t]", text.splitlines()[0])]
    if {"timestamp", "user", "tool"} <= set(header):
        return "csv"
    raise InputError(
        "unknown sign-in log format: expected Okta or Entra JSON, or a CSV with the columns"
        " timestamp,user,tool[,success]",
        file=file,
        row=1,
    )


# --- one file, one pass --------------------------------------------------------------------


def _read_one(source: UsageSource, cutoff: date | None, progress: bool) -> tuple[pd.DataFrame, int, date | None]:
    file = Path(source.path)
    if not file.is_file():
        raise InputError("sign-in log not found", file=file)
    events = _events_sql(source)
    cutoff_day = (cutoff - _EPOCH).days if cutoff else 2**31
    with _connection(progress) as connection:
        frame = None
        if source.format == "csv":
            # Fast path: DuckDB's CSV reader parses the times itself, as fast as a bare scan.
            # Any time it cannot parse aborts it; the careful pass below then names the row.
            try:
                frame = connection.sql(_aggregate_sql(_csv_events_sql(source, typed_time=True), cutoff_day)).df()
            except duckdb.Error:
                frame = None
        if frame is None:
            try:
                frame = connection.sql(_aggregate_sql(events, cutoff_day)).df()
            except duckdb.Error as error:
                raise _read_error(source, error) from None
        no_identity = frame["app"].isna() | frame["user"].isna() | (frame["app"] == "") | (frame["user"] == "")
        if not events.identity_always:
            no_identity &= frame["successes"] > 0
        problems = int(frame["unreadable"].sum() + frame.loc[no_identity, "events"].sum())
        if problems:
            raise _first_problem(connection, source, events, problems) or InputError(
                f"{problems} unreadable events", file=file
            )
        frame = _by_app_key(frame[frame["app"].notna() & frame["user"].notna()])
        blank = (frame["user"] == "") | (frame["app_key"] == "")
        if blank.any():
            error = _first_problem(connection, source, events, 0)
            if error is not None:
                raise error
            frame = frame[~blank]
    frame["last_sign_in"] = pd.to_datetime(frame["last_sign_in"], unit="D")
    latest = frame["last_sign_in"].max() if cutoff is None and len(frame) else None
    events_count = int(frame["events"].sum()) if len(frame) else 0
    return frame[list(_AGGREGATE_COLUMNS)], events_count, _to_date(latest)


def _aggregate_sql(events: _EventsSql, cutoff_day: int) -> str:
    """One pass over the events, grouped by raw (app, user).

    Per event only what must be judged per event (time and outcome readable); a missing user
    or app is a property of its group, so it is judged on the aggregate.
    """
    return f"""
        WITH events AS ({events.select}),
        typed AS (SELECT app, "user", ok, {events.day()} AS day FROM events WHERE relevant)
        SELECT app, "user",
               max(day) FILTER (WHERE ok AND day <= {cutoff_day}) AS last_sign_in,
               count(*) FILTER (WHERE ok AND day <= {cutoff_day}) AS sign_ins,
               count(*) FILTER (WHERE day IS NULL OR ok IS NULL) AS unreadable,
               count(*) FILTER (WHERE ok) AS successes,
               count(*) AS events
        FROM typed
        GROUP BY ALL
    """


def _by_app_key(frame: pd.DataFrame) -> pd.DataFrame:
    """Fold users (case, spaces) and app names (case, inner spaces) after aggregating, which is
    cheaper than per event, then merge pairs that differed only in spelling."""
    spelling = {name: " ".join(name.split()) for name in frame["app"].unique()}  # few apps, many rows
    app = frame["app"].map(spelling)
    key = {name: name.casefold() for name in spelling.values()}
    frame = frame.assign(app=app, app_key=app.map(key), user=frame["user"].str.strip().str.lower())
    if not frame.duplicated(["app_key", "user"]).any():
        return frame
    return (
        frame.groupby(["app_key", "user"], sort=False)
        .agg(
            app=("app", "min"),
            last_sign_in=("last_sign_in", "max"),
            sign_ins=("sign_ins", "sum"),
            events=("events", "sum"),
        )
        .reset_index()
    )


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


def _csv_events_sql(source: UsageSource, typed_time: bool = False) -> _EventsSql:
    file = Path(source.path)
    head = _head(file).lstrip("\ufeff")
    first_line = head.splitlines()[0] if head.strip() else ""
    separator = max(",;\t", key=first_line.count)
    names = [_fold(name).strip('"') for name in first_line.split(separator)]
    wanted = {"timestamp", "user", "tool"}
    if not wanted <= set(names):
        missing = ", ".join(sorted(wanted - set(names)))
        raise InputError(f"a usage CSV needs the columns timestamp,user,tool; missing {missing}", file=file, row=1)
    position = {name: f"c{index}" for index, name in reversed(list(enumerate(names)))}
    time_type = {position["timestamp"]: "TIMESTAMPTZ"} if typed_time else {}
    columns = ", ".join(f"'c{index}': '{time_type.get(f'c{index}', 'VARCHAR')}'" for index in range(len(names)))
    encoding = "utf-8" if _is_utf8(file) else "latin-1"
    success = position.get("success")
    if success:
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
    return _EventsSql(select, names, trim_time=True, typed_time=typed_time, identity_always=True)


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


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _as_date(value: date | datetime | str, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
    except ValueError:
        raise InputError(f"{name} must be a date like 2026-10-31, got '{value}'") from None


def _to_date(value: object) -> date | None:
    if value is None or pd.isna(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Same columns and types whichever way the usage was built."""
    frame = frame[list(_AGGREGATE_COLUMNS)].reset_index(drop=True)
    if len(frame):
        spellings = frame[["app_key", "app"]].drop_duplicates()  # one spelling per app, found on few rows
        frame["app"] = frame["app_key"].map(spellings.groupby("app_key")["app"].min())
    frame["last_sign_in"] = pd.to_datetime(frame["last_sign_in"]).astype("datetime64[s]")
    frame["sign_ins"] = frame["sign_ins"].astype("int64")
    return frame
