"""The values sign-in logs are read into: per (app, user) aggregates, and what the logs cover.

``Usage`` holds its aggregates as read-only numpy columns, so an audit of millions of
sign-ins builds no Python object per pair; ``apps()`` walks them per app and ``to_frame()``
shows them. ``read_usage`` (``_scan``) builds one from logs, ``Usage.from_records`` from a
few sign-ins written out; both fold names with ``_merge``, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from mopskit.errors import InputError
from mopskit.io.cells import read_date
from mopskit.stack.names import tidy
from mopskit.stack.usage._merge import EPOCH, fold_and_merge, name_apps, open_connection

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "AppSignIns", "LogCoverage", "Usage", "UsageSource", "as_date", "usage_window"]

COLUMNS = ("app_key", "app", "user", "last_sign_in", "sign_ins")


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
        for name in COLUMNS:
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
        cutoff, start = usage_window(as_of, since)
        grouped: dict[tuple[str, str], list[int]] = {}  # (app, user) as written -> [last day, count]
        days: list[date] = []
        kept: list[tuple[str, str, date]] = []
        for count, (app, user, when) in enumerate(records, 1):
            day = as_date(when, f"record {count}")
            for name, value in (("app", app), ("user", user)):
                if not tidy(value):
                    raise InputError(f"record {count}: the {name} is missing")
            days.append(day)
            kept.append((str(app), str(user), day))
            if cutoff is not None and day > cutoff:
                continue
            entry = grouped.setdefault((str(app), str(user)), [-(2**31), 0])
            entry[0] = max(entry[0], (day - EPOCH).days)
            entry[1] += start is None or day >= start
        with open_connection(progress=False) as connection:
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
            apps = name_apps(connection, ["raw0"])
            columns, _events, _latest, _blank = fold_and_merge(connection, ["raw0"], apps, True)  # names checked above
        first, last = (min(days), max(days)) if days else (None, None)
        span: tuple[date | None, date | None] = (first, last)
        chosen: tuple[date, date] | None = None
        if period is not None:
            chosen = (as_date(period[0], "period start"), as_date(period[1], "period end"))
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

        frame = pd.DataFrame({name: getattr(self, name) for name in COLUMNS})
        frame["last_sign_in"] = frame["last_sign_in"].astype("datetime64[s]")
        return frame.sort_values(["app_key", "user"], kind="stable", ignore_index=True)


# --- the window's dates -------------------------------------------------------------------


def usage_window(as_of: date | str | None, since: date | str | None) -> tuple[date | None, date | None]:
    """``as_of`` and ``since`` as dates (None: open), refused when the window they make holds no day."""
    cutoff = as_date(as_of, "as_of") if as_of is not None else None
    start = as_date(since, "since") if since is not None else None
    if cutoff is not None and start is not None and start > cutoff:
        raise InputError(f"since ({start}) is after as_of ({cutoff}): the window holds no day")
    return cutoff, start


def as_date(value: date | datetime | str, name: str) -> date:
    """A date given in code or on a command line (year-month-day, or an ISO timestamp); ``name`` words the error."""
    try:
        return read_date(value, None, iso_only=True, limits=False)
    except ValueError:
        raise InputError(f"{name} must be a date like 2026-10-31, got '{value}'") from None

