"""LLM pages: the sidebar panel (staff, only when switched on), its htmx partials and inline errors,
the history sentence, and "Test connection" on the AI settings page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from supportdesk.accounts.models import User
from supportdesk.ai.llm.testing import FakeLlm, configure
from supportdesk.tickets.models import Ticket

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeLlm]:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 5
    with FakeLlm(reply='Hello <script>alert("x")</script> Carla') as server:
        yield server


@pytest.fixture
def enabled(admin: User, fake: FakeLlm) -> FakeLlm:
    configure(admin, fake)
    return fake


def _ticket_page(client: Client, user: User, ticket: Ticket) -> str:
    client.force_login(user)
    response = client.get(reverse("ticket", args=[ticket.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_no_panel_while_switched_off(client: Client, admin: User, fake: FakeLlm, agent: User, ticket: Ticket) -> None:
    configure(admin, fake, enabled=False)
    html = _ticket_page(client, agent, ticket)
    assert 'data-testid="llm-panel"' not in html
    assert "ai-llm.js" not in html
    assert fake.requests == []


def test_panel_for_agents_only_buttons_nothing_asked_on_load(client: Client, enabled: FakeLlm, agent: User, ticket: Ticket) -> None:
    html = _ticket_page(client, agent, ticket)
    assert 'data-testid="llm-panel"' in html
    assert f'hx-post="{reverse("ai-llm-draft", args=[ticket.pk])}"' in html
    assert f'hx-post="{reverse("ai-llm-summary", args=[ticket.pk])}"' in html
    assert 'id="llm-result" hx-preserve' in html
    assert enabled.requests == []  # the page load asks nothing


def test_reader_gets_summarise_only(client: Client, enabled: FakeLlm, reader: User, ticket: Ticket) -> None:
    html = _ticket_page(client, reader, ticket)
    assert 'data-testid="llm-summary"' in html
    assert 'data-testid="llm-draft"' not in html


def test_draft_partial_escapes_and_offers_insert(client: Client, enabled: FakeLlm, agent: User, ticket: Ticket) -> None:
    client.force_login(agent)
    response = client.post(reverse("ai-llm-draft", args=[ticket.pk]), **HTMX)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert 'data-testid="llm-insert"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "No knowledge base article matched" in html


def test_summary_partial(client: Client, enabled: FakeLlm, agent: User, ticket: Ticket) -> None:
    enabled.reply = "- One\n- Two <b>bold</b>"
    client.force_login(agent)
    response = client.post(reverse("ai-llm-summary", args=[ticket.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "- One<br>- Two &lt;b&gt;bold&lt;/b&gt;" in html


def test_errors_are_inline_partials_not_500(client: Client, enabled: FakeLlm, agent: User, ticket: Ticket) -> None:
    enabled.status = 500
    client.force_login(agent)
    response = client.post(reverse("ai-llm-draft", args=[ticket.pk]), **HTMX)
    assert response.status_code == 503
    assert response["X-Llm-Error"] == "server"
    html = response.content.decode()
    assert 'data-testid="llm-error"' in html and "HTTP 500" in html
    assert "<html" not in html  # a fragment for the panel, not a page


def test_switched_off_after_the_page_loaded(client: Client, admin: User, fake: FakeLlm, agent: User, ticket: Ticket) -> None:
    configure(admin, fake, enabled=False)
    client.force_login(agent)
    response = client.post(reverse("ai-llm-summary", args=[ticket.pk]), **HTMX)
    assert (response.status_code, response["X-Llm-Error"]) == (409, "disabled")
    assert fake.requests == []


def test_reader_draft_is_an_inline_403(client: Client, enabled: FakeLlm, reader: User, ticket: Ticket) -> None:
    client.force_login(reader)
    response = client.post(reverse("ai-llm-draft", args=[ticket.pk]), **HTMX)
    assert (response.status_code, response["X-Llm-Error"]) == (403, "forbidden")


def test_customers_and_outsiders_404_get_not_allowed(
    client: Client, enabled: FakeLlm, customer: User, outsider: User, ticket: Ticket
) -> None:
    for user in (customer, outsider):
        client.force_login(user)
        for name in ("ai-llm-draft", "ai-llm-summary"):
            response = client.post(reverse(name, args=[ticket.pk]), **HTMX)
            assert response.status_code == 404
            assert "X-Llm-Error" not in response
    client.force_login(outsider)
    assert client.get(reverse("ai-llm-draft", args=[ticket.pk])).status_code == 405
    assert enabled.requests == []
    client.logout()
    assert client.post(reverse("ai-llm-draft", args=[ticket.pk])).status_code == 302  # to sign-in


def test_history_says_who_asked_the_model(client: Client, enabled: FakeLlm, agent: User, ticket: Ticket) -> None:
    client.force_login(agent)
    client.post(reverse("ai-llm-draft", args=[ticket.pk]), **HTMX)
    client.post(reverse("ai-llm-summary", args=[ticket.pk]), **HTMX)
    html = _ticket_page(client, agent, ticket)
    assert "Alex Agent asked the language model (fake-model) for a reply draft" in html
    assert "Alex Agent asked the language model (fake-model) for a summary" in html


def test_settings_page_has_the_test_button(client: Client, admin: User) -> None:
    client.force_login(admin)
    html = client.get(reverse("ai-settings")).content.decode()
    assert f'hx-post="{reverse("ai-llm-test")}"' in html and 'data-testid="llm-test-button"' in html


def test_connection_test_htmx_and_plain(client: Client, admin: User, fake: FakeLlm) -> None:
    configure(admin, fake, enabled=False)
    fake.reply = "OK"
    client.force_login(admin)
    response = client.post(reverse("ai-llm-test"), **HTMX)
    assert response.status_code == 200
    assert 'data-testid="llm-test-ok"' in response.content.decode() and "fake-model" in response.content.decode()
    fake.status = 404
    fake.body = b'{"error": {"message": "model \\"fake-model\\" not found"}}'
    failed = client.post(reverse("ai-llm-test"), **HTMX)
    assert (failed.status_code, failed["X-Llm-Error"]) == (503, "not_found")
    assert "The server said:" in failed.content.decode() and "not found" in failed.content.decode()
    plain = client.post(reverse("ai-llm-test"), follow=True)
    assert plain.redirect_chain[-1][0] == reverse("ai-settings")
    assert "does not know this endpoint or model" in plain.content.decode()


def test_connection_test_is_for_admins(client: Client, agent: User, fake: FakeLlm, admin: User) -> None:
    configure(admin, fake, enabled=False)
    client.force_login(agent)
    assert client.post(reverse("ai-llm-test"), **HTMX).status_code == 403
    assert fake.requests == []
