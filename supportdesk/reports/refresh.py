"""Keeping the report facts current: a queue filled after commit, emptied by a worker sweep.

Subscribers add the ticket (or the ticket-less NPS invitation) of every relevant event to FactQueue,
ids only, one INSERT per commit. The `reports.refresh` sweep takes a bounded batch, recomputes those
tickets' fact rows, and rebuilds the rollups of the days whose rows changed, all in one transaction
that holds the refresh lock: two workers never rebuild one day from different snapshots, and a
crash leaves the queue rows in place for the next run. Dashboards are therefore about a sweep
interval behind, which the pages say.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection, transaction

from supportdesk.core import events
from supportdesk.core.sweeps import register_sweep
from supportdesk.reports import measures, rollup
from supportdesk.reports.loading import load_histories, load_nps_invitations
from supportdesk.reports.models import FactQueue, TicketDayFact
from supportdesk.reports.ticket_facts import invitation_rows, rows_key, ticket_rows

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 60
BATCH = 1000
LOCK_KEY = 0x5EB0_0008  # pg_advisory_xact_lock key of the refresh (any constant no other code uses)
TICKET_EVENTS = ("ticket.created", "ticket.updated", "ticket.changed", "article.added", "sla.breach", "survey.answered")
STORED_COLUMNS = [f.attname for f in TicketDayFact._meta.concrete_fields if f.attname != "id"]


def register() -> None:
    for name in TICKET_EVENTS:
        events.subscribe_batch(name, on_ticket_events)
    events.subscribe_batch("survey.sent", on_surveys_sent)
    register_sweep("reports.refresh", SWEEP_SECONDS, run_refresh_sweep)


def enqueue(kind: str, ids: Iterable[int]) -> None:
    rows = [FactQueue(kind=kind, object_id=object_id) for object_id in sorted(set(ids))]
    if rows:
        FactQueue.objects.bulk_create(rows, ignore_conflicts=True)


def on_ticket_events(batch: list[events.DomainEvent]) -> None:
    enqueue(FactQueue.Kind.TICKET, [event.payload["ticket_id"] for event in batch if event.payload.get("ticket_id")])
    enqueue(
        FactQueue.Kind.NPS, [e.payload["invitation_id"] for e in batch if e.name == "survey.answered" and not e.payload.get("ticket_id")]
    )


def on_surveys_sent(batch: list[events.DomainEvent]) -> None:
    enqueue(FactQueue.Kind.TICKET, [ticket_id for event in batch for ticket_id in event.payload.get("ticket_ids", [])])
    enqueue(FactQueue.Kind.NPS, [i for event in batch for i in event.payload.get("invitation_ids", [])])


def refresh_lock() -> None:
    """Serialise refreshes (inside a transaction). SQLite serialises writers by itself."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def complete_row(row: dict[str, Any]) -> dict[str, Any]:
    """A computed row with every stored column (zero for the counts it did not count)."""
    return {column: row.get(column, None if column in measures.DURATIONS else 0) for column in STORED_COLUMNS}


def _changed_days(stored: list[dict[str, Any]], new_rows: list[dict[str, Any]]) -> set[date]:
    old_by_day: dict[date, list[dict[str, Any]]] = {}
    new_by_day: dict[date, list[dict[str, Any]]] = {}
    for row in stored:
        old_by_day.setdefault(row["day"], []).append(row)
    for row in new_rows:
        new_by_day.setdefault(row["day"], []).append(row)
    return {day for day in old_by_day.keys() | new_by_day.keys() if rows_key(old_by_day.get(day, [])) != rows_key(new_by_day.get(day, []))}


def _replace(owner: str, new_rows: dict[int, list[dict[str, Any]]]) -> set[date]:
    """Replace the stored fact rows of these owners (ticket_id or invitation_id -> new rows) where
    they differ; return the days whose rows changed."""
    stored_by_owner: dict[int, list[dict[str, Any]]] = {}
    for row in TicketDayFact.objects.filter(**{f"{owner}__in": list(new_rows)}).values(*STORED_COLUMNS):
        stored_by_owner.setdefault(row[owner], []).append(row)
    changed: set[date] = set()
    rewritten: list[int] = []
    to_insert: list[TicketDayFact] = []
    for owner_id, rows in new_rows.items():
        complete = [complete_row(row) for row in rows]
        days = _changed_days(stored_by_owner.get(owner_id, []), complete)
        if days:
            changed |= days
            rewritten.append(owner_id)
            to_insert.extend(TicketDayFact(**row) for row in complete)
    if rewritten:
        TicketDayFact.objects.filter(**{f"{owner}__in": rewritten}).delete()
        TicketDayFact.objects.bulk_create(to_insert, batch_size=500)
    return changed


def refresh_tickets(ticket_ids: Sequence[int]) -> set[date]:
    """Recompute these tickets' fact rows (deleted tickets lose theirs); return the changed days.
    Call inside a transaction holding the refresh lock, then rebuild those days."""
    new_rows: dict[int, list[dict[str, Any]]] = {ticket_id: [] for ticket_id in ticket_ids}
    for history in load_histories(list(ticket_ids)):
        new_rows[history.ticket_id] = ticket_rows(history)
    return _replace("ticket_id", new_rows)


def refresh_invitations(invitation_ids: Sequence[int]) -> set[date]:
    new_rows: dict[int, list[dict[str, Any]]] = {invitation_id: [] for invitation_id in invitation_ids}
    for row, facts in load_nps_invitations(list(invitation_ids)):
        new_rows[row["id"]] = invitation_rows(row, facts)
    return _replace("invitation_id", new_rows)


def process_queue(limit: int = BATCH) -> int:
    """Refresh one batch of queued tickets and invitations; returns how many queue rows it took."""
    with transaction.atomic():
        refresh_lock()
        taken = list(FactQueue.objects.order_by("id").select_for_update(skip_locked=True).values_list("id", "kind", "object_id")[:limit])
        if not taken:
            return 0
        tickets = [object_id for _id, kind, object_id in taken if kind == FactQueue.Kind.TICKET]
        invitations = [object_id for _id, kind, object_id in taken if kind == FactQueue.Kind.NPS]
        days = refresh_tickets(tickets) | refresh_invitations(invitations)
        rollup.rebuild_days(days)
        FactQueue.objects.filter(pk__in=[row[0] for row in taken]).delete()
    return len(taken)


def run_refresh_sweep(*, max_batches: int = 20, progress: Callable[[int], None] | None = None) -> int:
    """The worker sweep: drain the queue in batches (bounded, so other sweeps get their turn)."""
    done = 0
    for _ in range(max_batches):
        taken = process_queue()
        done += taken
        if progress:
            progress(done)
        if taken < BATCH:
            break
    if done:
        logger.info("reports: refreshed the facts of %d queued item(s)", done)
    return done
