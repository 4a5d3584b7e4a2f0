"""Changes the system makes on its own, with no person behind them (sweeps, timers).

They skip the permission checks of the user-facing actions because there is no user, and record
their TicketEvents with actor None so history says "the system" did it. Each re-reads and locks
the ticket and re-checks its precondition, so two workers sweeping at once change a ticket once.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _

from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Notification, Ticket

PENDING_REMINDER_KIND = "pending_reminder"


def close_reached_pending(ticket_id: int, *, now: datetime) -> bool:
    """Close a ticket whose pending-close time has passed; return whether it was closed.

    Custom fields required in the closed state are not enforced: the agent chose "close at this
    time" when they set pending close, and a timer cannot fill in fields.
    """
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None or ticket.state != State.PENDING_CLOSE or ticket.pending_until is None or ticket.pending_until > now:
            return False
        record_event(
            ticket,
            None,
            EventKind.CHANGED,
            field="state",
            old=State.PENDING_CLOSE.value,
            new=State.CLOSED.value,
            data={"reason": "pending_close_reached"},
        )
        record_event(ticket, None, EventKind.CHANGED, field="pending_until", old=ticket.pending_until.isoformat(), new=None)
        ticket.state = State.CLOSED
        ticket.pending_until = None
        changed = ["state", "pending_until"]
        if ticket.closed_at is None:
            ticket.closed_at = now
            changed.append("closed_at")
        touch(ticket, *changed)
    return True


def reminder_already_sent() -> Exists:
    """Subquery: a reminder notification for the ticket's current pending time exists.

    A notification created at or after `pending_until` belongs to this reminder; one created
    before it belongs to an earlier reminder, so setting a new reminder time re-arms it.
    """
    return Exists(Notification.objects.filter(ticket=OuterRef("pk"), kind=PENDING_REMINDER_KIND, created_at__gte=OuterRef("pending_until")))


def notify_reached_reminder(ticket_id: int, *, now: datetime) -> bool:
    """Notify the owner that a pending reminder is due, once per reminder; return whether notified."""
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update()
            .filter(pk=ticket_id, state=State.PENDING_REMINDER, pending_until__lte=now, owner__isnull=False)
            .exclude(reminder_already_sent())
            .select_related("owner")
            .first()
        )
        if ticket is None or ticket.owner is None:
            return False
        # Stored text, so it is written in the owner's language (a sweep has no request language).
        with translation.override(ticket.owner.language or settings.LANGUAGE_CODE):
            text = _("Reminder reached on %(number)s: %(subject)s") % {"number": ticket.display_number, "subject": ticket.subject}
        Notification.objects.create(
            user=ticket.owner,
            ticket=ticket,
            kind=PENDING_REMINDER_KIND,
            text=text[:300],
            created_at=now,
        )
    return True
