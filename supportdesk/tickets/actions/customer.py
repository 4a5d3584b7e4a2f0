"""What a customer may change on their own ticket besides writing to it: closing it and reopening it.

Agents change states with update_ticket (which needs `can_edit`); a customer has only `can_reply`
on their own tickets (tickets.access), so "my problem is solved" and "it is back" need this narrow
action. A colleague who reads a ticket through a shared organization has no `can_reply` and gets
PermissionDenied (they already know the ticket exists).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import OPEN_STATES, EventKind, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket

# Closing marks the ticket solved (the team's "done", still answerable); reopening makes it open.
CUSTOMER_STATES = (State.SOLVED, State.OPEN)
REOPENABLE_STATES = frozenset({State.SOLVED, State.CLOSED})


def customer_can_close(ticket: Ticket) -> bool:
    return ticket.state in OPEN_STATES


def customer_can_reopen(ticket: Ticket) -> bool:
    return ticket.state in REOPENABLE_STATES


def customer_set_state(actor: User, ticket: Ticket, state: str) -> list[str]:
    """Close (state "solved") or reopen (state "open") a ticket the actor may reply to; return the
    names of the fields that changed (empty when the ticket already was in that condition).

    Needs `can_reply` (the ticket's customer, or staff with write access). Closing works from any
    open state and clears a pending time; reopening works from solved or closed; a merged ticket
    refuses both. Custom fields required in the solved state are not enforced: a customer cannot
    fill in the team's fields. Each change is a TicketEvent by the actor with the reason
    "customer_close" / "customer_reopen"; `touch` runs the ticket hooks (SLA clocks) and announces
    the change after commit.
    """
    if state not in CUSTOMER_STATES:
        raise ValidationFailed(_("Unknown state."), field_errors={"state": _("Use solved or open.")})
    require(ticket_permissions(actor, ticket), "can_reply")
    with transaction.atomic():
        locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if locked.state == State.MERGED:
            raise ValidationFailed(_("This ticket was merged; write to the ticket it was merged into."))
        closing = state == State.SOLVED
        if (closing and not customer_can_close(locked)) or (not closing and not customer_can_reopen(locked)):
            return []
        reason = {"reason": "customer_close" if closing else "customer_reopen"}
        record_event(locked, actor, EventKind.CHANGED, field="state", old=locked.state, new=state, data=reason)
        changed = ["state"]
        locked.state = state
        if locked.pending_until is not None:
            record_event(
                locked, actor, EventKind.CHANGED, field="pending_until", old=locked.pending_until.isoformat(), new=None, data=reason
            )
            locked.pending_until = None
            changed.append("pending_until")
        if closing and locked.solved_at is None:
            locked.solved_at = timezone.now()
            changed.append("solved_at")
        touch(locked, *changed, actor=actor)
    for name in [*changed, "updated_at"]:
        setattr(ticket, name, getattr(locked, name))
    return changed
