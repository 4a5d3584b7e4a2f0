"""Deleting a ticket: admins only, for spam and test data (GDPR erasure comes with its own issue)."""

from __future__ import annotations

import logging

from django.db import transaction

from supportdesk.accounts.models import User
from supportdesk.core.events import publish_on_commit
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)


def delete_ticket(actor: User, ticket: Ticket) -> None:
    """Delete the ticket with its articles and history; logged, since the history goes with it."""
    require(ticket_permissions(actor, ticket), "can_delete")
    with transaction.atomic():
        ticket_id, number, group_id = ticket.pk, ticket.number, ticket.group_id
        ticket.delete()
        logger.info("ticket %s (id %s) deleted by user %s", number, ticket_id, actor.pk)
        publish_on_commit("ticket.changed", ticket_id=ticket_id, group_id=group_id, number=number)
