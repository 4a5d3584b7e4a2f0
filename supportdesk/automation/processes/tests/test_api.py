"""The processes API: template CRUD (admins write, staff read, customers 404), start, complete,
approve, reject, cancel, customer-safe phases, and process_phase on the ticket output."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.automation.processes.models import ProcessTask, ProcessTemplate
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def body(group: Group, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Hardware replacement",
        "description": "Disk swaps",
        "steps": [
            {"key": "check", "name": "Check warranty", "group_id": group.pk, "instructions": "Serial number", "due_minutes": 60},
            {"key": "order", "name": "Order part", "group_id": group.pk, "depends_on": ["check"]},
            {"key": "backup", "name": "Back up data", "group_id": group.pk, "depends_on": ["check"]},
            {"key": "replace", "name": "Replace disk", "group_id": group.pk, "depends_on": ["order", "backup"]},
            {"key": "sign_off", "name": "Sign off", "group_id": group.pk, "depends_on": ["replace"], "is_approval": True},
        ],
    }
    data.update(overrides)
    return data


def test_template_crud_and_permissions(
    api_as: Callable[[User | None], ApiClient], admin: User, agent: User, customer: User, group: Group
) -> None:
    as_admin = api_as(admin)
    response = as_admin.post("/api/v1/process-templates", body(group))
    assert response.status_code == 201, response.content
    created = response.json()
    assert [(s["key"], s["depends_on"], s["position"]) for s in created["steps"]][:2] == [("check", [], 0), ("order", ["check"], 1)]
    assert created["steps"][0]["group"] == {"id": group.pk, "name": "Support"}
    tid = created["id"]

    assert api_as(agent).get(f"/api/v1/process-templates/{tid}").json()["name"] == "Hardware replacement"
    assert api_as(agent).post("/api/v1/process-templates", body(group, name="Other")).status_code == 403
    assert api_as(customer).get("/api/v1/process-templates").status_code == 404
    assert api_as(customer).get(f"/api/v1/process-templates/{tid}").status_code == 404

    cyclic = body(group)["steps"]
    cyclic[0]["depends_on"] = ["sign_off"]
    response = as_admin.patch(f"/api/v1/process-templates/{tid}", {"steps": cyclic})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"] == "The steps depend on each other in a circle: backup -> check -> sign_off -> replace -> backup."
    unknown = [{"key": "a", "name": "A", "group_id": group.pk, "depends_on": ["nope"]}]
    assert as_admin.patch(f"/api/v1/process-templates/{tid}", {"steps": unknown}).status_code == 422
    assert as_admin.patch(f"/api/v1/process-templates/{tid}", {"is_admin": True}).status_code == 422
    assert as_admin.patch(f"/api/v1/process-templates/{tid}", {"is_active": False}).json()["is_active"] is False
    assert [t["id"] for t in api_as(agent).get("/api/v1/process-templates").json()["items"]] == [tid]
    assert as_admin.delete(f"/api/v1/process-templates/{tid}").status_code == 204
    assert as_admin.get(f"/api/v1/process-templates/{tid}").status_code == 404


def test_runs_tasks_and_phases(
    api_as: Callable[[User | None], ApiClient], admin: User, agent: User, reader: User, customer: User, group: Group, ticket: Ticket
) -> None:
    tid = api_as(admin).post("/api/v1/process-templates", body(group)).json()["id"]
    as_agent = api_as(agent)
    assert api_as(reader).post(f"/api/v1/tickets/{ticket.pk}/processes", {"template_id": tid}).status_code == 403
    response = as_agent.post(f"/api/v1/tickets/{ticket.pk}/processes", {"template_id": tid})
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["phase"]["text"] == "Step 1 of 5: Check warranty"
    tasks = {t["key"]: t for t in run["tasks"]}
    assert (tasks["check"]["state"], tasks["check"]["instructions"], tasks["order"]["state"]) == ("open", "Serial number", "waiting")
    assert as_agent.post(f"/api/v1/tickets/{ticket.pk}/processes", {"template_id": tid}).status_code == 409

    mine = as_agent.get("/api/v1/process-tasks").json()["items"]
    assert [(t["name"], t["ticket_id"]) for t in mine] == [("Check warranty", ticket.pk)]
    as_agent.post(f"/api/v1/process-tasks/{tasks['check']['id']}/complete", {"note": "ok"})
    as_agent.post(f"/api/v1/process-tasks/{tasks['order']['id']}/complete", {})
    run = as_agent.post(f"/api/v1/process-tasks/{tasks['backup']['id']}/complete", {}).json()
    assert run["phase"]["text"] == "Step 4 of 5: Replace disk"
    assert as_agent.post(f"/api/v1/process-tasks/{tasks['replace']['id']}/approve", {}).status_code == 422  # not an approval
    as_agent.post(f"/api/v1/process-tasks/{tasks['replace']['id']}/complete", {})
    assert as_agent.post(f"/api/v1/process-tasks/{tasks['sign_off']['id']}/reject", {}).status_code == 422  # note required
    run = as_agent.post(f"/api/v1/process-tasks/{tasks['sign_off']['id']}/reject", {"note": "Wrong model"}).json()
    assert (run["state"], run["note"], run["phase"]["text"]) == ("rejected", "Wrong model", "Rejected")

    # The customer sees names and states only, here and on the ticket.
    as_customer = api_as(customer)
    phases = as_customer.get(f"/api/v1/tickets/{ticket.pk}/processes").json()["items"]
    assert phases[0]["done"] == ["Check warranty", "Order part", "Back up data", "Replace disk"]
    assert "Serial number" not in str(phases) and "Wrong model" not in str(phases) and "ok" not in phases[0]["done"]
    assert as_customer.get(f"/api/v1/process-runs/{run['id']}").status_code == 404
    detail = as_customer.get(f"/api/v1/tickets/{ticket.pk}").json()
    assert detail["process_phase"]["state"] == "rejected"
    assert as_customer.post(f"/api/v1/process-tasks/{tasks['check']['id']}/complete", {}).status_code in (403, 404)


def test_cancel_and_ticket_output(
    api_as: Callable[[User | None], ApiClient], admin: User, agent: User, group: Group, ticket: Ticket
) -> None:
    as_agent = api_as(agent)
    assert as_agent.get(f"/api/v1/tickets/{ticket.pk}").json()["process_phase"] is None
    tid = api_as(admin).post("/api/v1/process-templates", body(group)).json()["id"]
    run_id = as_agent.post(f"/api/v1/tickets/{ticket.pk}/processes", {"template_id": tid}).json()["id"]
    phase = as_agent.get(f"/api/v1/tickets/{ticket.pk}").json()["process_phase"]
    assert (phase["step"], phase["of"], phase["open"], phase["remaining"][:1]) == (1, 5, ["Check warranty"], ["Order part"])
    run = as_agent.post(f"/api/v1/process-runs/{run_id}/cancel", {"note": "dup"}).json()
    assert (run["state"], {t["state"] for t in run["tasks"]}) == ("cancelled", {"skipped"})
    assert as_agent.post(f"/api/v1/process-runs/{run_id}/cancel", {}).status_code == 409
    assert as_agent.post("/api/v1/process-runs/999999/cancel", {}).status_code == 404


def test_template_list_has_a_query_budget(api_as: Callable[[User | None], ApiClient], admin: User, group: Group) -> None:
    as_admin = api_as(admin)
    as_admin.post("/api/v1/process-templates", body(group))
    as_admin.get("/api/v1/process-templates")  # warm the token cache paths
    with CaptureQueriesContext(connection) as few:
        as_admin.get("/api/v1/process-templates")
    for n in range(3):
        as_admin.post("/api/v1/process-templates", body(group, name=f"P{n}"))
    with CaptureQueriesContext(connection) as many:
        assert len(as_admin.get("/api/v1/process-templates").json()["items"]) == 4
    assert len(many) == len(few)
    assert ProcessTask.objects.count() == 0 and ProcessTemplate.objects.count() == 4
