"""The request queue, its triage against the SLA and a post-mortem's review, each described once
as a report: the short form a notebook shows (headline and brief table) and the sections a page
or a workbook adds."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mopskit.ops.intake import BREACHED, DUE_SOON, ON_TRACK
from mopskit.findings import Severity
from mopskit.report.document import Card, Column, Document, Emphasis, Kind, Measure, Row, Section, Table
from mopskit.wording import plural

if TYPE_CHECKING:
    from mopskit.ops.intake import Request, RequestQueue, Sla, Triage
    from mopskit.ops.postmortem import Review

STATE_TONES = {BREACHED: "#c0392b", DUE_SOON: "#d68910", ON_TRACK: "#1e8449"}
SEVERITY_TONES: dict[str, str] = {Severity.ERROR: "#c0392b", Severity.WARNING: "#d68910"}
STATE_EMPHASIS = {BREACHED: Emphasis.STRONG, DUE_SOON: Emphasis.STRONG}


def _moment(moment: datetime | None) -> str | None:
    """'2026-11-02 09:30': a date-time as the queue file writes it."""
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _clock(sla: Sla) -> str:
    return f"{sla.day_start.strftime('%H:%M')}–{sla.day_end.strftime('%H:%M')}"


def _working_hours(hours: float) -> str:
    """'1 working hour', '4 working hours', '2.5 working hours'."""
    return "1 working hour" if hours == 1 else f"{hours:g} working hours"


# --------------------------------------------------------------------------- the queue


def queue_document(queue: RequestQueue, *, show_users: bool = False) -> Document:
    """Every request as the file gives it; the closed column only when a request is closed."""
    total, still_open = len(queue.requests), len(queue.open)
    closed = total - still_open
    requests = queue_table(queue)
    return Document(
        title="Request queue",
        headline=f"{plural(total, 'request')}: {still_open} open, {closed} closed.",
        cards=(
            Card("Requests", total, Kind.INTEGER, note="in the queue"),
            Card("Open", still_open, Kind.INTEGER, note="not closed yet"),
            Card("Closed", closed, Kind.INTEGER),
        ),
        figures=(
            Measure("Requests", total, Kind.INTEGER),
            Measure("Open", still_open, Kind.INTEGER),
            Measure("Closed", closed, Kind.INTEGER),
        ),
        sections=(Section("Requests", lead="Every request, in the order of the file.", table=requests),),
        brief=requests,
    )


def queue_table(queue: RequestQueue) -> Table:
    any_closed = any(request.closed is not None for request in queue.requests)
    columns = (
        Column("id", "ID", chars=8),
        Column("requester", "Requester", chars=24),
        Column("type", "Type", chars=14),
        Column("summary", "Summary", chars=40, missing=""),
        Column("received", "Received", chars=16),
        Column("priority", "Priority", chars=8),
        *((Column("closed", "Closed", chars=16, missing=""),) if any_closed else ()),
    )
    return Table(
        columns,
        tuple(Row({**_request_values(request), "closed": _moment(request.closed)},
                  emphasis=Emphasis.MUTED if request.closed is not None else None,
                  tag="closed" if request.closed is not None else "open")
              for request in queue.requests),
        empty="The queue has no request.",
        table_id="queue",
    )


def _request_values(request: Request) -> dict[str, object]:
    return {"id": request.id, "requester": request.requester, "type": request.type,
            "summary": request.summary or None, "received": _moment(request.received),
            "priority": request.priority}


# --------------------------------------------------------------------------- triage


def triage_document(triage: Triage, *, show_users: bool = False) -> Document:
    """The open requests in working order (earliest due first) with their state, the counts by
    state, and the SLA they were measured against."""
    sla = triage.sla
    counts = {state: len(triage.ids(state)) for state in (BREACHED, DUE_SOON, ON_TRACK)}
    closed = triage.closed_met + triage.closed_missed
    now = _moment(triage.now)
    return Document(
        title="Request triage",
        scope=(f"Working hours: Monday to Friday, {_clock(sla)}",
               f"due soon: {_working_hours(sla.soon_hours)} or fewer left"),
        headline=triage.headline(),
        cards=(
            Card("Open requests", len(triage.items), Kind.INTEGER, note=f"as of {now}"),
            Card("Breached", counts[BREACHED], Kind.INTEGER, note="past their due time"),
            Card("Due soon", counts[DUE_SOON], Kind.INTEGER,
                 note=f"{_working_hours(sla.soon_hours)} or fewer left"),
            Card("Closed within the SLA", triage.closed_met, Kind.INTEGER,
                 note=f"of {plural(closed, 'closed request')}"),
        ),
        figures=(
            Measure("As of", now),
            Measure("Open requests", len(triage.items), Kind.INTEGER),
            Measure("Breached", counts[BREACHED], Kind.INTEGER),
            Measure("Due soon", counts[DUE_SOON], Kind.INTEGER),
            Measure("On track", counts[ON_TRACK], Kind.INTEGER),
            Measure("Closed within the SLA", triage.closed_met, Kind.INTEGER),
            Measure("Closed late", triage.closed_missed, Kind.INTEGER),
        ),
        sections=(
            Section("Open requests, earliest due first", short_title="Open requests",
                    lead="The order to work in. Due is the received time plus the priority's working hours;"
                         " hours left are working hours, negative once a request has breached.",
                    table=triage_table(triage, detail=True)),
            Section("Service level", short_title="SLA",
                    lead=f"Working hours to answer in, by priority, counted Monday to Friday, {_clock(sla)}.",
                    table=sla_table(sla)),
        ),
        brief=triage_table(triage),
        definitions=(
            ("Working hours", f"Monday to Friday, {_clock(sla)}, in one time zone and without public holidays:"
                              " a simplification a real service desk refines; the order to work in stays the same."),
            ("Breached", "An open request past its due time."),
            ("Due soon", f"An open request with {_working_hours(sla.soon_hours)} or fewer left."),
        ),
    )


def triage_table(triage: Triage, *, detail: bool = False) -> Table:
    """The open requests, earliest due first; ``detail`` adds each request's type and summary."""
    columns = (
        Column("id", "ID", chars=8),
        Column("priority", "Priority", chars=8),
        Column("requester", "Requester", chars=24),
        *((Column("type", "Type", chars=14), Column("summary", "Summary", chars=40, missing=""))
          if detail else ()),
        Column("received", "Received", chars=16),
        Column("due", "Due", chars=16),
        Column("hours_left", "Working hours left", Kind.NUMBER),
        Column("state", "State", Kind.LABEL, tones=STATE_TONES),
    )
    return Table(
        columns,
        tuple(Row({**_request_values(item.request), "due": _moment(item.due), "hours_left": item.hours_left,
                   "state": item.state},
                  emphasis=STATE_EMPHASIS.get(item.state), tag=item.state.replace(" ", "-"))
              for item in triage.items),
        empty="No request is open.",
        table_id="triage",
    )


