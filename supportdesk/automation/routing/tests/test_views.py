"""The routing pages: rules with a preview for admins, the agent's own page with an absence, the status switch."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from supportdesk.automation.routing.models import Absence, AgentRouting, RoutingRule
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_admin_adds_a_rule_and_previews_a_ticket(admin, agent, group, make_ticket) -> None:
    client = Client()
    client.force_login(admin)
    url = f"/settings/routing/groups/{group.pk}/"
    response = client.post(
        url,
        {
            "name": "Online first",
            "plain": ["online", "under_capacity"],
            "chooser": "least_loaded",
            "fallback_chooser": "least_loaded",
            "auto_assign": "on",
        },
    )
    assert response.status_code == 303
    rule = RoutingRule.objects.get()
    assert rule.filters == [{"filter": "online"}, {"filter": "under_capacity"}]
    ticket = make_ticket()
    page = client.get(url, {"ticket": ticket.pk})
    assert page.status_code == 200
    assert f"would go to {agent.email}" in page.content.decode()
    assert Ticket.objects.get(pk=ticket.pk).owner_id is None


def test_agents_get_403_on_rules_and_set_their_status_and_absence(agent, group, make_ticket, django_capture_on_commit_callbacks) -> None:
    client = Client()
    client.force_login(agent)
    assert client.get(f"/settings/routing/groups/{group.pk}/").status_code == 403
    response = client.post("/routing/status/", {"status": "away", "next": "/inbox/"})
    assert response.status_code == 303 and response["Location"] == "/inbox/"
    assert AgentRouting.objects.get(user=agent).status == "away"
    assert 'value="away" class="btn btn--small active"' in client.get("/inbox/").content.decode()
    ticket = make_ticket()
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    now = timezone.localtime()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/routing/agents/{agent.pk}/",
            {
                "form": "absence",
                "kind": "sick",
                "starts_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            },
        )
    assert response.status_code == 303
    assert Absence.objects.get(user=agent).kind == "sick"
    ticket.refresh_from_db()
    assert ticket.owner_id is None  # no rules and no delegate: back to the backlog, with the reason
    assert TicketEvent.objects.filter(ticket=ticket, field="owner").latest("id").data["handover"] == "unassigned"
