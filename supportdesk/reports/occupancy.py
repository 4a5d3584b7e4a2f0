"""Occupancy: the share of an agent's scheduled working time spent on tracked ticket work.

Scheduled time is the business time of the agent's routing calendar (AgentRouting.calendar, the
same sla.business_time maths the SLA clocks use) over the report's local days, minus the business
time inside their absences (routing Absence), and only up to now: tomorrow's shift has not been
worked yet. Occupancy = tracked seconds / scheduled seconds x 100, one decimal. An agent without a
calendar (always on shift, for routing) has no defined working time, so their occupancy is None,
as is one whose whole window was absence or outside working hours (docs/metrics.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from supportdesk.automation.routing.models import Absence, AgentRouting
from supportdesk.reports.queries import ReportFilter
from supportdesk.reports.ticket_facts import report_zone
from supportdesk.sla.business_time import CalendarSpec, OutsideCalendarRange, business_time_between
from supportdesk.sla.models import Calendar
from supportdesk.sla.selectors import spec_for, with_rules
from supportdesk.surveys.figures import percent

Span = tuple[datetime, datetime]


def report_window(flt: ReportFilter, *, now: datetime, zone: ZoneInfo | None = None) -> Span | None:
    """The instants the report's local days cover, cut at `now`; None when it lies in the future."""
    zone = zone or report_zone()
    start = datetime.combine(flt.start, time(), tzinfo=zone)
    end = min(datetime.combine(flt.end + timedelta(days=1), time(), tzinfo=zone), now)
    return (start, end) if end > start else None


def merged(spans: Iterable[Span]) -> list[Span]:
    """Overlapping or touching spans joined, so an absence entered twice is subtracted once."""
    result: list[Span] = []
    for begin, end in sorted(spans):
        if result and begin <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((begin, end))
    return result


def scheduled_seconds(spec: CalendarSpec, window: Span, absences: Sequence[Span]) -> int:
    """Business seconds in `window` outside the absences (pure: no database, no clock)."""
    start, end = window
    total = business_time_between(start, end, spec)
    for begin, finish in merged(absences):
        begin, finish = max(begin, start), min(finish, end)
        if finish > begin:
            total -= business_time_between(begin, finish, spec)
    return max(0, int(total.total_seconds()))


def occupancy_percent(tracked: int, scheduled: int | None) -> float | None:
    return percent(tracked, scheduled) if scheduled else None


def scheduled_by_agent(agent_ids: Sequence[int], flt: ReportFilter, *, now: datetime) -> dict[int, int | None]:
    """Scheduled working seconds per agent (None without a calendar). Three queries plus four per
    distinct calendar, whatever the number of agents."""
    result: dict[int, int | None] = dict.fromkeys(agent_ids)
    window = report_window(flt, now=now)
    routing = dict(AgentRouting.objects.filter(user_id__in=agent_ids, calendar__isnull=False).values_list("user_id", "calendar_id"))
    if window is None or not routing:
        return result
    years_back = max(1, now.year - window[0].year)
    specs: dict[int, CalendarSpec] = {
        calendar.pk: spec_for(calendar, now=now, years_back=years_back, years_ahead=1)
        for calendar in with_rules(Calendar.objects.filter(pk__in=set(routing.values())))
    }
    absences: dict[int, list[Span]] = {}
    rows = Absence.objects.filter(user_id__in=list(routing), starts_at__lt=window[1], ends_at__gt=window[0])
    for user_id, starts_at, ends_at in rows.values_list("user_id", "starts_at", "ends_at"):
        absences.setdefault(user_id, []).append((starts_at, ends_at))
    for user_id, calendar_id in routing.items():
        spec = specs.get(calendar_id)
        if spec is None:
            continue
        try:
            result[user_id] = scheduled_seconds(spec, window, absences.get(user_id, []))
        except OutsideCalendarRange:
            result[user_id] = None  # holidays not known that far back: no honest figure
    return result


def occupancy_by_agent(tracked: dict[int, int], flt: ReportFilter, *, now: datetime) -> dict[int, float | None]:
    """Occupancy in percent per agent id of `tracked` (agent id -> tracked seconds in the range)."""
    scheduled = scheduled_by_agent(list(tracked), flt, now=now)
    return {agent_id: occupancy_percent(seconds, scheduled.get(agent_id)) for agent_id, seconds in tracked.items()}
