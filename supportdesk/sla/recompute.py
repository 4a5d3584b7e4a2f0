"""Recomputing SLA due times after a calendar or policy change, as a background job.

A calendar change moves due times without any ticket fact changing, so no ticket action would
ever recompute them. `schedule_recompute` queues one job (after commit; a job queued and not yet
started already covers the change, so no second one is queued). The job walks the open tickets
by id in batches, each batch its own transaction, and runs tracking.sync_tickets on it: sync
recomputes every open clock's due time and next check from the current calendar spec (spec_cache
keys specs on the calendar's updated_at, which every calendar change touches) and writes what
differs, so it also assigns, re-targets or cancels clocks after a policy change. Batches are
independent: a job that dies half-way is simply run again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from supportdesk.sla.tracking import sync_tickets
from supportdesk.tickets.choices import OPEN_STATES
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
Progress = Callable[[int, float], None]


def schedule_recompute(reason: str) -> None:
    """Queue a recompute of every open ticket's SLA due times once the current transaction commits."""
    transaction.on_commit(lambda: _enqueue(reason))


def _enqueue(reason: str) -> None:
    from supportdesk.sla.tasks import recompute_sla_task

    if _already_queued(recompute_sla_task.module_path):
        logger.info("SLA recompute (%s): one is already queued", reason)
        return
    recompute_sla_task.enqueue(reason)


def _already_queued(task_path: str) -> bool:
    """Whether the database task queue holds this task waiting to start (other backends: never)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from supportdesk.sla.tasks import recompute_sla_task

    if not isinstance(recompute_sla_task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(task_path=task_path, status="READY").exists()


def recompute_all(*, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> int:
    """Sync the SLA clocks of every open ticket, batch by batch; return how many tickets were done."""
    started = time.monotonic()
    done, last_id = 0, 0
    while True:
        ids = list(Ticket.objects.filter(state__in=OPEN_STATES, pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            break
        with transaction.atomic():
            sync_tickets(ids, timezone.now())
        done += len(ids)
        last_id = ids[-1]
        if progress is not None:
            progress(done, time.monotonic() - started)
    logger.info("SLA recompute: %d open tickets in %.1f s", done, time.monotonic() - started)
    return done
