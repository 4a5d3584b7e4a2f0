"""The ticket page's timeline in pages: the newest entries first, older ones through `?before=`.

A long conversation must cost the same to open as a short one, and walking the pages must give
exactly the full timeline (ticket_timeline), with the same access rules.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.tickets import selectors
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket, update_ticket
from supportdesk.tickets.selectors import ticket_timeline

pytestmark = pytest.mark.django_db

EARLIER = re.compile(r'hx-get="/tickets/(\d+)/\?before=([0-9-]+)"')


def earlier_cursor(html: str) -> str:
    """The cursor of the page's "Show earlier" button (the test fails if there is none)."""
    match = EARLIER.search(html)
    assert match is not None, "no 'Show earlier' button"
    return match.group(2)


def entry_ids(entries) -> list[str]:
    return [f"a{e.article.pk}" if e.article else f"e{e.event.pk}" for e in entries]


def walk(client, ticket) -> tuple[list[str], list[str]]:
    """Open the page, then follow every "Show earlier" cursor; the entries of all pages, oldest first,
    and the button labels seen on the way."""
    response = client.get(f"/tickets/{ticket.pk}/")
    pages, labels = [entry_ids(response.context["timeline"])], []
    html = response.content.decode()
    while match := EARLIER.search(html):
        label = re.search(r'data-testid="timeline-earlier">([^<]+)<', html)
        assert label is not None
        labels.append(label.group(1))
        assert match.group(1) == str(ticket.pk)
        response = client.get(f"/tickets/{ticket.pk}/?before={match.group(2)}")
        assert response.status_code == 200
        pages.insert(0, entry_ids(response.context["timeline"]))
        html = response.content.decode()
    return [entry for page in pages for entry in page], labels


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "TIMELINE_PAGE_SIZE", 4)


def test_long_timeline_shows_newest_entries_and_pages_back_to_the_exact_full_timeline(client, agent, ticket, small_pages):
    for i in range(4):
        add_article(agent, ticket, body_text=f"Reply {i}")
        update_ticket(agent, ticket, {"priority": ["high", "low"][i % 2]})
    add_article(agent, ticket, body_text="Private", is_internal=True, time_spent_minutes=7)
    full = entry_ids(ticket_timeline(agent, ticket))
    assert len(full) == 12  # created + first message + 4 replies + 4 priority changes + 1 note + state new->open
    client.force_login(agent)

    first = client.get(f"/tickets/{ticket.pk}/")
    html = first.content.decode()

    assert entry_ids(first.context["timeline"]) == full[-4:]
    assert "Private" in html and "Reply 3" in html
    assert "Reply 1" not in html and "The printer in room 4 is on fire." not in html
    assert "Alex Agent created the ticket" not in html
    walked, labels = walk(client, ticket)
    assert walked == full
    assert labels == ["Show 8 earlier entries", "Show 4 earlier entries"]


def test_earlier_fragment_is_only_entries_and_the_next_button(client, agent, ticket, small_pages):
    for i in range(6):  # 9 entries with the first message, 'created' and the state change: 4 + 4 + 1
        add_article(agent, ticket, body_text=f"Reply {i}")
    full = ticket_timeline(agent, ticket)
    client.force_login(agent)
    cursor = earlier_cursor(client.get(f"/tickets/{ticket.pk}/").content.decode())

    response = client.get(f"/tickets/{ticket.pk}/?before={cursor}")
    fragment = response.content.decode()

    assert entry_ids(response.context["timeline"]) == entry_ids(full[1:5])
    assert "<html" not in fragment and 'id="composer"' not in fragment and 'id="timeline"' not in fragment
    assert "Reply 0" in fragment and "Reply 1" in fragment and "Reply 2" not in fragment
    assert 'hx-target="closest .timeline__earlier" hx-swap="outerHTML"' in fragment
    assert "Show 1 earlier entry<" in fragment


