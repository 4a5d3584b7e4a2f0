"""Reading the report facts: sums of counts and histograms for a date range, filters, a breakdown
and an interval. Every dashboard number comes through here (docs/metrics.md).

Which table answers (fastest first); each holds day rows and month rows, and a range reads whole
months as month rows and the days of partial months at its edges as day rows:
- DailyFact, keyed (group, channel): no filter, group and channel filters and breakdowns.
- DailyAgentFact, keyed (group, agent): an agent filter or breakdown (with group filters).
- DailyDimensionFact, keyed (dimension, value): a breakdown by organization, language,
  category or priority, or a filter on organizations, when nothing else is filtered.
- TicketDayFact, the per-ticket rows: the combinations neither rollup carries (organization plus
  group, say); already narrowed by those filters, and histograms bucketed in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, DateField, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Trunc

from supportdesk.reports import histograms, measures
from supportdesk.reports.models import DailyAgentFact, DailyDimensionFact, DailyFact, Grain, TicketDayFact
from supportdesk.reports.rollup import month_of

BREAKDOWNS = ("group", "channel", "agent", "organization", "language", "category", "priority")
INTERVALS = ("day", "week", "month")
MAX_DAYS = 3 * 366  # a longer range is refused (ReportRangeError), not slowly answered
MAIN_COLUMNS = {"group": "group_id", "channel": "channel", "agent": "agent_id"}
DIMENSION_BREAKDOWNS = ("organization", "language", "category", "priority")
FACT_COLUMNS = {**MAIN_COLUMNS, "organization": "organization_id", "language": "language", "category": "category", "priority": "priority"}


class ReportRangeError(ValueError):
    """The date range is empty, reversed or longer than MAX_DAYS."""


@dataclass(frozen=True)
class ReportFilter:
    """Inclusive local days and optional filters (empty tuple: no filter)."""

    start: date
    end: date
    groups: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    agents: tuple[int, ...] = ()
    organizations: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportRangeError("the range ends before it starts")

    def checked(self) -> ReportFilter:
        """Self, when the range is short enough to ask for (what the API and pages accept)."""
        if self.days > MAX_DAYS:
            raise ReportRangeError(f"the range is longer than {MAX_DAYS} days")
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> ReportFilter:
        """The period of the same length just before (for comparisons)."""
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))


@dataclass
class Bucket:
    """Sums of one (breakdown key, period start) cell; key/period None when not grouped by them."""

    key: Any = None
    period: date | None = None
    sums: dict[str, int] = field(default_factory=dict)

    def histogram(self, duration: str) -> list[int]:
        return [self.sums.get(column, 0) for column in measures.bucket_columns(duration)]


def source_for(flt: ReportFilter, breakdown: str | None) -> str:
    """'daily', 'agent', 'dimension' or 'facts' (see the module docstring)."""
    main_filtered = bool(flt.groups or flt.channels or flt.agents)
    if flt.organizations:
        return "dimension" if not main_filtered and breakdown in (None, "organization") else "facts"
    if breakdown in DIMENSION_BREAKDOWNS:
        return "facts" if main_filtered else "dimension"
    if flt.agents or breakdown == "agent":
        return "facts" if flt.channels or breakdown == "channel" else "agent"
    return "daily"


def _main_filters(flt: ReportFilter) -> Q:
    q = Q()
    if flt.groups:
        q &= Q(group_id__in=flt.groups)
    if flt.channels:
        q &= Q(channel__in=flt.channels)
    if flt.agents:
        q &= Q(agent_id__in=flt.agents)
    return q


def grain_ranges(start: date, end: date, interval: str | None) -> list[tuple[str, date, date]]:
    """(grain, first, last) pieces covering [start, end]: whole calendar months as month rows, the
    days of partial months at the edges as day rows. Day and week series need day rows only."""
    if interval in ("day", "week"):
        return [(Grain.DAY, start, end)]
    pieces: list[tuple[str, date, date]] = []
    cursor = start
    while cursor <= end:
        first, last = month_of(cursor)
        if cursor == first and last <= end:
            if pieces and pieces[-1][0] == Grain.MONTH:  # consecutive months: one range of month rows
                pieces[-1] = (Grain.MONTH, pieces[-1][1], first)
            else:
                pieces.append((Grain.MONTH, first, first))
        else:
            pieces.append((Grain.DAY, cursor, min(last, end)))
        cursor = last + timedelta(days=1)
    return pieces


def _grain_q(pieces: list[tuple[str, date, date]]) -> Q:
    condition = Q()
    for grain, first, last in pieces:
        condition |= Q(grain=grain, day__gte=first, day__lte=last)
    return condition


def _grouping(queryset: QuerySet[Any], key_column: str | None, interval: str | None) -> tuple[QuerySet[Any], list[str]]:
    names: list[str] = []
    if interval:
        if interval not in INTERVALS:
            raise ValueError(f"unknown interval {interval!r}")
        queryset = queryset.annotate(period=Trunc("day", interval, output_field=DateField()))
        names.append("period")
    if key_column:
        names.append(key_column)
    return queryset, names


def _merge(rows: Any, key_column: str | None, columns: Sequence[str]) -> list[Bucket]:
    """Buckets from grouped rows; rows of the same (period, key) from different grains are added."""
    cells: dict[tuple[Any, Any], Bucket] = {}
    for row in rows:
        key = row.get(key_column) if key_column else None
        cell = cells.setdefault((row.get("period"), key), Bucket(key=key, period=row.get("period"), sums=dict.fromkeys(columns, 0)))
        for column in columns:
            cell.sums[column] += int(row[column] or 0)
    return [cells[k] for k in sorted(cells, key=lambda k: (str(k[0]), str(k[1])))]


def sums(
    flt: ReportFilter,
    *,
    breakdown: str | None = None,
    interval: str | None = None,
    counts: Sequence[str] | None = None,
    durations: Sequence[str] | None = None,
    keys: Sequence[Any] | None = None,
) -> list[Bucket]:
    """Summed counts and duration histograms per (breakdown key, period). `counts`/`durations`
    narrow what is summed (all by default): a volume chart needs three columns, not 229. `keys`
    narrows a breakdown to these keys (the top ones of a long list)."""
    if breakdown is not None and breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r}")
    counts = list(measures.COUNTS) if counts is None else list(counts)
    durations = list(measures.DURATIONS) if durations is None else list(durations)
    source = source_for(flt, breakdown)
    if source == "facts":
        return _sums_from_facts(flt, breakdown, interval, counts, durations, keys)
    columns = [*counts, *(column for duration in durations for column in measures.bucket_columns(duration))]
    key_column: str | None
    queryset: QuerySet[Any]
    pieces = _grain_q(grain_ranges(flt.start, flt.end, interval))
    if source in ("daily", "agent"):
        model = DailyFact if source == "daily" else DailyAgentFact
        queryset = model.objects.filter(pieces & _main_filters(flt))
        key_column = MAIN_COLUMNS[breakdown] if breakdown else None
        if key_column and keys is not None:
            queryset = queryset.filter(**{f"{key_column}__in": list(keys)})
    else:
        dimension = breakdown or "organization"
        queryset = DailyDimensionFact.objects.filter(pieces, dimension=dimension)
        if flt.organizations:
            queryset = queryset.filter(value__in=[str(org) for org in flt.organizations])
        key_column = "value" if breakdown else None
        if breakdown and keys is not None:
            queryset = queryset.filter(value__in=[str(key) for key in keys])
    queryset, names = _grouping(queryset, key_column, interval)
    aggregates = {column: Sum(column) for column in columns}
    rows = queryset.values(*names).annotate(**aggregates).order_by() if names else [queryset.aggregate(**aggregates)]
    buckets = _merge(rows, key_column, columns)
    if source == "dimension" and breakdown == "organization":
        for bucket in buckets:
            bucket.key = int(bucket.key)
    return buckets


def _bucket_case(duration: str) -> Case:
    whens = [When(**{f"{duration}__lt": bound}, then=Value(index)) for index, bound in enumerate(histograms.BOUNDS)]
    return Case(*whens, default=Value(len(histograms.BOUNDS)), output_field=IntegerField())


def _sums_from_facts(
    flt: ReportFilter, breakdown: str | None, interval: str | None, counts: list[str], durations: list[str], keys: Sequence[Any] | None
) -> list[Bucket]:
    queryset = TicketDayFact.objects.filter(_main_filters(flt), day__gte=flt.start, day__lte=flt.end)
    if flt.organizations:
        queryset = queryset.filter(organization_id__in=flt.organizations)
    key_column = FACT_COLUMNS[breakdown] if breakdown else None
    if key_column and keys is not None:
        queryset = queryset.filter(**{f"{key_column}__in": list(keys)})
    grouped, names = _grouping(queryset, key_column, interval)
    if names:
        rows: Any = grouped.values(*names).annotate(**{c: Sum(c) for c in counts}).order_by(*names)
    else:
        rows = [grouped.aggregate(**{c: Sum(c) for c in counts})] if counts else [{}]
    cells = {(row.get("period"), row.get(key_column) if key_column else None): row for row in rows}
    for duration in durations:
        bucketed, names = _grouping(queryset.filter(**{f"{duration}__isnull": False}), key_column, interval)
        for row in bucketed.annotate(bucket=_bucket_case(duration)).values(*names, "bucket").annotate(n=Count("id")).order_by():
            cell = cells.setdefault((row.get("period"), row.get(key_column) if key_column else None), dict(row))
            cell[measures.bucket_column(duration, row["bucket"])] = row["n"]
    columns = [*counts, *(column for duration in durations for column in measures.bucket_columns(duration))]
    buckets = [
        Bucket(key=key, period=period, sums={column: int(cell.get(column) or 0) for column in columns})
        for (period, key), cell in sorted(cells.items(), key=lambda item: (str(item[0][0]), str(item[0][1])))
    ]
    return buckets


def totals(flt: ReportFilter, **kwargs: Any) -> Bucket:
    """All sums of the range as one bucket."""
    found = sums(flt, **kwargs)
    return found[0] if found else Bucket(sums={})


def backlog(flt: ReportFilter, interval: str = "day") -> list[tuple[date, int]]:
    """Open tickets at the end of each period: everything created up to then minus everything that
    reached its final done state up to then (docs/metrics.md explains what reopenings do to this).
    Not available per organization-with-other-filters beyond what `sums` supports."""
    earliest = DailyFact.objects.filter(grain=Grain.DAY).aggregate(first=Min("day"))["first"]
    base = 0
    if earliest is not None and earliest < flt.start:
        before = totals(replace(flt, start=earliest, end=flt.start - timedelta(days=1)), counts=["created", "done_final"], durations=[])
        base = before.sums.get("created", 0) - before.sums.get("done_final", 0)
    daily = sums(flt, interval="day", counts=["created", "done_final"], durations=[])
    by_day = {bucket.period: bucket.sums["created"] - bucket.sums["done_final"] for bucket in daily}
    points: list[tuple[date, int]] = []
    running = base
    day = flt.start
    while day <= flt.end:
        running += by_day.get(day, 0)
        next_day = day + timedelta(days=1)
        if next_day > flt.end or period_start(next_day, interval) != period_start(day, interval):
            points.append((period_start(day, interval), running))
        day = next_day
    return points


def period_start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def period_end(day: date, interval: str) -> date:
    """The last day of the period that `day` starts or falls in."""
    if interval == "week":
        return period_start(day, "week") + timedelta(days=6)
    if interval == "month":
        return month_of(day)[1]
    return day
