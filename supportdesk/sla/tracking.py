"""Keeping SLA clocks in step with tickets: the ticket hook that runs inside every ticket change.

`sync_tickets(ids, now)` is registered as a ticket hook (tickets.hooks), so it runs in the same
transaction as the change that caused it: a committed reply always has its clock stopped, and a
rolled-back change leaves no clock behind. It is idempotent: it compares what the ticket's facts
say (state, priority, first response, last customer and agent messages) with the stored clocks
and applies only the difference, so calling it twice, or for a ticket nothing happened to, does
nothing. It works on many tickets at once (the mail import calls it per batch of hundreds):
a fixed number of queries whatever the count.

The rules, per ticket, with the first matching active policy:
- first response: runs from creation until the first public agent reply (or solving);
- next response: starts at a customer message that follows an agent reply, stops at the next
  agent reply; a new cycle each time;
- resolution: runs from creation until solved or closed; reopening resumes it (business time
  used before counts);
- states in the policy's pause states stop every clock; the wall time paused is recorded;
- a different policy, or a priority with other targets, re-targets running clocks; no policy
  cancels them; merging cancels them.
Breaches and warnings are fired by the sweep (sla.sweep), not here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from supportdesk.core.bulk import insert_rows, update_rows
from supportdesk.sla import clock_math
from supportdesk.sla.choices import Metric, Outcome
from supportdesk.sla.models import Calendar, SlaClock, SlaPolicy
from supportdesk.sla.policy_rules import PolicyRules, TicketFacts, matches, rules_of
from supportdesk.sla.spec import CalendarSpec
from supportdesk.sla.spec_cache import calendar_spec, policy_calendar
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.models import Ticket, TicketEvent, TicketTag

CLOCK_FIELDS = [
    "policy",
    "target_seconds",
    "running_since",
    "paused_at",
    "consumed_seconds",
    "paused_seconds",
    "due_at",
    "stopped_at",
    "outcome",
    "business_seconds",
    "wall_seconds",
    "next_check_at",
]
TICKET_FIELDS = [
    "sla_policy",
    "first_response_due_at",
    "next_response_due_at",
    "resolution_due_at",
    "sla_due_at",
    "sla_paused",
    "sla_at_risk",
    "sla_risk",
]
DUE_FIELD = {
    Metric.FIRST_RESPONSE: "first_response_due_at",
    Metric.NEXT_RESPONSE: "next_response_due_at",
    Metric.RESOLUTION: "resolution_due_at",
}
EVENT_COLUMNS = ("ticket", "actor", "kind", "field", "old_value", "new_value", "data", "created_at")
TICKET_COLUMNS = (
    "id",
    "state",
    "priority",
    "group_id",
    "organization_id",
    "channel",
    "custom_fields",
    "created_at",
    "first_response_at",
    "last_customer_message_at",
    "last_agent_message_at",
    "solved_at",
    "closed_at",
    *TICKET_FIELDS[1:],
    "sla_policy_id",
    "organization__tier",
)


@dataclass
class ActivePolicy:
    policy: SlaPolicy
    rules: PolicyRules


@dataclass
class Changes:
    """What one sync writes: new clocks, changed clocks, tickets whose SLA columns moved, events."""

    new_clocks: list[SlaClock] = field(default_factory=list)
    changed_clocks: dict[int, SlaClock] = field(default_factory=dict)
    tickets: list[Ticket] = field(default_factory=list)
    events: list[tuple[object, ...]] = field(default_factory=list)
    # Written only when judging history: in normal operation the sweep alone writes these, and a
    # hook writing a stale copy could undo a breach the sweep just recorded.
    settled: dict[int, SlaClock] = field(default_factory=dict)

    def changed(self, clock: SlaClock) -> None:
        if clock.pk is not None:
            self.changed_clocks[clock.pk] = clock


def active_policies() -> list[ActivePolicy]:
    """Active policies in order, with parsed rules (one query)."""
    return [ActivePolicy(policy, rules_of(policy)) for policy in SlaPolicy.objects.filter(is_active=True).select_related("calendar")]


def sync_tickets(ticket_ids: list[int], now: datetime, *, judge_past: bool = False) -> None:
    """Bring the SLA clocks and due columns of these tickets in line with their facts (see module doc).

    A policy that starts to apply to a ticket only measures what is still ahead. `judge_past`
    (loading history: the demo, an import of old tickets) also judges first responses and
    resolutions that happened before, dated when they happened.
    """
    policies = active_policies()
    tickets = Ticket.objects.filter(pk__in=ticket_ids)
    if not policies:
        # The common case of an instance without SLAs, and of the mail import: one query, no rows read.
        tickets = tickets.filter(sla_policy__isnull=False) | tickets.filter(sla_due_at__isnull=False)
    rows = list(tickets.values(*TICKET_COLUMNS))
    if not rows:
        return
    ids = [row["id"] for row in rows]
    tags: defaultdict[int, set[str]] = defaultdict(set)
    if any(condition.field == "tag" for active in policies for condition in active.rules.conditions):
        for ticket_id, name in TicketTag.objects.filter(ticket_id__in=ids).values_list("ticket_id", "tag__name"):
            tags[ticket_id].add(name)
    clocks: defaultdict[int, list[SlaClock]] = defaultdict(list)
    for clock in SlaClock.objects.filter(ticket_id__in=ids).order_by("metric", "cycle"):
        clocks[clock.ticket_id].append(clock)
    default = Calendar.objects.filter(is_default=True).first() if policies else None
    changes = Changes()
    for row in rows:
        facts = TicketFacts(
            priority=row["priority"],
            group_id=row["group_id"],
            organization_id=row["organization_id"],
            organization_tier=row["organization__tier"] or "",
            channel=row["channel"],
            tags=frozenset(tags.get(row["id"], ())),
            custom_fields=row["custom_fields"] or {},
        )
        active = next((item for item in policies if matches(item.rules, facts)), None)
        spec = calendar_spec(policy_calendar(active.policy, default), now) if active else clock_math.ROUND_THE_CLOCK
        TicketSync(row, active, spec, clocks[row["id"]], now, changes, judge_past=judge_past).run()
    _write(changes)


def _write(changes: Changes) -> None:
    if changes.new_clocks:
        SlaClock.objects.bulk_create(changes.new_clocks)
    update_rows(list(changes.changed_clocks.values()), CLOCK_FIELDS)
    update_rows(list(changes.settled.values()), ["fired_steps", "breached_at"])
    update_rows(changes.tickets, TICKET_FIELDS)
    insert_rows(TicketEvent, EVENT_COLUMNS, changes.events)


class TicketSync:
    """The comparison of one ticket's facts with its clocks, and the changes that follow."""

    def __init__(
        self,
        row: dict[str, Any],
        active: ActivePolicy | None,
        spec: CalendarSpec,
        clocks: list[SlaClock],
        now: datetime,
        changes: Changes,
        *,
        judge_past: bool = False,
    ) -> None:
        self.row, self.active, self.spec, self.clocks, self.now, self.changes = row, active, spec, clocks, now, changes
        self.judge_past = judge_past
        self.state: str = row["state"]
        self.done = self.state in (State.SOLVED, State.CLOSED, State.MERGED)

    # -- the rules ---------------------------------------------------------------------------

    def run(self) -> None:
        active = self.active
        if self.state == State.MERGED or active is None:
            for clock in self._open():
                self._cancel(clock)
        else:
            if active.policy.pk != self.row["sla_policy_id"]:
                at = self.row["created_at"] if self.judge_past else None
                self._event({"what": "policy", "policy": active.policy.name, "policy_id": active.policy.pk}, at=at)
            self._first_response(active.rules)
            self._next_response(active.rules)
            self._resolution(active.rules)
            self._pause_or_resume(active.rules)
            for clock in self._open():
                self._schedule(clock, active.rules)
        self._update_ticket()

    def _first_response(self, rules: PolicyRules) -> None:
        clock = self._latest(Metric.FIRST_RESPONSE)
        responded = self.row["first_response_at"]
        if clock is None:
            # Only an inquiry awaits a first response: a conversation the team opened (outbound
            # mail, a call logged in the agent's words) is answered by its first article.
            if not self.row["last_customer_message_at"] or (self.row["last_agent_message_at"] and not responded):
                return
            if not responded and not self.done:
                self._start(Metric.FIRST_RESPONSE, rules, self.row["created_at"], cycle=1)
            elif self.judge_past and (started := self._start(Metric.FIRST_RESPONSE, rules, self.row["created_at"], cycle=1)):
                self._stop(started, responded or self._done_at())
            return
        if clock.outcome:
            return
        if responded:
            self._stop(clock, responded)
        elif self.done:
            self._stop(clock, self._done_at())
        else:
            self._retarget(clock, rules)

    def _next_response(self, rules: PolicyRules) -> None:
        clock = self._latest(Metric.NEXT_RESPONSE)
        agent = self.row["last_agent_message_at"]
        if clock is not None and not clock.outcome:
            if agent and agent >= clock.started_at:
                self._stop(clock, agent)
            elif self.done:
                self._stop(clock, self._done_at())
            else:
                self._retarget(clock, rules)
            return
        customer, first = self.row["last_customer_message_at"], self.row["first_response_at"]
        answered_until = max(moment for moment in (agent, first) if moment) if (agent or first) else None
        if self.done or not customer or answered_until is None or customer <= answered_until:
            return
        if clock is not None and clock.started_at >= customer:
            return  # this message already has its cycle
        self._start(Metric.NEXT_RESPONSE, rules, customer, cycle=(clock.cycle + 1) if clock else 1)

    def _resolution(self, rules: PolicyRules) -> None:
        clock = self._latest(Metric.RESOLUTION)
        if clock is None:
            if not self.done:
                self._start(Metric.RESOLUTION, rules, self.row["created_at"], cycle=1)
            elif (
                self.judge_past
                and self.state != State.MERGED
                and (started := self._start(Metric.RESOLUTION, rules, self.row["created_at"], cycle=1))
            ):
                self._stop(started, self._done_at())
            return
        if not clock.outcome:
            if self.done:
                self._stop(clock, self._done_at())
            else:
                self._retarget(clock, rules)
        elif clock.outcome in (Outcome.MET, Outcome.BREACHED) and not self.done:
            self._resume_after_reopen(clock, rules)

    def _pause_or_resume(self, rules: PolicyRules) -> None:
        paused = self.state in rules.pause_states
        for clock in self._open():
            if paused and clock.running_since is not None:
                clock.consumed_seconds = clock_math.pause(clock, self.now, self.spec)
                clock.running_since, clock.paused_at = None, self.now
                self.changes.changed(clock)
            elif not paused and clock.running_since is None:
                if clock.paused_at is not None:
                    clock.paused_seconds += max(0, int((self.now - clock.paused_at).total_seconds()))
                clock.running_since, clock.paused_at = self.now, None
                self.changes.changed(clock)

    # -- clock operations ------------------------------------------------------------------

    def _open(self) -> list[SlaClock]:
        return [clock for clock in self.clocks if not clock.outcome]

    def _latest(self, metric: str) -> SlaClock | None:
        mine = [clock for clock in self.clocks if clock.metric == metric]
        return max(mine, key=lambda clock: clock.cycle) if mine else None

    def _done_at(self) -> datetime:
        return self.row["solved_at"] or self.row["closed_at"] or self.now

    def _start(self, metric: str, rules: PolicyRules, started_at: datetime, *, cycle: int) -> SlaClock | None:
        minutes = rules.target_minutes(self.row["priority"], metric)
        if minutes is None:
            return None
        assert self.active is not None
        clock = SlaClock(
            ticket_id=self.row["id"],
            policy=self.active.policy,
            metric=metric,
            cycle=cycle,
            target_seconds=minutes * 60,
            started_at=started_at,
            running_since=min(started_at, self.now),
        )
        self.clocks.append(clock)
        self.changes.new_clocks.append(clock)
        return clock

    def _retarget(self, clock: SlaClock, rules: PolicyRules) -> None:
        """Follow a change of policy or priority: new target, or cancelled when none applies now."""
        assert self.active is not None
        minutes = rules.target_minutes(self.row["priority"], clock.metric)
        if minutes is None:
            self._cancel(clock)
            return
        if clock.policy_id != self.active.policy.pk or clock.target_seconds != minutes * 60:
            clock.policy, clock.target_seconds = self.active.policy, minutes * 60
            self.changes.changed(clock)

    def _stop(self, clock: SlaClock, stop: datetime) -> None:
        stop = max(stop, clock.started_at)
        result = clock_math.ending(clock, stop, self.spec)
        clock.outcome = Outcome.MET if result.met else Outcome.BREACHED
        clock.business_seconds, clock.wall_seconds = result.business_seconds, result.wall_seconds
        clock.consumed_seconds = result.business_seconds
        clock.stopped_at, clock.running_since, clock.paused_at = stop, None, None
        clock.due_at = clock.next_check_at = None
        self.changes.changed(clock)
        self._event(
            {
                "what": clock.outcome,
                "metric": clock.metric,
                "cycle": clock.cycle,
                "target_seconds": clock.target_seconds,
                "business_seconds": result.business_seconds,
                "wall_seconds": result.wall_seconds,
                "by_seconds": result.by_seconds(clock.target_seconds),
            },
            at=stop,
        )

    def _cancel(self, clock: SlaClock) -> None:
        clock.outcome, clock.stopped_at = Outcome.CANCELLED, self.now
        clock.running_since = clock.paused_at = clock.due_at = clock.next_check_at = None
        self.changes.changed(clock)
        self._event({"what": "cancelled", "metric": clock.metric, "cycle": clock.cycle})

    def _resume_after_reopen(self, clock: SlaClock, rules: PolicyRules) -> None:
        minutes = rules.target_minutes(self.row["priority"], clock.metric)
        if minutes is None:
            return
        clock.outcome, clock.stopped_at, clock.business_seconds, clock.wall_seconds = Outcome.RUNNING, None, None, None
        clock.running_since, clock.paused_at = self.now, None
        assert self.active is not None
        clock.policy, clock.target_seconds = self.active.policy, minutes * 60
        self.changes.changed(clock)
        self._event({"what": "resumed", "metric": clock.metric, "cycle": clock.cycle})

    def _schedule(self, clock: SlaClock, rules: PolicyRules) -> None:
        """Due time and next sweep moment of an open clock (both empty while paused)."""
        due = clock_math.reached_at(clock, clock.target_seconds, self.spec)
        steps = rules.steps(clock.target_seconds)
        if self.judge_past:
            self._settle_past_steps(clock, steps, due)
        check = clock_math.next_step_at(clock, steps, clock.fired_steps or [], self.spec)
        if (due, check) != (clock.due_at, clock.next_check_at):
            clock.due_at, clock.next_check_at = due, check
            self.changes.changed(clock)

    def _settle_past_steps(self, clock: SlaClock, steps: list[tuple[str, int]], due: datetime | None) -> None:
        """History is not news: warnings and escalations whose moment passed before loading are
        marked done without effects (no SlaFiring, nobody notified); only later ones will fire."""
        used = clock_math.used_at(clock, self.now, self.spec)
        passed = [key for key, threshold in steps if threshold <= used]
        if not passed:
            return
        clock.fired_steps = list(dict.fromkeys([*(clock.fired_steps or []), *passed]))
        if "breach" in passed and clock.breached_at is None:
            clock.breached_at = due
        if clock.pk is not None:  # new clocks are inserted whole
            self.changes.settled[clock.pk] = clock

    def _update_ticket(self) -> None:
        values: dict[str, Any] = dict.fromkeys(DUE_FIELD.values())
        paused = False
        for clock in self._open():
            values[DUE_FIELD[Metric(clock.metric)]] = clock.due_at
            paused = paused or clock.running_since is None
        dues = [value for value in values.values() if value is not None]
        values["sla_due_at"] = min(dues) if dues else None
        values["sla_paused"] = paused
        # A prediction (sla.risk) concerns a running response target; once none runs it is void.
        awaiting = any(clock.metric != Metric.RESOLUTION and clock.running_since is not None for clock in self._open())
        values["sla_at_risk"] = self.row["sla_at_risk"] and awaiting
        values["sla_risk"] = self.row["sla_risk"] if awaiting else {}
        policy_id = self.active.policy.pk if self.active and self.state != State.MERGED else None
        current = {name: self.row[name] for name in TICKET_FIELDS[1:]}
        if current == values and policy_id == self.row["sla_policy_id"]:
            return
        ticket = Ticket(pk=self.row["id"], sla_policy_id=policy_id, **values)
        self.changes.tickets.append(ticket)

    def _event(self, data: dict[str, Any], *, at: datetime | None = None) -> None:
        """An SLA line in the ticket's history, dated when it happened (a stop: the reply's moment)."""
        self.changes.events.append((self.row["id"], None, EventKind.SLA, "", None, None, data, min(at or self.now, self.now)))