def test_sidebar_time_counts_articles_that_are_not_on_the_first_page(client, agent, ticket, small_pages):
    add_article(agent, ticket, body_text="Old work", time_spent_minutes=65)
    for i in range(6):
        add_article(agent, ticket, body_text=f"Reply {i}")
    client.force_login(agent)
    response = client.get(f"/tickets/{ticket.pk}/")
    assert "Old work" not in response.content.decode()
    assert response.context["total_time"] == 65
    assert "Time spent: 1 h 05 min" in response.content.decode()


def test_page_and_fragment_query_counts_do_not_grow_with_the_conversation(client, agent, ticket, small_pages):
    client.force_login(agent)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def cursor() -> str:
        return earlier_cursor(client.get(f"/tickets/{ticket.pk}/").content.decode())

    for i in range(6):
        add_article(agent, ticket, body_text=f"Reply {i}")
    client.get(f"/tickets/{ticket.pk}/")
    page_small, fragment_small = count(f"/tickets/{ticket.pk}/"), count(f"/tickets/{ticket.pk}/?before={cursor()}")
    for i in range(30):
        add_article(agent, ticket, body_text=f"More {i}", is_internal=bool(i % 2))
    assert count(f"/tickets/{ticket.pk}/") == page_small
    assert count(f"/tickets/{ticket.pk}/?before={cursor()}") == fragment_small


def test_agent_who_is_the_customer_pages_without_internal_notes_or_events(client, agent, outsider, other_group, small_pages):
    ticket = create_ticket(outsider, NewTicket(subject="My laptop", body="broken", customer_email=agent.email, group_id=other_group.pk))
    for i in range(6):
        add_article(outsider, ticket, body_text=f"Public {i}")
        add_article(outsider, ticket, body_text=f"Secret {i}", is_internal=True)
    client.force_login(agent)

    walked, labels = walk(client, ticket)

    assert walked == entry_ids(ticket_timeline(agent, ticket))
    assert len(walked) == 7 and all(entry.startswith("a") for entry in walked)
    assert labels == ["Show 3 earlier entries"]
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Secret" not in page


@pytest.mark.parametrize(
    "before",
    [
        "abc",
        "",
        "1-2-3",
        "1-0-",
        "-1-0-1",
        "9999999999999999999-0-1",
        "12345678901234567890-0-1",
        "1-0-9999999999999999999",
        "1-0-1;DROP TABLE x",
        "1–0–1",
        "1-0-1\n",
        "١-0-1",
    ],
)
def test_bad_cursors_are_400_without_detail(client, agent, ticket, before):
    client.force_login(agent)
    response = client.get(f"/tickets/{ticket.pk}/", {"before": before})
    if before == "":
        # An empty cursor is the start: the newest entries as a fragment.
        assert response.status_code == 200
        assert "The printer in room 4 is on fire." in response.content.decode()
        return
    assert response.status_code == 400
    assert response.content.decode() == "Invalid cursor."


def test_earlier_entries_of_another_groups_ticket_are_404(client, agent, outsider, other_group, make_ticket, customer):
    foreign = make_ticket(actor=outsider, subject="Foreign", group_id=other_group.pk)
    add_article(outsider, foreign, body_text="Their secret", is_internal=True)
    client.force_login(agent)
    assert client.get(f"/tickets/{foreign.pk}/", {"before": "1-0-1"}).status_code == 404
    assert client.get(f"/tickets/{foreign.pk}/", {"before": "x"}).status_code == 404
    client.force_login(customer)
    assert client.get(f"/tickets/{foreign.pk}/", {"before": "1-0-1"}).status_code == 404


def test_hostile_article_in_an_earlier_page_is_escaped(client, agent, ticket, small_pages):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    add_article(agent, ticket, body_text=f"Old {payload}")
    for i in range(5):
        add_article(agent, ticket, body_text=f"Reply {i}")
    client.force_login(agent)
    cursor = earlier_cursor(client.get(f"/tickets/{ticket.pk}/").content.decode())
    fragment = client.get(f"/tickets/{ticket.pk}/?before={cursor}").content.decode()
    assert "Old &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in fragment
    assert "<script>alert(1)" not in fragment
