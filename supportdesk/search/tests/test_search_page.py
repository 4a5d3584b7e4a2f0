"""Snippets on the agent search page: plain text from the article bodies, escaped, one query per page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import User
from supportdesk.search.queries import ticket_snippets
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

MakeTicket = Callable[..., Ticket]
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_each_result_shows_the_text_around_the_match(client: Client, agent: User, make_ticket: MakeTicket) -> None:
    wanted = make_ticket(subject="Toner question", body="Hello team. The toner cartridge leaks blue ink everywhere.")
    client.force_login(agent)
    response = client.get("/search/?q=cartridge")
    assert response.context["results"] == [(wanted, "Hello team. The toner cartridge leaks blue ink everywhere.")]
    assert (
        '<div class="search-snippet muted small">Hello team. The toner cartridge leaks blue ink everywhere.</div>'
        in response.content.decode()
    )


def test_xss_payload_in_an_article_body_is_escaped_in_the_snippet(client: Client, agent: User, ticket: Ticket) -> None:
    """BAD-INPUTS 23: search snippets never execute markup from a mail."""
    add_article(agent, ticket, body_text=f"zebra says {XSS}")
    client.force_login(agent)
    response = client.get("/search/?q=zebra")
    html = response.content.decode()
    [(found, text)] = response.context["results"]
    assert found == ticket
    assert text == f"The printer in room 4 is on fire. zebra says {XSS}"  # plain text ...
    escaped = "zebra says &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</div>"
    assert escaped in html  # ... escaped by the template
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html


def test_a_match_in_the_header_quotes_the_start_of_the_conversation(agent: User, make_ticket: MakeTicket) -> None:
    wanted = make_ticket(subject="Login", body="I cannot log in since Monday.")
    # "carla" matches only the customer name and address in the header.
    assert ticket_snippets([wanted], "carla") == {wanted.pk: "I cannot log in since Monday."}


def test_snippet_query_count_does_not_grow_with_the_page(client: Client, agent: User, make_ticket: MakeTicket) -> None:
    make_ticket(subject="Gizmo one", body="The gizmo hums.")
    client.force_login(agent)
    client.get("/search/?q=gizmo")
    with CaptureQueriesContext(connection) as one:
        client.get("/search/?q=gizmo")
    for i in range(8):
        make_ticket(subject=f"Gizmo {i}", body=f"Gizmo number {i} rattles.", customer_email=f"g{i}@example.com")
    with CaptureQueriesContext(connection) as nine:
        response = client.get("/search/?q=gizmo")
    assert len(response.context["results"]) == 9
    assert all(text.startswith("Gizmo number") or text == "The gizmo hums." for _t, text in response.context["results"])
    assert len(nine.captured_queries) == len(one.captured_queries)
