"""Automatic routing after the fact: draining a group's unassigned backlog, handing an absent
agent's tickets over, and the "routing.drain" sweep that catches whatever events missed.

Everything here is idempotent and takes its own locks (two workers may run it at once): routing
locks each ticket and re-checks that it is still unassigned; a hand-over locks the absence row and
stamps it, so its tickets are handed over once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from supportdesk.accounts.choices import ACCESS_RANK, GroupAccess, Role
from supportdesk.accounts.models import GroupMembership, User
from supportdesk.automation.routing import conf
from supportdesk.automation.routing.choices import AbsenceHandling
from supportdesk.automation.routing.engine import assign, route_locked, route_ticket
from supportdesk.automation.routing.models import Absence, AgentRouting, RoutingRule
from supportdesk.tickets.choices import OPEN_STATES, PRIORITY_RANK
from supportdesk.tickets.models import Ticket

PRIORITY_ORDER = Case(
    *[When(priority=value, then=Value(rank)) for value, rank in PRIORITY_RANK.items()], default=Value(0), output_field=IntegerField()
)


def backlog(group_id: int) -> Any:
    """The group's unassigned open tickets, most urgent first: priority, then SLA due time (none last)."""
    return (
        Ticket.objects.filter(group_id=group_id, owner__isnull=True, state__in=list(OPEN_STATES))
        .annotate(priority_rank=PRIORITY_ORDER)
        .order_by("-priority_rank", F("sla_due_at").asc(nulls_last=True), "created_at", "id")
    )


def drain_group(group_id: int, *, limit: int | None = None, now: datetime | None = None) -> int:
    """Route up to `limit` of the group's backlog by its auto-assign rules; return how many were assigned."""
    if not RoutingRule.objects.filter(group_id=group_id, is_active=True, auto_assign=True).exists():
        return 0
    limit = conf.drain_batch() if limit is None else limit
    assigned = 0
    for ticket_id in backlog(group_id).values_list("pk", flat=True)[:limit]:
        if route_ticket(ticket_id, auto_only=True, source="backlog", now=now).assigned:
            assigned += 1
    return assigned


def drain_groups(group_ids: Iterable[int], *, now: datetime | None = None) -> int:
    return sum(drain_group(group_id, now=now) for group_id in sorted(set(group_ids)))


def _works_in(user: User, ticket: Ticket) -> bool:
    if not user.is_active:
        return False
    if user.role == Role.ADMIN:
        return True
    access = GroupMembership.objects.filter(user=user, group_id=ticket.group_id).values_list("access", flat=True).first()
    if access is None:
        return False
    return user.role == Role.SUPERVISOR or ACCESS_RANK[access] >= ACCESS_RANK[GroupAccess.WRITE]  # type: ignore[index]


def hand_over_absence(absence_id: int, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Hand the absent agent's open tickets over, once per absence; return what happened to each.

    Per the agent's setting, each ticket goes to the absence's delegate (if they can work in the
    ticket's group) or is re-routed by its group's rules without the absent agent; a ticket no one
    can take is unassigned, so it waits in the backlog. Each change is a TicketEvent with the reason.
    """
    now = now or timezone.now()
    done: list[dict[str, Any]] = []
    with transaction.atomic():
        absence = Absence.objects.select_for_update(of=("self",)).select_related("user", "delegate").filter(pk=absence_id).first()
        if absence is None or absence.handed_over_at is not None or not absence.starts_at <= now < absence.ends_at:
            return done
        absence.handed_over_at = now
        absence.save(update_fields=["handed_over_at"])
        handling = AgentRouting.objects.filter(user_id=absence.user_id).values_list("absence_handling", flat=True).first()
        for ticket in Ticket.objects.select_for_update().filter(owner_id=absence.user_id, state__in=list(OPEN_STATES)).order_by("id"):
            ticket.owner = absence.user
            done.append(_hand_over_ticket(ticket, absence, handling or AbsenceHandling.REROUTE, now=now))
    return done


def _hand_over_ticket(ticket: Ticket, absence: Absence, handling: str, *, now: datetime) -> dict[str, Any]:
    base = {"reason": "absence", "absence": absence.pk, "absent": absence.user.email, "kind": absence.kind}
    delegate = absence.delegate
    if handling == AbsenceHandling.DELEGATE and delegate is not None and _works_in(delegate, ticket):
        assign(ticket, delegate.pk, delegate.email, data={**base, "handover": "delegate"})
        return {"ticket_id": ticket.pk, "handover": "delegate", "agent_id": delegate.pk}
    result = route_locked(ticket, reassign=True, exclude={absence.user_id}, source=f"absence:{absence.pk}", now=now)
    if result.assigned:
        return {"ticket_id": ticket.pk, "handover": "rerouted", "agent_id": result.agent_id}
    assign(ticket, None, None, data={**base, "handover": "unassigned"})
    return {"ticket_id": ticket.pk, "handover": "unassigned", "agent_id": None}


def run_routing_sweep(now: datetime | None = None) -> dict[str, int]:
    """The "routing.drain" sweep: hand over absences that have started, then drain every group
    with an auto-assign rule (bounded per group), catching what events missed (absences that
    ended, agents back on shift, a lost event)."""
    now = now or timezone.now()
    handed = 0
    starting = Absence.objects.filter(handed_over_at__isnull=True, starts_at__lte=now, ends_at__gt=now).order_by("starts_at", "id")
    for absence_id in starting.values_list("pk", flat=True)[: conf.drain_batch()]:
        handed += len(hand_over_absence(absence_id, now=now))
    groups = RoutingRule.objects.filter(is_active=True, auto_assign=True, group__is_active=True).values_list("group_id", flat=True)
    assigned = drain_groups(groups, now=now)
    return {"handed_over": handed, "assigned": assigned}
