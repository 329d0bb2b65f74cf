"""Synthetic inputs for the stack-audit benchmark: 1,000 tools and N sign-in events.

Events are made by DuckDB from ``range(N)`` with integer arithmetic, so 10M rows take
seconds, the files are the same on every run, and no Python loop touches an event.
"""

from __future__ import annotations

import csv
import os
from datetime import date, timedelta
from pathlib import Path

import duckdb

from mopskit.content import knowledge

AS_OF = date(2026, 10, 31)
LOG_DAYS = 90
TOOLS = 1_000
SHADOW_APPS = 50
USERS = 20_000
APPS_PER_USER = 8
SSO_BY_TOOL_NAME = 900  # tools from this index on have no sso_app; logs use the tool name
FORMATS = ("csv", "okta", "entra")
SUFFIX = {"csv": "csv", "okta": "jsonl", "entra": "json"}
GRAPH_PAGE = 1_000  # sign-ins per Microsoft Graph page: the most $top allows for auditLogs/signIns


def app_name(index: int) -> str:
    """The name the identity provider logs for app ``index`` (see ``_app_sql``)."""
    if index >= TOOLS:
        return f"Shadow {index - TOOLS:02d}"
    if index >= SSO_BY_TOOL_NAME:
        return f"tool {index:04d}"
    return f"App {index:04d}"


def write_inventory(path: Path) -> Path:
    """1,000 contracts over the 49 subcategories, in EUR, renewals spread over a year."""
    subcategories = knowledge.taxonomy().subcategories
    columns = ["tool", "vendor", "category", "owner", "department", "annual_cost",
               "currency", "billing", "renewal_date", "notice_days", "seats", "sso_app"]
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for index in range(TOOLS):
            writer.writerow([
                f"Tool {index:04d}",
                f"Vendor {index % 400:03d}",
                subcategories[index % len(subcategories)],
                f"Owner {index % 60:02d}",
                ("Marketing", "Sales", "Service", "E-commerce", "Product")[index % 5],
                f"{1000 + (index * 7919) % 99000}.00",
                "EUR",
                "annual",
                (AS_OF + timedelta(days=1 + (index * 11) % 365)).isoformat(),
                (30, 60, 90)[index % 3],
                50 + (index * 37) % 450,
                "" if index >= SSO_BY_TOOL_NAME else app_name(index),
            ])
    os.replace(tmp, path)
    return path


def _app_sql(index: str) -> str:
    return (
        f"CASE WHEN {index} >= {TOOLS} THEN 'Shadow ' || lpad(({index} - {TOOLS})::VARCHAR, 2, '0') "
        f"WHEN {index} >= {SSO_BY_TOOL_NAME} THEN 'tool ' || lpad({index}::VARCHAR, 4, '0') "
        f"ELSE 'App ' || lpad({index}::VARCHAR, 4, '0') END"
    )


def _events_sql(events: int) -> str:
    """One row per event: time rising with i; each person uses a fixed handful of apps."""
    span = LOG_DAYS * 86_400
    start = f"TIMESTAMP '{AS_OF + timedelta(days=1)} 00:00:00' - INTERVAL {LOG_DAYS} DAY"
    return f"""
        SELECT
            i,
            {start} + to_seconds((i * {span} // {events})::BIGINT) AS ts,
            'user' || lpad(person::VARCHAR, 5, '0') || '@bench.example' AS usr,
            {_app_sql(f"((person * 131 + (i // 7) % {APPS_PER_USER} * 977) % {TOOLS + SHADOW_APPS})")} AS app,
            i % 29 <> 0 AS ok,
            i % 23 = 0 AS session_only,
            md5(i::VARCHAR) AS digest
        FROM (SELECT i, (i * 2654435761) % {USERS} AS person FROM range({events}) AS r(i))
    """


