"""Helpers shared by the ticket actions."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.core.events import publish_on_commit
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Ticket


def touch(ticket: Ticket, *fields: str, actor: User | None = None, changed: Sequence[str] | None = None) -> None:
    """Save the named fields plus updated_at, run the ticket hooks, and announce the change after commit.

    Also publishes "ticket.updated" with what changed (`changed`, default the saved fields) and who
    changed it (None: the system), for automation.
    """
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*fields, "updated_at"])
    what = list(changed if changed is not None else fields)
    tickets_changed([ticket.pk], ticket.updated_at, changed=what)
    announce(ticket)
    if what:
        actor_id = actor.pk if actor is not None and actor.pk else None
        publish_on_commit("ticket.updated", ticket_id=ticket.pk, actor_id=actor_id, changed=what)


def announce(ticket: Ticket) -> None:
    """Tell live inboxes and open ticket pages to refetch, once the change is committed."""
    publish_on_commit("ticket.changed", ticket_id=ticket.pk, group_id=ticket.group_id, number=ticket.number)
