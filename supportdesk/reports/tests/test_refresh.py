"""Facts kept current through the real actions: events queue the ticket after commit, the sweep
recomputes its rows and the rollups of the days that changed, and the figures read back exactly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Sum

from supportdesk.accounts.models import Group, User
from supportdesk.reports import refresh, rollup
from supportdesk.reports.drilldown import drilldown
from supportdesk.reports.metrics import kpis
from supportdesk.reports.models import DailyFact, FactQueue, Grain, TicketDayFact
from supportdesk.reports.queries import ReportFilter, backlog, grain_ranges, sums, totals
from supportdesk.reports.tests.conftest import MONDAY, Clock
from supportdesk.testing.factories import add_member
from supportdesk.tickets.actions import add_article, delete_ticket, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def week(clock: Clock, committed: Callable[[], Any], make_ticket: Callable[..., Ticket], agent: User) -> Iterator[list[Ticket]]:
    """Two tickets on Monday 2 March: A answered after 30 min and solved Tuesday (FCR); B answered
    after 2 h, twice, solved Wednesday, reopened Thursday. Facts refreshed."""
    with committed():
        first = make_ticket(subject="A")
        second = make_ticket(subject="B")
    clock.now = MONDAY + timedelta(minutes=30)
    with committed():
        update_ticket(agent, first, {"owner_id": agent.pk})
        add_article(agent, first, body_text="Fixed?", time_spent_minutes=10)
    clock.now = MONDAY + timedelta(hours=2)
    with committed():
        update_ticket(agent, second, {"owner_id": agent.pk})
        add_article(agent, second, body_text="Looking", time_spent_minutes=5)
        add_article(agent, second, body_text="Try this")
    clock.now = MONDAY + timedelta(days=1)
    with committed():
        update_ticket(agent, first, {"state": "solved"})
    clock.now = MONDAY + timedelta(days=2)
    with committed():
        update_ticket(agent, second, {"state": "solved"})
    clock.now = MONDAY + timedelta(days=3)
    with committed():
        update_ticket(agent, second, {"state": "open"})
    assert FactQueue.objects.count() == 2
    assert refresh.process_queue() == 2
    yield [first, second]


def march(start: int, end: int, **filters: Any) -> ReportFilter:
    return ReportFilter(start=date(2026, 3, start), end=date(2026, 3, end), **filters)


def test_the_week_reads_back_with_hand_computed_figures(week: list[Ticket]) -> None:
    assert FactQueue.objects.count() == 0
    figures = kpis(totals(march(1, 31)))
    assert (figures["created"], figures["solved"], figures["reopened"]) == (2, 2, 1)
    assert figures["fcr_rate"] == 50.0  # A yes; B had two replies and was reopened
    assert figures["reopen_rate"] == 50.0
    assert figures["aht_seconds"] == (600 + 300) // 2
    assert figures["replies"] == 3 and figures["tracked_seconds"] == 900
    # First responses of 30 min and 2 h: the median lies between them (histogram interpolation).
    assert 30 * 60 <= figures["frt_wall_median"] <= 2 * 3600
    assert figures["frt_business_median"] == figures["frt_wall_median"]  # no SLA calendar: wall time
    monday = kpis(totals(march(2, 2)))
    assert (monday["created"], monday["solved"], monday["replies"]) == (2, 0, 3)
    assert kpis(totals(march(3, 3)))["solved"] == 1
    # Backlog at the end of each day: 2 open, A solved Tue, B solved Wed, B reopened Thu (open again).
    assert backlog(march(1, 5)) == [(date(2026, 3, d), n) for d, n in [(1, 0), (2, 2), (3, 1), (4, 1), (5, 1)]]
    assert backlog(march(4, 5)) == [(date(2026, 3, 4), 1), (date(2026, 3, 5), 1)]  # carried in from before the range
    assert backlog(march(1, 10), "week") == [(date(2026, 2, 23), 0), (date(2026, 3, 2), 1), (date(2026, 3, 9), 1)]


def test_rollups_equal_the_sum_of_the_fact_rows_of_their_day_and_month(week: list[Ticket]) -> None:
    keyed = rollup.aggregate(TicketDayFact.objects.values(*rollup.FACT_COLUMNS))
    for model, names in rollup.ROLLUPS.items():
        stored = {(r["day"], *(r[n] for n in names)): r for r in model._default_manager.filter(grain=Grain.DAY).values()}
        assert set(stored) == set(keyed[model]), model
        for key, expected in keyed[model].items():
            assert {name: stored[key][name] for name in expected} == expected
        (month,) = model._default_manager.filter(grain=Grain.MONTH).values("day").distinct()
        assert month["day"] == date(2026, 3, 1)
    march = DailyFact.objects.filter(grain=Grain.MONTH).aggregate(created=Sum("created"), replies=Sum("replies"))
    assert march == {"created": 2, "replies": 3}


def test_a_range_reads_month_rows_and_edge_days_alike(week: list[Ticket]) -> None:
    assert grain_ranges(date(2026, 1, 1), date(2026, 3, 31), None) == [("m", date(2026, 1, 1), date(2026, 3, 1))]
    assert grain_ranges(date(2026, 2, 20), date(2026, 4, 3), None) == [
        ("d", date(2026, 2, 20), date(2026, 2, 28)),
        ("m", date(2026, 3, 1), date(2026, 3, 1)),
        ("d", date(2026, 4, 1), date(2026, 4, 3)),
    ]
    flt = ReportFilter(start=date(2026, 2, 20), end=date(2026, 4, 3))
    whole = totals(flt)  # reads the March month rows
    added = dict.fromkeys(whole.sums, 0)
    for bucket in sums(flt, interval="day"):  # reads day rows only
        for name, value in bucket.sums.items():
            added[name] += value
    assert whole.sums == added and whole.sums["created"] == 2


def test_moving_a_ticket_to_another_group_moves_its_counts(
    week: list[Ticket], clock: Clock, committed: Callable[[], Any], admin: User, group: Group, other_group: Group
) -> None:
    add_member(other_group, admin)
    add_member(group, admin)
    with committed():
        update_ticket(admin, week[0], {"group_id": other_group.pk})
    refresh.process_queue()
    assert kpis(totals(march(1, 31, groups=(group.pk,))))["created"] == 1
    assert kpis(totals(march(1, 31, groups=(other_group.pk,))))["created"] == 1
    assert kpis(totals(march(1, 31)))["created"] == 2


def test_a_deleted_ticket_leaves_the_figures(week: list[Ticket], committed: Callable[[], Any], admin: User) -> None:
    deleted_id = week[0].pk
    with committed():
        delete_ticket(admin, week[0])
    assert TicketDayFact.objects.filter(ticket_id=deleted_id).exists()  # kept until the refresh
    refresh.process_queue()
    assert not TicketDayFact.objects.filter(ticket_id=deleted_id).exists()
    figures = kpis(totals(march(1, 31)))
    assert (figures["created"], figures["solved"], figures["replies"]) == (1, 1, 2)


def test_the_three_sources_agree(week: list[Ticket], group: Group, agent: User) -> None:
    org = week[0].organization_id or 0
    by_daily = totals(march(1, 31, groups=(group.pk,)))  # DailyFact
    by_dimension = totals(march(1, 31, organizations=(org,)))  # DailyDimensionFact
    by_facts = totals(march(1, 31, organizations=(org,), agents=(agent.pk,)))  # TicketDayFact
    assert by_daily.sums == by_dimension.sums
    for name, value in by_daily.sums.items():
        if name in ("replies", "tracked_seconds") or value == 0:
            continue
        assert by_facts.sums[name] == value, name


def test_the_backlog_drilldown_lists_the_tickets_open_at_the_end(week: list[Ticket], admin: User) -> None:
    first, second = week
    # End of Tuesday: A solved that day, B still open; end of Thursday: B reopened, open again.
    assert [row.ticket.pk for row in drilldown(admin, march(1, 3), "backlog").rows] == [second.pk]
    assert [row.ticket.pk for row in drilldown(admin, march(1, 2), "backlog").rows] == [second.pk, first.pk]
    assert [row.ticket.pk for row in drilldown(admin, march(3, 5), "backlog").rows] == [second.pk]
    wednesday = drilldown(admin, march(1, 10), "backlog", period=date(2026, 3, 4), interval="day")
    assert [row.ticket.pk for row in wednesday.rows] == [second.pk]


def test_a_long_breakdown_sums_only_its_top_keys_and_says_how_many_it_left_out(week: list[Ticket], agent: User, admin: User) -> None:
    from supportdesk.reports.payloads import breakdown

    full = breakdown(march(1, 31), "agent", limit=None)
    assert [row["key"] for row in full["rows"]] == [agent.pk] and full["more"] == 0
    by_channel = breakdown(march(1, 31), "priority", limit=None)
    assert [(row["key"], row["kpis"]["created"]) for row in by_channel["rows"]] == [("normal", 2)]
    with_none = breakdown(march(1, 31), "group", limit=None)
    assert len(with_none["rows"]) == 1
    assert breakdown(march(1, 31), "agent", limit=0) == {"by": "agent", "rows": [], "more": 1}
    # The same through each source: rollups (agent), dimension rows (organization), fact rows (filtered).
    for by, flt in (("agent", march(1, 31)), ("organization", march(1, 31)), ("organization", march(1, 31, agents=(agent.pk,)))):
        top = breakdown(flt, by, limit=1)
        assert (len(top["rows"]), top["more"]) == (1, 0)
        assert top["rows"][0]["kpis"]["created"] == 2
