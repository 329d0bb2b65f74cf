"""The DuckDB side every way of building ``Usage`` shares: the connection, and folding names.

Aggregates arrive as tables with one row per app and user as written (``pair_row``,
``app``, ``user``, ``last_day`` in days since ``EPOCH``, ``sign_ins``, ``events``), read
from logs by ``_scan`` or built from records by ``Usage.from_records``. ``name_apps``
folds the apps (few) in Python with the inventory's ``fold``; ``fold_and_merge`` merges
the pairs by folded app and user and returns ``Usage``'s columns as arrays in one query:
per pair only the user is a Python object.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np

from mopskit.stack.names import fold, tidy

__all__ = ["EPOCH", "USER_KEY", "AppNames", "fold_and_merge", "name_apps", "open_connection", "pairs"]

MEMORY_LIMIT = "1GB"
EPOCH = date(1970, 1, 1)  # aggregates hold days as whole days since this one
USER_KEY = 'lower(trim("user"))'  # users compare by identity, lower-cased, spaces trimmed


class open_connection:
    """An in-memory DuckDB with UTC time, a memory cap and its own spill folder."""

    def __init__(self, progress: bool) -> None:
        self._spill = tempfile.TemporaryDirectory(prefix="mopskit-duckdb-")
        self._connection = duckdb.connect(
            config={
                "memory_limit": MEMORY_LIMIT,
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


@dataclass(frozen=True)
class AppNames:
    """The apps of the logs, numbered in key order: app_id i has ``keys[i]`` and ``spellings[i]``."""

    keys: list[str]
    spellings: list[str]
    merges: bool  # two spellings in the logs fold to one key


def pairs(table: str) -> str:
    """SQL for the (app, user) rows of an aggregate table that hold events."""
    return f'SELECT app, "user", last_day, sign_ins, events FROM {table} WHERE pair_row AND events > 0'


def name_apps(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> AppNames:
    """Table ``app_names``: each app as written -> the id of its key (``fold``).

    Apps are few, so Python folds them with the same function the inventory uses; pairs are
    then numbered apps, not strings, until the end.
    """
    union = " UNION ".join(f"SELECT DISTINCT app FROM ({pairs(table)}) WHERE app IS NOT NULL" for table in tables)
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
    return AppNames(keys, [spelling[key] for key in keys], merges=len(keys) < len(written))


def fold_and_merge(
    connection: duckdb.DuckDBPyConnection, tables: list[str], apps: AppNames, unfolded: bool
) -> tuple[dict[str, Any], int, date | None, int]:
    """Merge the raw aggregates of every table by folded app and user.

    Returns the ``Usage`` columns, grouped by app in app_key order; the number of events
    behind them; the last successful sign-in; and how many pairs had a blank user or app
    (left out). One clean log needs no merging: no two spellings of an app, and no user
    written other than folded (``unfolded``, which the aggregation found).
    """
    union = " UNION ALL ".join(pairs(table) for table in tables)
    if len(tables) > 1 or apps.merges or unfolded:
        folded = f"""SELECT app_id, {USER_KEY} AS "user", max(last_day) AS last_day,
                           sum(sign_ins) AS sign_ins, sum(events) AS events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL GROUP BY ALL"""
    else:
        folded = f"""SELECT app_id, "user", last_day, sign_ins, events, blank_app
                    FROM ({union}) JOIN app_names USING (app) WHERE "user" IS NOT NULL"""
    # One query straight to arrays: the pairs, grouped by app, each user a Python string.
    fetched = connection.execute(
        f"""SELECT app_id, "user", CAST(coalesce(last_day, -2147483648) AS BIGINT) AS last_day,
                   CAST(sign_ins AS BIGINT) AS sign_ins, CAST(events AS BIGINT) AS events,
                   blank_app OR "user" = '' AS blank
            FROM ({folded}) ORDER BY app_id"""
    ).fetchnumpy()
    kept = ~np.asarray(fetched["blank"], dtype=bool)
    app_id = np.asarray(fetched["app_id"], dtype=np.intp)[kept]
    days = np.asarray(fetched["last_day"], dtype=np.int64)[kept]
    last_sign_in = np.where(days == -(2**31), np.datetime64("NaT"), days.astype("datetime64[D]"))
    columns = {
        "app_key": np.array(apps.keys, dtype=object)[app_id],
        "app": np.array(apps.spellings, dtype=object)[app_id],
        "user": np.asarray(fetched["user"], dtype=object)[kept],
        "last_sign_in": last_sign_in.astype("datetime64[D]"),
        "sign_ins": np.asarray(fetched["sign_ins"], dtype=np.int64)[kept],
    }
    events = int(np.asarray(fetched["events"], dtype=np.int64)[kept].sum())
    dated = last_sign_in[~np.isnat(last_sign_in)]
    latest = dated.max().item() if len(dated) else None  # a datetime.date
    return columns, events, latest, int((~kept).sum())
