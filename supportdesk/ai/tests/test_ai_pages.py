"""AI pages: the sidebar panel (staff only), its Apply button, and the settings page (admins)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.ai.apply import load_settings
from supportdesk.ai.models import TicketInsight
from supportdesk.tickets.models import Ticket


@pytest.fixture
def insight(ticket: Ticket, other_group: Group) -> TicketInsight:
    return TicketInsight.objects.create(
        ticket=ticket,
        language="de",
        language_confidence=0.93,
        group=other_group,
        group_confidence=0.2,
        priority="urgent",
        priority_confidence=0.75,
        tags=[["<script>alert(1)</script>", 0.9]],
        sentiment=-0.8,
        urgency=0.7,
        cues=["word:<b>unacceptable</b>"],
        applied=["language"],
        model_versions={"priority": "v4"},
    )


def _page(client: Client, user: User, ticket: Ticket) -> str:
    client.force_login(user)
    response = client.get(reverse("ticket", args=[ticket.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_panel_for_agent_with_suggestion_and_escaping(client: Client, agent: User, ticket: Ticket, insight: TicketInsight) -> None:
    html = _page(client, agent, ticket)
    assert 'data-testid="ai-panel"' in html
    assert 'data-field="priority" data-status="suggested"' in html
    assert 'data-field="group" data-status="low"' in html
    assert html.count('data-testid="ai-apply"') == 2  # priority and the tag
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>unacceptable</b>" not in html
    assert "-0.80" in html and "93%" in html


def test_reader_sees_panel_without_apply(client: Client, reader: User, ticket: Ticket, insight: TicketInsight) -> None:
    html = _page(client, reader, ticket)
    assert 'data-testid="ai-panel"' in html
    assert 'data-testid="ai-apply"' not in html


def test_untriaged_ticket_panel(client: Client, agent: User, ticket: Ticket) -> None:
    assert 'data-testid="ai-pending"' in _page(client, agent, ticket)


def test_customer_never_sees_insight(client: Client, customer: User, ticket: Ticket, insight: TicketInsight) -> None:
    customer.email_verified_at = timezone.now()
    customer.save(update_fields=["email_verified_at"])
    client.force_login(customer)
    assert client.get(reverse("ticket", args=[ticket.pk])).status_code in (302, 404)
    portal = client.get(reverse("portal-ticket", args=[ticket.number]))
    assert portal.status_code == 200
    assert 'data-testid="ai-panel"' not in portal.content.decode() and "unacceptable" not in portal.content.decode()
    response = client.post(reverse("ai-apply", args=[ticket.pk]), {"field": "priority"})
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.priority == "normal"


def test_apply_button(client: Client, agent: User, ticket: Ticket, insight: TicketInsight) -> None:
    client.force_login(agent)
    response = client.post(reverse("ai-apply", args=[ticket.pk]), {"field": "priority"})
    assert response.status_code == 303
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    bad = client.post(reverse("ai-apply", args=[ticket.pk]), {"field": "group"}, follow=True)  # 0.2: no suggestion
    assert bad.status_code == 200
    ticket.refresh_from_db()
    assert ticket.group.name == "Support"


def test_apply_button_refused_for_reader(client: Client, reader: User, ticket: Ticket, insight: TicketInsight) -> None:
    client.force_login(reader)
    assert client.post(reverse("ai-apply", args=[ticket.pk]), {"field": "priority"}).status_code == 403


def test_settings_page_access(client: Client, agent: User, admin: User) -> None:
    assert client.get("/settings/ai/").status_code == 302
    client.force_login(agent)
    assert client.get("/settings/ai/").status_code == 403
    client.force_login(admin)
    response = client.get("/settings/ai/")
    assert response.status_code == 200
    assert 'data-testid="ai-settings-form"' in response.content.decode()
    assert "/settings/ai/" in client.get("/settings/").content.decode()


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "triage_enabled": "on",
        "apply_threshold": "0.9",
        "suggest_threshold": "0.5",
        "apply_language": "on",
        "apply_priority": "on",
        "retrain_days": "7",
        "min_examples": "50",
        "llm_base_url": "",
        "llm_model": "",
        "llm_api_key": "",
    }
    data.update(overrides)
    return data


def test_settings_page_saves(client: Client, admin: User) -> None:
    client.force_login(admin)
    response = client.post("/settings/ai/", _form())
    assert response.status_code == 303
    row = load_settings()
    assert (row.apply_threshold, row.suggest_threshold, row.apply_priority, row.apply_group) == (0.9, 0.5, True, False)


@pytest.mark.parametrize(
    "overrides",
    [
        {"suggest_threshold": "0.95"},
        {"apply_threshold": "2"},
        {"llm_enabled": "on"},
        {"llm_base_url": "http://192.168.1.10/v1"},
        {"llm_base_url": "gopher://example.com/"},
    ],
)
def test_settings_page_refuses_bad_values(client: Client, admin: User, overrides: dict[str, object]) -> None:
    client.force_login(admin)
    response = client.post("/settings/ai/", _form(**overrides))
    assert response.status_code == 400
    assert 'class="field-error"' in response.content.decode() or 'class="alert"' in response.content.decode()
    assert load_settings().apply_threshold == 0.85
