"""The AI API: insight for staff only (customers and outsiders 404), applying suggestions, settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.ai.apply import load_settings
from supportdesk.ai.models import TicketInsight
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.core.crypto import decrypt_secret
from supportdesk.tickets.models import Ticket, TicketEvent


@pytest.fixture
def insight(ticket: Ticket, other_group: Group) -> TicketInsight:
    return TicketInsight.objects.create(
        ticket=ticket,
        language="en",
        language_confidence=0.97,
        group=other_group,
        group_confidence=0.6,
        priority="high",
        priority_confidence=0.7,
        tags=[["hardware", 0.65], ["noise", 0.1]],
        sentiment=-0.6,
        urgency=0.9,
        cues=["word:fire"],
        model_versions={"group": "v2"},
    )


def test_staff_reads_insight(agent: User, ticket: Ticket, insight: TicketInsight, other_group: Group) -> None:
    response = ApiClient(agent).get(f"/api/v1/tickets/{ticket.pk}/insight")
    assert response.status_code == 200
    body = response.json()
    assert body["triaged"] is True
    assert (body["language"], body["group_id"], body["priority"], body["sentiment"]) == ("en", other_group.pk, "high", -0.6)
    assert body["tags"] == [{"name": "hardware", "confidence": 0.65}, {"name": "noise", "confidence": 0.1}]
    assert body["cues"] == ["word:fire"]


def test_untriaged_ticket(agent: User, ticket: Ticket) -> None:
    response = ApiClient(agent).get(f"/api/v1/tickets/{ticket.pk}/insight")
    assert response.status_code == 200
    assert response.json()["triaged"] is False


def test_customer_and_outsider_get_the_missing_ticket_404(customer: User, outsider: User, ticket: Ticket, insight: TicketInsight) -> None:
    missing = ApiClient(customer).get("/api/v1/tickets/999999999/insight")
    for user in (customer, outsider):
        response = ApiClient(user).get(f"/api/v1/tickets/{ticket.pk}/insight")
        assert response.status_code == 404
        assert response.json()["detail"] == missing.json()["detail"]
        assert "sentiment" not in response.content.decode()
        post = ApiClient(user).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "priority"})
        assert post.status_code == 404
    ticket.refresh_from_db()
    assert ticket.priority == "normal"


def test_apply_suggestion_as_agent(agent: User, ticket: Ticket, insight: TicketInsight) -> None:
    response = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "priority"})
    assert response.status_code == 200, response.content
    assert response.json() == {"changed": ["priority"]}
    ticket.refresh_from_db()
    assert ticket.priority == "high"
    event = TicketEvent.objects.get(ticket=ticket, field="priority")
    assert event.actor == agent
    tags = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "tags"})
    assert tags.json() == {"changed": ["tags:hardware"]}  # "noise" is below the suggest threshold
    assert "accepted:priority" in TicketInsight.objects.get(ticket=ticket).applied


def test_apply_needs_write_and_a_suggestion(reader: User, agent: User, ticket: Ticket, insight: TicketInsight) -> None:
    assert ApiClient(reader).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "priority"}).status_code == 403
    insight.priority_confidence = 0.1
    insight.save()
    assert ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "priority"}).status_code == 422
    assert ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "owner"}).status_code == 422
    extra = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/insight/apply", {"field": "tags", "is_admin": True})
    assert extra.status_code == 422


def test_settings_admin_only(admin: User, agent: User, customer: User) -> None:
    assert ApiClient(agent).get("/api/v1/ai/settings").status_code == 403
    assert ApiClient(customer).put("/api/v1/ai/settings", {"apply_group": True}).status_code == 403
    assert ApiClient(None).get("/api/v1/ai/settings").status_code == 401
    body = ApiClient(admin).get("/api/v1/ai/settings").json()
    assert (body["apply_threshold"], body["llm_enabled"], body["llm_api_key_set"]) == (0.85, False, False)


def test_settings_update(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("supportdesk.core.net_safety.resolve_host", lambda host, port: ["93.184.216.34"])
    api = ApiClient(admin)
    response = api.put(
        "/api/v1/ai/settings",
        {"apply_group": True, "apply_threshold": 0.9, "llm_enabled": True, "llm_base_url": "https://llm.example/v1", "llm_api_key": "sk-1"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["apply_group"], body["apply_threshold"], body["llm_api_key_set"]) == (True, 0.9, True)
    assert "sk-1" not in response.content.decode()
    row = load_settings()
    assert row.llm_api_key != "sk-1" and decrypt_secret(row.llm_api_key) == "sk-1"
    assert api.put("/api/v1/ai/settings", {"apply_tags": True}).json()["llm_api_key_set"] is True  # kept
    assert api.put("/api/v1/ai/settings", {"llm_api_key": ""}).json()["llm_api_key_set"] is False  # cleared


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"apply_threshold": 1.5}, 422, None),
        ({"apply_threshold": 0.3}, 422, "suggest_threshold"),  # below the suggest threshold (0.4)
        ({"llm_base_url": "http://127.0.0.1:11434/v1"}, 422, "llm_base_url"),
        ({"llm_base_url": "http://169.254.169.254/latest"}, 422, "llm_base_url"),
        ({"llm_base_url": "file:///etc/passwd"}, 422, "llm_base_url"),
        ({"llm_base_url": "http://10.0.0.5/v1"}, 422, "llm_base_url"),
        ({"llm_enabled": True}, 422, "llm_base_url"),
        ({"llm_model": "a\r\nX-Injected: 1"}, 422, "llm_model"),
        ({"is_admin": True}, 422, None),
        ({"retrain_days": -1}, 422, None),
    ],
)
def test_settings_bad_inputs(admin: User, body: dict[str, Any], status: int, field: str | None) -> None:
    response = ApiClient(admin).put("/api/v1/ai/settings", body)
    assert response.status_code == status, response.content
    if field:
        assert field in str(response.json())
    row = load_settings()
    assert (row.apply_threshold, row.llm_base_url, row.llm_enabled) == (0.85, "", False)


def test_insight_query_count(agent: User, make_ticket: Callable[..., Ticket], django_assert_max_num_queries: Any) -> None:
    ticket = make_ticket()
    TicketInsight.objects.create(ticket=ticket, language="en")
    api = ApiClient(agent)
    with django_assert_max_num_queries(8):
        assert api.get(f"/api/v1/tickets/{ticket.pk}/insight").status_code == 200
