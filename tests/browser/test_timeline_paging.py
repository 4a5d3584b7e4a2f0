"""The "Show earlier" button in a real browser: htmx loads older entries above the newest ones,
under the strict CSP (no inline script), until the whole conversation is on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from supportdesk.tickets import selectors
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.selectors import ticket_timeline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_show_earlier_loads_older_entries_in_order(live_server, page, agent, ticket, monkeypatch, client):
    monkeypatch.setattr(selectors, "TIMELINE_PAGE_SIZE", 3)
    for i in range(6):
        add_article(agent, ticket, body_text=f"Reply {i}")
    expected = [f"article-{e.article.pk}" for e in ticket_timeline(agent, ticket) if e.article]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The live server is plain WSGI (no /ws/live/), so only script errors and CSP refusals count.
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client.force_login(agent)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    assert page.locator("#timeline article").count() == 3
    assert page.inner_text("[data-testid=timeline-earlier]") == "Show 6 earlier entries"
    page.click("[data-testid=timeline-earlier]")
    # Locator waits, not wait_for_function: a string predicate is eval, which our CSP forbids.
    expect(page.locator("#timeline article")).not_to_have_count(3)
    # htmx wires swapped-in content in its settle step (~20 ms after the swap) and drops the
    # htmx-added class then; a click before that lands on a button with no handler yet.
    expect(page.locator(".htmx-added")).to_have_count(0)
    expect(page.locator("[data-testid=timeline-earlier]")).to_have_text("Show 3 earlier entries")
    page.click("[data-testid=timeline-earlier]")
    page.wait_for_selector("[data-testid=timeline-earlier]", state="detached")

    ids = page.eval_on_selector_all("#timeline article", "nodes => nodes.map(n => n.id)")
    assert ids == expected
    assert page.locator("#timeline").count() == 1
    assert "Alex Agent created the ticket" in page.inner_text("#timeline")
    assert errors == []
