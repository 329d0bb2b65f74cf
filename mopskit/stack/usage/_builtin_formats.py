"""The exports the kit reads out of the box, each one entry of the format registry.

Okta, Microsoft Entra (Graph JSON, Azure Monitor, CSV, Parquet), Google Workspace and the
kit's generic CSV: how each is recognised from its sniffed head, and the SQL that reads its
fields as the same event columns (``_formats.EventsSql``). Importing this module registers
them, in the order they are tried; ``mopskit.stack.usage`` imports it, so they are there
before any log is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

from mopskit.errors import InputError
from mopskit.stack.names import fold
from mopskit.stack.usage._formats import (
    CSV_SUCCESS,
    CsvHeader,
    EventsSql,
    Head,
    LogFormat,
    Plan,
    format_names,
    register_format,
    sql_string,
    success_case,
)

__all__ = ["ENTRA_USER_CATEGORIES", "FORMATS"]

# Azure Monitor's categories for users signing in; service principals and managed identities are not people
ENTRA_USER_CATEGORIES = ("SignInLogs", "NonInteractiveUserSignInLogs")


# --- JSON and Parquet exports ---------------------------------------------------------------


def _json_source(plan: Plan, columns: str) -> str:
    reader_format = "unstructured" if plan.layout.pretty else "newline_delimited"
    return f"""read_json({sql_string(str(plan.read_path or plan.path))}, format = '{reader_format}', columns = {columns},
                           maximum_object_size = 67108864)"""


_OKTA_COLUMNS = (
    "{published: 'VARCHAR', eventType: 'VARCHAR', actor: 'STRUCT(alternateId VARCHAR)',"
    " target: 'STRUCT(type VARCHAR, displayName VARCHAR)[]', outcome: 'STRUCT(result VARCHAR)'}"
)
_ENTRA_COLUMNS = (
    "{createdDateTime: 'VARCHAR', userPrincipalName: 'VARCHAR', appDisplayName: 'VARCHAR',"
    " status: 'STRUCT(errorCode VARCHAR)'}"
)
_AZURE_COLUMNS = (
    "{time: 'VARCHAR', category: 'VARCHAR', resultType: 'VARCHAR', properties: 'STRUCT(createdDateTime VARCHAR,"
    " userPrincipalName VARCHAR, appDisplayName VARCHAR, status STRUCT(errorCode VARCHAR))'}"
)
_OKTA_NAMES = {"ts": "published", "ok": "outcome.result", "user": "actor.alternateId",
               "app": "target[AppInstance].displayName"}
_ENTRA_NAMES = {"ts": "createdDateTime", "ok": "status.errorCode", "user": "userPrincipalName",
                "app": "appDisplayName"}
_AZURE_NAMES = {"ts": "properties.createdDateTime", "ok": "properties.status.errorCode",
                "user": "properties.userPrincipalName", "app": "properties.appDisplayName"}
_OKTA_APP = """CASE WHEN target[1].type = 'AppInstance' THEN target[1].displayName
                    ELSE list_filter(target, lambda item: item.type = 'AppInstance')[1].displayName END"""


def _okta_json_events(plan: Plan, typed: bool) -> EventsSql:
    select = f"""
            SELECT published AS ts, actor.alternateId AS "user", {_OKTA_APP} AS app,
                   outcome.result = 'SUCCESS' AS ok,
                   eventType = 'user.authentication.sso' AS relevant, eventType AS etype
            FROM {_json_source(plan, _OKTA_COLUMNS)}"""
    return EventsSql(select, _OKTA_NAMES)


def _azure_monitor_events(plan: Plan, typed: bool) -> EventsSql:
    categories = ", ".join(f"'{category}'" for category in ENTRA_USER_CATEGORIES)
    select = f"""
            SELECT coalesce(properties.createdDateTime, time) AS ts, properties.userPrincipalName AS "user",
                   properties.appDisplayName AS app,
                   try_cast(coalesce(properties.status.errorCode, resultType) AS BIGINT) = 0 AS ok,
                   coalesce(category IN ({categories}), TRUE) AS relevant, coalesce(category, 'sign-in') AS etype
            FROM {_json_source(plan, _AZURE_COLUMNS)}"""
    return EventsSql(select, _AZURE_NAMES)


def _entra_json_events(plan: Plan, typed: bool) -> EventsSql:
    select = f"""
        SELECT createdDateTime AS ts, userPrincipalName AS "user", appDisplayName AS app,
               try_cast(status.errorCode AS BIGINT) = 0 AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM {_json_source(plan, _ENTRA_COLUMNS)}"""
    return EventsSql(select, _ENTRA_NAMES)


def _parquet_column(plan: Plan, name: str) -> str:
    by_fold = {fold(column): column for column in plan.columns}
    return '"' + by_fold[name].replace('"', '""') + '"'


def _parquet_source(plan: Plan) -> str:
    return f"read_parquet({sql_string(str(plan.read_path or plan.path))})"


def _okta_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    select = f"""
            SELECT CAST({column('published')} AS VARCHAR) AS ts, {column('actor')}.alternateId AS "user",
                   {_OKTA_APP.replace('target', column('target'))} AS app,
                   {column('outcome')}.result = 'SUCCESS' AS ok,
                   {column('eventtype')} = 'user.authentication.sso' AS relevant, {column('eventtype')} AS etype
            FROM {_parquet_source(plan)}"""
    return EventsSql(select, _OKTA_NAMES)


def _entra_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    select = f"""
            SELECT CAST({column('createddatetime')} AS VARCHAR) AS ts, {column('userprincipalname')} AS "user",
                   {column('appdisplayname')} AS app, try_cast({column('status')}.errorCode AS BIGINT) = 0 AS ok,
                   TRUE AS relevant, 'sign-in' AS etype
            FROM {_parquet_source(plan)}"""
    return EventsSql(select, _ENTRA_NAMES)



def _generic_parquet_events(plan: Plan, typed: bool) -> EventsSql:
    def column(name: str) -> str:
        return _parquet_column(plan, name)

    by_fold = {fold(name) for name in plan.columns}
    ok = success_case(f"CAST({column('success')} AS VARCHAR)", CSV_SUCCESS) if "success" in by_fold else "TRUE"
    select = f"""
        SELECT CAST({column('timestamp')} AS VARCHAR) AS ts, CAST({column('user')} AS VARCHAR) AS "user",
               CAST({column('tool')} AS VARCHAR) AS app, {ok} AS ok, TRUE AS relevant, 'sign-in' AS etype
        FROM {_parquet_source(plan)}"""
    names = {"ts": "timestamp", "ok": "success", "user": "user", "app": "tool"}
    return EventsSql(select, names, trim_time=True, identity_always=True, single_type=True)



# --- CSV exports ----------------------------------------------------------------------------

_TARGET = re.compile(r"^targets?(?:\[(\d+)\]|\.(\d+)|_(\d+))?[._ ]?(displayname|display name|type)$")


def _okta_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = CsvHeader(plan)
    found.refuse(
        "an Okta System Log CSV needs published, eventType, actor.alternateId and outcome.result",
        ["outcome.result"] if not found.has("ok") else [],
    )
    app, app_name = _okta_csv_app(found.names, found.header, plan.path)
    etype = f"trim({found.cell('etype')})"
    names = {"ts": found.shown("ts"), "ok": found.shown("ok"), "user": found.shown("user"), "app": app_name}
    return found.select(
        ts=found.cell("ts"), user=found.cell("user"), app=app, ok=f"upper(trim({found.cell('ok')})) = 'SUCCESS'",
        relevant=f"{etype} = 'user.authentication.sso'", etype=etype, names=names,
    )


def _entra_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = CsvHeader(plan)
    translated = _entra_csv_in_another_language(Head("csv", "csv", names=tuple(found.names)))
    if translated and not (found.has("user") and found.has("app")):
        raise InputError(translated, file=plan.path, row=1)
    found.refuse(
        "an Entra sign-in CSV needs Date (UTC), Username, Application and Status",
        ["Status or Sign-in error code"] if not found.has("ok") and not found.has("code") else [],
    )
    if found.has("code"):
        ok, ok_name = f"try_cast(trim({found.cell('code')}) AS BIGINT) = 0", found.shown("code")
    else:
        status = f"lower(trim({found.cell('ok')}))"
        ok = f"CASE {status} WHEN 'success' THEN TRUE WHEN 'failure' THEN FALSE WHEN 'interrupted' THEN FALSE END"
        ok_name = found.shown("ok")
    names = {"ts": found.shown("ts"), "ok": ok_name, "user": found.shown("user"), "app": found.shown("app")}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=found.cell("app"), ok=ok, names=names)


def _google_csv_events(plan: Plan, typed: bool) -> EventsSql:
    found = CsvHeader(plan)
    found.refuse(
        "a Google Workspace audit CSV needs Date, Actor and Application name or Event",
        ["Event"] if not found.has("app") and not found.has("etype") else [],
    )
    app = found.cell("app") if found.has("app") else "'Google Workspace'"
    etype, relevant, ok, ok_name = "'sign-in'", "TRUE", "TRUE", "Event"
    if found.has("etype"):
        event = f"lower({found.cell('etype')})"
        ok = f"CASE WHEN {event} LIKE '%success%' THEN TRUE WHEN {event} LIKE '%fail%' THEN FALSE END"
        etype = f"trim({found.cell('etype')})"
        relevant = f"({event} LIKE '%success%' OR {event} LIKE '%fail%')"
        ok_name = found.shown("etype")
    names = {"ts": found.shown("ts"), "ok": ok_name, "user": found.shown("user"),
             "app": found.shown("app") if found.has("app") else "Application name"}
    return found.select(ts=found.cell("ts"), user=found.cell("user"), app=app, ok=ok, relevant=relevant,
                        etype=etype, names=names)


def _okta_csv_app(names: list[str], header: tuple[str, ...], file: Path) -> tuple[str, str]:
    """The app of an Okta CSV row: the target whose type is AppInstance (targets flattened to columns)."""
    targets: dict[int, dict[str, int]] = {}
    for index, name in enumerate(names):
        match = _TARGET.match(name)
        if match:
            number = int(next((group for group in match.groups()[:3] if group), "0"))
            part = "type" if match[4] == "type" else "name"
            targets.setdefault(number, {}).setdefault(part, index)
    named = [(number, parts) for number, parts in sorted(targets.items()) if "name" in parts]
    if not named:
        raise InputError(
            "an Okta System Log CSV needs the target columns (target.displayName and target.type)"
            " to tell which app was signed in to", file=file, row=1,
        )
    typed_targets = [(number, parts) for number, parts in named if "type" in parts]
    if not typed_targets:
        return f"c{named[0][1]['name']}", header[named[0][1]["name"]].strip()
    cases = " ".join(
        f"WHEN trim(c{parts['type']}) = 'AppInstance' THEN c{parts['name']}" for _, parts in typed_targets
    )
    return f"CASE {cases} END", "target[AppInstance].displayName"


# --- the entries ----------------------------------------------------------------------------

_OKTA_MARKERS = ('"eventType"', '"published"')
_ENTRA_MARKERS = ('"createdDateTime"', '"appDisplayName"', '"userPrincipalName"', '"SignInLogs"',
                  '"NonInteractiveUserSignInLogs"')


def _mentions(head: Head, markers: Sequence[str]) -> bool:
    return any(marker in head.text for marker in markers)


def _no_events(head: Head) -> bool:
    """An empty array, or wrapped pages with empty arrays: any reader reads no events."""
    return bool(re.fullmatch(r"\[\s*\]\s*", head.text) or (head.depth == 2 and re.search(r"\[\s*\]", head.text[:2000])))


def _entra_wrapping(head: Head) -> bool:
    return '"@odata' in head.text or '"records"' in head.text


_OKTA_CSV = {
    "ts": ("published", "time", "date", "event time"),
    "user": ("actor.alternateid", "actor alternate id", "actor_alternateid", "actor.alternate_id"),
    "etype": ("eventtype", "event type", "event_type"),
    "ok": ("outcome.result", "outcome result", "outcome_result", "outcome"),
}
_ENTRA_CSV = {
    "ts": ("date (utc)", "createddatetime", "date"),
    "user": ("username", "userprincipalname", "user principal name", "user"),
    "app": ("application", "appdisplayname", "app display name"),
    "code": ("sign-in error code", "errorcode", "status.errorcode", "error code"),
    "ok": ("status",),
}
_ENTRA_CSV_TRANSLATED = {
    # The portal exports in the admin's language; the roles the kit needs, as each language names them.
    "German": {"Datum (UTC)": "Date (UTC)", "Benutzername": "Username", "Anwendung": "Application",
               "Status": "Status", "Anmeldefehlercode": "Sign-in error code"},
    "Italian": {"Data (UTC)": "Date (UTC)", "Nome utente": "Username", "Applicazione": "Application",
                "Stato": "Status", "Codice errore di accesso": "Sign-in error code"},
    "Spanish": {"Fecha (UTC)": "Date (UTC)", "Nombre de usuario": "Username", "Aplicación": "Application",
                "Estado": "Status", "Código de error de inicio de sesión": "Sign-in error code"},
    "French": {"Date (UTC)": "Date (UTC)", "Nom d'utilisateur": "Username", "Nom d’utilisateur": "Username",
               "Statut": "Status", "Code d'erreur de connexion": "Sign-in error code"},
    "Romanian": {"Dată (UTC)": "Date (UTC)", "Nume de utilizator": "Username", "Aplicație": "Application",
                 "Stare": "Status"},
    "Dutch": {"Datum (UTC)": "Date (UTC)", "Gebruikersnaam": "Username", "Toepassing": "Application",
              "Status": "Status"},
}


def _entra_csv_in_another_language(head: Head) -> str | None:
    """'An Entra export with German column names …' when the header is the portal's, translated."""
    best: tuple[str, list[tuple[str, str]]] | None = None
    for language, names in _ENTRA_CSV_TRANSLATED.items():
        found = [(name, english) for name, english in names.items() if head.has(fold(name)) and name != english]
        if len({english for _name, english in found}) >= 2 and (best is None or len(found) > len(best[1])):
            best = (language, found)
    if best is None:
        return None
    language, found = best
    renames = ", ".join(f"{name} → {english}" for name, english in found)
    return (f"this looks like an Entra sign-in export with {language} column names ({renames}); the kit reads"
            " the English export: set the Microsoft Entra admin center's language to English and download the"
            " sign-ins again, or rename the columns to Date (UTC), Username, Application and Status"
            " (or Sign-in error code)")


