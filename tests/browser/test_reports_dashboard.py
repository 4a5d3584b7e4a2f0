"""The supervisor dashboard in Chromium over the real ASGI stack: the figures come from the reports
API, the state lives in the URL (filters, range, back button), numbers and chart points drill down
to exactly the tickets behind them, the live tiles follow a change made in another tab over the
websocket, and the page runs under the strict CSP without a console error.

Dataset (built with the real actions in March 2026, facts refreshed through the queue):
- A (Support): one reply after 30 min, solved the next day: first contact resolution.
- B (Support): two replies, solved two days later: not FCR.
- C (Billing): one reply, solved the next day: FCR.
- D (Support): still open and unassigned.
Over March: created 4, solved 3, FCR 2 of 3 = 66.7 %; Support only: created 3, solved 2, FCR 50 %.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.reports import refresh
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MARCH = "range=custom&from=2026-03-01&to=2026-03-31"
LIVE_TIMEOUT_MS = 10_000  # a push, the at most 5 s throttle of the live tiles, and the refetch


def _build_march(
    monkeypatch: pytest.MonkeyPatch, make_ticket: Callable[..., Ticket], agent: User, outsider: User, other_group: Group
) -> dict[str, Ticket]:
    """The dataset of the module docstring, its clock frozen while it is built (no outer transaction:
    every action commits, so its events queue the tickets at once)."""
    with monkeypatch.context() as patch:
        now = [MONDAY]
        patch.setattr(timezone, "now", lambda: now[0])

        def at(minutes: int) -> None:
            now[0] = MONDAY + timedelta(minutes=minutes)

        a, b, d = make_ticket(subject="Printer A"), make_ticket(subject="Printer B"), make_ticket(subject="Printer D")
        c = make_ticket(outsider, subject="Invoice C", group_id=other_group.pk)
        at(30)
        update_ticket(agent, a, {"owner_id": agent.pk})
        add_article(agent, a, body_text="Fixed?")
        at(60)
        update_ticket(outsider, c, {"owner_id": outsider.pk})
        add_article(outsider, c, body_text="Paid.")
        at(120)
        update_ticket(agent, b, {"owner_id": agent.pk})
        add_article(agent, b, body_text="Looking")
        add_article(agent, b, body_text="Try this")
        at(24 * 60)
        update_ticket(agent, a, {"state": "solved"})
        update_ticket(outsider, c, {"state": "solved"})
        at(48 * 60)
        update_ticket(agent, b, {"state": "solved"})
    assert refresh.process_queue() == 4
    return {"a": a, "b": b, "c": c, "d": d}


def _signed_in_context(browser: Any, server: AsgiLiveServer, user: User) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url}])
    return context


def _watch_errors(page: Any) -> list[str]:
    """Script errors and console errors (a CSP violation is one); the browser's favicon request is not ours."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if msg.type == "error" and "favicon" not in str(msg.location.get("url")) else None,
    )
    return problems


def _ready(page: Any) -> None:
    page.wait_for_selector("#reports[data-state=ready]", state="attached")


