"""Predicted SLA risk: will each waiting ticket be answered before its response target?

Fixed warnings (75 % used, 15 minutes left) fire on time alone. This looks at the queue instead:
a group's tickets awaiting an agent response (a running first- or next-response target), in due
order, are its queue; the group's handling rate over the last 14 days says how fast that queue
moves; so the k-th ticket can expect its answer after k / rate business hours. When that moment is
later than the ticket's due time, the ticket is "at risk", and the policy's manager and the group's
supervisors are told once per target, before any fixed threshold is reached.

The estimate, per ticket with a running response target:
- position k: its place in the group's queue ordered by due time (1 = next), backlog: the queue's length;
- rate: public agent replies in the group's tickets over the last 14 days, per business hour of
  the ticket's policy calendar in those 14 days, per agent of the group, times the agents on
  shift now. Until agents have their own schedules (issue 5) every active member who may write in
  the group counts while the calendar is open; when it is closed, nobody is on shift and the
  estimate uses the members expected at the next opening (the business-time projection skips the
  closed hours anyway);
- expected answer: add_business_time(now, k / rate hours, calendar); at risk when later than due.
A group without replies in the window has no rate and no prediction (nothing is flagged); a group
without agents flags every waiting ticket (nobody can answer). Tickets already overdue are not
flagged (they are breached, which the SLA sweep handles), but they keep their place in the queue.

Stored on the ticket: `sla_at_risk` and `sla_risk` = {"position", "backlog", "rate_per_hour",
"agents_on_shift", "expected_at", "due_at", "explanation"}, where "explanation" is a reason code
("queue", "no_agents"); the sentence is written at display time in the reader's language
(sla.display.risk_explanation). Tickets not at risk store {} so that the estimate moving with the
clock does not rewrite every waiting ticket every minute: only changed rows are written.

Cost of a run (the "sla.risk" sweep, every 60 s): it reads the tickets that have a running SLA
target through the partial index on sla_due_at (at most MAX_TICKETS, soonest due first), one
aggregate of agent replies over the last 14 days in the groups concerned (the article created_at
index), one aggregate of group members, the policies; then writes only the tickets whose flag or
numbers changed and, for tickets newly at risk, one SlaFiring and a notification each. So it
grows with the open tickets that have running SLA clocks (and the groups' recent replies), unlike
the due-items sweep (sla.sweep), which reads only clocks whose moment has come.

Warnings fire exactly once per target: the SlaFiring(clock, "risk") row is unique, and only the
worker whose insert succeeds calls sla.notify in the same transaction.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from supportdesk.accounts.choices import STAFF_ROLES, GroupAccess
from supportdesk.accounts.models import GroupMembership
from supportdesk.core.bulk import update_rows
from supportdesk.core.errors import ValidationFailed
from supportdesk.sla.business_time import add_business_time, business_time_between, is_business_time
from supportdesk.sla.choices import Metric, Outcome
from supportdesk.sla.display import policy_specs
from supportdesk.sla.models import SlaClock, SlaFiring, SlaPolicy
from supportdesk.sla.notify import notify
from supportdesk.sla.spec import CalendarSpec
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger(__name__)

RISK_STEP = "risk"
HISTORY = timedelta(days=14)
# A per-run bound: the soonest-due tickets first (they are the ones whose risk matters now).
MAX_TICKETS = 20_000
RESPONSE_METRICS = (Metric.FIRST_RESPONSE, Metric.NEXT_RESPONSE)
ANSWERING_ACCESS = (GroupAccess.WRITE, GroupAccess.FULL)
AUDIENCE = ["manager", "group_supervisors"]
REASON_QUEUE = "queue"
REASON_NO_AGENTS = "no_agents"


@dataclass(frozen=True)
class Waiting:
    """A ticket awaiting an agent response: its group's queue is ordered by `due_at`."""

    ticket_id: int
    group_id: int
    policy_id: int | None
    due_at: datetime


@dataclass(frozen=True)
class GroupLoad:
    """How fast a group answered lately and who can answer: the inputs of its rate."""

    responses: int  # public agent replies in the group's tickets over HISTORY
    members: int  # active staff who may write in the group


@dataclass(frozen=True)
class Estimate:
    """The prediction for one waiting ticket (`numbers` is what the ticket stores when at risk)."""

    at_risk: bool
    numbers: dict[str, Any]


# -- the estimate (pure) -----------------------------------------------------------------------------


