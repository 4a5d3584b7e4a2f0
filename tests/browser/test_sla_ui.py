"""SLA in a real browser: the inbox's SLA column (a red overdue ticket, an "at risk" badge whose hover
title explains the estimate) and the ticket page's SLA panel, under the strict CSP."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from supportdesk.sla.models import SlaPolicy
from supportdesk.sla.risk import run_risk_sweep
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inbox_shows_overdue_and_at_risk_tickets_and_the_ticket_page_its_sla_panel(
    live_server, page, agent, make_ticket, client, monkeypatch
):
    real_now = timezone.now
    offset = {"delta": timedelta(hours=-2)}

    def shifted() -> datetime:
        return real_now() + offset["delta"]

    monkeypatch.setattr(timezone, "now", shifted)
    SlaPolicy.objects.create(name="Round the clock", targets={"*": {"first_response": 60, "resolution": 600}})
    late = make_ticket(subject="Printer on fire")  # two hours ago: an hour overdue
    offset["delta"] = timedelta(0)
    waiting = make_ticket(subject="Scanner jammed")  # due in an hour, behind the late one
    # One reply in the last 14 days: the group answers about once a fortnight, so the second in the queue will wait.
    Article.objects.create(
        ticket=late, author=agent, sender_type=SenderType.AGENT, body_text="old", created_at=timezone.now() - timedelta(days=1)
    )
    assert run_risk_sweep() == 1

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client.force_login(agent)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    page.goto(f"{live_server.url}/inbox/?view=open&sort=sla_due_at")
    assert page.locator("th.col-sla").inner_text() == "SLA"
    overdue = page.locator(f"[data-testid=sla-{late.pk}] .sla")
    assert overdue.inner_text().startswith("overdue 1 h")
    assert "sla--over" in (overdue.get_attribute("class") or "")
    assert overdue.evaluate("node => getComputedStyle(node).color") == "rgb(201, 60, 55)"  # --danger: red
    badge = page.locator(f"[data-testid=sla-{waiting.pk}] .sla-risk")
    assert badge.inner_text() == "at risk"
    badge.hover()
    title = badge.get_attribute("title") or ""
    assert title.startswith("Position 2 of 2 in the group's queue · about < 0.1 replies per business hour with 1 agent on shift")
    assert "expected wait" in title and " · due " in title
    assert page.locator(f"[data-testid=sla-{late.pk}] .sla-risk").count() == 0  # overdue is red, not "at risk"

    page.click(f"a:has-text('{waiting.subject}')")
    page.wait_for_url(f"{live_server.url}/tickets/{waiting.pk}/")
    panel = page.locator("[data-testid=sla-panel]")
    text = panel.inner_text()
    assert "Round the clock" in text
    assert "First response" in text and "Resolution" in text and "left" in text
    assert page.locator("[data-testid=sla-panel-risk]").inner_text().startswith("At risk: Position 2 of 2")
    assert "SLA policy Round the clock applied" in page.inner_text("#timeline")
    assert Ticket.objects.get(pk=waiting.pk).sla_at_risk
    assert errors == []
