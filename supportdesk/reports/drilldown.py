"""The tickets behind a number: the fact rows that counted it, so the list matches the figure.

A dashboard number is a measure summed over a range, filters and maybe one breakdown key and one
period. The drill-down selects the TicketDayFact rows with that measure (a count above zero, or a
duration present) under the same conditions, and lists their tickets that the user may see, newest
first with a cursor. Durations are listed exactly (the figure's percentile is read from a histogram).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.pagination import paginate
from supportdesk.reports import measures
from supportdesk.reports.models import TicketDayFact
from supportdesk.reports.queries import FACT_COLUMNS, ReportFilter, period_end, period_start
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.models import Ticket

# Measures a drill-down can list (counts and durations); KPIs map to the measure behind them.
KPI_MEASURE = {
    "reopen_rate": "reopened_after_solve", "fcr_rate": "fcr", "aht_seconds": "handling_seconds",
    "frt_wall_median": "frt_wall", "frt_wall_p90": "frt_wall", "frt_business_median": "frt_business",
    "frt_business_p90": "frt_business", "resolution_wall_median": "resolution_wall",
    "resolution_wall_p90": "resolution_wall", "resolution_business_median": "resolution_business",
    "resolution_business_p90": "resolution_business", "sla_first_response": "sla_first_response_breached",
    "sla_next_response": "sla_next_response_breached", "sla_resolution": "sla_resolution_breached",
    "csat": "csat_answers", "nps": "nps_answers", "ces": "ces_answers", "csat_response_rate": "csat_sent",
    "nps_response_rate": "nps_sent", "ces_response_rate": "ces_sent",
}  # fmt: skip
BACKLOG = "backlog"  # not a summed measure: the tickets open at the end of the range or period
MEASURES = (*measures.COUNTS, *measures.DURATIONS, BACKLOG)
MAX_LIMIT = 200


@dataclass(frozen=True)
class DrilldownRow:
    ticket: Ticket
    value: int | None  # the measure summed over the ticket's matching rows (seconds for durations)


@dataclass(frozen=True)
class DrilldownPage:
    measure: str
    rows: list[DrilldownRow]
    next_cursor: str | None


def measure_for(name: str) -> str:
    """The fact measure behind a KPI or measure name; ValidationFailed for anything else."""
    measure = KPI_MEASURE.get(name, name)
    if measure not in MEASURES:
        raise ValidationFailed(_("Unknown measure."), field_errors={"measure": _("Unknown measure.")})
    return measure


def fact_rows(
    flt: ReportFilter, measure: str, *, by: str | None = None, key: Any = None, period: date | None = None, interval: str = "day"
) -> Any:
    """The TicketDayFact rows behind one figure (see the module docstring)."""
    condition = Q(ticket__isnull=False) & _filters(flt, by, key)
    first, last = flt.start, flt.end
    if period is not None:
        first, last = max(period_start(period, interval), flt.start), min(period_end(period, interval), flt.end)
    if measure == BACKLOG:
        # Open at the end of `last`: created by then, and not in its current done state by then
        # (the same rule as queries.backlog).
        done = TicketDayFact.objects.filter(condition, done_final__gt=0, day__lte=last).values("ticket_id")
        return TicketDayFact.objects.filter(condition, created__gt=0, day__lte=last).exclude(ticket_id__in=done)
    condition &= Q(day__gte=first, day__lte=last)
    if measure in measures.DURATIONS:
        condition &= Q(**{f"{measure}__isnull": False})
    else:
        condition &= Q(**{f"{measure}__gt": 0})
    return TicketDayFact.objects.filter(condition)


def _filters(flt: ReportFilter, by: str | None, key: Any) -> Q:
    condition = Q()
    for column, values in (
        ("group_id", flt.groups),
        ("channel", flt.channels),
        ("agent_id", flt.agents),
        ("organization_id", flt.organizations),
    ):
        if values:
            condition &= Q(**{f"{column}__in": values})
    if by is not None:
        if by not in FACT_COLUMNS:
            raise ValidationFailed(_("Unknown breakdown."), field_errors={"by": _("Unknown breakdown.")})
        condition &= Q(**{FACT_COLUMNS[by]: key})
    return condition


def drilldown(
    user: User,
    flt: ReportFilter,
    name: str,
    *,
    by: str | None = None,
    key: Any = None,
    period: date | None = None,
    interval: str = "day",
    cursor: str | None = None,
    limit: int = 50,
) -> DrilldownPage:
    measure = measure_for(name)
    rows = fact_rows(flt, measure, by=by, key=key, period=period, interval=interval)
    tickets = visible_tickets(user).filter(pk__in=rows.values("ticket_id")).select_related("group", "owner", "customer")
    page = paginate(tickets, order=["-id"], cursor=cursor, limit=max(1, min(limit, MAX_LIMIT)))
    values: dict[int, int] = {}
    if measure != BACKLOG:
        for ticket_id, value in rows.filter(ticket_id__in=[t.pk for t in page.items]).values_list("ticket_id", measure):
            values[ticket_id] = values.get(ticket_id, 0) + int(value or 0)
    return DrilldownPage(
        measure=measure,
        rows=[DrilldownRow(ticket=ticket, value=values.get(ticket.pk)) for ticket in page.items],
        next_cursor=page.next_cursor,
    )
