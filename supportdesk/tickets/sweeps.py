"""Periodic ticket sweeps run by `supportdesk worker`: pending reminders and pending closes.

Each sweep selects due tickets through the (state, pending_until) index, caps the batch so one run
never grows with the table, and hands each ticket to a system action that locks and re-checks it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone

from supportdesk.tickets.actions.system import close_reached_pending, notify_reached_reminder, reminder_already_sent
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

# A per-run cap: a backlog (say, after downtime) drains over a few runs instead of one long transaction burst.
BATCH_LIMIT = 500


def notify_pending_reminders(*, now: datetime | None = None, limit: int = BATCH_LIMIT) -> int:
    """Notify owners of tickets whose pending reminder time has passed; return how many were notified.

    Unowned tickets are left to the "pending reminders reached" inbox view of their group.
    """
    now = now or timezone.now()
    due = (
        Ticket.objects.filter(state=State.PENDING_REMINDER, pending_until__lte=now, owner__isnull=False)
        .exclude(reminder_already_sent())
        .order_by("pending_until", "id")
        .values_list("id", flat=True)[:limit]
    )
    notified = sum(notify_reached_reminder(ticket_id, now=now) for ticket_id in list(due))
    if notified:
        logger.info("pending reminders: notified %d owner(s)", notified)
    return notified


def close_pending_tickets(*, now: datetime | None = None, limit: int = BATCH_LIMIT) -> int:
    """Close tickets whose pending-close time has passed; return how many were closed."""
    now = now or timezone.now()
    due = (
        Ticket.objects.filter(state=State.PENDING_CLOSE, pending_until__lte=now)
        .order_by("pending_until", "id")
        .values_list("id", flat=True)
    )
    closed = sum(close_reached_pending(ticket_id, now=now) for ticket_id in list(due[:limit]))
    if closed:
        logger.info("pending close: closed %d ticket(s)", closed)
    return closed