def agents_on_shift(load: GroupLoad, now: datetime, spec: CalendarSpec) -> int:
    """Agents working now. Issue 5 brings personal schedules; until then every member while the calendar is open."""
    return load.members if is_business_time(now, spec) else 0


def team_rate(load: GroupLoad, history_seconds: float, agents: int) -> float:
    """Replies per business hour with `agents` working: the group's recent rate per member, times agents."""
    if load.members <= 0 or history_seconds <= 0:
        return 0.0
    per_agent = load.responses / (history_seconds / 3600) / load.members
    return per_agent * agents


def estimate(
    item: Waiting,
    *,
    position: int,
    backlog: int,
    load: GroupLoad,
    history_seconds: float,
    now: datetime,
    spec: CalendarSpec,
) -> Estimate:
    """Whether the ticket at `position` of its group's queue will be answered by its due time (see module doc)."""
    if item.due_at <= now or load.responses <= 0 or history_seconds <= 0:
        return Estimate(at_risk=False, numbers={})  # breached already, or no history to predict from
    on_shift = agents_on_shift(load, now, spec)
    numbers: dict[str, Any] = {
        "position": position,
        "backlog": backlog,
        "rate_per_hour": 0.0,
        "agents_on_shift": on_shift,
        "expected_at": None,
        "due_at": item.due_at.isoformat(),
        "explanation": REASON_NO_AGENTS,
    }
    if load.members <= 0:
        return Estimate(at_risk=True, numbers=numbers)
    # Closed now: nobody is on shift; the answer comes from those at the next opening (all members for now).
    rate = team_rate(load, history_seconds, on_shift or load.members)
    numbers["rate_per_hour"] = round(rate, 4)
    numbers["explanation"] = REASON_QUEUE
    try:
        expected = add_business_time(now, timedelta(hours=position / rate), spec)
    except ValidationFailed:  # beyond the calendar's known range or working hours: not within the target either
        return Estimate(at_risk=True, numbers=numbers)
    numbers["expected_at"] = expected.isoformat()
    if expected <= item.due_at:
        return Estimate(at_risk=False, numbers={})
    return Estimate(at_risk=True, numbers=numbers)


def estimate_queues(
    waiting: Iterable[Waiting],
    *,
    loads: dict[int, GroupLoad],
    specs: dict[int, CalendarSpec],
    history: dict[int, float],
    now: datetime,
) -> dict[int, Estimate]:
    """Estimates for every waiting ticket, by its position in its group's queue (due order, then id)."""
    queues: defaultdict[int, list[Waiting]] = defaultdict(list)
    for item in waiting:
        queues[item.group_id].append(item)
    result: dict[int, Estimate] = {}
    for group_id, queue in queues.items():
        queue.sort(key=lambda item: (item.due_at, item.ticket_id))
        load = loads.get(group_id, GroupLoad(responses=0, members=0))
        for position, item in enumerate(queue, start=1):
            spec = specs.get(item.policy_id or 0)
            if spec is None:  # the policy went away since the ticket's clocks were set
                continue
            result[item.ticket_id] = estimate(
                item,
                position=position,
                backlog=len(queue),
                load=load,
                history_seconds=history.get(item.policy_id or 0, 0.0),
                now=now,
                spec=spec,
            )
    return result


# -- the sweep -----------------------------------------------------------------------------------------


def run_risk_sweep(*, now: datetime | None = None, limit: int = MAX_TICKETS) -> int:
    """Re-estimate the risk of every ticket with a running SLA target; warn once for newly risky ones.

    Returns how many tickets are at risk after the run.
    """
    now = now or timezone.now()
    rows = list(
        Ticket.objects.filter(sla_due_at__isnull=False)
        .order_by("sla_due_at", "id")
        .values_list("id", "group_id", "sla_policy_id", "first_response_due_at", "next_response_due_at", "sla_at_risk", "sla_risk")[:limit]
    )
    waiting = []
    for ticket_id, group_id, policy_id, first_due, next_due, _flag, _risk in rows:
        dues = [due for due in (first_due, next_due) if due is not None]
        if dues:
            waiting.append(Waiting(ticket_id=ticket_id, group_id=group_id, policy_id=policy_id, due_at=min(dues)))
    specs = policy_specs({item.policy_id for item in waiting if item.policy_id}, now)
    history = {policy_id: _business_seconds(now - HISTORY, now, spec) for policy_id, spec in specs.items()}
    loads = group_loads({item.group_id for item in waiting}, since=now - HISTORY, until=now)
    estimates = estimate_queues(waiting, loads=loads, specs=specs, history=history, now=now)

    changed = []
    for ticket_id, _group, _policy, _first, _next, flag, risk in rows:
        result = estimates.get(ticket_id, Estimate(at_risk=False, numbers={}))
        if (flag, risk or {}) != (result.at_risk, result.numbers):
            changed.append(Ticket(pk=ticket_id, sla_at_risk=result.at_risk, sla_risk=result.numbers))
    with transaction.atomic():
        update_rows(changed, ["sla_at_risk", "sla_risk"])
    at_risk = [ticket_id for ticket_id, result in estimates.items() if result.at_risk]
    warned = warn_newly_at_risk(at_risk, {ticket_id: estimates[ticket_id].numbers for ticket_id in at_risk}, now=now)
    if changed or warned:
        logger.info("sla risk: %d waiting, %d at risk, %d rows changed, %d warned", len(waiting), len(at_risk), len(changed), warned)
    return len(at_risk)


