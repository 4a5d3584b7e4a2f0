"""Live tiles: open, unassigned, at-risk and breached tickets right now, counted from the Ticket table.

The only report read that is not from the facts: "now" cannot be a minute behind. One aggregate
query over the tickets the user may see (tickets.access.visible_tickets), narrowed by the report
filter's groups, channels and organizations. With an agent filter (always, for agents) the open,
at-risk and breached tiles count that agent's own tickets, while "unassigned" still counts the
unowned tickets of the groups, which is the queue they pick work from.

- open: the ticket is in an open state (tickets.choices.OPEN_STATES);
- unassigned: open without an owner;
- at_risk, breached: the inbox's SLA filters (tickets.selectors.sla_condition), so a tile's number
  is the length of the inbox list it links to.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.reports.queries import ReportFilter
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.choices import OPEN_STATES
from supportdesk.tickets.selectors import sla_condition

TILES = ("open", "unassigned", "at_risk", "breached")


def live_counts(user: User, flt: ReportFilter, *, now: datetime | None = None) -> dict[str, int]:
    """The four tiles for this user and filter (one query)."""
    now = now or timezone.now()
    tickets = visible_tickets(user).filter(state__in=OPEN_STATES)
    if flt.groups:
        tickets = tickets.filter(group_id__in=flt.groups)
    if flt.channels:
        tickets = tickets.filter(channel__in=flt.channels)
    if flt.organizations:
        tickets = tickets.filter(organization_id__in=flt.organizations)
    own = Q(owner_id__in=flt.agents) if flt.agents else Q()
    counts = tickets.aggregate(
        open=Count("id", filter=own if flt.agents else None),
        unassigned=Count("id", filter=Q(owner__isnull=True)),
        at_risk=Count("id", filter=own & sla_condition("at_risk", now)),
        breached=Count("id", filter=own & sla_condition("breached", now)),
    )
    return {tile: int(counts[tile] or 0) for tile in TILES}
