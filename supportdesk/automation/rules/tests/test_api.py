"""The rules API: CRUD with path-named errors, dry run, logs, macros on one ticket and in bulk."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.tickets.models import Ticket

TRIGGER = {
    "name": "VIP",
    "events": ["ticket.created"],
    "conditions": {"all": [{"field": "priority", "op": "is", "value": "urgent"}]},
    "actions": [{"action": "add_tag", "value": "vip"}],
}


@pytest.mark.django_db
def test_trigger_crud_and_dry_run(admin: User, make_ticket: Callable[..., Ticket]) -> None:
    api = ApiClient(admin)
    hot = make_ticket(priority="urgent")
    created = api.post("/api/v1/triggers", TRIGGER)
    assert created.status_code == 201, created.content
    trigger_id = created.json()["id"]
    assert api.get("/api/v1/triggers").json()["items"][0]["name"] == "VIP"
    changed = api.patch(f"/api/v1/triggers/{trigger_id}", {"stop_processing": True})
    assert changed.json()["stop_processing"] is True
    dry = api.get(f"/api/v1/triggers/{trigger_id}/dry-run").json()
    assert dry == {
        "count": 1,
        "tickets": [{"id": hot.pk, "number": hot.display_number, "subject": hot.subject, "would": ["would add tag vip"]}],
        "ignored": [],
    }
    bad = api.post("/api/v1/triggers", {**TRIGGER, "conditions": {"all": [{"field": "priority", "op": "is", "value": "hot"}]}})
    assert bad.status_code == 422
    assert "conditions.all[0].value" in bad.content.decode()
    bad_action = api.post("/api/v1/triggers", {**TRIGGER, "actions": [{"action": "set_field", "field": "nope"}]})
    assert bad_action.status_code == 422
    assert "actions[0].field" in bad_action.content.decode()
    assert api.get(f"/api/v1/triggers/{trigger_id}/firings").json() == {"items": [], "next_cursor": None}
    assert api.delete(f"/api/v1/triggers/{trigger_id}").status_code == 204
    assert api.get(f"/api/v1/triggers/{trigger_id}").status_code == 404


@pytest.mark.django_db
def test_agents_cannot_manage_rules(agent: User) -> None:
    api = ApiClient(agent)
    assert api.post("/api/v1/triggers", TRIGGER).status_code == 403
    assert api.get("/api/v1/schedulers").status_code == 403


@pytest.mark.django_db
def test_scheduler_crud_and_runs(admin: User) -> None:
    api = ApiClient(admin)
    created = api.post(
        "/api/v1/schedulers",
        {
            "name": "Close solved",
            "conditions": {"all": [{"field": "state", "op": "is", "value": "solved"}]},
            "actions": [{"action": "set_field", "field": "state", "value": "closed"}],
            "every_minutes": 30,
        },
    )
    assert created.status_code == 201, created.content
    scheduler_id = created.json()["id"]
    assert api.patch(f"/api/v1/schedulers/{scheduler_id}", {"max_per_run": 5}).json()["max_per_run"] == 5
    assert api.get(f"/api/v1/schedulers/{scheduler_id}/runs").json()["items"] == []


@pytest.mark.django_db
def test_macros_over_the_api(admin: User, agent: User, ticket: Ticket, make_ticket: Callable[..., Ticket]) -> None:
    created = ApiClient(admin).post(
        "/api/v1/macros", {"name": "Escalate", "actions": [{"action": "set_field", "field": "priority", "value": "urgent"}]}
    )
    assert created.status_code == 201, created.content
    macro_id = created.json()["id"]
    api = ApiClient(agent)
    assert [m["id"] for m in api.get(f"/api/v1/tickets/{ticket.pk}/macros").json()] == [macro_id]
    applied = api.post(f"/api/v1/tickets/{ticket.pk}/macros/{macro_id}")
    assert applied.status_code == 200, applied.content
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    other = make_ticket()
    bulk = api.post(f"/api/v1/macros/{macro_id}/apply", {"ticket_ids": [other.pk, 424242]})
    assert bulk.json() == {"applied": [other.pk], "failed": {"424242": "Ticket not found."}}
    assert api.post("/api/v1/macros", {"name": "x", "actions": [{"action": "add_tag", "value": "x"}]}).status_code == 403
