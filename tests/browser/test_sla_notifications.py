"""An SLA warning reaches an agent's open page live: the websocket push shows a toast and bumps the
unread count on the bell, without a reload. The sweep runs in the test process; the ASGI live
server shares its database and its in-memory channel layer."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.sla.choices import Metric
from supportdesk.sla.models import SlaClock, SlaPolicy
from supportdesk.sla.sweep import run_sla_sweep
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Notification, Ticket
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sweep_in_a_thread(now: Any) -> int:
    """Run the sweep as the worker does: in a thread without an event loop (Playwright's sync API
    runs one in the test thread, where the push's async_to_sync would refuse to run)."""
    result: list[int] = []

    def work() -> None:
        try:
            result.append(run_sla_sweep(now=now))
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    return result[0]


def test_sla_warning_appears_as_a_toast_and_on_the_bell(
    chromium_browser: Any, asgi_live_server: AsgiLiveServer, agent: User, make_ticket: Any
) -> None:
    from playwright.sync_api import expect

    SlaPolicy.objects.create(
        name="Round the clock",
        targets={"*": {"first_response": 240}},
        warnings=[{"percent": 75, "audience": ["owner"], "channels": ["in_app"]}],
    )
    ticket: Ticket = make_ticket(subject="Printer <b>on fire</b>")
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    warning_at = SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE).next_check_at
    assert warning_at is not None

    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        client = Client()
        client.force_login(agent)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": asgi_live_server.url}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        frames: list[dict[str, Any]] = []
        errors: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(json.loads(payload))))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{asgi_live_server.url}/inbox/")
        page.wait_for_selector("body[data-live=connected]", state="attached")
        expect(page.locator("[data-testid=unread-count]")).to_have_count(0)

        assert _sweep_in_a_thread(warning_at) == 1

        note = Notification.objects.get(user=agent, kind="sla_warning")
        toast = page.locator("#toasts .toast")
        expect(toast).to_have_text(note.text, timeout=8_000)
        expect(toast).to_have_attribute("href", f"/tickets/{ticket.pk}/")
        expect(page.locator(".bell [data-testid=unread-count]")).to_have_text("1")
        assert page.locator("#toasts b").count() == 0  # the subject's markup is text, not HTML
        pushes = [frame for frame in frames if frame.get("type") == "notification"]
        assert pushes == [{"type": "notification", "id": note.pk, "kind": "sla_warning", "text": note.text, "ticket_id": ticket.pk}]
        assert errors == []
    finally:
        context.close()
