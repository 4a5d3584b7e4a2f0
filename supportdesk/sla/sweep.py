"""The SLA sweep: fire due warnings, breaches and escalation steps, each exactly once.

`run_sla_sweep` runs every SUPPORTDESK_SLA_SWEEP_SECONDS in the worker (registered in SlaConfig).
It reads only clocks whose `next_check_at` has come, through the partial index
sla_clock_next_check, oldest first and at most `limit` per run, so its cost follows the number of
due clocks, not of open tickets. The rows are locked FOR UPDATE SKIP LOCKED (PostgreSQL): several
workers share the due clocks instead of queueing behind each other. On SQLite the database write
lock serialises sweeps.

Per clock, every step (policy_rules.steps: warnings, "breach", "esc:N") whose business-time
threshold is used up and that is not in `fired_steps` is claimed by inserting SlaFiring(clock,
step); only the worker whose insert succeeds performs the step's effects, in the same transaction,
so a step fires once even when a stale `fired_steps` is read. Effects:
- warn: notify the warning's audience on its channels (kind "sla_warning"). When several warnings
  of a clock come due at once (a policy applied late, a long outage), only the latest notifies;
  the others are recorded with data {"superseded": true}.
- breach: `breached_at` is set to the due moment, the ticket gets a TicketEvent kind "sla"
  {"what": "breach", "metric", "due_at"}, and the audience of the notify actions of the policy's
  first escalation level is told (kind "sla_breach"); with no escalation ladder nobody extra is.
- esc:N: the level's actions: notify (kind "sla_escalation"); raise the priority, move to a
  group, add a tag through tickets.actions.system.escalate_ticket (events with {"reason":
  "sla_escalation", "level": N}; it runs the ticket hooks, which may re-target the clocks); and
  a TicketEvent kind "sla" {"what": "escalated", "metric", "level"} in every case.
A breach and an escalation level that come due in the same run do not tell the same user twice
(the escalation's notice skips whoever the breach notice reached).

The ticket row is locked with SKIP LOCKED before effects: an agent's transaction holds the ticket
and then waits for this clock's row (the SLA hook), so waiting here could deadlock; a busy ticket
is simply left for the next run. A clock whose processing fails is logged and looked at again
after RETRY_SECONDS, so one broken clock cannot hold back the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from supportdesk.core.errors import ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.sla import clock_math
from supportdesk.sla.choices import EscalationAction
from supportdesk.sla.models import Calendar, SlaClock, SlaFiring, SlaPolicy
from supportdesk.sla.notify import notify
from supportdesk.sla.policy_rules import PolicyRules, rules_of
from supportdesk.sla.spec import CalendarSpec
from supportdesk.sla.spec_cache import calendar_spec, policy_calendar
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.actions.system import escalate_ticket
from supportdesk.tickets.actions.tags import normalize_tag
from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

BATCH_LIMIT = 500
RETRY_SECONDS = 300
RECHECK_SECONDS = 60


def due_clocks(now: datetime, limit: int = BATCH_LIMIT) -> QuerySet[SlaClock]:
    """Clocks whose next check has come, oldest first, locked and skipping rows others hold."""
    return (
        SlaClock.objects.filter(next_check_at__isnull=False, next_check_at__lte=now)
        .order_by("next_check_at")
        .select_for_update(skip_locked=True)[:limit]
    )


def run_sla_sweep(now: datetime | None = None, limit: int = BATCH_LIMIT) -> int:
    """Fire the due steps of up to `limit` due clocks; return how many steps this run fired."""
    now = now or timezone.now()
    fired = 0
    with transaction.atomic():
        clocks = list(due_clocks(now, limit))
        if not clocks:
            return 0
        context = SweepContext(now)
        for clock in clocks:
            try:
                with transaction.atomic():
                    fired += ClockSweep(clock, context).run()
            except Exception:
                logger.exception("SLA sweep failed on clock %s; retrying in %s s", clock.pk, RETRY_SECONDS)
                SlaClock.objects.filter(pk=clock.pk).update(next_check_at=now + timedelta(seconds=RETRY_SECONDS))
    if fired:
        logger.info("SLA sweep: %d step(s) fired on %d due clock(s)", fired, len(clocks))
    return fired


@dataclass
class SweepContext:
    """What one run reads once: policies with their parsed rules and calendar specs."""

    now: datetime
    policies: dict[int, SlaPolicy | None] = field(default_factory=dict)
    rules: dict[int, PolicyRules] = field(default_factory=dict)
    _default: list[Calendar | None] = field(default_factory=list)

    def policy(self, policy_id: int | None) -> SlaPolicy | None:
        if policy_id is None:
            return None
        if policy_id not in self.policies:
            self.policies[policy_id] = SlaPolicy.objects.select_related("calendar", "manager").filter(pk=policy_id).first()
        return self.policies[policy_id]

    def rules_of(self, policy: SlaPolicy) -> PolicyRules:
        if policy.pk not in self.rules:
            self.rules[policy.pk] = rules_of(policy)
        return self.rules[policy.pk]

    def spec(self, policy: SlaPolicy) -> CalendarSpec:
        if not self._default:
            self._default.append(Calendar.objects.filter(is_default=True).first())
        return calendar_spec(policy_calendar(policy, self._default[0]), self.now)


class ClockSweep:
    """The due steps of one clock: claim them, perform their effects, schedule the next check."""

    def __init__(self, clock: SlaClock, context: SweepContext) -> None:
        self.clock, self.context, self.now = clock, context, context.now
        self.notified: set[int] = set()

    def run(self) -> int:
        clock = self.clock
        policy = self.context.policy(clock.policy_id)
        if policy is None or clock.outcome or clock.running_since is None:
            SlaClock.objects.filter(pk=clock.pk).update(next_check_at=None)  # stopped or paused: nothing to watch
            return 0
        rules, spec = self.context.rules_of(policy), self.context.spec(policy)
        due = self._due_steps(rules, spec)
        if not due:
            self._reschedule(rules, spec)
            return 0
        ticket = (
            Ticket.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("group", "owner")
            .filter(pk=clock.ticket_id)
            .first()
        )
        if ticket is None:
            return 0  # an agent's transaction holds the ticket: the next run takes it
        due_moment = clock.due_at or clock_math.reached_at(clock, clock.target_seconds, spec) or self.now
        claimed = self._claim(due, due_moment)
        fired_steps = list(dict.fromkeys([*(clock.fired_steps or []), *(key for key, _t in due)]))
        clock.fired_steps = fired_steps
        if "breach" in claimed and clock.breached_at is None:
            clock.breached_at = due_moment
        # Saved before the effects: an escalation's ticket change re-runs the SLA hook, which must see them.
        clock.save(update_fields=["fired_steps", "breached_at"])
        base = {"metric": clock.metric, "due_at": due_moment}
        for key, superseded in claimed.items():
            if superseded:
                continue
            if key.startswith("warn:"):
                self._warn(ticket, policy, rules, key, base)
            elif key == "breach":
                self._breach(ticket, policy, rules, base)
            else:
                self._escalate(ticket, policy, rules, int(key.removeprefix("esc:")), base)
        if any(key.startswith("esc:") for key in claimed):
            clock.refresh_from_db()  # a ticket change ran the SLA hook, which may have re-targeted or stopped it
        if not clock.outcome:
            policy = self.context.policy(clock.policy_id) or policy
            self._reschedule(self.context.rules_of(policy), self.context.spec(policy))
        return len(claimed)

    def _due_steps(self, rules: PolicyRules, spec: CalendarSpec) -> list[tuple[str, int]]:
        """Steps not fired yet whose threshold is used up by now (steps come sorted by threshold)."""
        clock, done = self.clock, set(self.clock.fired_steps or [])
        used = clock_math.used_at(clock, self.now, spec)
        due = []
        for key, threshold in rules.steps(clock.target_seconds):
            if key in done:
                continue
            reached = threshold <= used
            if not reached:
                moment = clock_math.reached_at(clock, threshold, spec)
                reached = moment is not None and moment <= self.now  # guards against rounding between the two maths
            if not reached:
                break
            due.append((key, threshold))
        return due

    def _claim(self, due: list[tuple[str, int]], due_moment: datetime) -> dict[str, bool]:
        """Insert a firing per step; return the steps this worker claimed -> whether superseded."""
        warnings = [key for key, _t in due if key.startswith("warn:")]
        latest = warnings[-1] if warnings else None
        claimed: dict[str, bool] = {}
        for key, _threshold in due:
            superseded = key.startswith("warn:") and key != latest
            data: dict[str, Any] = {"due_at": due_moment.isoformat()}
            if superseded:
                data["superseded"] = True
            try:
                with transaction.atomic():
                    SlaFiring.objects.create(clock=self.clock, step=key, fired_at=self.now, data=data)
            except IntegrityError:
                continue  # fired already (by another worker, before a stale fired_steps was written)
            claimed[key] = superseded
        return claimed

    def _reschedule(self, rules: PolicyRules, spec: CalendarSpec) -> None:
        clock = self.clock
        steps = rules.steps(clock.target_seconds)
        check = clock_math.next_step_at(clock, steps, clock.fired_steps or [], spec)
        if check is not None and check <= self.now and not self._due_steps(rules, spec):
            check = self.now + timedelta(seconds=RECHECK_SECONDS)  # the two maths disagree by a rounding: look again soon
        if check != clock.next_check_at:
            clock.next_check_at = check
            SlaClock.objects.filter(pk=clock.pk).update(next_check_at=check)

    def _warn(self, ticket: Ticket, policy: SlaPolicy, rules: PolicyRules, key: str, base: dict[str, Any]) -> None:
        warning = rules.warning(key)
        record_event(ticket, None, EventKind.SLA, data={"what": "warning", "metric": base["metric"], "step": key})
        publish_on_commit("sla.warning", ticket_id=ticket.pk, clock_id=self.clock.pk, metric=base["metric"], step=key)
        if warning is not None:
            notify(ticket, policy, audience=warning.audience, channels=warning.channels, kind="sla_warning", data={**base, "step": key})

    def _breach(self, ticket: Ticket, policy: SlaPolicy, rules: PolicyRules, base: dict[str, Any]) -> None:
        record_event(ticket, None, EventKind.SLA, data={"what": "breach", "metric": base["metric"], "due_at": base["due_at"].isoformat()})
        publish_on_commit("sla.breach", ticket_id=ticket.pk, clock_id=self.clock.pk, metric=base["metric"], step="breach")
        announce(ticket)
        if not rules.escalations:
            return
        audience: list[str] = []
        channels: list[str] = []
        for action in rules.escalations[0].actions:
            if action.action == EscalationAction.NOTIFY:
                audience += action.audience
                channels += action.channels
        if audience:
            data = {**base, "step": "breach"}
            users = notify(ticket, policy, audience=dict.fromkeys(audience), channels=dict.fromkeys(channels), kind="sla_breach", data=data)
            self.notified.update(users)

    def _escalate(self, ticket: Ticket, policy: SlaPolicy, rules: PolicyRules, level: int, base: dict[str, Any]) -> None:
        if level >= len(rules.escalations):
            return
        reason = {"reason": "sla_escalation", "level": level}
        changes: dict[str, Any] = {"tags": []}
        notices = []
        for action in rules.escalations[level].actions:
            if action.action == EscalationAction.NOTIFY:
                notices.append(action)
            elif action.action == EscalationAction.SET_PRIORITY:
                changes["priority"] = action.value
            elif action.action == EscalationAction.MOVE_TO_GROUP:
                changes["group_id"] = action.value
            elif action.action == EscalationAction.ADD_TAG:
                try:
                    changes["tags"].append(normalize_tag(str(action.value)))
                except ValidationFailed:
                    logger.warning("SLA escalation of policy %s: tag %r is not usable", policy.pk, action.value)
        record_event(ticket, None, EventKind.SLA, data={"what": "escalated", "metric": base["metric"], "level": level})
        changed = escalate_ticket(ticket, reason=reason, **changes)
        if not changed:
            announce(ticket)
        data = {**base, "step": f"esc:{level}", "level": level}
        for action in notices:
            notify(
                ticket, policy, audience=action.audience, channels=action.channels, kind="sla_escalation", data=data, exclude=self.notified
            )
