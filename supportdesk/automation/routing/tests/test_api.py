"""The routing API: rules (admins, supervisors of the group), agent settings, skills, absences,
POST /tickets/{id}/route with dry_run, permissions and problem+json errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supportdesk.accounts.choices import Role
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill, RoutingRule
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_admin_manages_rules_of_a_group(admin, group) -> None:
    api = ApiClient(admin)
    first = api.post(f"/api/v1/routing/groups/{group.pk}/rules", {"name": "Skilled", "filters": [{"filter": "online"}]})
    assert first.status_code == 201, first.content
    second = api.post(f"/api/v1/routing/groups/{group.pk}/rules", {"name": "Anyone", "chooser": "least_loaded"})
    assert [first.json()["position"], second.json()["position"]] == [1, 2]
    order = api.post(f"/api/v1/routing/groups/{group.pk}/rules/order", {"ids": [second.json()["id"], first.json()["id"]]})
    assert [rule["name"] for rule in order.json()] == ["Anyone", "Skilled"]
    patched = api.patch(f"/api/v1/routing/rules/{first.json()['id']}", {"auto_assign": False, "chooser": "sticky"})
    assert (patched.json()["auto_assign"], patched.json()["chooser"]) == (False, "sticky")
    listed = api.get(f"/api/v1/routing/groups/{group.pk}/rules").json()
    assert [rule["name"] for rule in listed] == ["Anyone", "Skilled"]
    assert api.delete(f"/api/v1/routing/rules/{second.json()['id']}").status_code == 204
    assert list(RoutingRule.objects.values_list("name", flat=True)) == ["Skilled"]


def test_bad_filters_and_extra_fields_are_422(admin, group) -> None:
    api = ApiClient(admin)
    bad = api.post(f"/api/v1/routing/groups/{group.pk}/rules", {"name": "x", "filters": [{"filter": "python", "code": "1"}]})
    assert bad.status_code == 422 and bad["Content-Type"].startswith("application/problem+json")
    assert "filters[0]" in str(bad.json())
    extra = api.post(f"/api/v1/routing/groups/{group.pk}/rules", {"name": "x", "group_id": 99})
    assert extra.status_code in (400, 422)
    assert RoutingRule.objects.count() == 0


def test_agents_cannot_manage_rules_and_supervisors_only_their_groups(agent, group, other_group) -> None:
    assert ApiClient(agent).get(f"/api/v1/routing/groups/{group.pk}/rules").status_code == 403
    supervisor = AgentFactory.create(email="sup@support.example", role=Role.SUPERVISOR)
    add_member(group, supervisor)
    api = ApiClient(supervisor)
    assert api.get(f"/api/v1/routing/groups/{group.pk}/rules").status_code == 200
    assert api.get(f"/api/v1/routing/groups/{other_group.pk}/rules").status_code == 404


def test_agent_changes_own_status_not_capacity_or_skills(agent) -> None:
    api = ApiClient(agent)
    response = api.patch(f"/api/v1/routing/agents/{agent.pk}", {"status": "away"})
    assert response.status_code == 200 and response.json()["status"] == "away"
    assert api.patch(f"/api/v1/routing/agents/{agent.pk}", {"max_open_tickets": 99}).status_code == 403
    assert api.put(f"/api/v1/routing/agents/{agent.pk}/skills", {"skills": []}).status_code == 403
    assert AgentRouting.objects.get(user=agent).max_open_tickets == 20


def test_admin_sets_skills_and_capacity_and_outsiders_see_404(admin, agent, outsider) -> None:
    api = ApiClient(admin)
    skills = [{"kind": "language", "value": "DE", "level": 5}, {"kind": "product", "value": "printers", "level": 2}]
    response = api.put(f"/api/v1/routing/agents/{agent.pk}/skills", {"skills": skills})
    assert response.status_code == 200
    assert response.json()["skills"] == [
        {"kind": "language", "value": "de", "level": 5},
        {"kind": "product", "value": "printers", "level": 2},
    ]
    assert (
        api.patch(f"/api/v1/routing/agents/{agent.pk}", {"max_open_tickets": 5, "absence_handling": "delegate"}).json()["max_open_tickets"]
        == 5
    )
    assert api.put(f"/api/v1/routing/agents/{agent.pk}/skills", {"skills": [{"kind": "x", "value": "y"}]}).status_code == 422
    assert AgentSkill.objects.filter(user=agent).count() == 2
    assert ApiClient(outsider).get(f"/api/v1/routing/agents/{agent.pk}").status_code == 404


def test_absences_round_trip(agent, group) -> None:
    delegate = AgentFactory.create(email="del@support.example")
    add_member(group, delegate)
    api = ApiClient(agent)
    now = timezone.now()
    body = {
        "kind": "sick",
        "starts_at": (now + timedelta(days=1)).isoformat(),
        "ends_at": (now + timedelta(days=2)).isoformat(),
        "delegate_id": delegate.pk,
    }
    created = api.post(f"/api/v1/routing/agents/{agent.pk}/absences", body)
    assert created.status_code == 201, created.content
    assert created.json()["delegate_id"] == delegate.pk and created.json()["handed_over_at"] is None
    assert [a["id"] for a in api.get(f"/api/v1/routing/agents/{agent.pk}/absences").json()] == [created.json()["id"]]
    backwards = {**body, "ends_at": (now - timedelta(days=1)).isoformat()}
    assert api.post(f"/api/v1/routing/agents/{agent.pk}/absences", backwards).status_code == 422
    assert api.delete(f"/api/v1/routing/absences/{created.json()['id']}").status_code == 204
    assert Absence.objects.count() == 0


def test_route_endpoint_dry_run_and_for_real(admin, agent, group, make_ticket, reader) -> None:
    RoutingRule.objects.create(group=group, name="Anyone", chooser="least_loaded", auto_assign=False)
    ticket = make_ticket()
    api = ApiClient(agent)
    dry = api.post(f"/api/v1/tickets/{ticket.pk}/route", {"dry_run": True})
    assert dry.status_code == 200, dry.content
    assert dry.json()["outcome"] == "dry_run" and dry.json()["agent_id"] == agent.pk
    assert Ticket.objects.get(pk=ticket.pk).owner_id is None
    assert ApiClient(reader).post(f"/api/v1/tickets/{ticket.pk}/route", {}).status_code == 403
    real = api.post(f"/api/v1/tickets/{ticket.pk}/route", {})
    assert real.json()["outcome"] == "assigned"
    assert TicketEvent.objects.get(ticket=ticket, field="owner").data["rule_name"] == "Anyone"


def test_route_endpoint_hides_other_groups_tickets(outsider, make_ticket) -> None:
    ticket = make_ticket()
    assert ApiClient(outsider).post(f"/api/v1/tickets/{ticket.pk}/route", {"dry_run": True}).status_code == 404
