"""Linking tickets: parent/child, related, duplicate."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, ValidationFailed
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import EventKind, LinkKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket, TicketLink


def _record_both_sides(actor: User, source: Ticket, target: Ticket, kind: str, event: str) -> None:
    """Write the link event on both timelines (each naming the other ticket) and announce both."""
    for this, other, direction in ((source, target, "out"), (target, source, "in")):
        value = {"new": other.number} if event == EventKind.LINKED else {"old": other.number}
        record_event(this, actor, event, field="links", data={"kind": kind, "ticket_id": other.pk, "direction": direction}, **value)
        touch(this)


def link_tickets(actor: User, source: Ticket, target: Ticket, kind: str) -> TicketLink:
    """Link two tickets the actor may edit; recorded on both timelines."""
    if kind not in LinkKind.values:
        raise ValidationFailed(_("Unknown link type."), field_errors={"kind": _("Unknown link type.")})
    if source.pk == target.pk:
        raise Conflict(_("A ticket cannot be linked to itself."))
    require(ticket_permissions(actor, source), "can_edit")
    require(ticket_permissions(actor, target), "can_edit")
    with transaction.atomic():
        link, created = TicketLink.objects.get_or_create(source=source, target=target, kind=kind, defaults={"created_by": actor})
        if created:
            _record_both_sides(actor, source, target, kind, EventKind.LINKED)
    return link


def unlink_tickets(actor: User, link: TicketLink) -> None:
    """Remove a link the actor may edit on both ends; recorded on both timelines."""
    require(ticket_permissions(actor, link.source), "can_edit")
    require(ticket_permissions(actor, link.target), "can_edit")
    with transaction.atomic():
        source, target, kind = link.source, link.target, link.kind
        link.delete()
        _record_both_sides(actor, source, target, kind, EventKind.UNLINKED)
