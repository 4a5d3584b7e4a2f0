"""Rollups: the sums of the per-ticket fact rows of whole days, and of whole months, rebuilt.

A day's rollup rows are deleted and written again from that day's TicketDayFact rows, so a ticket
that moved to another group leaves its old row and nothing is counted twice; a month's rows are
then summed again from its day rows. The caller holds the refresh lock (reports.refresh), so two
workers never rebuild the same day from different snapshots.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from django.db.models import Model, Sum

from supportdesk.reports import histograms, measures
from supportdesk.reports.models import DailyAgentFact, DailyDimensionFact, DailyFact, Dimension, Grain, TicketDayFact

DAYS_PER_CHUNK = 7
BULK = 200  # rows per INSERT: 230 columns each stay under PostgreSQL's 65,535 parameters
FACT_COLUMNS = ("day", "group_id", "channel", "agent_id", "organization_id", "language", "category", "priority",
                *measures.COUNTS, *measures.DURATIONS)  # fmt: skip
SUM_COLUMNS = [*measures.COUNTS, *measures.ALL_BUCKET_COLUMNS]
DIMENSION_COLUMNS: dict[str, str] = {
    Dimension.ORGANIZATION: "organization_id",
    Dimension.LANGUAGE: "language",
    Dimension.CATEGORY: "category",
    Dimension.PRIORITY: "priority",
}
# Rollup model -> its key columns besides grain and day.
ROLLUPS: dict[type[Model], tuple[str, ...]] = {
    DailyFact: ("group_id", "channel"),
    DailyAgentFact: ("group_id", "agent_id"),
    DailyDimensionFact: ("dimension", "value"),
}
Sums = dict[str, int]
Keyed = dict[type[Model], dict[tuple[Any, ...], Sums]]


def empty_sums() -> Sums:
    return dict.fromkeys(SUM_COLUMNS, 0)


def add_fact(sums: Sums, fact: dict[str, Any]) -> None:
    """Add one fact row's counts, and its durations as histogram buckets, into `sums`."""
    for name in measures.COUNTS:
        value = fact.get(name)
        if value:
            sums[name] += value
    for duration in measures.DURATIONS:
        seconds = fact.get(duration)
        if seconds is not None:
            sums[measures.bucket_column(duration, histograms.bucket_of(seconds))] += 1


def aggregate(facts: Iterable[dict[str, Any]]) -> Keyed:
    """Rollup model -> (day, *key) -> sums, for fact rows."""
    keyed: Keyed = {model: {} for model in ROLLUPS}
    for fact in facts:
        day = fact["day"]
        add_fact(keyed[DailyFact].setdefault((day, fact["group_id"], fact["channel"]), empty_sums()), fact)
        add_fact(keyed[DailyAgentFact].setdefault((day, fact["group_id"], fact["agent_id"]), empty_sums()), fact)
        for dimension, column in DIMENSION_COLUMNS.items():
            key = (day, str(dimension), str(fact[column]))
            add_fact(keyed[DailyDimensionFact].setdefault(key, empty_sums()), fact)
    return keyed


def chunks(days: Sequence[date], size: int = DAYS_PER_CHUNK) -> Iterator[list[date]]:
    ordered = sorted(set(days))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _write(model: type[Model], grain: str, rows: dict[tuple[Any, ...], Sums]) -> int:
    names = ROLLUPS[model]
    objects = [model(grain=grain, day=key[0], **dict(zip(names, key[1:], strict=True)), **sums) for key, sums in rows.items()]
    model._default_manager.bulk_create(objects, batch_size=BULK)
    return len(objects)


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def rebuild_months(days: Iterable[date]) -> int:
    """Sum the day rows of the months these days fall in into their month rows."""
    written = 0
    for first in sorted({day.replace(day=1) for day in days}):
        last = month_of(first)[1]
        for model, names in ROLLUPS.items():
            manager = model._default_manager
            manager.filter(grain=Grain.MONTH, day=first).delete()
            rows = (
                manager.filter(grain=Grain.DAY, day__gte=first, day__lte=last)
                .values(*names)
                .annotate(**{column: Sum(column) for column in SUM_COLUMNS})
            )
            summed = {(first, *(row[name] for name in names)): {c: int(row[c] or 0) for c in SUM_COLUMNS} for row in rows.order_by()}
            written += _write(model, Grain.MONTH, summed)
    return written


def rebuild_days(days: Iterable[date], *, months: bool = True) -> int:
    """Rewrite the rollup rows of these days (and their months) from their fact rows; returns the
    rows written. Run inside a transaction holding the refresh lock."""
    day_list = sorted(set(days))
    written = 0
    for chunk in chunks(day_list):
        for model in ROLLUPS:
            model._default_manager.filter(grain=Grain.DAY, day__in=chunk).delete()
        keyed = aggregate(TicketDayFact.objects.filter(day__in=chunk).values(*FACT_COLUMNS).iterator(chunk_size=5000))
        for model, rows in keyed.items():
            written += _write(model, Grain.DAY, rows)
    if months:
        written += rebuild_months(day_list)
    return written