def sla_table(sla: Sla) -> Table:
    return Table(
        (Column("priority", "Priority", strong=True, chars=10),
         Column("hours", "Working hours to answer", Kind.NUMBER),
         Column("days", "Working days", Kind.NUMBER)),
        tuple(Row({"priority": priority, "hours": hours, "days": hours / sla.hours_per_day})
              for priority, hours in sla.hours.items()),
    )


# --------------------------------------------------------------------------- post-mortem review


def postmortem_document(review: Review, *, show_users: bool = False) -> Document:
    """The verdict and every finding (the short form), then the post-mortem itself: its parts,
    timeline and actions. The people involved are never listed: owners appear with their actions."""
    postmortem = review.postmortem
    errors = len(review.errors)
    warnings = len(review.findings) - errors
    findings = findings_table(review)
    parts = [("Summary", postmortem.summary), ("Impact", postmortem.impact),
             *((f"Cause {index}", cause) for index, cause in enumerate(postmortem.causes, start=1)),
             *((f"Contributing factor {index}", factor)
               for index, factor in enumerate(postmortem.contributing_factors, start=1))]
    return Document(
        title="Post-mortem review",
        scope=(postmortem.title,),
        headline=review.headline(),
        cards=(
            Card("Verdict", "ready to share" if review.ok else "not ready to share"),
            Card("Errors", errors, Kind.INTEGER, note="fix before sharing"),
            Card("Warnings", warnings, Kind.INTEGER, note="worth a second look"),
        ),
        figures=(
            Measure("Post-mortem", postmortem.title),
            Measure("Ready to share", "yes" if review.ok else "no"),
            Measure("Errors", errors, Kind.INTEGER),
            Measure("Warnings", warnings, Kind.INTEGER),
        ),
        sections=(
            Section("Findings", lead="Every missing part, incomplete action, out-of-order timeline and phrase that"
                                     " blames a person. The wording check finds names and listed phrases: it"
                                     " cannot judge tone.", table=findings),
            Section("The post-mortem", short_title="Parts",
                    table=Table((Column("part", "Part", strong=True, chars=22),
                                 Column("text", "What it says", chars=80, missing="")),
                                tuple(Row({"part": part, "text": text or None}) for part, text in parts))),
            Section("Timeline", table=Table(
                (Column("time", "Time", chars=16), Column("event", "What happened", chars=80, missing="")),
                tuple(Row({"time": _moment(entry.time), "event": entry.event or None})
                      for entry in postmortem.timeline),
                empty="The timeline is empty.")),
            Section("Actions", lead="What will change, each with the one person who sees it done.", table=Table(
                (Column("action", "Action", chars=60, missing=""), Column("owner", "Owner", chars=20, missing=""),
                 Column("due", "Due", Kind.DATE, missing="")),
                tuple(Row({"action": action.action or None, "owner": action.owner or None, "due": action.due})
                      for action in postmortem.actions),
                empty="No action yet.")),
        ),
        brief=findings if review.findings else None,
    )


def findings_table(review: Review) -> Table:
    return Table(
        (Column("severity", "Severity", Kind.LABEL, tones=SEVERITY_TONES),
         Column("where", "Where", chars=24),
         Column("message", "Finding", chars=70)),
        tuple(Row({"severity": finding.severity, "where": finding.where, "message": finding.message})
              for finding in review.findings),
        empty="Every part is there and no phrase blames a person.",
    )


__all__ = [
    "findings_table", "postmortem_document", "queue_document", "queue_table", "sla_table", "triage_document",
    "triage_table",
]
