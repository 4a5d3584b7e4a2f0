"""Occupancy: tracked time / the scheduled working time of the agent's routing calendar minus
absences, up to now. The pure maths on exact cases, then through GET /reports/agents."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.automation.routing.models import Absence, AgentRouting
from supportdesk.reports import occupancy
from supportdesk.reports.queries import ReportFilter
from supportdesk.reports.tests.dataset import Dataset, at, build, patch_clock
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla.business_time import CalendarSpec
from supportdesk.sla.models import Calendar
from supportdesk.sla.spec import build_spec

WORKDAYS = dict.fromkeys(range(5), ((8 * 60, 16 * 60),))  # Monday to Friday 08:00-16:00
HOURS = 3600


def office(zone: str = "UTC") -> CalendarSpec:
    return build_spec(time_zone=zone, week=[list(WORKDAYS.get(day, ())) for day in range(7)])


WEEK = ReportFilter(start=date(2026, 3, 2), end=date(2026, 3, 6))  # Monday to Friday


def test_a_whole_week_is_five_eight_hour_days() -> None:
    window = occupancy.report_window(WEEK, now=at(9, 0))
    assert window == (at(2, 0), at(7, 0))
    assert occupancy.scheduled_seconds(office(), window, []) == 40 * HOURS


def test_absences_are_subtracted_inside_working_hours_only() -> None:
    window = (at(2, 0), at(7, 0))
    wednesday_noon_to_thursday_noon = (at(4, 12), at(5, 12))  # 4 h + 4 h of working time
    assert occupancy.scheduled_seconds(office(), window, [wednesday_noon_to_thursday_noon]) == 32 * HOURS
    overlapping = [wednesday_noon_to_thursday_noon, (at(5, 10), at(5, 14))]  # Thursday 12-14 added
    assert occupancy.scheduled_seconds(office(), window, overlapping) == 30 * HOURS
    outside = [(at(7, 0), at(9, 0))]  # the weekend after
    assert occupancy.scheduled_seconds(office(), window, outside) == 40 * HOURS
    whole = [(datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))]
    assert occupancy.scheduled_seconds(office(), window, whole) == 0


def test_the_window_stops_now_and_follows_the_calendar_zone() -> None:
    window = occupancy.report_window(WEEK, now=at(4, 12))
    assert window == (at(2, 0), at(4, 12))
    assert occupancy.scheduled_seconds(office(), window, []) == (8 + 8 + 4) * HOURS
    assert occupancy.report_window(WEEK, now=at(1, 23)) is None  # nothing worked yet
    # 08:00-16:00 in Budapest (UTC+1) on Monday 2 March: up to 12:00 UTC is 13:00 there, 5 h.
    assert occupancy.scheduled_seconds(office("Europe/Budapest"), (at(2, 0), at(2, 12)), []) == 5 * HOURS


def test_percentages() -> None:
    assert occupancy.occupancy_percent(1800, 32 * HOURS) == 1.6  # 1.5625 %
    assert occupancy.occupancy_percent(1800, 0) is None
    assert occupancy.occupancy_percent(1800, None) is None


@pytest.fixture
def data(
    monkeypatch: pytest.MonkeyPatch, admin: User, agent: User, outsider: User, group: Group, other_group: Group, customer: User
) -> Dataset:
    clock = patch_clock(monkeypatch, at(1, 0))
    built = build(clock, admin=admin, agent=agent, outsider=outsider, group=group, other_group=other_group, customer=customer)
    clock.now = at(9, 9)  # the next Monday: the whole week has been worked
    return built


@pytest.mark.django_db
def test_agents_endpoint_reports_occupancy_with_a_calendar_and_an_absence(data: Dataset) -> None:
    calendar = calendar_actions.create_calendar(data.admin, {"name": "Office", "time_zone": "UTC", "week": WORKDAYS})
    AgentRouting.objects.create(user=data.agent, calendar=calendar)
    AgentRouting.objects.create(user=data.outsider)  # no calendar: no defined working time
    Absence.objects.create(user=data.agent, starts_at=at(4, 12), ends_at=at(5, 12))
    Absence.objects.create(user=data.outsider, starts_at=at(4, 12), ends_at=at(5, 12))
    rows = ApiClient(data.supervisor).get("/api/v1/reports/agents?from=2026-03-02&to=2026-03-08").json()["rows"]
    alex = next(row for row in rows if row["agent_id"] == data.agent.pk)
    assert alex["tracked_seconds"] == 1800
    assert alex["occupancy"] == 1.6  # 1800 s of 32 h (40 h less the absence's 8 working hours)
    admin_rows = ApiClient(data.admin).get("/api/v1/reports/agents?from=2026-03-02&to=2026-03-08").json()["rows"]
    assert next(row for row in admin_rows if row["agent_id"] == data.outsider.pk)["occupancy"] is None
    monday = ApiClient(data.supervisor).get("/api/v1/reports/agents?from=2026-03-02&to=2026-03-02").json()["rows"]
    assert next(row for row in monday if row["agent_id"] == data.agent.pk)["occupancy"] == round(100 * 600 / (8 * HOURS), 1)  # 2.1


@pytest.mark.django_db
def test_occupancy_queries_do_not_grow_with_agents(data: Dataset, django_assert_max_num_queries: object) -> None:
    calendar = calendar_actions.create_calendar(data.admin, {"name": "Office", "time_zone": "UTC", "week": WORKDAYS})
    for user in (data.agent, data.outsider, data.supervisor, data.admin):
        AgentRouting.objects.create(user=user, calendar=calendar)
    tracked = {user.pk: 3600 for user in (data.agent, data.outsider, data.supervisor, data.admin)}
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        found = occupancy.occupancy_by_agent(tracked, WEEK, now=at(9, 9))
    assert set(found.values()) == {2.5}  # 1 h of 40 h each
    assert Calendar.objects.count() == 1
