"""Churn: customers and organizations who had contact in the previous period and none in this one.

Contact is a ticket created (the `created` fact, on the ticket's creation day) under the report's
filters. The previous period has the same length and ends the day before the range starts. Rate =
churned / active in the previous period x 100, one decimal; None without anyone active before
(docs/metrics.md). Read from the per-ticket fact rows, which carry customer and organization.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Case, Max, Q, QuerySet, Value, When

from supportdesk.reports.models import NONE_ID, TicketDayFact
from supportdesk.reports.queries import ReportFilter, sums
from supportdesk.surveys.figures import percent


def contacts(flt: ReportFilter, column: str) -> QuerySet[TicketDayFact, Any]:
    """The fact rows of tickets created in the filter's range that name a customer/organization."""
    condition = Q(day__gte=flt.start, day__lte=flt.end, created__gt=0, ticket__isnull=False) & ~Q(**{column: NONE_ID})
    for name, values in (("group_id", flt.groups), ("channel", flt.channels), ("agent_id", flt.agents)):
        if values:
            condition &= Q(**{f"{name}__in": values})
    if flt.organizations:
        condition &= Q(organization_id__in=flt.organizations)
    return TicketDayFact.objects.filter(condition)


def _result(previous_active: int, churned: int) -> dict[str, Any]:
    return {"previous_active": previous_active, "churned": churned, "rate": percent(churned, previous_active)}


def population_churn(flt: ReportFilter, column: str) -> dict[str, Any]:
    """{"previous_active", "churned", "rate"} for one population, in one pass over both periods:
    per customer (or organization), was there contact before the range, and in it?"""
    before = flt.previous()
    both = ReportFilter(start=before.start, end=flt.end, groups=flt.groups, channels=flt.channels, agents=flt.agents,
                        organizations=flt.organizations)  # fmt: skip
    per_key = (
        contacts(both, column)
        .values(column)
        .annotate(
            in_previous=Max(Case(When(day__lt=flt.start, then=Value(1)), default=Value(0))),
            in_range=Max(Case(When(day__gte=flt.start, then=Value(1)), default=Value(0))),
        )
        .order_by()
    )
    sql, params = per_key.query.sql_with_params()
    counted = "SUM(in_previous), SUM(CASE WHEN in_previous = 1 AND in_range = 0 THEN 1 ELSE 0 END)"
    query = f"SELECT {counted} FROM ({sql}) per_key"  # noqa: S608 - the ORM's own SQL; its values stay parameters
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        previous_active, churned = cursor.fetchone()
    return _result(int(previous_active or 0), int(churned or 0))


def organization_churn(flt: ReportFilter) -> dict[str, Any]:
    """Organizations from the daily organization rollup (their `created` per day and month) when no
    group, channel or agent filter asks for the fact rows: a few thousand rows instead of a million."""
    if flt.groups or flt.channels or flt.agents:
        return population_churn(flt, "organization_id")
    before = flt.previous()
    created_before = {b.key for b in sums(before, breakdown="organization", counts=["created"], durations=[]) if b.sums["created"]}
    created_now = {b.key for b in sums(flt, breakdown="organization", counts=["created"], durations=[]) if b.sums["created"]}
    active = created_before - {NONE_ID}
    return _result(len(active), len(active - created_now))


def churn(flt: ReportFilter) -> dict[str, dict[str, Any]]:
    """The churn payload: customers and organizations."""
    return {"customers": population_churn(flt, "customer_id"), "organizations": organization_churn(flt)}
