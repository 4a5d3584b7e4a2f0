"""SLA times as agents see them: remaining business time, colours, the ticket panel, timeline sentences.

Everything here reads; nothing writes. Remaining times are business time in the calendar of the
ticket's policy (business_time_between(now, due), signed), so "2 h 10 min" left at 16:50 on a
Friday may well mean Monday morning. The inbox works on a whole page at once
(`inbox_cells`): one query for the running clocks of the page's tickets (their targets give the
colour), one for the policies and their calendars, at most one for the default calendar; calendar
specs come from spec_cache. The number of queries does not depend on the page size.

Colours (`Tone`): green while more than a quarter of the target is left, amber for the last
quarter, red once the due time has passed, grey while the clocks are paused.

The predicted risk (sla.risk) is stored as numbers and a reason code; its explanation is written
here at display time, in the reader's language. A stored risk counts only while the due time it
was computed for is still a running response target of the ticket, so a flag left behind by a
reply (the sweep clears it within a minute) is never shown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from supportdesk.core.errors import ValidationFailed
from supportdesk.sla.business_time import business_time_between
from supportdesk.sla.choices import METRIC_ORDER, Metric, Outcome
from supportdesk.sla.models import Calendar, SlaClock, SlaPolicy
from supportdesk.sla.spec import CalendarSpec
from supportdesk.sla.spec_cache import calendar_spec, policy_calendar

logger = logging.getLogger(__name__)

# The last quarter of a target is amber.
AMBER_SHARE = 0.25


class Tone(StrEnum):
    """The colour of an SLA time (CSS class sla--<tone>)."""

    OK = "ok"  # green
    WARN = "warn"  # amber
    OVER = "over"  # red
    PAUSED = "paused"  # grey
    NONE = "none"


# -- formatting (pure) --------------------------------------------------------------------------


def format_duration(seconds: float) -> str:
    """A compact duration: '2 h 10 min', '2 h', '35 min', '< 1 min' (whole minutes, rounded down)."""
    minutes = int(abs(seconds)) // 60
    if minutes < 1:
        return _("< 1 min")
    hours, mins = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": mins}
    if not mins:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}


def tone_for(*, remaining_seconds: float, target_seconds: int | None, overdue: bool) -> Tone:
    """Red once overdue, amber in the last quarter of the target, else green (green too without a known target)."""
    if overdue:
        return Tone.OVER
    if target_seconds and remaining_seconds <= target_seconds * AMBER_SHARE:
        return Tone.WARN
    return Tone.OK


def remaining_text(remaining_seconds: float, *, overdue: bool) -> str:
    """'2 h 10 min' before the due time, 'overdue 35 min' after it ('overdue' within its first minute)."""
    if not overdue:
        return format_duration(remaining_seconds)
    if abs(remaining_seconds) < 60:
        return _("overdue")
    return _("overdue %(duration)s") % {"duration": format_duration(remaining_seconds)}


def metric_label(metric: str) -> str:
    return str(Metric(metric).label) if metric in Metric.values else metric


def time_zone_of(name: str | None) -> tzinfo:
    """A user's time zone, or the active one when the name is empty or unknown."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return timezone.get_current_timezone()


def shown_time(moment: datetime, tz: tzinfo) -> str:
    """A moment in the reader's time zone, in the active language's short date-time format."""
    return formats.date_format(moment.astimezone(tz), "SHORT_DATETIME_FORMAT")


# -- calendars for many policies ---------------------------------------------------------------------


def policy_specs(policy_ids: Iterable[int], now: datetime) -> dict[int, CalendarSpec]:
    """The calendar spec of each policy: one query for the policies, one for the default calendar if needed."""
    ids = {pk for pk in policy_ids if pk is not None}
    if not ids:
        return {}
    return specs_of(list(SlaPolicy.objects.filter(pk__in=ids).select_related("calendar")), now)


def specs_of(policies: list[SlaPolicy], now: datetime) -> dict[int, CalendarSpec]:
    """The calendar spec of each of these policies (with their calendars loaded): the default calendar is read only if needed."""
    default = Calendar.objects.filter(is_default=True).first() if any(p.calendar_id is None for p in policies) else None
    return {policy.pk: calendar_spec(policy_calendar(policy, default), now) for policy in policies}


