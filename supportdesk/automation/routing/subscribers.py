"""Domain-event subscribers: route new tickets, drain backlogs when capacity frees up.

They run after the publishing transaction has committed and open their own. Changes routing made
itself carry "routing" in their origin and are ignored, so an assignment never triggers a drain.
"""

from __future__ import annotations

from supportdesk.automation.routing.engine import ORIGIN, route_ticket
from supportdesk.automation.routing.models import RoutingRule
from supportdesk.core.events import DomainEvent
from supportdesk.tickets.choices import DONE_STATES
from supportdesk.tickets.models import Ticket


def _from_routing(event: DomainEvent) -> bool:
    return ORIGIN in event.payload.get("origin", [])


def on_tickets_created(events: list[DomainEvent]) -> None:
    """Auto-assign new unassigned tickets by their groups' auto-assign rules. A commit's new tickets
    come together (a mail import commits thousands): the groups with such rules are read once, and
    only tickets in those groups are routed, so an instance without rules pays one query."""
    ids = [int(event.payload["ticket_id"]) for event in events if not _from_routing(event)]
    if not ids:
        return
    groups = set(RoutingRule.objects.filter(is_active=True, auto_assign=True).values_list("group_id", flat=True))
    if not groups:
        return
    waiting = set(Ticket.objects.filter(pk__in=ids, group_id__in=groups, owner__isnull=True).values_list("pk", flat=True))
    for ticket_id in ids:
        if ticket_id in waiting:
            route_ticket(ticket_id, auto_only=True, source="ticket.created")


def on_ticket_updated(event: DomainEvent) -> None:
    """An owner change or a solved/closed ticket may free capacity: drain the group's backlog.
    A ticket moved to another group without an owner is routed there."""
    if _from_routing(event):
        return
    changed = set(event.payload.get("changed", []))
    if not changed & {"owner_id", "state", "group_id"}:
        return
    ticket = Ticket.objects.filter(pk=event.payload["ticket_id"]).values("group_id", "state", "owner_id").first()
    if ticket is None:
        return
    from supportdesk.automation.routing.tasks import drain_groups

    if "group_id" in changed and ticket["owner_id"] is None:
        route_ticket(int(event.payload["ticket_id"]), auto_only=True, source="group_changed")
    if "owner_id" in changed or ("state" in changed and ticket["state"] in DONE_STATES):
        drain_groups.enqueue([ticket["group_id"]])
