"""The LLM API: draft and summary for staff (404 for customers and other groups), problem+json
errors (409 off, 429 too many, 503 model failures with Retry-After), and the admins' connection test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.ai.llm import actions
from supportdesk.ai.llm.testing import FakeLlm, configure
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.kb.tests.kbpub_factories import make_article, make_category
from supportdesk.tickets.models import Ticket, TicketEvent


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeLlm]:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 5
    with FakeLlm(reply="Hello Carla, unplug it.") as server:
        yield server


@pytest.fixture
def enabled(admin: User, fake: FakeLlm) -> FakeLlm:
    configure(admin, fake)
    return fake


def _problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["errors"]["llm"] == kind
    return body


def test_draft(enabled: FakeLlm, ticket: Ticket, agent: User) -> None:
    cat = make_category("printers", names={"en": "Printers"})
    article = make_article(cat, {"en": ("Printer on fire", "Unplug it and leave the room.")})
    response = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/draft")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["text"] == "Hello Carla, unplug it."
    assert (body["model"], body["truncated"]) == ("fake-model", False)
    [source] = body["sources"]
    assert (source["article_id"], source["title"], source["language"], source["internal"]) == (article.pk, "Printer on fire", "en", False)
    assert source["url"].startswith("http://127.0.0.1:8000/help/en/a/")
    assert TicketEvent.objects.filter(ticket=ticket, kind="llm", actor=agent).count() == 1


def test_summary(enabled: FakeLlm, ticket: Ticket, reader: User) -> None:
    enabled.reply = "- A printer burns"
    response = ApiClient(reader).post(f"/api/v1/tickets/{ticket.pk}/ai/summary")
    assert response.status_code == 200, response.content
    assert response.json() == {"text": "- A printer burns", "model": "fake-model", "truncated": False}


def test_customers_and_outsiders_get_the_missing_ticket_404(enabled: FakeLlm, ticket: Ticket, customer: User, outsider: User) -> None:
    missing = ApiClient(customer).post("/api/v1/tickets/999999999/ai/summary")
    assert missing.status_code == 404
    for user in (customer, outsider):
        for path in ("draft", "summary"):
            response = ApiClient(user).post(f"/api/v1/tickets/{ticket.pk}/ai/{path}")
            assert response.status_code == 404
            assert response.json()["detail"] == missing.json()["detail"]
    assert enabled.requests == []
    assert ApiClient(None).post(f"/api/v1/tickets/{ticket.pk}/ai/draft").status_code == 401


def test_read_only_agent_cannot_draft(enabled: FakeLlm, ticket: Ticket, reader: User) -> None:
    assert ApiClient(reader).post(f"/api/v1/tickets/{ticket.pk}/ai/draft").status_code == 403
    assert enabled.requests == []


def test_switched_off_is_409_and_nothing_is_sent(admin: User, fake: FakeLlm, ticket: Ticket, agent: User) -> None:
    configure(admin, fake, enabled=False)
    body = _problem(ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/draft"), 409, "disabled")
    assert "switched off" in body["detail"]
    assert fake.requests == []


def test_model_failures_are_503_with_retry_after(enabled: FakeLlm, ticket: Ticket, agent: User) -> None:
    enabled.status = 429
    enabled.headers = {"Retry-After": "42"}
    enabled.body = b'{"error": {"message": "slow down"}}'
    response = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/summary")
    body = _problem(response, 503, "rate_limited")
    assert response["Retry-After"] == "42"
    assert "upstream" not in body["errors"]  # the server's own words are for admins testing
    enabled.status, enabled.headers, enabled.body = 200, {}, b"not json"
    _problem(ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/summary"), 503, "bad_response")


def test_timeout_is_503(enabled: FakeLlm, ticket: Ticket, agent: User, settings: Any) -> None:
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 0.3
    enabled.delay = 1.5
    _problem(ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/draft"), 503, "timeout")


def test_agent_rate_limit_is_429(enabled: FakeLlm, ticket: Ticket, agent: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions, "RATE_LIMIT", 1)
    client = ApiClient(agent)
    assert client.post(f"/api/v1/tickets/{ticket.pk}/ai/summary").status_code == 200
    _problem(client.post(f"/api/v1/tickets/{ticket.pk}/ai/summary"), 429, "too_many")
    assert len(enabled.requests) == 1


def test_connection_test_for_admins(admin: User, agent: User, fake: FakeLlm) -> None:
    configure(admin, fake, enabled=False)
    fake.reply = "OK"
    response = ApiClient(admin).post("/api/v1/ai/llm/test")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["ok"], body["model"], body["reply"]) == (True, "fake-model", "OK")
    assert ApiClient(agent).post("/api/v1/ai/llm/test").status_code == 403
    fake.status = 401
    fake.body = b'{"error": {"message": "Invalid key sk-test-secret"}}'
    failed = _problem(ApiClient(admin).post("/api/v1/ai/llm/test"), 503, "auth")
    assert failed["errors"]["upstream"] == "Invalid key ***"


def test_connection_test_without_endpoint_is_409(admin: User) -> None:
    _problem(ApiClient(admin).post("/api/v1/ai/llm/test"), 409, "not_configured")


def test_extra_body_is_ignored_not_assigned(enabled: FakeLlm, ticket: Ticket, agent: User) -> None:
    """The operations take no body; a client cannot smuggle a model, URL or prompt in."""
    response = ApiClient(agent).post(f"/api/v1/tickets/{ticket.pk}/ai/draft", {"model": "gpt-4", "base_url": "http://169.254.169.254/"})
    assert response.status_code == 200
    assert enabled.requests[0].body["model"] == "fake-model"
