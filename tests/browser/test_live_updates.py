"""Live updates and presence in real browsers over the real ASGI stack (uvicorn, Channels, websockets).

pytest-django's `live_server` is WSGI and has no websockets, so it let a broken refresh through: the
`sd:ticket-changed` event did not bubble, and open ticket pages never refreshed. This test watches
what agents see: presence on the ticket page, the inbox row and the ticket timeline of another
agent refreshing without reload, and an agent of another group receiving nothing about the ticket.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE_TIMEOUT_MS = 8_000  # a push plus htmx's 500 ms debounce and a refetch take well under a second here


def _sign_in(context: Any, server: AsgiLiveServer, user: User) -> None:
    """Give the browser context a real session for `user` (the sign-in form has its own test)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url}])


class LiveTab:
    """A page that records its websocket frames, `/inbox/` fetches and script errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[dict[str, Any]] = []
        self.inbox_requests: list[str] = []
        self.errors: list[str] = []
        page.on("websocket", self._on_websocket)
        page.on("request", self._on_request)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _on_websocket(self, ws: Any) -> None:
        ws.on("framereceived", lambda payload: self.frames.append(json.loads(payload)))

    def _on_request(self, request: Any) -> None:
        if "/inbox/" in request.url:
            self.inbox_requests.append(request.url)

    def open(self, url: str) -> LiveTab:
        self.page.goto(url)
        # live.js marks <body> once the socket is open; pushes sent before that would be missed.
        self.page.wait_for_selector("body[data-live=connected]", state="attached")
        return self

    def changes(self) -> list[dict[str, Any]]:
        return [frame for frame in self.frames if frame.get("type") == "ticket.changed"]


@pytest.fixture
def open_tab(chromium_browser: Any, asgi_live_server: AsgiLiveServer) -> Iterator[Callable[[User], LiveTab]]:
    """Open a new page signed in as the user, one browser context (cookie jar) per user."""
    contexts: dict[int, Any] = {}

    def open_as(user: User) -> LiveTab:
        if user.pk not in contexts:
            context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
            _sign_in(context, asgi_live_server, user)
            contexts[user.pk] = context
        page = contexts[user.pk].new_page()
        page.set_default_timeout(10_000)
        return LiveTab(page)

    yield open_as
    for context in contexts.values():
        context.close()  # before the server stops, so consumers disconnect cleanly


def _save_priority(tab: LiveTab, value: str) -> None:
    tab.page.select_option("#properties-form select[name=priority]", value)
    tab.page.click("#properties-form button:has-text('Save changes')")
    tab.page.wait_for_selector("text=Ticket updated.")


def _row(tab: LiveTab, ticket: Ticket) -> Any:
    return tab.page.locator("#inbox-list tbody tr", has=tab.page.locator(f"a[href='/tickets/{ticket.pk}/']"))


def test_ticket_change_refreshes_other_agents_pages_and_presence_but_not_other_groups(
    open_tab: Callable[[User], LiveTab],
    asgi_live_server: AsgiLiveServer,
    agent: User,
    group: Group,
    outsider: User,
    other_group: Group,
    ticket: Ticket,
    make_ticket: Callable[..., Ticket],
) -> None:
    from playwright.sync_api import expect

    colleague = AgentFactory.create(email="bea@support.example", full_name="Bea Bravo")
    add_member(group, colleague, GroupAccess.FULL)
    billing_ticket = make_ticket(actor=outsider, group_id=other_group.pk, subject="Invoice twice")
    base = asgi_live_server.url

    b_inbox = open_tab(colleague).open(f"{base}/inbox/?view=open")
    b_ticket = open_tab(colleague).open(f"{base}/tickets/{ticket.pk}/")
    o_inbox = open_tab(outsider).open(f"{base}/inbox/?view=open")
    expect(_row(b_inbox, ticket).locator(".prio")).to_have_text("Normal")
    expect(_row(o_inbox, billing_ticket).locator(".prio")).to_have_text("Normal")
    expect(o_inbox.page.locator("#inbox-list")).not_to_contain_text(ticket.subject)

    a_ticket = open_tab(agent).open(f"{base}/tickets/{ticket.pk}/")
    expect(b_ticket.page.locator("#presence")).to_have_text("Alex Agent", timeout=LIVE_TIMEOUT_MS)
    expect(a_ticket.page.locator("#presence")).to_have_text("Bea Bravo", timeout=LIVE_TIMEOUT_MS)

    inbox_fetches_before = (len(b_inbox.inbox_requests), len(o_inbox.inbox_requests))
    _save_priority(a_ticket, "high")

    # Agent B, same group: both open pages refetch without a reload.
    expect(_row(b_inbox, ticket).locator(".prio")).to_have_text("High", timeout=LIVE_TIMEOUT_MS)
    expect(b_ticket.page.locator("#timeline")).to_contain_text("Alex Agent changed priority from Normal to High", timeout=LIVE_TIMEOUT_MS)
    expect(b_ticket.page.locator("#ticket-sidebar select[name=priority]")).to_have_value("high", timeout=LIVE_TIMEOUT_MS)
    assert b_inbox.changes() == [{"type": "ticket.changed", "ticket_id": ticket.pk, "group_id": group.pk}]
    assert len(b_inbox.inbox_requests) == inbox_fetches_before[0] + 1
    # Presence survives the refreshes: A's page reloaded after saving and watches again.
    expect(b_ticket.page.locator("#presence")).to_have_text("Alex Agent")
    expect(a_ticket.page.locator("#presence")).to_have_text("Bea Bravo", timeout=LIVE_TIMEOUT_MS)

    # The outsider's own group changes next. Pushes reach a connection in order, so once this one
    # has arrived, any push about `ticket` would already be there too: the silence below is real.
    o_ticket = open_tab(outsider).open(f"{base}/tickets/{billing_ticket.pk}/")
    _save_priority(o_ticket, "urgent")
    expect(_row(o_inbox, billing_ticket).locator(".prio")).to_have_text("Urgent", timeout=LIVE_TIMEOUT_MS)
    assert o_inbox.changes() == [{"type": "ticket.changed", "ticket_id": billing_ticket.pk, "group_id": other_group.pk}]
    assert len(o_inbox.inbox_requests) == inbox_fetches_before[1] + 1
    expect(o_inbox.page.locator("#inbox-list")).not_to_contain_text(ticket.subject)
    # And agent B, outside the billing group, heard nothing about the billing ticket.
    assert [change["ticket_id"] for change in b_inbox.changes()] == [ticket.pk]

    for tab in (b_inbox, b_ticket, o_inbox, a_ticket, o_ticket):
        assert tab.errors == []