def business_remaining(now: datetime, due: datetime, spec: CalendarSpec | None) -> float:
    """Signed business seconds from now to due; wall-clock seconds when the calendar cannot tell."""
    if spec is not None:
        try:
            return business_time_between(now, due, spec).total_seconds()
        except ValidationFailed:  # dates beyond the calendar's known holidays
            logger.debug("business time from %s to %s outside the calendar; using wall time", now, due)
    return (due - now).total_seconds()


# -- the inbox column ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaCell:
    """What the inbox's SLA column shows for one ticket."""

    tone: Tone
    text: str
    title: str = ""
    at_risk: bool = False
    risk_title: str = ""


NO_SLA = SlaCell(tone=Tone.NONE, text="")


def inbox_cells(tickets: Iterable[Any], *, now: datetime, tz: tzinfo) -> dict[int, SlaCell]:
    """The SLA cell of every ticket of a page, in a fixed number of queries (see module doc)."""
    tickets = list(tickets)
    due = [ticket for ticket in tickets if ticket.sla_due_at is not None]
    cells: dict[int, SlaCell] = {}
    for ticket in tickets:
        if ticket.sla_due_at is None:
            cells[ticket.pk] = SlaCell(tone=Tone.PAUSED, text=_("paused")) if ticket.sla_paused else NO_SLA
    if not due:
        return cells
    # The running clock behind each ticket's earliest due time gives its metric and target.
    targets: dict[int, tuple[str, int]] = {}
    clock_rows = SlaClock.objects.filter(ticket_id__in=[t.pk for t in due], outcome=Outcome.RUNNING, due_at__isnull=False)
    # Ordered by due time: the first row of a ticket is its earliest target.
    for ticket_id, metric, target in clock_rows.order_by("due_at", "id").values_list("ticket_id", "metric", "target_seconds"):
        targets.setdefault(ticket_id, (metric, target))
    specs = policy_specs((t.sla_policy_id for t in due), now)
    for ticket in due:
        metric, target = targets.get(ticket.pk, ("", 0))
        remaining = business_remaining(now, ticket.sla_due_at, specs.get(ticket.sla_policy_id))
        overdue = now >= ticket.sla_due_at
        what = metric_label(metric) if metric else _("SLA")
        title = _("%(metric)s due %(due)s") % {"metric": what, "due": shown_time(ticket.sla_due_at, tz)}
        if target:
            title += " · " + _("target %(target)s") % {"target": format_duration(target)}
        risk = current_risk(ticket)
        cells[ticket.pk] = SlaCell(
            tone=tone_for(remaining_seconds=remaining, target_seconds=target or None, overdue=overdue),
            text=remaining_text(remaining, overdue=overdue),
            title=title,
            at_risk=risk is not None,
            risk_title=risk_explanation(risk, tz) if risk is not None else "",
        )
    return cells


# -- the predicted risk -------------------------------------------------------------------------------


def current_risk(ticket: Any) -> dict[str, Any] | None:
    """The ticket's stored risk if it is flagged and still about one of its running response targets."""
    if not ticket.sla_at_risk or not isinstance(ticket.sla_risk, dict):
        return None
    due = _parse_moment(ticket.sla_risk.get("due_at"))
    if due is None or due not in (ticket.first_response_due_at, ticket.next_response_due_at):
        return None
    return dict(ticket.sla_risk)