def group_loads(group_ids: Iterable[int], *, since: datetime, until: datetime) -> dict[int, GroupLoad]:
    """Recent public agent replies and answering members per group (two aggregate queries)."""
    ids = list(set(group_ids))
    if not ids:
        return {}
    replies = Counter(
        dict(
            Article.objects.filter(
                created_at__gte=since,
                created_at__lt=until,
                sender_type=SenderType.AGENT,
                is_internal=False,
                ticket__group_id__in=ids,
            )
            .order_by()
            .values("ticket__group_id")
            .annotate(n=Count("id"))
            .values_list("ticket__group_id", "n")
        )
    )
    members = Counter(
        dict(
            GroupMembership.objects.filter(
                group_id__in=ids, access__in=ANSWERING_ACCESS, user__is_active=True, user__role__in=list(STAFF_ROLES)
            )
            .order_by()
            .values("group_id")
            .annotate(n=Count("id"))
            .values_list("group_id", "n")
        )
    )
    return {group_id: GroupLoad(responses=replies[group_id], members=members[group_id]) for group_id in ids}


def warn_newly_at_risk(ticket_ids: Sequence[int], numbers: dict[int, dict[str, Any]], *, now: datetime) -> int:
    """Record SlaFiring(clock, "risk") and notify, once per running response target; return how many warned."""
    if not ticket_ids:
        return 0
    clocks = list(
        SlaClock.objects.filter(
            ticket_id__in=ticket_ids, metric__in=RESPONSE_METRICS, outcome=Outcome.RUNNING, running_since__isnull=False
        ).order_by("due_at", "id")
    )
    fired = set(SlaFiring.objects.filter(clock__in=clocks, step=RISK_STEP).values_list("clock_id", flat=True))
    clock_of: dict[int, SlaClock] = {}
    for clock in clocks:
        if clock.ticket_id not in clock_of:
            clock_of[clock.ticket_id] = clock  # the earliest due response target
    pending = {ticket_id: clock for ticket_id, clock in clock_of.items() if clock.pk not in fired}
    if not pending:
        return 0
    tickets = Ticket.objects.select_related("group", "owner").in_bulk(list(pending))
    policies = SlaPolicy.objects.in_bulk({clock.policy_id for clock in pending.values() if clock.policy_id})
    warned = 0
    for ticket_id, clock in pending.items():
        ticket, policy = tickets.get(ticket_id), policies.get(clock.policy_id or 0)
        if ticket is None or policy is None:
            continue
        try:
            warned += _warn(ticket, policy, clock, numbers.get(ticket_id, {}), now=now)
        except Exception:  # one failing notification must not keep the others from being sent
            logger.exception("sla risk warning for ticket %s failed", ticket_id)
    return warned


def _warn(ticket: Ticket, policy: SlaPolicy, clock: SlaClock, numbers: dict[str, Any], *, now: datetime) -> int:
    """Insert the firing row; only the inserter notifies (in the same transaction, so both or neither)."""
    data = {**numbers, "metric": clock.metric, "cycle": clock.cycle}
    with transaction.atomic():
        try:
            with transaction.atomic():
                SlaFiring.objects.create(clock=clock, step=RISK_STEP, fired_at=now, data=data)
        except IntegrityError:  # another worker fired it first
            return 0
        notify(ticket, policy, audience=AUDIENCE, channels=["in_app"], kind="sla_risk", data=data)
    return 1


def _business_seconds(start: datetime, end: datetime, spec: CalendarSpec) -> float:
    try:
        return business_time_between(start, end, spec).total_seconds()
    except ValidationFailed:
        return 0.0
