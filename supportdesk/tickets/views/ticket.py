"""The ticket page: header, timeline, composer and sidebars.

What the page offers comes from ticket_permissions, so a read-only agent sees no composer and no
edit controls; the POST endpoints (ticket_actions.py) enforce the same through the actions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import TicketPermissions, access_ticket, ticket_permissions, visible_tickets
from supportdesk.tickets.choices import SETTABLE_STATES, FieldType, LinkKind, Priority, State
from supportdesk.tickets.custom_fields import active_definitions
from supportdesk.tickets.models import Tag, Ticket, TicketLink
from supportdesk.tickets.selectors import TimelineEntry, customer_other_tickets, ticket_timeline
from supportdesk.tickets.views._common import agent_required, current_user
from supportdesk.tickets.views.inbox import _agents_of, _groups_of


def _links(user: User, ticket: Ticket) -> list[dict[str, Any]]:
    """The ticket's links whose other end the user may see (others are not even named)."""
    links = list(TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket)).select_related("source", "target").order_by("id"))
    other_ids = [link.target_id if link.source_id == ticket.pk else link.source_id for link in links]
    visible = set(visible_tickets(user).filter(pk__in=other_ids).values_list("pk", flat=True))
    rows = []
    for link in links:
        outgoing = link.source_id == ticket.pk
        other = link.target if outgoing else link.source
        if other.pk not in visible:
            continue
        # The source of a parent/child link is the parent, so the other end of an outgoing link is a child.
        label = (_("Child") if outgoing else _("Parent")) if link.kind == LinkKind.PARENT_CHILD else str(LinkKind(link.kind).label)
        rows.append({"link": link, "other": other, "label": label})
    return rows


def _custom_fields(ticket: Ticket) -> list[dict[str, Any]]:
    values = ticket.custom_fields or {}
    rows = []
    for definition in active_definitions().values():
        value = values.get(definition.key)
        rows.append(
            {
                "definition": definition,
                "value": value,
                "values": value if isinstance(value, list) else [],
                "is_select": definition.field_type in (FieldType.SELECT, FieldType.MULTISELECT),
            }
        )
    return rows


def ticket_context(user: User, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    """Everything the ticket page and its live-refreshed fragments render."""
    timeline: list[TimelineEntry] = ticket_timeline(user, ticket)
    movable_groups: list[Group] = _groups_of(user) if perms.can_move else []
    return {
        "ticket": ticket,
        "perms": perms,
        "timeline": timeline,
        "articles": [entry.article for entry in timeline if entry.article],
        "tags": list(Tag.objects.filter(tickettag__ticket=ticket).order_by("name")),
        "links": _links(user, ticket),
        "custom_fields": _custom_fields(ticket),
        "other_tickets": customer_other_tickets(user, ticket),
        "groups": movable_groups,
        "agents": _agents_of([ticket.group]) if perms.can_edit else [],
        "states": [(s.value, s.label) for s in SETTABLE_STATES],
        "all_states": State,
        "priorities": Priority.choices,
        "link_kinds": LinkKind.choices,
        "customer_orgs": list(ticket.customer.organizations.all()),
        "total_time": sum(entry.article.time_spent_minutes for entry in timeline if entry.article),
    }


@require_GET
@agent_required
def ticket_detail(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    try:
        ticket = access_ticket(user, ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    perms = ticket_permissions(user, ticket)
    return render(request, "tickets/ticket.html", ticket_context(user, ticket, perms))
