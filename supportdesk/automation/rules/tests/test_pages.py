"""Admin pages and the agent's macro buttons."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.automation.rules import manage
from supportdesk.automation.rules.models import Scheduler, Trigger
from supportdesk.tickets.models import Ticket


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_trigger_pages_create_dry_run_and_show_path_errors(admin: User, make_ticket: Callable[..., Ticket]) -> None:
    client = _client(admin)
    hot = make_ticket(priority="urgent")
    assert client.get("/settings/triggers/").status_code == 200
    form = {
        "name": "Urgent tag",
        "events": ["ticket.created"],
        "conditions": json.dumps({"all": [{"field": "priority", "op": "is", "value": "urgent"}]}),
        "actions": json.dumps([{"action": "add_tag", "value": "hot"}]),
        "is_active": "on",
    }
    dry = client.post("/settings/triggers/new/", {**form, "dry_run": "1"})
    assert dry.status_code == 200
    assert hot.display_number in dry.content.decode()
    assert not Trigger.objects.exists()
    bad = client.post(
        "/settings/triggers/new/", {**form, "conditions": json.dumps({"all": [{"field": "priority", "op": "is", "value": "x"}]})}
    )
    assert "conditions.all[0].value" in bad.content.decode()
    created = client.post("/settings/triggers/new/", form)
    assert created.status_code == 303
    trigger = Trigger.objects.get()
    assert (trigger.name, trigger.events, trigger.actions) == ("Urgent tag", ["ticket.created"], [{"action": "add_tag", "value": "hot"}])
    assert client.get(f"/settings/triggers/{trigger.pk}/").status_code == 200


@pytest.mark.django_db
def test_scheduler_and_macro_pages(admin: User) -> None:
    client = _client(admin)
    response = client.post(
        "/settings/schedulers/new/",
        {
            "name": "Close solved",
            "conditions": json.dumps({"all": [{"field": "state", "op": "is", "value": "solved"}]}),
            "actions": json.dumps([{"action": "set_field", "field": "state", "value": "closed"}]),
            "every_minutes": "30",
            "max_per_run": "50",
            "is_active": "on",
        },
    )
    assert response.status_code == 303
    scheduler = Scheduler.objects.get()
    assert (scheduler.every_minutes, scheduler.max_per_run) == (30, 50)
    assert client.get(f"/settings/schedulers/{scheduler.pk}/").status_code == 200
    assert (
        client.post(
            "/settings/macros/new/", {"name": "Tag", "actions": json.dumps([{"action": "add_tag", "value": "m"}]), "position": "0"}
        ).status_code
        == 303
    )
    assert client.get("/settings/macros/").status_code == 200


@pytest.mark.django_db
def test_agents_get_403_on_admin_pages(agent: User) -> None:
    assert _client(agent).get("/settings/triggers/").status_code == 403


@pytest.mark.django_db
def test_macro_menu_on_the_ticket_and_in_bulk(admin: User, agent: User, make_ticket: Callable[..., Ticket]) -> None:
    macro = manage.create_macro(admin, {"name": "Mark billing", "actions": [{"action": "add_tag", "value": "billing"}]})
    ticket = make_ticket()
    client = _client(agent)
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="macro-menu"' in page and "Mark billing" in page
    assert client.post(f"/tickets/{ticket.pk}/macro/", {"macro": macro.pk}).status_code == 303
    assert list(ticket.tags.values_list("name", flat=True)) == ["billing"]
    other = make_ticket()
    assert "Apply macro" in client.get("/").content.decode() or "Apply macro" in client.get("/inbox/").content.decode()
    response = client.post("/inbox/macro/", {"macro": macro.pk, "ticket_ids": [other.pk], "next": "https://evil.example/"})
    assert response.status_code == 303 and "evil" not in response["Location"]
    assert list(other.tags.values_list("name", flat=True)) == ["billing"]