def risk_explanation(risk: Mapping[str, Any], tz: tzinfo) -> str:
    """Why a ticket is at risk, from the numbers sla.risk stored: queue position, rate, expected wait, due.

    "Position 5 of 6 in the group's queue · about 2.0 replies per business hour with 1 agent on
    shift · expected wait 2 h 30 min (answer around ...) · due ..."
    """
    position, backlog = _int(risk.get("position")), _int(risk.get("backlog"))
    due = _parse_moment(risk.get("due_at"))
    parts = [_("Position %(position)d of %(backlog)d in the group's queue") % {"position": position, "backlog": backlog}]
    rate = _float(risk.get("rate_per_hour"))
    if risk.get("explanation") == "no_agents":
        parts.append(_("no agent of the group can answer"))
    elif rate > 0:
        agents = _int(risk.get("agents_on_shift"))
        if agents:
            parts.append(
                ngettext(
                    "about %(rate)s replies per business hour with %(agents)d agent on shift",
                    "about %(rate)s replies per business hour with %(agents)d agents on shift",
                    agents,
                )
                % {"rate": format_rate(rate), "agents": agents}
            )
        else:
            parts.append(
                _("nobody on shift now; about %(rate)s replies per business hour once the team is in") % {"rate": format_rate(rate)}
            )
        wait = format_duration(position / rate * 3600)
        expected = _parse_moment(risk.get("expected_at"))
        if expected is not None:
            parts.append(_("expected wait %(wait)s (answer around %(expected)s)") % {"wait": wait, "expected": shown_time(expected, tz)})
        else:
            parts.append(_("expected wait %(wait)s") % {"wait": wait})
    if due is not None:
        parts.append(_("due %(due)s") % {"due": shown_time(due, tz)})
    return " · ".join(parts)


def format_rate(rate: float) -> str:
    """A handling rate for people: '12', '2.0', '< 0.1'."""
    if rate >= 10:
        return formats.number_format(rate, 0)
    if rate >= 0.1:
        return formats.number_format(rate, 1)
    return _("< 0.1")


