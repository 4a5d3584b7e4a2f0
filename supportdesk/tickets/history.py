"""Writing the append-only TicketEvent log; only actions call this, inside their transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.tickets.models import Ticket, TicketEvent


def record_event(
    ticket: Ticket,
    actor: User | None,
    kind: str,
    *,
    field: str = "",
    old: Any = None,
    new: Any = None,
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        actor=actor if actor is not None and actor.pk else None,
        kind=kind,
        field=field,
        old_value=old,
        new_value=new,
        data=data or {},
        created_at=timezone.now(),
    )
