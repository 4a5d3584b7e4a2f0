"""The routing engine: which agent gets a ticket, and why.

`route_ticket(ticket_id)` applies the ticket group's active rules in order. Each rule removes the
candidates its filters refuse (remembering, per agent, the first filter that removed them); the
first rule that leaves someone lets its chooser pick. The result says which rule decided, who the
candidates were and who was filtered out by what, and the assignment is recorded with that as a
TicketEvent (field "owner", data {"reason": "routing", "rule", "candidates", "filtered_out", ...}).

Concurrency: the ticket row is locked first, then the candidates' AgentRouting rows in id order
(every router takes them in the same order, so there is no deadlock), and only then are their open
tickets counted. A second worker routing another ticket to the same agents waits for the first to
commit and counts its assignment, so no one is ever assigned beyond capacity.

Candidates are active staff members of the ticket's group who can work there (write or full
access; supervisors always). Agents without routing settings get a row with the defaults (online,
20 open tickets, 3 chats, always on shift) on first use.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from supportdesk.accounts.choices import STAFF_ROLES, GroupAccess, Role
from supportdesk.accounts.models import GroupMembership
from supportdesk.automation.routing.choices import AgentStatus, Chooser, FilterName
from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill, RoundRobinCursor, RoutingRule
from supportdesk.automation.routing.rules_data import PLAIN_FILTERS, required_value, skill_kind
from supportdesk.core.events import caused_by
from supportdesk.sla.business_time import is_business_time
from supportdesk.sla.models import Calendar
from supportdesk.sla.spec_cache import calendar_spec
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import OPEN_STATES, Channel, EventKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket

ORIGIN = "routing"
MAX_RECORDED = 200  # candidates / filtered-out entries kept in one history event


@dataclass
class Candidate:
    """What routing knows about one agent while deciding."""

    user_id: int
    email: str
    status: str
    max_open: int
    max_chats: int
    calendar_id: int | None
    open_count: int = 0
    chat_count: int = 0
    absent: bool = False
    skills: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass
class RoutingResult:
    """A routing decision. `outcome`: assigned, dry_run (would assign), no_agent, no_rules,
    already_assigned, not_open, missing."""

    ticket_id: int
    outcome: str
    agent_id: int | None = None
    agent_email: str | None = None
    rule_id: int | None = None
    rule_name: str = ""
    chooser: str = ""
    candidates: list[int] = field(default_factory=list)
    filtered_out: list[dict[str, Any]] = field(default_factory=list)
    rules_tried: list[dict[str, Any]] = field(default_factory=list)

    @property
    def assigned(self) -> bool:
        return self.outcome == "assigned"

    def history_data(self, source: str) -> dict[str, Any]:
        """The TicketEvent data of the assignment: why this agent."""
        return {
            "reason": "routing",
            "source": source,
            "rule": self.rule_id,
            "rule_name": self.rule_name,
            "chooser": self.chooser,
            "candidates": self.candidates[:MAX_RECORDED],
            "filtered_out": self.filtered_out[:MAX_RECORDED],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "ticket_id": self.ticket_id,
            "outcome": self.outcome,
            "agent_id": self.agent_id,
            "agent_email": self.agent_email,
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "chooser": self.chooser,
            "candidates": self.candidates,
            "filtered_out": self.filtered_out,
            "rules_tried": self.rules_tried,
        }


def route_ticket(
    ticket_id: int,
    *,
    dry_run: bool = False,
    auto_only: bool = False,
    reassign: bool = False,
    exclude: Collection[int] = (),
    source: str = "routing",
    now: datetime | None = None,
) -> RoutingResult:
    """Assign an open ticket by its group's rules (or, with dry_run, only say whom it would pick).

    `auto_only` uses only rules with auto_assign (automatic routing); `reassign` routes a ticket
    that has an owner (the "route" action, absences) and `exclude` removes agents (the absent one).
    Opens its own transaction (a savepoint inside the caller's).
    """
    now = now or timezone.now()
    if dry_run:
        ticket = Ticket.objects.filter(pk=ticket_id).first()
        if ticket is None:
            return RoutingResult(ticket_id, "missing")
        return decide(ticket, auto_only=auto_only, exclude=exclude, now=now, lock=False)
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            return RoutingResult(ticket_id, "missing")
        return route_locked(ticket, auto_only=auto_only, reassign=reassign, exclude=exclude, source=source, now=now)


def route_locked(
    ticket: Ticket,
    *,
    auto_only: bool = False,
    reassign: bool = False,
    exclude: Collection[int] = (),
    source: str = "routing",
    now: datetime | None = None,
) -> RoutingResult:
    """route_ticket for a ticket whose row the caller has locked in its open transaction."""
    now = now or timezone.now()
    if ticket.state not in OPEN_STATES:
        return RoutingResult(ticket.pk, "not_open")
    if ticket.owner_id is not None and not reassign:
        return RoutingResult(ticket.pk, "already_assigned", agent_id=ticket.owner_id)
    result = decide(ticket, auto_only=auto_only, exclude=exclude, now=now, lock=True)
    if result.agent_id is not None and result.agent_id != ticket.owner_id:
        assign(ticket, result.agent_id, result.agent_email or "", data=result.history_data(source))
        result.outcome = "assigned"
    elif result.agent_id is not None:
        result.outcome = "already_assigned"
    return result


def assign(ticket: Ticket, agent_id: int | None, agent_email: str | None, *, data: Mapping[str, Any]) -> None:
    """Set the owner as the system, with `data` (the reason) in the history; caller holds the ticket lock."""
    old = ticket.owner.email if ticket.owner_id is not None and ticket.owner is not None else None
    record_event(ticket, None, EventKind.CHANGED, field="owner", old=old, new=agent_email, data=dict(data))
    ticket.owner_id = agent_id
    with caused_by(ORIGIN):
        touch(ticket, "owner_id")


def decide(ticket: Ticket, *, auto_only: bool, exclude: Collection[int], now: datetime, lock: bool) -> RoutingResult:
    """Apply the rules to the candidates; with `lock`, hold the candidates' routing rows (and the
    round-robin cursor) until the caller's transaction ends and advance the cursor."""
    rules_qs = RoutingRule.objects.filter(group_id=ticket.group_id, is_active=True)
    if auto_only:
        rules_qs = rules_qs.filter(auto_assign=True)
    rules = list(rules_qs.order_by("position", "id"))
    if not rules:
        return RoutingResult(ticket.pk, "no_rules")
    candidates = load_candidates(ticket.group_id, exclude=exclude, now=now, lock=lock, with_skills=_needs_skills(rules))
    result = RoutingResult(ticket.pk, "no_agent")
    for rule in rules:
        remaining, filtered_out = apply_filters(rule.filters, candidates, ticket=ticket, now=now)
        result.rules_tried.append({"rule_id": rule.pk, "name": rule.name, "candidates": len(remaining)})
        if not remaining:
            if not result.filtered_out:
                result.filtered_out = filtered_out
            continue
        chosen, chooser = choose(rule, remaining, ticket=ticket, lock=lock)
        result.outcome = "dry_run" if not lock else "no_agent"
        result.agent_id, result.agent_email = chosen.user_id, chosen.email
        result.rule_id, result.rule_name, result.chooser = rule.pk, rule.name, chooser
        result.candidates = [c.user_id for c in remaining]
        result.filtered_out = filtered_out
        return result
    return result


