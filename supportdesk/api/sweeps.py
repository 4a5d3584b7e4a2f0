"""Periodic clean-up of API bookkeeping, run by the worker's sweep loop."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from supportdesk.api.idempotency import IN_PROGRESS
from supportdesk.api.models import IdempotencyRecord

# Clients retry within minutes; a day is generous and keeps the table small.
REPLAY_WINDOW = timedelta(hours=24)
# A claim whose request never finished (the process died) must not block that key forever.
STALE_CLAIM = timedelta(minutes=10)


def expire_idempotency_records(*, now: datetime | None = None) -> int:
    """Delete answers past the replay window and abandoned claims; return how many rows went."""
    now = now or timezone.now()
    finished, _ = IdempotencyRecord.objects.filter(created_at__lt=now - REPLAY_WINDOW).delete()
    stale, _ = IdempotencyRecord.objects.filter(status_code=IN_PROGRESS, created_at__lt=now - STALE_CLAIM).delete()
    return finished + stale
