"""The SLA policies API and a ticket's SLA record: staff read, admins write, problem+json errors,
ordering, customers see nothing, and the ticket output carries the due fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla import policies
from supportdesk.sla.models import SlaPolicy
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
FRIDAY_1630_BUDAPEST = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_recompute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("supportdesk.sla.recompute.schedule_recompute", lambda reason: None)
    monkeypatch.setattr(policies, "resolve_host", lambda host, port: ["93.184.216.34"])


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Gold customers",
        "conditions": [
            {"field": "organization_tier", "op": "is", "value": "gold"},
            {"field": "priority", "op": "in", "value": ["high", "urgent"]},
        ],
        "targets": {"*": {"first_response": 60, "resolution": 960}, "urgent": {"first_response": 15}},
        "pause_states": ["on_hold"],
        "warnings": [
            {"percent": 75, "audience": ["owner"]},
            {"minutes_before": 10, "audience": ["group_supervisors"], "channels": ["email"]},
        ],
        "escalations": [
            {
                "after_minutes": 0,
                "actions": [{"action": "notify", "audience": ["owner_manager"]}, {"action": "set_priority", "value": "urgent"}],
            }
        ],
        "webhook_url": "https://hooks.example.com/sla",
    }
    data.update(overrides)
    return data


@pytest.fixture
def as_admin(admin: User) -> ApiClient:
    return ApiClient(admin)


@pytest.fixture
def created(as_admin: ApiClient) -> dict[str, Any]:
    response = as_admin.post("/api/v1/sla-policies", body())
    assert response.status_code == 201, response.content
    return response.json()


def test_create_returns_the_policy_in_the_same_shapes(created: dict[str, Any]) -> None:
    assert {k: v for k, v in created.items() if k not in {"id", "created_at", "updated_at"}} == {
        "name": "Gold customers",
        "position": 0,
        "is_active": True,
        "calendar": None,
        "manager": None,
        "webhook_url": "https://hooks.example.com/sla",
        "conditions": body()["conditions"],
        "targets": body()["targets"],
        "pause_states": ["on_hold"],
        "warnings": [
            {"percent": 75, "minutes_before": None, "audience": ["owner"], "channels": ["in_app"]},
            {"percent": None, "minutes_before": 10, "audience": ["group_supervisors"], "channels": ["email"]},
        ],
        "escalations": [
            {
                "after_minutes": 0,
                "actions": [
                    {"action": "notify", "value": None, "audience": ["owner_manager"], "channels": ["in_app"]},
                    {"action": "set_priority", "value": "urgent", "audience": None, "channels": None},
                ],
            }
        ],
    }
    stored = SlaPolicy.objects.get()
    assert stored.warnings[0] == {"percent": 75, "audience": ["owner"], "channels": ["in_app"]}
    assert stored.escalations[0]["actions"][1] == {"action": "set_priority", "value": "urgent"}


def test_staff_read_customers_get_404_anonymous_401(created: dict[str, Any], agent: User, customer: User) -> None:
    url = f"/api/v1/sla-policies/{created['id']}"
    as_agent = ApiClient(agent)
    assert as_agent.get(url).json()["name"] == "Gold customers"
    assert [p["id"] for p in as_agent.get("/api/v1/sla-policies").json()["items"]] == [created["id"]]
    as_customer = ApiClient(customer)
    for response in (
        as_customer.get(url),
        as_customer.get("/api/v1/sla-policies"),
        as_customer.post("/api/v1/sla-policies", body(name="X")),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    assert as_customer.post("/api/v1/sla-policies/order", {"ids": [created["id"]]}).status_code == 404
    anonymous = ApiClient(None)
    assert anonymous.get("/api/v1/sla-policies").status_code == 401
    assert anonymous.get(url).status_code == 401


def test_agents_cannot_write(created: dict[str, Any], agent: User) -> None:
    as_agent = ApiClient(agent)
    url = f"/api/v1/sla-policies/{created['id']}"
    for response in (
        as_agent.post("/api/v1/sla-policies", body(name="Other")),
        as_agent.patch(url, {"name": "Mine"}),
        as_agent.delete(url),
        as_agent.post("/api/v1/sla-policies/order", {"ids": [created["id"]]}),
    ):
        assert response.status_code == 403
        assert response["Content-Type"] == PROBLEM
    assert SlaPolicy.objects.get().name == "Gold customers"


def test_missing_policy_is_404(as_admin: ApiClient) -> None:
    assert as_admin.get("/api/v1/sla-policies/999").status_code == 404
    assert as_admin.patch("/api/v1/sla-policies/999", {"name": "X"}).status_code == 404
    assert as_admin.delete("/api/v1/sla-policies/999").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"targets": {"*": {"first_reply": 5}}}, "targets.*.first_reply"),  # schema: unknown metric
        ({"warnings": [{"percent": 0, "audience": ["owner"]}]}, "warnings.0.percent"),
        ({"escalations": [{"actions": [{"action": "explode"}]}]}, "escalations.0.actions.0"),
        ({"is_admin": True}, "is_admin"),  # mass assignment refused
        ({"name": "a\nb"}, "name"),
    ],
)
def test_schema_errors_are_422_problems(as_admin: ApiClient, overrides: dict[str, Any], field: str) -> None:
    response = as_admin.post("/api/v1/sla-policies", body(**overrides))
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert any(key.startswith(field) for key in response.json()["errors"]), response.json()


def test_rule_errors_name_the_field_path(as_admin: ApiClient, group: Group) -> None:
    payload = body(
        conditions=[{"field": "group", "op": "is", "value": 999}],
        targets={"someday": {"resolution": 60}},
        escalations=[{"after_minutes": 0, "actions": [{"action": "move_to_group", "value": 998}]}],
        webhook_url="http://169.254.169.254/latest",
    )
    response = as_admin.post("/api/v1/sla-policies", payload)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "targets.someday": "Unknown priority.",
        "webhook_url": "Webhooks cannot go to loopback, private, link-local or reserved addresses (169.254.169.254).",
    }
    # Database checks run once the rules parse.
    response = as_admin.post("/api/v1/sla-policies", {**payload, "targets": {"*": {"resolution": 60}}, "webhook_url": ""})
    assert response.json()["errors"] == {
        "conditions[0].value": "No such group: 999.",
        "escalations[0].actions[0].value": "No such group: 998.",
    }


def test_duplicate_name_is_409(as_admin: ApiClient, created: dict[str, Any]) -> None:
    response = as_admin.post("/api/v1/sla-policies", body())
    assert response.status_code == 409
    assert response.json()["errors"] == {"name": "Already in use."}


def test_patch_changes_only_what_is_sent(as_admin: ApiClient, created: dict[str, Any], admin: User) -> None:
    calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    url = f"/api/v1/sla-policies/{created['id']}"
    response = as_admin.patch(url, {"calendar_id": calendar.pk, "manager_id": admin.pk, "warnings": []})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["calendar"] == {"id": calendar.pk, "name": "Office"}
    assert data["manager"] == {"id": admin.pk, "name": "Ada Admin"}
    assert data["warnings"] == [] and data["targets"] == created["targets"] and data["name"] == created["name"]
    data = as_admin.patch(url, {"calendar_id": None, "pause_states": None}).json()
    assert data["calendar"] is None and data["manager"] is not None
    assert data["pause_states"] == ["pending_reminder", "pending_close", "on_hold"]  # null: the default


def test_order_and_list(as_admin: ApiClient, created: dict[str, Any]) -> None:
    second = as_admin.post("/api/v1/sla-policies", body(name="Standard", conditions=[])).json()
    third = as_admin.post("/api/v1/sla-policies", body(name="Fallback", conditions=[])).json()
    assert (second["position"], third["position"]) == (1, 2)
    order = [third["id"], created["id"], second["id"]]
    response = as_admin.post("/api/v1/sla-policies/order", {"ids": order})
    assert response.status_code == 200, response.content
    assert response.json() == {"ids": order}
    page = as_admin.get("/api/v1/sla-policies", {"limit": 2}).json()
    assert [p["name"] for p in page["items"]] == ["Fallback", "Gold customers"]
    rest = as_admin.get("/api/v1/sla-policies", {"cursor": page["next_cursor"]}).json()
    assert [p["name"] for p in rest["items"]] == ["Standard"] and rest["next_cursor"] is None
    stale = as_admin.post("/api/v1/sla-policies/order", {"ids": order[:2]})
    assert stale.status_code == 422 and list(stale.json()["errors"]) == ["ids"]
    assert as_admin.post("/api/v1/sla-policies/order", {"ids": ["x"]}).status_code == 422


def test_list_has_a_query_budget(as_admin: ApiClient, created: dict[str, Any], admin: User) -> None:
    calendar = calendar_actions.create_calendar(admin, {"name": "Office", "week": {0: ((480, 1020),)}})
    for n in range(5):
        as_admin.post("/api/v1/sla-policies", body(name=f"P{n}", calendar_id=calendar.pk, manager_id=admin.pk))
    with CaptureQueriesContext(connection) as queries:
        response = as_admin.get("/api/v1/sla-policies")
    assert len(response.json()["items"]) == 6
    with CaptureQueriesContext(connection) as fewer:
        as_admin.get("/api/v1/sla-policies", {"limit": 1})
    assert len(queries) == len(fewer)  # no query per policy


def test_delete(as_admin: ApiClient, created: dict[str, Any]) -> None:
    assert as_admin.delete(f"/api/v1/sla-policies/{created['id']}").status_code == 204
    assert not SlaPolicy.objects.exists()


@pytest.fixture
def budapest_policy(admin: User) -> SlaPolicy:
    calendar = calendar_actions.create_calendar(
        admin,
        {
            "name": "Budapest office",
            "time_zone": "Europe/Budapest",
            "holiday_country": "HU",
            "week": dict.fromkeys(range(5), ((480, 1020),)),
        },
    )
    return policies.create_policy(
        admin, {"name": "Standard", "calendar_id": calendar.pk, "targets": {"*": {"first_response": 240, "resolution": 1080}}}
    )


def test_ticket_sla_record(
    monkeypatch: pytest.MonkeyPatch,
    budapest_policy: SlaPolicy,
    make_ticket: Callable[..., Ticket],
    agent: User,
    customer: User,
    outsider: User,
) -> None:
    now = {"at": FRIDAY_1630_BUDAPEST}
    monkeypatch.setattr(timezone, "now", lambda: now["at"])
    ticket = make_ticket()
    now["at"] = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 Budapest
    add_article(agent, ticket, body_text="On it.")
    as_agent = ApiClient(agent)
    response = as_agent.get(f"/api/v1/tickets/{ticket.pk}/sla")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["policy"] == {"id": budapest_policy.pk, "name": "Standard"}
    assert data["first_response_due_at"] is None  # met
    assert data["sla_due_at"] == data["resolution_due_at"] is not None
    assert (data["sla_paused"], data["sla_at_risk"], data["sla_risk"]) == (False, False, {})
    first, resolution = data["clocks"]
    assert first == {
        "metric": "first_response",
        "cycle": 1,
        "target_seconds": 14400,
        "started_at": "2026-11-20T15:30:00Z",
        "due_at": None,  # only running clocks have one
        "paused": False,
        "paused_seconds": 0,
        "outcome": "met",
        "business_seconds": 9000,  # Friday 16:30-17:00 and Monday 08:00-10:00
        "wall_seconds": 235800,
        "breached_at": None,
    }
    assert (resolution["metric"], resolution["outcome"], resolution["target_seconds"]) == ("resolution", "", 64800)

    # The ticket itself carries the due fields.
    detail = as_agent.get(f"/api/v1/tickets/{ticket.pk}").json()
    assert detail["sla_policy_id"] == budapest_policy.pk
    assert detail["first_response_due_at"] is None and detail["resolution_due_at"] == data["resolution_due_at"]
    assert (detail["sla_paused"], detail["sla_at_risk"]) == (False, False)
    listed = as_agent.get("/api/v1/tickets").json()["items"][0]
    assert listed["sla_due_at"] == data["sla_due_at"]

    # Customers (even this ticket's own) and agents without access get 404.
    for user in (customer, outsider):
        response = ApiClient(user).get(f"/api/v1/tickets/{ticket.pk}/sla")
        assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert as_agent.get("/api/v1/tickets/999999/sla").status_code == 404


def test_ticket_without_policy_has_an_empty_record(make_ticket: Callable[..., Ticket], agent: User) -> None:
    ticket = make_ticket()
    data = ApiClient(agent).get(f"/api/v1/tickets/{ticket.pk}/sla").json()
    assert data == {
        "policy": None,
        "first_response_due_at": None,
        "next_response_due_at": None,
        "resolution_due_at": None,
        "sla_due_at": None,
        "sla_paused": False,
        "sla_at_risk": False,
        "sla_risk": {},
        "clocks": [],
    }