def _needs_skills(rules: Sequence[RoutingRule]) -> bool:
    return any(spec.get("filter") not in PLAIN_FILTERS for rule in rules for spec in rule.filters)


def load_candidates(group_id: int, *, exclude: Collection[int], now: datetime, lock: bool, with_skills: bool) -> list[Candidate]:
    """The group's agents with their settings, open-ticket counts, absences and skills, by user id."""
    members = (
        GroupMembership.objects.filter(group_id=group_id, user__is_active=True, user__role__in=STAFF_ROLES)
        .filter(Q(access__in=[GroupAccess.WRITE, GroupAccess.FULL]) | Q(user__role=Role.SUPERVISOR))
        .exclude(user_id__in=list(exclude))
        .order_by("user_id")
        .values_list("user_id", "user__email")
    )
    emails = dict(members)
    if not emails:
        return []
    ids = sorted(emails)
    rows = AgentRouting.objects.filter(user_id__in=ids)
    if lock:
        rows = rows.select_for_update().order_by("id")
    settings = {row.user_id: row for row in rows}
    if lock and len(settings) < len(ids):
        # Agents without settings get default rows, so that every candidate has a row to lock.
        AgentRouting.objects.bulk_create([AgentRouting(user_id=uid) for uid in ids if uid not in settings], ignore_conflicts=True)
        settings = {row.user_id: row for row in rows.all()}
    defaults = AgentRouting()
    candidates = []
    for uid in ids:
        row = settings.get(uid, defaults)
        candidates.append(Candidate(uid, emails[uid], row.status, row.max_open_tickets, row.max_chats, row.calendar_id))
    by_id = {c.user_id: c for c in candidates}
    # Counted after the locks are held: a concurrent assignment has committed by now and is seen.
    counts = (
        Ticket.objects.filter(owner_id__in=ids, state__in=list(OPEN_STATES))
        .values("owner_id")
        .annotate(n=Count("id"), chats=Count("id", filter=Q(channel=Channel.CHAT)))
    )
    for count in counts:
        by_id[count["owner_id"]].open_count = count["n"]
        by_id[count["owner_id"]].chat_count = count["chats"]
    for uid in Absence.objects.filter(user_id__in=ids, starts_at__lte=now, ends_at__gt=now).values_list("user_id", flat=True):
        by_id[uid].absent = True
    if with_skills:
        for uid, kind, value, level in AgentSkill.objects.filter(user_id__in=ids).values_list("user_id", "kind", "value", "level"):
            by_id[uid].skills[(kind, value)] = level
    return candidates


