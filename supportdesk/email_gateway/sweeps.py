"""Periodic safety nets of the e-mail channel, run by the worker's sweep loop."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.models import InboundMessage
from supportdesk.email_gateway.tasks import process_inbound_task

# A message still pending this long after it was stored lost its task (worker killed, queue
# unavailable); processing is idempotent, so queueing it again is always safe.
STALE_AFTER = timedelta(minutes=2)
MAX_PER_RUN = 200


def requeue_stale_pending(*, now: datetime | None = None) -> int:
    """Queue processing again for stored messages nobody processed; returns how many were queued."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    ids = list(
        InboundMessage.objects.filter(status=InboundStatus.PENDING, received_at__lt=cutoff)
        .order_by("received_at", "id")
        .values_list("id", flat=True)[:MAX_PER_RUN]
    )
    for inbound_id in ids:
        process_inbound_task.enqueue(inbound_id)
    return len(ids)
