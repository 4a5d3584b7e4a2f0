"""Helpers shared by the ticket actions."""

from __future__ import annotations

from django.utils import timezone

from supportdesk.core.events import publish_on_commit
from supportdesk.tickets.models import Ticket


def touch(ticket: Ticket, *fields: str) -> None:
    """Save the named fields plus updated_at, and announce the change after commit."""
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*fields, "updated_at"])
    announce(ticket)


def announce(ticket: Ticket) -> None:
    """Tell live inboxes and open ticket pages to refetch, once the change is committed."""
    publish_on_commit("ticket.changed", ticket_id=ticket.pk, group_id=ticket.group_id, number=ticket.number)
