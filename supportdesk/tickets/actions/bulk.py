"""Applying one change to many tickets from the inbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, ValidationFailed
from supportdesk.tickets.access import access_ticket
from supportdesk.tickets.actions.tags import add_tags
from supportdesk.tickets.actions.update import update_ticket

MAX_BULK = 500


@dataclass
class BulkResult:
    updated: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def bulk_update(actor: User, ticket_ids: list[int], *, changes: dict[str, Any], tags: list[str] | None = None) -> BulkResult:
    """Update each ticket in its own transaction, so one refusal does not undo the others.

    Tickets the actor cannot see are reported as 'not found', exactly like missing ids.
    """
    ids = list(dict.fromkeys(ticket_ids))
    if not ids:
        raise ValidationFailed(_("Select at least one ticket."), field_errors={"ticket_ids": _("Select at least one ticket.")})
    if len(ids) > MAX_BULK:
        raise ValidationFailed(_("Too many tickets."), field_errors={"ticket_ids": _("At most %(n)s at once.") % {"n": MAX_BULK}})
    result = BulkResult()
    for ticket_id in ids:
        try:
            with transaction.atomic():
                ticket = access_ticket(actor, ticket_id, for_write=True, lock=True)
                if changes:
                    update_ticket(actor, ticket, changes)
                if tags:
                    add_tags(actor, ticket, tags)
            result.updated.append(ticket_id)
        except DomainError as exc:
            result.failed[ticket_id] = exc.message
    return result