def test_dashboard_figures_filters_history_drilldown_and_live_tiles(
    chromium_browser: Any,
    asgi_live_server: AsgiLiveServer,
    monkeypatch: pytest.MonkeyPatch,
    make_ticket: Callable[..., Ticket],
    admin: User,
    agent: User,
    outsider: User,
    group: Group,
    other_group: Group,
) -> None:
    from playwright.sync_api import expect

    tickets = _build_march(monkeypatch, make_ticket, agent, outsider, other_group)
    base = asgi_live_server.url
    context = _signed_in_context(chromium_browser, asgi_live_server, admin)
    agent_context = _signed_in_context(chromium_browser, asgi_live_server, agent)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems = _watch_errors(page)

        page.goto(f"{base}/reports/?{MARCH}")
        _ready(page)
        expect(page.locator("[data-testid=kpi-value-created]")).to_have_text("4")
        expect(page.locator("[data-testid=kpi-value-solved]")).to_have_text("3")
        expect(page.locator("[data-testid=kpi-value-fcr_rate]")).to_have_text("66.7 %")
        # Each tile shows the previous period of the same length (31 days: 29 January to 28 February).
        previous = page.locator("[data-testid=kpi-previous-created]")
        expect(previous).to_have_text("0")
        assert "from=2026-01-29&to=2026-02-28" in (previous.get_attribute("href") or "")
        expect(page.locator("[data-testid=report-as-of]")).to_contain_text("updated every minute")
        # The volume chart is drawn by Chart.js from the series: 4 created on 2 March, none after.
        created = page.evaluate("Chart.getChart(document.getElementById('chart-volume')).data.datasets[0].data")
        assert created[:3] == [0, 4, 0] and sum(created) == 4 and len(created) == 31
        assert page.evaluate("document.getElementById('chart-volume').width") > 0
        expect(page.locator("[data-testid=breakdown-row]")).to_have_count(2)
        expect(page.locator("[data-testid=breakdown-row]").first).to_contain_text("Support")
        # Live tiles: D is the only open ticket, and nobody owns it.
        expect(page.locator("[data-testid=live-open]")).to_have_text("1")
        expect(page.locator("[data-testid=live-unassigned]")).to_have_text("1")

        # A filter changes the URL and the figures.
        page.select_option("[data-testid=report-filter-group]", label="Support")
        page.wait_for_url(f"**/reports/?*group={group.pk}*")
        _ready(page)
        expect(page.locator("[data-testid=kpi-value-created]")).to_have_text("3")
        expect(page.locator("[data-testid=kpi-value-fcr_rate]")).to_have_text("50 %")
        expect(page.locator("[data-testid=breakdown-row]")).to_have_count(1)
        # The live tiles open the same tickets in the inbox.
        expect(page.locator("[data-testid=live-unassigned]")).to_have_attribute("href", f"/inbox/?view=unassigned&group={group.pk}")
        filtered_url = page.url

        # Another range, then back: the previous state (March, Support) returns from the URL.
        page.select_option("[data-testid=report-range]", "7d")
        page.wait_for_url("**/reports/?range=7d*")
        _ready(page)
        expect(page.locator("[data-testid=kpi-value-created]")).to_have_text("0")
        page.go_back()
        page.wait_for_url(filtered_url)
        _ready(page)
        expect(page.locator("[data-testid=report-range]")).to_have_value("custom")
        expect(page.locator("[data-testid=report-from]")).to_have_value("2026-03-01")
        expect(page.locator("[data-testid=report-filter-group]")).to_have_value(str(group.pk))
        expect(page.locator("[data-testid=kpi-value-created]")).to_have_text("3")

        # The live tiles follow a change another agent makes: D assigned, nobody unassigned now.
        fetches = int(page.locator("#reports").get_attribute("data-live-fetches") or "0")
        other = agent_context.new_page()
        other.set_default_timeout(10_000)
        other.goto(f"{base}/tickets/{tickets['d'].pk}/")
        other.select_option("#properties-form select[name=owner]", str(agent.pk))
        other.click("#properties-form button:has-text('Save changes')")
        other.wait_for_selector("text=Ticket updated.")
        expect(page.locator("[data-testid=live-unassigned]")).to_have_text("0", timeout=LIVE_TIMEOUT_MS)
        expect(page.locator("[data-testid=live-open]")).to_have_text("1")
        assert int(page.locator("#reports").get_attribute("data-live-fetches") or "0") > fetches

        # A burst of changes costs one refetch now and one 5 seconds later, never more.
        page.wait_for_timeout(5_200)  # the last refetch is more than 5 s old
        before = int(page.locator("#reports").get_attribute("data-live-fetches") or "0")
        page.evaluate("for (let i = 0; i < 5; i++) document.body.dispatchEvent(new CustomEvent('sd:ticket-changed', {detail: {}}))")
        assert page.locator("#reports").get_attribute("data-live-fetches") == str(before + 1)
        page.wait_for_timeout(2_000)
        assert page.locator("#reports").get_attribute("data-live-fetches") == str(before + 1)
        expect(page.locator("#reports")).to_have_attribute("data-live-fetches", str(before + 2), timeout=5_000)
        page.wait_for_timeout(1_000)
        assert page.locator("#reports").get_attribute("data-live-fetches") == str(before + 2)

        # A chart point drills down to its day: the 3 Support tickets created on 2 March.
        point = page.evaluate(
            "(() => { const c = Chart.getChart(document.getElementById('chart-volume'));"
            " const p = c.getDatasetMeta(0).data[1]; const r = c.canvas.getBoundingClientRect();"
            " return {x: p.x, y: (p.y + p.base) / 2}; })()"
        )
        page.locator("#chart-volume").click(position={"x": point["x"], "y": point["y"]})
        page.wait_for_url("**/reports/drilldown/?*")
        assert "measure=created" in page.url and "period=2026-03-02" in page.url and "interval=day" in page.url
        rows = page.locator("[data-testid=drilldown-row] .col-subject")
        expect(rows).to_have_text(["Printer D", "Printer B", "Printer A"])
        page.go_back()
        _ready(page)

        # A number drills down to exactly its tickets, with the filters of the dashboard.
        page.click("[data-testid=kpi-value-solved]")
        page.wait_for_url("**/reports/drilldown/?*measure=solved*")
        assert f"group={group.pk}" in page.url
        expect(rows).to_have_text(["Printer B", "Printer A"])
        expect(page.locator("[data-testid=drilldown-value]")).to_have_text(["1", "1"])
        query = page.url.split("?", 1)[1]
        expect(page.locator("[data-testid=drilldown-csv]")).to_have_attribute("href", f"/api/v1/reports/drilldown?{query}&format=csv")
        assert problems == []
    finally:
        agent_context.close()
        context.close()


def test_the_agent_dashboard_shows_the_agents_own_numbers(
    chromium_browser: Any,
    asgi_live_server: AsgiLiveServer,
    monkeypatch: pytest.MonkeyPatch,
    make_ticket: Callable[..., Ticket],
    agent: User,
    outsider: User,
    other_group: Group,
) -> None:
    from playwright.sync_api import expect

    _build_march(monkeypatch, make_ticket, agent, outsider, other_group)
    context = _signed_in_context(chromium_browser, asgi_live_server, agent)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems = _watch_errors(page)
        page.goto(f"{asgi_live_server.url}/reports/?{MARCH}")  # agents land on their own dashboard
        page.wait_for_url("**/reports/me/?*")
        _ready(page)
        # Alex solved A and B (C is Oscar's), wrote 3 replies, and owns no open ticket (D is unassigned).
        expect(page.locator("[data-testid=kpi-value-solved]")).to_have_text("2")
        expect(page.locator("[data-testid=kpi-value-replies]")).to_have_text("3")
        expect(page.locator("[data-testid=kpi-value-fcr_rate]")).to_have_text("50 %")
        expect(page.locator("[data-testid=kpi-value-open_now]")).to_have_text("0")
        expect(page.locator("[data-testid=live-unassigned]")).to_have_text("1")
        page.click("[data-testid=kpi-value-replies]")
        page.wait_for_url("**/reports/drilldown/?*measure=replies*")
        expect(page.locator("[data-testid=drilldown-row] .col-subject")).to_have_text(["Printer B", "Printer A"])
        expect(page.locator("[data-testid=drilldown-value]")).to_have_text(["2", "1"])
        assert problems == []
    finally:
        context.close()
