"""The global search page: scoped results, cursor pages, fixed query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_search_by_subject_and_number_scoped_to_visible(client, agent, make_ticket, outsider, other_group):
    mine = make_ticket(subject="Router broken")
    make_ticket(actor=outsider, subject="Router elsewhere", group_id=other_group.pk)
    client.force_login(agent)
    response = client.get("/search/?q=router")
    assert [t.pk for t in response.context["tickets"]] == [mine.pk]
    html = response.content.decode()
    assert "Router broken" in html
    assert "Router elsewhere" not in html
    assert "Carla Customer" in html
    assert [t.pk for t in client.get(f"/search/?q=%23{mine.number}").context["tickets"]] == [mine.pk]


def test_search_pages_with_cursor(client, agent, make_ticket):
    tickets = [make_ticket(subject=f"Paging {i}") for i in range(27)]
    client.force_login(agent)
    first = client.get("/search/?q=paging")
    assert len(first.context["tickets"]) == 25
    cursor = first.context["next_cursor"]
    second = client.get(f"/search/?q=paging&cursor={cursor}")
    assert {t.pk for t in first.context["tickets"]} | {t.pk for t in second.context["tickets"]} == {t.pk for t in tickets}
    assert second.context["next_cursor"] is None


def test_search_bad_cursor_and_empty_query(client, agent, ticket):
    client.force_login(agent)
    assert client.get("/search/?q=printer&cursor=garbage").status_code == 200
    assert client.get("/search/?q=printer&cursor=garbage").context["error"] == "Invalid cursor."
    assert client.get("/search/").context["tickets"] == []


def test_search_query_count_is_fixed(client, agent, make_ticket):
    make_ticket(subject="Query one")
    client.force_login(agent)
    client.get("/search/?q=query")
    with CaptureQueriesContext(connection) as small:
        client.get("/search/?q=query")
    for i in range(10):
        make_ticket(subject=f"Query {i}", customer_email=f"q{i}@example.com")
    with CaptureQueriesContext(connection) as large:
        client.get("/search/?q=query")
    assert len(large.captured_queries) == len(small.captured_queries)
