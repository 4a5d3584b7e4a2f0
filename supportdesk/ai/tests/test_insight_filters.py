"""The AI's predictions as ticket filters (inbox, saved views, API): language, sentiment, urgency.
Sentiment and urgency are agent-side information: customers cannot filter by them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.ai.models import TicketInsight
from supportdesk.tickets.models import SavedView, Ticket


@pytest.fixture
def moods(make_ticket: Callable[..., Ticket], customer: User) -> dict[str, Ticket]:
    """Four tickets of one customer: angry and urgent, calm, happy, and one never triaged."""
    tickets = {name: make_ticket(actor=customer, subject=name) for name in ("angry", "calm", "happy", "untriaged")}
    TicketInsight.objects.create(ticket=tickets["angry"], sentiment=-0.8, urgency=0.9)
    TicketInsight.objects.create(ticket=tickets["calm"], sentiment=0.0, urgency=0.1)
    TicketInsight.objects.create(ticket=tickets["happy"], sentiment=0.6, urgency=0.5)
    Ticket.objects.filter(pk=tickets["angry"].pk).update(language="de")
    Ticket.objects.filter(pk=tickets["calm"].pk).update(language="hu")
    return tickets


def subjects(response: Any) -> set[str]:
    return {ticket.subject for ticket in response.context["tickets"]}


def test_inbox_filters_by_sentiment_urgency_and_language(client: Client, agent: User, moods: dict[str, Ticket]) -> None:
    client.force_login(agent)
    assert subjects(client.get("/inbox/?view=recent&sentiment=negative")) == {"angry"}
    assert subjects(client.get("/inbox/?view=recent&sentiment=neutral")) == {"calm"}
    assert subjects(client.get("/inbox/?view=recent&sentiment=positive")) == {"happy"}
    assert subjects(client.get("/inbox/?view=recent&urgency=high")) == {"angry", "happy"}  # 0.5 counts as high
    assert subjects(client.get("/inbox/?view=recent&urgency=high&sentiment=negative")) == {"angry"}
    assert subjects(client.get("/inbox/?view=recent&language=de,hu")) == {"angry", "calm"}
    page = client.get("/inbox/?view=recent").content.decode()
    assert 'name="sentiment"' in page and 'name="urgency"' in page and 'name="language"' in page


@pytest.mark.parametrize("query", ["sentiment=furious", "urgency=low", "language=en;DROP", "language=" + "x" * 30])
def test_bad_values_are_refused(client: Client, agent: User, moods: dict[str, Ticket], query: str) -> None:
    client.force_login(agent)
    response = client.get(f"/inbox/?view=recent&{query}")
    assert response.status_code == 200 and response.context["filter_errors"]
    assert len(response.context["tickets"]) == 4  # falls back to no filters


def test_saved_view_keeps_the_ai_filters(client: Client, agent: User, moods: dict[str, Ticket]) -> None:
    client.force_login(agent)
    client.post("/inbox/views/", {"name": "Angry", "query": "view=recent&sentiment=negative&urgency=high"})
    view = SavedView.objects.get(user=agent)
    assert view.filters == {"sentiment": "negative", "urgency": "high"}
    assert subjects(client.get(f"/inbox/?saved={view.pk}")) == {"angry"}


def api_as(user: User) -> Client:
    client = Client()
    client.force_login(user)  # the API accepts the session for reads
    return client


def test_api_filters_for_staff_and_refuses_them_to_customers(agent: User, customer: User, moods: dict[str, Ticket]) -> None:
    body = api_as(agent).get("/api/v1/tickets?sentiment=negative&urgency=high").json()
    assert [row["subject"] for row in body["items"]] == ["angry"]
    assert {row["subject"] for row in api_as(customer).get("/api/v1/tickets?language=de").json()["items"]} == {"angry"}
    refused = api_as(customer).get("/api/v1/tickets?sentiment=negative")
    assert refused.status_code == 422  # customers never learn what the AI thought of them