_GOOGLE_CSV = {
    "ts": ("date", "time", "event time"),
    "user": ("actor", "user", "actor email", "email"),
    "app": ("application name", "application", "app name"),
    "etype": ("event", "event name"),
}

for _entry in (
    LogFormat(
        "okta-json", "okta", "json", title="Okta", hint="Okta (published, eventType)", events=_okta_json_events,
        recognise=lambda head: _mentions(head, _OKTA_MARKERS) or (
            _no_events(head) and not _entra_wrapping(head) and not _mentions(head, _ENTRA_MARKERS)),
    ),
    LogFormat(
        "azure-monitor", "entra", "json", layout="azure-monitor", title="Entra", events=_azure_monitor_events,
        fits=lambda head: '"properties"' in head.text and '"category"' in head.text,
        recognise=lambda head: _mentions(head, _ENTRA_MARKERS),
    ),
    LogFormat(
        "entra-json", "entra", "json", title="Entra", hint="Entra (createdDateTime, appDisplayName)",
        events=_entra_json_events, recognise=lambda head: _mentions(head, _ENTRA_MARKERS) or _no_events(head),
    ),
    LogFormat(
        "csv", "csv", "csv", columns={"ts": ("timestamp",), "user": ("user",), "app": ("tool",), "ok": ("success",)},
        success=MappingProxyType(CSV_SUCCESS), typed_reader=True,
        hint="a CSV with the columns timestamp,user,tool[,success]",
    ),
    LogFormat(
        "okta-csv", "okta", "csv", title="Okta", columns=_OKTA_CSV, required=("ts", "user", "etype"),
        events=_okta_csv_events, recognise=lambda head: head.has(*_OKTA_CSV["etype"]) and head.has(*_OKTA_CSV["user"]),
    ),
    LogFormat(
        "entra-csv", "entra", "csv", title="Entra", columns=_ENTRA_CSV, events=_entra_csv_events,
        recognise=lambda head: head.has(*_ENTRA_CSV["app"]) and head.has("date (utc)", "createddatetime"),
        explain=_entra_csv_in_another_language,
    ),
    LogFormat(
        "google-csv", "google", "csv", title="Google Workspace", columns=_GOOGLE_CSV, required=("ts", "user"),
        events=_google_csv_events,
        # the token audit names the application; the login audit (sign-ins to Google itself) only the event
        recognise=lambda head: head.has("actor", "user") and head.has("date", "time")
        and head.has("application name", "event", "event name"),
    ),
    LogFormat(
        "csv-parquet", "csv", "parquet", events=_generic_parquet_events, success=MappingProxyType(CSV_SUCCESS),
        recognise=lambda head: head.has("timestamp") and head.has("user") and head.has("tool"),
        title="generic", hint="the columns timestamp,user,tool[,success]",
    ),
    LogFormat(
        "okta-parquet", "okta", "parquet", events=_okta_parquet_events, title="Okta",
        recognise=lambda head: head.has("published") and head.has("actor"),
        hint="the Okta fields (published, actor, target, outcome)",
    ),
    LogFormat(
        "entra-parquet", "entra", "parquet", events=_entra_parquet_events, title="Entra",
        recognise=lambda head: head.has("createddatetime") and head.has("userprincipalname"),
        hint="the Entra fields (createdDateTime, userPrincipalName, appDisplayName, status)",
    ),
):
    register_format(_entry)

FORMATS = format_names()  # the built-in formats; ``format_names()`` includes any registered later
