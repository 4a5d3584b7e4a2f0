"""`supportdesk reports backfill` and `reports verify`: building the facts of existing tickets, and
checking stored facts against a fresh computation.

Backfill is what an upgrade or a new measure needs: every ticket's rows are computed in batches
(each batch one transaction under the refresh lock, so the worker's sweep can run meanwhile), then
the rollups of every touched day are rebuilt. It is idempotent: a second run finds nothing changed.
Verify samples tickets and days; it reads only, and exits non-zero when anything differs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction

from supportdesk.core.progress import Progress
from supportdesk.reports import refresh, rollup
from supportdesk.reports.loading import load_histories
from supportdesk.reports.models import Grain, TicketDayFact
from supportdesk.reports.ticket_facts import report_zone, rows_key, ticket_rows
from supportdesk.surveys.models import SurveyInvitation
from supportdesk.tickets.models import Ticket

BATCH = 2000


def _no_progress(fraction: float, label: str) -> None:
    return None


def _id_batches(queryset: Any, size: int) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


@dataclass
class BackfillResult:
    tickets: int = 0
    invitations: int = 0
    days: set[date] = field(default_factory=set)
    rollup_rows: int = 0


def backfill(
    *, since: date | None = None, batch: int = BATCH, rollups_only: bool = False, progress: Progress = _no_progress
) -> BackfillResult:
    """Compute the facts of every ticket (created on or after `since`) and rebuild their days.
    `rollups_only` keeps the stored fact rows and rebuilds every day's rollups from them (after a
    change of the rollups, or a backfill stopped during its last phase)."""
    if rollups_only:
        result = BackfillResult(days=set(TicketDayFact.objects.values_list("day", flat=True).distinct()))
        return _rebuild(result, progress)
    tickets = Ticket.objects.all()
    if since is not None:
        tickets = tickets.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=report_zone()))
    total = tickets.count()
    result = BackfillResult()
    for ids in _id_batches(tickets, batch):
        with transaction.atomic():
            refresh.refresh_lock()
            result.days |= refresh.refresh_tickets(ids)
        result.tickets += len(ids)
        progress(0.8 * result.tickets / max(total, 1), f"{result.tickets}/{total} tickets")
    nps = SurveyInvitation.objects.filter(ticket__isnull=True, sent_at__isnull=False)
    if since is not None:
        nps = nps.filter(sent_at__gte=datetime.combine(since, time.min, tzinfo=report_zone()))
    for ids in _id_batches(nps, batch):
        with transaction.atomic():
            refresh.refresh_lock()
            result.days |= refresh.refresh_invitations(ids)
        result.invitations += len(ids)
    if since is None:  # a full backfill also rebuilds days whose rows were already right
        result.days |= set(TicketDayFact.objects.values_list("day", flat=True).distinct())
    return _rebuild(result, progress)


def _rebuild(result: BackfillResult, progress: Progress) -> BackfillResult:
    days = sorted(result.days)
    for done, chunk in enumerate(rollup.chunks(days), start=1):
        with transaction.atomic():
            refresh.refresh_lock()
            result.rollup_rows += rollup.rebuild_days(chunk, months=False)
        progress(0.8 + 0.19 * min(1.0, done * rollup.DAYS_PER_CHUNK / max(len(days), 1)), f"{len(days)} days")
    with transaction.atomic():
        refresh.refresh_lock()
        result.rollup_rows += rollup.rebuild_months(days)
    progress(1.0, "done")
    return result


def _stored(model: Any, day: date) -> dict[tuple[Any, ...], dict[str, int]]:
    names = rollup.ROLLUPS[model]
    rows = model._default_manager.filter(grain=Grain.DAY, day=day).values("day", *names, *rollup.SUM_COLUMNS)
    return {(row["day"], *(row[name] for name in names)): {c: row[c] for c in rollup.SUM_COLUMNS} for row in rows}


@dataclass
class VerifyResult:
    tickets_checked: int = 0
    tickets_differing: list[int] = field(default_factory=list)
    days_checked: int = 0
    days_differing: list[date] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.tickets_differing and not self.days_differing


def verify(*, sample: int = 200, seed: int | None = None) -> VerifyResult:
    """Recompute a sample of tickets' rows and the rollups of their days; list what differs."""
    rng = random.Random(seed)
    result = VerifyResult()
    ids = list(Ticket.objects.values_list("pk", flat=True).order_by("pk"))
    chosen = sorted(rng.sample(ids, min(sample, len(ids))))
    stored: dict[int, list[dict[str, Any]]] = {}
    for row in TicketDayFact.objects.filter(ticket_id__in=chosen).values(*refresh.STORED_COLUMNS):
        stored.setdefault(row["ticket_id"], []).append(row)
    days: set[date] = set()
    for history in load_histories(chosen):
        fresh = [refresh.complete_row(row) for row in ticket_rows(history)]
        result.tickets_checked += 1
        if rows_key(fresh) != rows_key(stored.get(history.ticket_id, [])):
            result.tickets_differing.append(history.ticket_id)
        days |= {row["day"] for row in fresh}
    for day in sorted(days)[: max(1, sample // 4)]:
        keyed = rollup.aggregate(TicketDayFact.objects.filter(day=day).values(*rollup.FACT_COLUMNS))
        result.days_checked += 1
        if any(_stored(model, day) != expected for model, expected in keyed.items()):
            result.days_differing.append(day)
    return result
