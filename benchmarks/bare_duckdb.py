"""The baseline: one bare DuckDB scan + group-by over a sign-in file, nothing else.

It computes what an audit needs from a log (per app and user: last successful sign-in
and the number of them) with no validation, matching or reporting, so the ratio of
``mopskit audit`` to this is the price of everything the kit adds.

Usage: python benchmarks/bare_duckdb.py csv|okta|entra PATH   (prints the number of groups)
"""

from __future__ import annotations

import sys

import duckdb

QUERIES = {
    "csv": """
        SELECT tool AS app, lower("user") AS usr, max("timestamp") AS last_seen,
               count(*) AS sign_ins
        FROM read_csv(?, header = true, columns = {
            'timestamp': 'TIMESTAMPTZ', 'user': 'VARCHAR', 'tool': 'VARCHAR',
            'success': 'BOOLEAN'})
        WHERE success
        GROUP BY ALL
    """,
    "okta": """
        SELECT list_filter(target, lambda t: t.type = 'AppInstance')[1].displayName AS app,
               lower(actor.alternateId) AS usr, max(published::TIMESTAMPTZ) AS last_seen,
               count(*) AS sign_ins
        FROM read_json(?, format = 'newline_delimited', columns = {
            'published': 'VARCHAR', 'eventType': 'VARCHAR',
            'actor': 'STRUCT(alternateId VARCHAR)', 'outcome': 'STRUCT(result VARCHAR)',
            'target': 'STRUCT(type VARCHAR, displayName VARCHAR)[]'})
        WHERE eventType = 'user.authentication.sso' AND outcome.result = 'SUCCESS'
        GROUP BY ALL
    """,
    # Graph pages, one per line: DuckDB reads each page whole and unnests its sign-ins.
    "entra": """
        SELECT sign_in.appDisplayName AS app, lower(sign_in.userPrincipalName) AS usr,
               max(sign_in.createdDateTime::TIMESTAMPTZ) AS last_seen, count(*) AS sign_ins
        FROM (SELECT unnest(value) AS sign_in
              FROM read_json(?, format = 'newline_delimited', columns = {
                  'value': 'STRUCT(createdDateTime VARCHAR, userPrincipalName VARCHAR,
                                   appDisplayName VARCHAR, status STRUCT(errorCode BIGINT))[]'}))
        WHERE sign_in.status.errorCode = 0
        GROUP BY ALL
    """,
}


# Reads every aggregate: with count(*) alone the optimizer would drop them, and the time
# column with them, so the scan would never parse a timestamp.
SUMMARY = "SELECT count(*), max(epoch_us(last_seen)), sum(sign_ins) FROM ({})"


def scan(fmt: str, path: str) -> int:
    """Run the baseline query and return how many (app, user) groups it found."""
    with duckdb.connect() as connection:
        connection.execute("SET enable_progress_bar = false")
        rows = connection.execute(SUMMARY.format(QUERIES[fmt]), [path]).fetchone()
    return int(rows[0])


def plan(fmt: str, path: str) -> str:
    """The physical plan of the baseline, to check that it reads and aggregates the times."""
    with duckdb.connect() as connection:
        return connection.execute("EXPLAIN " + SUMMARY.format(QUERIES[fmt]), [path]).fetchall()[0][1]


if __name__ == "__main__":
    print(scan(sys.argv[1], sys.argv[2]))
