"""Exact report figures through the API on the constructed dataset (reports/tests/dataset.py):
overview with the previous period, series, breakdowns, backlog, agents, churn and live tiles, as
an admin, a supervisor of Support and the agents themselves. Counts and rates are hand-computed;
medians and p90 are the histogram reading of the hand-listed durations (reports.histograms)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.reports import histograms
from supportdesk.reports.metrics import KPI_NAMES
from supportdesk.reports.tests.dataset import WEEK, Dataset, at
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def percentile(fraction: float, *seconds: int) -> int:
    value = histograms.percentile(histograms.histogram(seconds), fraction)
    assert value is not None
    return round(value)


def get(user: User, path: str) -> dict[str, Any]:
    response = ApiClient(user).get(path)
    assert response.status_code == 200, response.content
    return response.json()


NO_SURVEYS_NO_SLA = dict.fromkeys(
    ["sla_first_response", "sla_next_response", "sla_resolution", "csat", "csat_response_rate", "nps", "nps_response_rate", "ces",
     "ces_response_rate"]
)  # fmt: skip


def durations(frt: list[int], resolution: list[int]) -> dict[str, int]:
    found = {}
    for kind, values in (("frt", frt), ("resolution", resolution)):
        for clock in ("wall", "business"):  # no SLA calendar: business time is wall time
            found[f"{kind}_{clock}_median"] = percentile(0.5, *values)
            found[f"{kind}_{clock}_p90"] = percentile(0.9, *values)
    return found


def test_overview_of_the_week_against_the_week_before(data: Dataset) -> None:
    body = get(data.admin, f"/api/v1/reports/overview?{WEEK}&compare=previous")
    assert (body["from"], body["to"]) == ("2026-03-02", "2026-03-08")
    assert body["previous"] == {"from": "2026-02-23", "to": "2026-03-01"}
    assert body["kpis"] == {
        "created": 4, "solved": 3, "reopened": 1,
        "reopen_rate": 33.3,  # T4 of T1, T2, T4 solved was reopened later
        "fcr_rate": 33.3,  # only T1: T2 had two replies, T4 was reopened
        "aht_seconds": 600,  # (600 + 1200 + 0) / 3
        "replies": 4, "tracked_seconds": 1800,
        **durations([1800, 86400, 600], [7200, 97200, 3600]),
        **NO_SURVEYS_NO_SLA,
    }  # fmt: skip
    assert body["previous_kpis"] == {
        "created": 2, "solved": 1, "reopened": 0, "reopen_rate": 0.0, "fcr_rate": 100.0, "aht_seconds": 0, "replies": 1,
        "tracked_seconds": 0, **durations([3600], [10800]), **NO_SURVEYS_NO_SLA,
    }  # fmt: skip
    changes = body["changes"]
    assert set(changes) == set(KPI_NAMES)
    assert (changes["created"], changes["solved"], changes["replies"], changes["fcr_rate"]) == (100.0, 200.0, 300.0, -66.7)
    assert changes["reopened"] is None and changes["aht_seconds"] is None  # nothing to compare with
    assert body["backlog"] == 3  # T3, T4 (reopened) and T6 from the week before
    assert body["as_of"] == "2026-03-06T12:00:00Z"  # the queue is empty: the facts are current
    assert body["filters"] == {"group": [], "channel": [], "agent": [], "organization": []}


def test_without_compare_there_is_no_previous_period(data: Dataset) -> None:
    body = get(data.admin, f"/api/v1/reports/overview?{WEEK}")
    assert body["previous"] is None and body["previous_kpis"] is None and body["changes"] is None
    assert body["kpis"]["created"] == 4


def test_a_supervisor_gets_the_numbers_of_their_groups(data: Dataset) -> None:
    body = get(data.supervisor, f"/api/v1/reports/overview?{WEEK}&compare=previous")
    assert body["filters"]["group"] == [data.support.pk]
    kpis = body["kpis"]
    assert (kpis["created"], kpis["solved"], kpis["reopened"], kpis["replies"], kpis["fcr_rate"]) == (3, 2, 0, 3, 50.0)
    assert body["backlog"] == 1  # T3
    assert body["previous_kpis"]["created"] == 1  # T5; T6 is Billing's
    assert body["changes"]["created"] == 200.0


def test_an_agent_gets_their_own_numbers(data: Dataset) -> None:
    body = get(data.agent, f"/api/v1/reports/overview?{WEEK}")
    assert body["filters"] == {"group": [data.support.pk], "channel": [], "agent": [data.agent.pk], "organization": []}
    kpis = body["kpis"]
    assert (kpis["created"], kpis["solved"], kpis["replies"], kpis["tracked_seconds"], kpis["aht_seconds"], kpis["fcr_rate"]) == (
        2, 2, 3, 1800, 900, 50.0,
    )  # fmt: skip


def test_filters_by_channel_and_organization(data: Dataset) -> None:
    email = get(data.admin, f"/api/v1/reports/overview?{WEEK}&channel=email")["kpis"]
    assert (email["created"], email["solved"]) == (2, 2)  # T1, T4
    acme = get(data.admin, f"/api/v1/reports/overview?{WEEK}&organization={data.acme.pk}")["kpis"]
    assert (acme["created"], acme["solved"], acme["replies"]) == (2, 2, 3)  # T1, T2
    both = get(data.admin, f"/api/v1/reports/overview?{WEEK}&channel=web,phone&group={data.support.pk}")["kpis"]
    assert both["created"] == 2  # T2 (web), T3 (phone)


def test_daily_series_with_backlog_and_the_previous_week(data: Dataset) -> None:
    body = get(data.admin, f"/api/v1/reports/series?{WEEK}&metrics=created,solved,backlog&interval=day&compare=previous")
    assert body["interval"] == "day" and body["metrics"] == ["created", "solved", "backlog"]
    rows = [(p["period"], p["values"]["created"], p["values"]["solved"], p["values"]["backlog"]) for p in body["points"]]
    assert rows == [
        ("2026-03-02", 2, 1, 2),  # T6 carried in; T1, T2 created; T1 solved
        ("2026-03-03", 1, 1, 2),
        ("2026-03-04", 1, 1, 3),  # T4's solve is not final: it was reopened
        ("2026-03-05", 0, 0, 3),
        ("2026-03-06", 0, 0, 3),
        ("2026-03-07", 0, 0, 3),
        ("2026-03-08", 0, 0, 3),
    ]
    previous = [(p["period"], p["values"]["created"], p["values"]["backlog"]) for p in body["previous_points"]]
    assert previous[2:4] == [("2026-02-25", 1, 0), ("2026-02-26", 1, 1)]
    assert len(previous) == 7


def test_weekly_series_of_rates_and_medians(data: Dataset) -> None:
    path = f"/api/v1/reports/series?{WEEK}&metrics=fcr_rate&metrics=frt_wall_median,aht_seconds,backlog&interval=week&compare=previous"
    body = get(data.admin, path)
    assert body["points"] == [
        {"period": "2026-03-02", "values": {"fcr_rate": 33.3, "frt_wall_median": percentile(0.5, 1800, 86400, 600), "aht_seconds": 600,
                                            "backlog": 3}},
    ]  # fmt: skip
    assert body["previous_points"] == [
        {"period": "2026-02-23", "values": {"fcr_rate": 100.0, "frt_wall_median": percentile(0.5, 3600), "aht_seconds": 0, "backlog": 1}},
    ]


def test_monthly_series_keeps_empty_periods(data: Dataset) -> None:
    body = get(data.admin, "/api/v1/reports/series?from=2026-01-15&to=2026-03-31&metrics=created&interval=month")
    assert [(p["period"], p["values"]["created"]) for p in body["points"]] == [("2026-01-01", 0), ("2026-02-01", 2), ("2026-03-01", 4)]


def test_breakdowns_are_sorted_by_created_with_labels(data: Dataset) -> None:
    by_group = get(data.admin, f"/api/v1/reports/breakdown?{WEEK}&by=group")
    assert by_group["by"] == "group"
    assert [(r["key"], r["label"], r["kpis"]["created"], r["kpis"]["solved"]) for r in by_group["rows"]] == [
        (data.support.pk, "Support", 3, 2),
        (data.billing.pk, "Billing", 1, 1),
    ]
    by_channel = get(data.admin, f"/api/v1/reports/breakdown?{WEEK}&by=channel")
    assert [(r["key"], r["label"], r["kpis"]["created"]) for r in by_channel["rows"]] == [
        ("email", "E-mail", 2),
        ("phone", "Phone", 1),
        ("web", "Web form", 1),
    ]
    by_org = get(data.admin, f"/api/v1/reports/breakdown?{WEEK}&by=organization")
    assert [(r["key"], r["label"], r["kpis"]["created"], r["kpis"]["fcr_rate"]) for r in by_org["rows"]] == [
        (data.acme.pk, "Acme", 2, 50.0),
        (0, "No organization", 2, 0.0),
    ]
    by_agent = get(data.supervisor, f"/api/v1/reports/breakdown?{WEEK}&by=agent")
    assert [(r["key"], r["label"], r["kpis"]["created"], r["kpis"]["replies"]) for r in by_agent["rows"]] == [
        (data.agent.pk, "Alex Agent", 2, 3),
        (0, "Unassigned", 1, 0),
    ]
    by_priority = get(data.admin, f"/api/v1/reports/breakdown?{WEEK}&by=priority")
    assert [(r["key"], r["label"], r["kpis"]["created"]) for r in by_priority["rows"]] == [("normal", "Normal", 4)]


def test_agents_table(data: Dataset) -> None:
    rows = get(data.admin, f"/api/v1/reports/agents?{WEEK}")["rows"]
    table = {row["name"]: row for row in rows}
    assert list(table) == ["Ada Admin", "Alex Agent", "Oscar Outsider", "Sue Supervisor"]  # active staff, by name
    assert table["Alex Agent"] == {
        "agent_id": data.agent.pk, "name": "Alex Agent", "open_now": 0, "solved": 2, "replies": 3, "tracked_seconds": 1800,
        "aht_seconds": 900, "fcr_rate": 50.0, "csat": None, "occupancy": None,
    }  # fmt: skip
    assert table["Oscar Outsider"] == {
        "agent_id": data.outsider.pk, "name": "Oscar Outsider", "open_now": 1, "solved": 1, "replies": 1, "tracked_seconds": 0,
        "aht_seconds": 0, "fcr_rate": 0.0, "csat": None, "occupancy": None,
    }  # fmt: skip
    assert table["Ada Admin"]["solved"] == 0 and table["Ada Admin"]["aht_seconds"] is None
    supervised = get(data.supervisor, f"/api/v1/reports/agents?{WEEK}")["rows"]
    assert [row["name"] for row in supervised] == ["Alex Agent", "Sue Supervisor"]  # members of Support
    own = get(data.agent, f"/api/v1/reports/agents?{WEEK}")["rows"]
    assert [row["agent_id"] for row in own] == [data.agent.pk]


def test_open_now_is_live(data: Dataset) -> None:
    Ticket.objects.filter(pk=data.t3.pk).update(owner=data.agent)  # live: no refresh needed
    rows = get(data.supervisor, f"/api/v1/reports/agents?{WEEK}")["rows"]
    assert [(row["name"], row["open_now"]) for row in rows] == [("Alex Agent", 1), ("Sue Supervisor", 0)]


def test_churn_of_customers_and_organizations(data: Dataset) -> None:
    body = get(data.admin, f"/api/v1/reports/churn?{WEEK}")
    # Before: Carla (T5, Acme), Dora (T6, Globex). This week: Carla, Bert (no organization).
    assert body == {
        "customers": {"previous_active": 2, "churned": 1, "rate": 50.0},
        "organizations": {"previous_active": 2, "churned": 1, "rate": 50.0},
    }
    assert get(data.supervisor, f"/api/v1/reports/churn?{WEEK}") == {
        "customers": {"previous_active": 1, "churned": 0, "rate": 0.0},
        "organizations": {"previous_active": 1, "churned": 0, "rate": 0.0},
    }
    empty = get(data.admin, "/api/v1/reports/churn?from=2026-01-01&to=2026-01-07")
    assert empty["customers"] == {"previous_active": 0, "churned": 0, "rate": None}


def test_live_tiles(data: Dataset) -> None:
    now = at(6, 12)
    Ticket.objects.filter(pk=data.t3.pk).update(sla_at_risk=True, sla_due_at=now + timedelta(hours=1))
    Ticket.objects.filter(pk=data.t4.pk).update(sla_due_at=now - timedelta(hours=1))
    Ticket.objects.filter(pk=data.t6.pk).update(sla_due_at=None, sla_paused=True)  # paused: no due time, not breached
    Ticket.objects.filter(pk=data.t1.pk).update(sla_due_at=now - timedelta(hours=1))  # solved: not open
    assert get(data.admin, "/api/v1/reports/live") == {"open": 3, "unassigned": 2, "at_risk": 1, "breached": 1}
    assert get(data.supervisor, "/api/v1/reports/live") == {"open": 1, "unassigned": 1, "at_risk": 1, "breached": 0}
    assert get(data.agent, "/api/v1/reports/live") == {"open": 0, "unassigned": 1, "at_risk": 0, "breached": 0}
    assert get(data.outsider, "/api/v1/reports/live") == {"open": 1, "unassigned": 1, "at_risk": 0, "breached": 1}
    assert get(data.admin, f"/api/v1/reports/live?group={data.billing.pk}&channel=email") == {
        "open": 1, "unassigned": 0, "at_risk": 0, "breached": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("overview?compare=previous", 8),
        ("series?metrics=created,fcr_rate,backlog&compare=previous", 9),
        ("breakdown?by=agent", 5),  # the ranking of the keys by tickets created, then their sums
        ("agents", 7),
        ("churn", 6),
        ("live", 4),
        ("drilldown?measure=created", 5),
        ("overview?compare=previous&format=xlsx", 8),
    ],
)
def test_query_budgets(data: Dataset, path: str, budget: int, django_assert_max_num_queries: Any) -> None:
    """A fixed number of queries whatever the number of tickets, days, groups or agents (the token
    lookup and the group scope included)."""
    client = ApiClient(data.supervisor)
    client.get("/api/v1/reports/live")  # the token's first use is stamped once
    joiner = "&" if "?" in path else "?"
    with django_assert_max_num_queries(budget):
        assert client.get(f"/api/v1/reports/{path}{joiner}{WEEK}").status_code == 200


def test_series_sum_only_the_columns_their_kpis_need(data: Dataset) -> None:
    from supportdesk.reports.metrics import kpis
    from supportdesk.reports.payloads import KPI_INPUTS
    from supportdesk.reports.queries import Bucket, ReportFilter, totals
    from supportdesk.reports.tests.dataset import WEEK_END, WEEK_START

    whole = totals(ReportFilter(start=WEEK_START, end=WEEK_END))
    everything = kpis(whole)
    assert set(KPI_INPUTS) == set(KPI_NAMES)
    for name, (counts, durations) in KPI_INPUTS.items():
        columns = [*counts, *(column for duration in durations for column in whole.sums if column.startswith(f"{duration}_h"))]
        assert kpis(Bucket(sums={column: whole.sums[column] for column in columns}))[name] == everything[name], name


def test_as_of_is_the_oldest_change_still_queued(data: Dataset) -> None:
    from supportdesk.reports.models import FactQueue

    FactQueue.objects.create(kind=FactQueue.Kind.TICKET, object_id=data.t1.pk, enqueued_at=at(6, 11, 59))
    FactQueue.objects.create(kind=FactQueue.Kind.TICKET, object_id=data.t2.pk, enqueued_at=at(6, 11, 58) + timedelta(seconds=30))
    assert get(data.admin, f"/api/v1/reports/overview?{WEEK}")["as_of"] == "2026-03-06T11:58:30Z"
