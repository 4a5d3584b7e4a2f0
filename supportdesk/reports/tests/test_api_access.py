"""Who may read which report through the API (token and session auth), and bad parameters: every
malformed one is a 422 problem+json naming the parameter, a scope violation a 403, never a 500."""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.testing.factories import AgentFactory, add_member

pytestmark = pytest.mark.django_db

REPORTS = ["overview", "series", "breakdown?by=group", "agents", "churn", "live", "drilldown?measure=created"]
PROBLEM = "application/problem+json"


def url(report: str, extra: str = "") -> str:
    joiner = "&" if "?" in report else "?"
    return f"/api/v1/reports/{report}{joiner + extra if extra else ''}"


@pytest.fixture
def supervisor(group: Group) -> User:
    user = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, user)
    return user


@pytest.mark.parametrize("report", REPORTS)
def test_staff_read_every_report_and_customers_get_403(report: str, admin: User, supervisor: User, agent: User, customer: User) -> None:
    for user in (admin, supervisor, agent):
        response = ApiClient(user).get(url(report))
        assert response.status_code == 200, (user.email, response.content)
        assert response["Content-Type"] == "application/json; charset=utf-8"
    forbidden = ApiClient(customer).get(url(report))
    assert forbidden.status_code == 403
    assert forbidden["Content-Type"] == PROBLEM
    assert forbidden.json()["detail"] == "Reports are for helpdesk staff."
    assert ApiClient(None).get(url(report)).status_code == 401


def test_session_auth_works_too(agent: User) -> None:
    client = Client()
    client.force_login(agent)
    response = client.get("/api/v1/reports/overview?from=2026-03-01&to=2026-03-07")
    assert response.status_code == 200
    assert response.json()["filters"]["agent"] == [agent.pk]


def test_supervisors_are_limited_to_their_groups(supervisor: User, group: Group, other_group: Group) -> None:
    client = ApiClient(supervisor)
    assert client.get(url("overview", f"group={group.pk}")).status_code == 200
    for report in REPORTS:
        response = client.get(url(report, f"group={other_group.pk}"))
        assert response.status_code == 403, report
        assert response.json()["detail"] == "You can only see reports of your own groups."
    assert client.get(url("overview", f"group={group.pk},{other_group.pk}")).status_code == 403


def test_agents_see_only_their_own_numbers(agent: User, reader: User, group: Group, other_group: Group) -> None:
    client = ApiClient(agent)
    assert client.get(url("overview", f"agent={agent.pk}")).json()["filters"]["agent"] == [agent.pk]
    other = client.get(url("overview", f"agent={reader.pk}"))
    assert other.status_code == 403 and other.json()["detail"] == "Agents can only see their own numbers."
    assert client.get(url("agents", f"agent={agent.pk},{reader.pk}")).status_code == 403
    assert client.get(url("live", f"group={other_group.pk}")).status_code == 403


def test_staff_without_groups_get_403(db: None) -> None:
    lonely = AgentFactory.create(email="lonely@support.example")
    response = ApiClient(lonely).get(url("overview"))
    assert response.status_code == 403


def test_admins_may_filter_by_anything(admin: User, other_group: Group, agent: User) -> None:
    response = ApiClient(admin).get(url("overview", f"group={other_group.pk}&agent={agent.pk}&channel=email&organization=5"))
    assert response.status_code == 200
    assert response.json()["filters"] == {"group": [other_group.pk], "channel": ["email"], "agent": [agent.pk], "organization": [5]}


@pytest.mark.parametrize(
    ("report", "params", "field"),
    [
        ("overview", "from=2026-03-09&to=2026-03-01", "to"),  # reversed
        ("overview", "from=2020-01-01&to=2026-03-01", "from"),  # longer than MAX_DAYS
        ("series", "from=2026-13-01", "from"),
        ("churn", "to=yesterday", "to"),
        ("overview", "compare=next", "compare"),
        ("overview", "format=pdf", "format"),
        ("overview", "channel=fax", "channel"),
        ("live", "channel=email,fax", "channel"),
        ("overview", "group=abc", "group"),
        ("agents", "agent=1.5", "agent"),
        ("breakdown?by=group", "organization=-1", "organization"),
        ("overview", "group=99999999999999999999", "group"),
        ("overview", "group=" + ",".join(str(n) for n in range(1, 102)), "group"),
        ("series", "metrics=created,bogus", "metrics"),
        ("series", "interval=year", "interval"),
        ("breakdown", "", "by"),
        ("breakdown", "by=colour", "by"),
        ("drilldown", "", "measure"),
        ("drilldown?measure=bogus", "", "measure"),
        ("drilldown?measure=created", "by=group&key=abc", "key"),
        ("drilldown?measure=created", "by=group", "key"),
        ("drilldown?measure=created", "key=3", "by"),
        ("drilldown?measure=created", "period=2026-02-30", "period"),
        ("drilldown?measure=created", "limit=0", "limit"),
        ("drilldown?measure=created", "limit=201", "limit"),
        ("drilldown?measure=created", "cursor=%%%", "cursor"),
        ("drilldown?measure=created", "cursor=" + base64.urlsafe_b64encode(json.dumps(["x"]).encode()).decode(), "cursor"),
        ("drilldown?measure=created", "cursor=" + base64.urlsafe_b64encode(json.dumps([2**70]).encode()).decode(), "cursor"),
        ("drilldown?measure=created", "cursor=" + "a" * 1001, "cursor"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(admin: User, report: str, params: str, field: str) -> None:
    response = ApiClient(admin).get(url(report, params))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 422
    assert field in body["errors"], body


def test_the_default_range_is_the_last_30_days(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    body = ApiClient(admin).get(url("overview")).json()
    assert (body["from"], body["to"]) == ("2026-03-02", "2026-03-31")
    only_to = ApiClient(admin).get(url("overview", "to=2026-02-28")).json()
    assert (only_to["from"], only_to["to"]) == ("2026-01-30", "2026-02-28")
