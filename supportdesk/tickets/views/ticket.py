"""The ticket page: header, timeline, composer and sidebars.

What the page offers comes from ticket_permissions, so a read-only agent sees no composer and no
edit controls; the POST endpoints (ticket_actions.py) enforce the same through the actions.
The timeline shows its newest entries; `?before=<cursor>` answers the older ones as a fragment,
which the "Show earlier" button loads through htmx (rendering, not queries, is what a long
conversation costs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.remote_images import REMOTE_IMAGES_PARAM, RemoteImagesOptIn, allow_remote_images, parse_opt_in
from supportdesk.sla.display import ticket_panel, time_zone_of
from supportdesk.tickets.access import TicketPermissions, access_ticket, ticket_permissions, visible_tickets
from supportdesk.tickets.choices import SETTABLE_STATES, Channel, FieldType, LinkKind, Priority, SenderType, State
from supportdesk.tickets.custom_fields import active_definitions
from supportdesk.tickets.models import Article, Tag, Ticket, TicketEvent, TicketLink
from supportdesk.tickets.selectors import TimelineEntry, TimelinePage, customer_other_tickets, ticket_time_spent, timeline_page
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


@dataclass(frozen=True)
class TimelineRow:
    """A timeline entry with its display values worked out once per page in Python.

    Per entry, the template's `date` filters and `get_FOO_display` lookups were a third of the
    ticket page's render time; here each label is translated once per page, not once per entry.
    """

    when: datetime
    article: Article | None
    event: TicketEvent | None
    iso: str  # for <time datetime>
    shown: str  # the localized date and time
    sender_label: str
    channel_label: str  # "" when the channel says no more than the sender type


def timeline_rows(entries: list[TimelineEntry]) -> list[TimelineRow]:
    senders = {value: str(label) for value, label in SenderType.choices}
    channels = {value: str(label) for value, label in Channel.choices}
    rows = []
    for entry in entries:
        local = timezone.localtime(entry.when)
        article = entry.article
        channel = article.channel if article and article.channel != article.sender_type else ""
        rows.append(
            TimelineRow(
                when=entry.when,
                article=article,
                event=entry.event,
                iso=local.isoformat(),
                shown=formats.date_format(local, "DATETIME_FORMAT"),
                sender_label=senders.get(article.sender_type, article.sender_type) if article else "",
                channel_label=channels.get(channel, channel),
            )
        )
    return rows


def ticket_context(user: User, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    """Everything the ticket page and its live-refreshed fragments render."""
    page: TimelinePage = timeline_page(user, ticket)
    movable_groups: list[Group] = _groups_of(user) if perms.can_move else []
    return {
        "ticket": ticket,
        "perms": perms,
        "timeline": timeline_rows(page.entries),
        "timeline_page": page,
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
        "total_time": ticket_time_spent(user, ticket),
        "sla_panel": ticket_panel(ticket, now=timezone.now(), tz=time_zone_of(user.time_zone)),
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
    # The agent's "Show images" opt-in holds for this response only (core.remote_images).
    remote_images = parse_opt_in(request.GET.get(REMOTE_IMAGES_PARAM))
    before = request.GET.get("before")
    if before is not None:
        response = _earlier_entries(request, user, ticket, perms, before, remote_images=remote_images)
    else:
        response = render(request, "tickets/ticket.html", {**ticket_context(user, ticket, perms), "remote_images": remote_images})
    return allow_remote_images(response) if remote_images else response


def _earlier_entries(
    request: HttpRequest, user: User, ticket: Ticket, perms: TicketPermissions, before: str, *, remote_images: RemoteImagesOptIn | None
) -> HttpResponse:
    """The timeline entries before a cursor, with the next "Show earlier" button; a bad cursor is a 400."""
    try:
        page = timeline_page(user, ticket, before=before)
    except ValidationFailed:
        return HttpResponse(_("Invalid cursor."), status=400, content_type="text/plain; charset=utf-8")
    context = {
        "ticket": ticket,
        "perms": perms,
        "timeline": timeline_rows(page.entries),
        "timeline_page": page,
        "remote_images": remote_images,
    }
    return render(request, "tickets/_timeline_entries.html", context)
