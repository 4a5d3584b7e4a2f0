"""Churn: customers and organizations who had contact in the previous period and none in this one.

Contact is a ticket created (the `created` fact, on the ticket's creation day) under the report's
filters. The previous period has the same length and ends the day before the range starts. Rate =
churned / active in the previous period x 100, one decimal; None without anyone active before
(docs/metrics.md). Read from the per-ticket fact rows, which carry customer and organization.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from supportdesk.reports.models import NONE_ID, TicketDayFact
from supportdesk.reports.queries import ReportFilter
from supportdesk.surveys.figures import percent

POPULATIONS = {"customers": "customer_id", "organizations": "organization_id"}


def contacts(flt: ReportFilter, column: str) -> QuerySet[TicketDayFact, Any]:
    """The distinct customer or organization ids with a ticket created in the filter's range."""
    condition = Q(day__gte=flt.start, day__lte=flt.end, created__gt=0, ticket__isnull=False) & ~Q(**{column: NONE_ID})
    for name, values in (("group_id", flt.groups), ("channel", flt.channels), ("agent_id", flt.agents)):
        if values:
            condition &= Q(**{f"{name}__in": values})
    if flt.organizations:
        condition &= Q(organization_id__in=flt.organizations)
    return TicketDayFact.objects.filter(condition).values(column).distinct()


def population_churn(flt: ReportFilter, column: str) -> dict[str, Any]:
    """{"previous_active", "churned", "rate"} for one population (two COUNT queries)."""
    before = contacts(flt.previous(), column)
    previous_active = before.count()
    churned = before.exclude(**{f"{column}__in": contacts(flt, column).values(column)}).count() if previous_active else 0
    return {"previous_active": previous_active, "churned": churned, "rate": percent(churned, previous_active)}


def churn(flt: ReportFilter) -> dict[str, dict[str, Any]]:
    """The churn payload: customers and organizations."""
    return {name: population_churn(flt, column) for name, column in POPULATIONS.items()}