def apply_filters(
    filters: Sequence[Mapping[str, Any]], candidates: Sequence[Candidate], *, ticket: Ticket, now: datetime
) -> tuple[list[Candidate], list[dict[str, Any]]]:
    """Keep the candidates every filter accepts; name the first filter that removed each other one."""
    remaining = list(candidates)
    removed: list[dict[str, Any]] = []
    calendars: dict[int, bool] = {}
    for spec in filters:
        label = filter_label(spec, ticket)
        if label is None:  # a skill filter the ticket sets no value for: no requirement
            continue
        keep = []
        for candidate in remaining:
            if passes(spec, candidate, ticket=ticket, now=now, shifts=calendars):
                keep.append(candidate)
            else:
                removed.append({"agent_id": candidate.user_id, "agent": candidate.email, "filter": label})
        remaining = keep
    return remaining, removed


def filter_label(spec: Mapping[str, Any], ticket: Ticket) -> str | None:
    """How a filter is named in the history, e.g. "skill product=printers>=2"; None if it requires nothing."""
    name = str(spec["filter"])
    if name in PLAIN_FILTERS:
        return name
    value = required_value(spec, language=ticket.language, custom_fields=ticket.custom_fields or {})
    if not value:
        return None
    return f"{name} {skill_kind(spec)}={value}>={spec['min_level']}"


def passes(spec: Mapping[str, Any], candidate: Candidate, *, ticket: Ticket, now: datetime, shifts: dict[int, bool]) -> bool:
    name = spec["filter"]
    if name == FilterName.ONLINE:
        return candidate.status == AgentStatus.ONLINE
    if name == FilterName.NOT_ABSENT:
        return not candidate.absent
    if name == FilterName.UNDER_CAPACITY:
        if candidate.open_count >= candidate.max_open:
            return False
        return ticket.channel != Channel.CHAT or candidate.chat_count < candidate.max_chats
    if name == FilterName.ON_SHIFT:
        if candidate.calendar_id is None:
            return True
        if candidate.calendar_id not in shifts:
            calendar = Calendar.objects.filter(pk=candidate.calendar_id).first()
            shifts[candidate.calendar_id] = calendar is None or is_business_time(now, calendar_spec(calendar, now))
        return shifts[candidate.calendar_id]
    value = required_value(spec, language=ticket.language, custom_fields=ticket.custom_fields or {})
    return candidate.skills.get((skill_kind(spec), value), 0) >= int(spec["min_level"])


def skill_score(filters: Sequence[Mapping[str, Any]], candidate: Candidate, ticket: Ticket) -> int:
    """The sum of the candidate's levels in the skills the rule's filters ask for."""
    score = 0
    for spec in filters:
        if spec["filter"] in PLAIN_FILTERS:
            continue
        value = required_value(spec, language=ticket.language, custom_fields=ticket.custom_fields or {})
        if value:
            score += candidate.skills.get((skill_kind(spec), value), 0)
    return score


def choose(rule: RoutingRule, remaining: Sequence[Candidate], *, ticket: Ticket, lock: bool) -> tuple[Candidate, str]:
    """Let the rule's chooser pick one of the remaining candidates (sorted by user id); return it and
    the chooser that decided (a sticky rule names its fallback when the last agent is unavailable)."""
    chooser = rule.chooser
    if chooser == Chooser.STICKY:
        last = (
            Ticket.objects.filter(customer_id=ticket.customer_id, owner__isnull=False)
            .exclude(pk=ticket.pk)
            .order_by("-created_at", "-id")
            .values_list("owner_id", flat=True)
            .first()
        )
        for candidate in remaining:
            if candidate.user_id == last:
                return candidate, Chooser.STICKY
        chooser = rule.fallback_chooser if rule.fallback_chooser != Chooser.STICKY else Chooser.LEAST_LOADED
    if chooser == Chooser.ROUND_ROBIN:
        return _round_robin(rule, remaining, lock=lock), chooser
    if chooser == Chooser.BEST_SKILL:
        return min(remaining, key=lambda c: (-skill_score(rule.filters, c, ticket), c.open_count, c.user_id)), chooser
    return min(remaining, key=lambda c: (c.open_count, c.user_id)), Chooser.LEAST_LOADED


def _round_robin(rule: RoutingRule, remaining: Sequence[Candidate], *, lock: bool) -> Candidate:
    """The first candidate after the rule's cursor (by user id), wrapping around; moves the cursor."""
    if lock:
        cursor, _created = RoundRobinCursor.objects.select_for_update().get_or_create(rule=rule)
        last = cursor.last_user_id
    else:
        last = RoundRobinCursor.objects.filter(rule=rule).values_list("last_user_id", flat=True).first() or 0
    chosen = next((c for c in remaining if c.user_id > last), remaining[0])
    if lock:
        cursor.last_user_id = chosen.user_id
        cursor.updated_at = timezone.now()
        cursor.save(update_fields=["last_user_id", "updated_at"])
    return chosen
