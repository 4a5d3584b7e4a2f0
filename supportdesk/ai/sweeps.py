"""Scheduled retraining: a worker sweep that retrains the classifiers every AiSettings.retrain_days.

`register()` is called once from the AI app's `ready()` (supportdesk.ai.apps). The sweep runs
hourly and trains when retraining is on (retrain_days > 0) and the newest model of any target is
older than retrain_days (or there is none yet and the tickets allow one). Several workers may run
it at once: training claims each target's next version with a unique row (supportdesk.ai.training),
so only one of them trains a target and the others skip it. A target whose last run was skipped
(too few tickets) is tried again at the next sweep, which costs one query over the solved tickets.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from supportdesk.ai.choices import ModelState
from supportdesk.ai.models import TrainedModel
from supportdesk.ai.training import TrainResult, ai_settings, targets_to_train, train
from supportdesk.core.sweeps import register_sweep

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 3600
# A run that died (worker killed) leaves a "training" row; after this long it no longer counts as running.
STALE_TRAINING = timedelta(hours=6)


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


def register() -> None:
    register_sweep("ai.retrain", SWEEP_SECONDS, retrain_if_due)