def _parse_moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    parsed = parse_datetime(value)
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _float(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


# -- the ticket panel ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockRow:
    """One target on the ticket page: what it measures, its target, when it is due, how it stands."""

    label: str
    target: str
    status: str
    tone: Tone
    due_shown: str = ""
    due_iso: str = ""
    note: str = ""  # paused time, or when it stopped


@dataclass(frozen=True)
class SlaPanel:
    policy_name: str
    rows: list[ClockRow] = field(default_factory=list)
    risk: str = ""


def ticket_panel(ticket: Any, *, now: datetime, tz: tzinfo) -> SlaPanel | None:
    """The SLA panel of the ticket page: the policy and the latest clock of each target (cancelled ones hidden).

    At most three queries: the clocks, the policies with their calendars, perhaps the default calendar.
    """
    clocks = [
        clock for clock in SlaClock.objects.filter(ticket_id=ticket.pk).order_by("metric", "cycle") if clock.outcome != Outcome.CANCELLED
    ]
    if not clocks and ticket.sla_policy_id is None:
        return None
    latest: dict[str, SlaClock] = {}
    for clock in clocks:
        latest[clock.metric] = clock  # ordered by cycle: the last one wins
    policy_ids = {ticket.sla_policy_id, *(clock.policy_id for clock in latest.values())} - {None}
    policies = {policy.pk: policy for policy in SlaPolicy.objects.filter(pk__in=policy_ids).select_related("calendar")}
    running = any(clock.outcome == Outcome.RUNNING and clock.running_since for clock in latest.values())
    specs = specs_of(list(policies.values()), now) if running else {}
    rows = []
    for metric in METRIC_ORDER:
        shown = latest.get(metric)
        if shown is not None:
            spec = specs.get(shown.policy_id or 0) or specs.get(ticket.sla_policy_id or 0)
            rows.append(clock_row(shown, now=now, tz=tz, spec=spec))
    policy = policies.get(ticket.sla_policy_id or 0)
    name = policy.name if policy is not None else _("none")
    risk = current_risk(ticket)
    return SlaPanel(policy_name=name, rows=rows, risk=risk_explanation(risk, tz) if risk else "")


def clock_row(clock: SlaClock, *, now: datetime, tz: tzinfo, spec: CalendarSpec | None) -> ClockRow:
    """How one clock stands at `now`: time left or overdue, paused, met in or breached by."""
    label = metric_label(clock.metric)
    if clock.metric == Metric.NEXT_RESPONSE and clock.cycle > 1:
        label = _("%(metric)s (#%(cycle)d)") % {"metric": label, "cycle": clock.cycle}
    target = format_duration(clock.target_seconds)
    if clock.outcome in (Outcome.MET, Outcome.BREACHED):
        used = clock.business_seconds if clock.business_seconds is not None else clock.consumed_seconds
        when = shown_time(clock.stopped_at, tz) if clock.stopped_at else ""
        if clock.outcome == Outcome.MET:
            status, tone = _("met in %(duration)s") % {"duration": format_duration(used)}, Tone.OK
        else:
            status = _("breached by %(duration)s") % {"duration": format_duration(max(0, used - clock.target_seconds))}
            tone = Tone.OVER
        return ClockRow(label=label, target=target, status=status, tone=tone, note=_("stopped %(when)s") % {"when": when} if when else "")
    if clock.running_since is None:  # paused
        left = clock.target_seconds - clock.consumed_seconds
        paused_for = clock.paused_seconds + (max(0.0, (now - clock.paused_at).total_seconds()) if clock.paused_at else 0.0)
        status = _("paused, %(left)s left") % {"left": format_duration(left)} if left > 0 else _("paused, overdue")
        return ClockRow(
            label=label,
            target=target,
            status=status,
            tone=Tone.PAUSED,
            note=_("paused for %(duration)s") % {"duration": format_duration(paused_for)},
        )
    due = clock.due_at
    if due is None:
        return ClockRow(label=label, target=target, status=_("running"), tone=Tone.OK)
    remaining = business_remaining(now, due, spec)
    overdue = now >= due
    status = remaining_text(remaining, overdue=overdue) if overdue else _("%(left)s left") % {"left": format_duration(remaining)}
    note = _("paused for %(duration)s so far") % {"duration": format_duration(clock.paused_seconds)} if clock.paused_seconds else ""
    return ClockRow(
        label=label,
        target=target,
        status=status,
        tone=tone_for(remaining_seconds=remaining, target_seconds=clock.target_seconds, overdue=overdue),
        due_shown=shown_time(due, tz),
        due_iso=due.isoformat(),
        note=note,
    )


# -- the timeline ---------------------------------------------------------------------------------


def event_sentence(data: Mapping[str, Any] | None) -> str:
    """A timeline sentence for a TicketEvent of kind "sla" (data written by sla.tracking and sla.sweep).

    Known `what`s get their own sentence; anything else (a newer kind of SLA event) is still shown,
    generically, rather than hidden or failing.
    """
    data = data if isinstance(data, Mapping) else {}
    what = str(data.get("what", ""))
    metric = metric_label(str(data.get("metric", ""))) if data.get("metric") else _("SLA")
    by = _int(data.get("by_seconds"))
    if what == "policy":
        return _("SLA policy %(policy)s applied") % {"policy": data.get("policy") or "?"}
    if what == Outcome.MET:
        if by < 60:
            return _("%(metric)s met (at the target)") % {"metric": metric}
        return _("%(metric)s met (%(duration)s before the target)") % {"metric": metric, "duration": format_duration(by)}
    if what == Outcome.BREACHED:
        return _("%(metric)s breached by %(duration)s") % {"metric": metric, "duration": format_duration(by)}
    if what == "cancelled":
        return _("%(metric)s clock cancelled (no SLA target applies)") % {"metric": metric}
    if what == "resumed":
        return _("%(metric)s clock resumed") % {"metric": metric}
    if what == "breach":
        return _("%(metric)s target breached (due time passed)") % {"metric": metric}
    if what == "warning":
        step = step_text(str(data.get("step", "")))
        return (
            _("SLA warning: %(metric)s, %(step)s") % {"metric": metric, "step": step}
            if step
            else _("SLA warning: %(metric)s") % {"metric": metric}
        )
    if what in ("escalated", "escalation"):
        level = data.get("level")
        if isinstance(level, int) and not isinstance(level, bool):
            return _("SLA escalation level %(level)d: %(metric)s") % {"level": level + 1, "metric": metric}
        return _("SLA escalation: %(metric)s") % {"metric": metric}
    if what == "risk":
        return _("%(metric)s predicted to be missed") % {"metric": metric}
    return _("SLA: %(what)s (%(metric)s)") % {"what": what[:40] or "?", "metric": metric}


def step_text(step: str) -> str:
    """A warning step key ('warn:75%', 'warn:-15m') in words; '' for anything else."""
    if step.startswith("warn:") and step.endswith("%") and step[5:-1].isdigit():
        return _("%(percent)s%% of the target used") % {"percent": step[5:-1]}
    if step.startswith("warn:-") and step.endswith("m") and step[6:-1].isdigit():
        return _("%(duration)s before the due time") % {"duration": format_duration(int(step[6:-1]) * 60)}
    return ""
