"""Worker sweeps of the local AI: scheduled retraining, and triage of new tickets whose task was lost.

Retraining: retrains the classifiers every AiSettings.retrain_days.

`register()` is called once from the AI app's `ready()` (supportdesk.ai.apps). The sweep runs
hourly and trains when retraining is on (retrain_days > 0) and the newest model of any target is
older than retrain_days (or there is none yet and the tickets allow one). Several workers may run
it at once: training claims each target's next version with a unique row (supportdesk.ai.training),
so only one of them trains a target and the others skip it. A target whose last run was skipped
(too few tickets) is tried again at the next sweep, which costs one query over the solved tickets.

Catch-up: a new ticket is triaged by a task enqueued after its creation commits. When that enqueue
failed (logged, tasks.on_tickets_created) or the task row was lost, the ticket would stay untriaged;
every five minutes the sweep triages recent open tickets that still have no insight after a grace
period long enough for a busy queue, a bounded number per run. Triage twice is harmless.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from supportdesk.ai import kb_language, triage
from supportdesk.ai.apply import load_settings
from supportdesk.ai.choices import ModelState
from supportdesk.ai.models import TrainedModel
from supportdesk.ai.training import TrainResult, ai_settings, targets_to_train, train
from supportdesk.core.sweeps import register_sweep
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 3600
# A run that died (worker killed) leaves a "training" row; after this long it no longer counts as running.
STALE_TRAINING = timedelta(hours=6)

CATCHUP_SECONDS = 300
# A ticket's own task normally runs within seconds; after this long it is taken as lost.
CATCHUP_GRACE = timedelta(minutes=10)
# Older tickets are left to `supportdesk ai triage --backfill N` (e.g. after triage was switched on).
CATCHUP_WINDOW = timedelta(days=2)
CATCHUP_LIMIT = 200


def retrain_due(*, now: datetime | None = None) -> bool:
    settings = ai_settings()
    if settings.retrain_days <= 0:
        return False
    now = now or timezone.now()
    if TrainedModel.objects.filter(state=ModelState.TRAINING, trained_at__gte=now - STALE_TRAINING).exists():
        return False
    newest = TrainedModel.objects.filter(state=ModelState.READY).aggregate(at=Max("trained_at"))["at"]
    return newest is None or newest <= now - timedelta(days=settings.retrain_days)


def retrain_if_due(*, now: datetime | None = None) -> list[TrainResult]:
    """The sweep: train every target when due; return what happened (empty when not due)."""
    if not retrain_due(now=now):
        return []
    results = train(targets_to_train())
    for result in results:
        logger.info("scheduled training of %s: %s (%s)", result.target, result.status, result.message)
    return results


def untriaged_ticket_ids(*, now: datetime | None = None, limit: int = CATCHUP_LIMIT) -> list[int]:
    """Open tickets created between CATCHUP_WINDOW and CATCHUP_GRACE ago with no insight, oldest first."""
    now = now or timezone.now()
    return list(
        Ticket.objects.filter(insight__isnull=True, created_at__lte=now - CATCHUP_GRACE, created_at__gte=now - CATCHUP_WINDOW)
        .exclude(state__in=[State.MERGED, State.CLOSED])
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[: max(0, limit)]
    )


def triage_missed(*, now: datetime | None = None, limit: int = CATCHUP_LIMIT) -> int:
    """The catch-up sweep: triage recent tickets whose triage task never ran, and detect the language
    of knowledge base texts not detected yet; return how many tickets were triaged."""
    detected = kb_language.detect_missing()
    if detected:
        logger.info("detected the language of %s kb translation(s)", detected)
    if not load_settings().triage_enabled:
        return 0
    done = 0
    for ticket_id in untriaged_ticket_ids(now=now, limit=limit):
        if triage.triage_ticket(ticket_id) is not None:
            done += 1
    if done:
        logger.warning("triaged %s ticket(s) whose triage task had not run", done)
    return done


def register() -> None:
    register_sweep("ai.retrain", SWEEP_SECONDS, retrain_if_due)
    register_sweep("ai.triage_catchup", CATCHUP_SECONDS, triage_missed)