def write_events(path: Path, events: int, fmt: str) -> Path:
    """Write ``events`` sign-in events as generic CSV, Okta System Log JSON lines or Entra Graph pages.

    All have exactly ``events`` events; in the Okta file one in 23 is a session start
    (no app), and in all one in 29 is a failed sign-in. The Entra file is what a script that
    saves every page of ``GET /auditLogs/signIns`` writes: ``{"@odata.context": ..., "value":
    [...], "@odata.nextLink": ...}`` objects of 1,000 sign-ins, one per line.
    """
    if fmt == "csv":
        select = f"""
            SELECT strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS timestamp, usr AS "user",
                   app AS tool, CASE WHEN ok THEN 'true' ELSE 'false' END AS success
            FROM ({_events_sql(events)}) ORDER BY i
        """
        options = "FORMAT csv, HEADER true"
    elif fmt == "okta":
        select = f"""
            SELECT
                digest[:8] || '-' || digest[9:12] || '-4' || digest[14:16]
                    || '-a' || digest[18:20] || '-' || digest[21:32] AS uuid,
                strftime(ts, '%Y-%m-%dT%H:%M:%S.000Z') AS published,
                CASE WHEN session_only THEN 'user.session.start'
                     ELSE 'user.authentication.sso' END AS eventType,
                CASE WHEN session_only THEN 'User login to Okta'
                     ELSE 'User single sign on to app' END AS displayMessage,
                CASE WHEN ok THEN 'INFO' ELSE 'WARN' END AS severity,
                {{'id': '00u' || md5(usr)[:17], 'type': 'User', 'alternateId': usr,
                  'displayName': split_part(usr, '@', 1)}} AS actor,
                {{'result': CASE WHEN ok THEN 'SUCCESS' ELSE 'FAILURE' END,
                  'reason': CASE WHEN ok THEN NULL ELSE 'INVALID_CREDENTIALS' END}} AS outcome,
                CASE WHEN session_only THEN NULL ELSE
                    [{{'id': '0oa' || md5(app)[:17], 'type': 'AppInstance', 'alternateId': app,
                       'displayName': app}}] END AS target
            FROM ({_events_sql(events)}) ORDER BY i
        """
        options = "FORMAT json"
    elif fmt == "entra":
        select = f"""
            SELECT
                digest[:8] || '-' || digest[9:12] || '-4' || digest[14:16]
                    || '-a' || digest[18:20] || '-' || digest[21:32] AS id,
                strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS createdDateTime,
                split_part(usr, '@', 1) AS userDisplayName, usr AS userPrincipalName,
                md5(usr)[:8] || '-' || md5(usr)[9:12] AS userId,
                md5(app)[:8] || '-' || md5(app)[9:12] AS appId, app AS appDisplayName,
                '203.0.113.' || (i % 250)::VARCHAR AS ipAddress, 'Browser' AS clientAppUsed,
                true AS isInteractive,
                {{'errorCode': CASE WHEN ok THEN 0 ELSE 50126 END,
                  'failureReason': CASE WHEN ok THEN 'Other.' ELSE 'Invalid username or password.' END}} AS status,
                {{'city': 'Milano', 'countryOrRegion': 'IT'}} AS location
            FROM ({_events_sql(events)}) ORDER BY i
        """
        options = "FORMAT json"
    else:
        raise ValueError(f"unknown event format {fmt!r}; known: {', '.join(FORMATS)}")
    tmp = path.with_name(path.name + ".tmp")
    with duckdb.connect() as connection:
        connection.execute("SET enable_progress_bar = false")
        connection.execute(f"COPY ({select}) TO '{tmp}' ({options})")
    if fmt == "entra":
        _pages_from_lines(tmp)
    os.replace(tmp, path)
    return path


def _pages_from_lines(path: Path) -> None:
    """Group JSON lines into Graph pages in place, ``GRAPH_PAGE`` per page (a loop per page, not per event)."""
    context = b'{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":['
    paged = path.with_name(path.name + ".pages")
    with path.open("rb") as lines, paged.open("wb") as pages:
        number = 0
        while True:
            page = lines.readlines(GRAPH_PAGE * 300)  # about GRAPH_PAGE lines; the exact count does not matter
            if not page:
                break
            number += 1
            body = b",".join(line.rstrip(b"\n") for line in page)
            link = f'"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=p{number}"'
            pages.write(context + body + b"]," + link.encode() + b"}\n")
    os.replace(paged, path)


def events_file(folder: Path, events: int, fmt: str) -> Path:
    """The cached events file for this size and format, made if it is missing."""
    path = folder / f"events-{events}.{SUFFIX[fmt]}"
    if not path.exists():
        write_events(path, events, fmt)
    return path


def inventory_file(folder: Path) -> Path:
    path = folder / f"inventory-{TOOLS}.csv"
    if not path.exists():
        write_inventory(path)
    return path
