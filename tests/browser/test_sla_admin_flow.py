"""An admin sets up SLAs in a real browser: a calendar with a lunch break, then a policy on it;
a ticket created afterwards shows the policy's due time on its page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from supportdesk.accounts.models import User
from supportdesk.sla.business_time import add_business_time
from supportdesk.sla.models import Calendar, SlaPolicy
from supportdesk.sla.selectors import spec_for, with_rules
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = "08:00-12:00, 13:00-17:00"


@pytest.fixture(autouse=True)
def _no_background_recompute(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recompute job is another test's subject; here no ticket exists before the policy."""
    monkeypatch.setattr("supportdesk.sla.recompute.schedule_recompute", lambda reason: None)


def test_admin_creates_a_calendar_and_a_policy_and_a_new_ticket_gets_its_due_time(
    live_server, page, admin: User, make_ticket: Callable[..., Ticket]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, admin)

    page.click("nav.topnav >> text=Settings")
    page.click("ul.settings-hub__list >> text=Calendars")
    page.click("text=New calendar")
    page.fill("#id_name", "Budapest office")
    page.select_option("#id_time_zone", "Europe/Budapest")
    page.select_option("#id_holiday_country", "HU")
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        page.fill(f"#id_{day}", OFFICE)
    page.fill("#id_closed_days", "2030-01-02 Inventory")
    page.click("[data-testid=calendar-form] button[type=submit]")
    page.wait_for_selector("text=Calendar created.")
    assert page.input_value("#id_monday") == OFFICE

    page.fill("#id_start", "2030-01-04T16:30")  # a Friday; Monday 2030-01-07 is a working day
    page.fill("#id_duration", "4:00")
    page.click("[data-testid=due-check] button[type=submit]")
    assert "is due at Mon 2030-01-07 11:30 (Europe/Budapest)" in page.inner_text("[data-testid=due-result]")

    page.click("nav.topnav >> text=Settings")
    page.click("ul.settings-hub__list >> text=SLA policies")
    page.click("text=New policy")
    page.fill("#id_name", "Standard")
    page.select_option("#id_calendar", label="Budapest office")
    page.fill("#id_t_any_first_response", "2:00")
    page.fill("#id_t_any_resolution", "16:00")
    page.select_option("#id_w0_kind", "percent")
    page.fill("#id_w0_amount", "150")
    page.check("#id_w0_audience_0")
    page.check("#id_w0_channels_0")
    page.click("[data-testid=policy-form] button[type=submit]")
    assert page.inner_text("[data-testid=warnings] .field-error") == "A whole percentage from 1 to 99."  # next to its row
    page.fill("#id_w0_amount", "75")
    page.click("[data-testid=policy-form] button[type=submit]")
    page.wait_for_selector("text=SLA policy created.")
    page.click("nav.topnav >> text=Settings")
    page.click("ul.settings-hub__list >> text=SLA policies")
    assert "Standard" in page.inner_text("[data-testid=policies]")
    policy = SlaPolicy.objects.get()
    assert policy.targets == {"*": {"first_response": 120, "resolution": 960}}
    assert policy.warnings == [{"percent": 75, "audience": ["owner"], "channels": ["in_app"]}]

    ticket = make_ticket()
    ticket.refresh_from_db()
    calendar = with_rules(Calendar.objects.filter(name="Budapest office")).get()
    expected = add_business_time(ticket.created_at, timedelta(minutes=120), spec_for(calendar, now=ticket.created_at))
    assert ticket.sla_policy_id == policy.pk
    assert ticket.first_response_due_at == expected

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    panel = page.locator("[data-testid=sla-panel]")
    assert "Standard" in panel.inner_text()
    shown = [datetime.fromisoformat(t.get_attribute("datetime")) for t in panel.locator("time").all()]
    assert expected in shown
    assert errors == []
