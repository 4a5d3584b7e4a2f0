"""An admin creates a trigger in a real browser; a new ticket gets its tag and priority, and the
timeline names the trigger."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from supportdesk.accounts.models import User
from supportdesk.automation.rules.models import Trigger
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_a_trigger_and_a_new_ticket_shows_its_work(
    live_server, page, admin: User, make_ticket: Callable[..., Ticket]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, admin)

    page.click("nav.topnav >> text=Settings")
    page.click("ul.settings-hub__list >> text=Triggers")
    page.click("text=New trigger")
    page.fill("#id_name", "Printers are urgent")
    page.check("input[name=events][value='ticket.created']")
    page.fill("#id_conditions", json.dumps({"all": [{"field": "subject", "op": "contains", "value": "printer"}]}))
    page.fill(
        "#id_actions",
        json.dumps([{"action": "set_field", "field": "priority", "value": "urgent"}, {"action": "add_tag", "value": "hardware"}]),
    )
    page.click("[data-testid=trigger-form] button[type=submit]:not([name])")
    page.wait_for_selector("text=Trigger created.")
    assert Trigger.objects.get().name == "Printers are urgent"

    ticket = make_ticket(subject="Printer on fire")
    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    assert page.inner_text(".ticket-head .prio") == "Urgent"
    timeline = page.inner_text(".timeline")
    assert "System (Printers are urgent)" in timeline
    assert "hardware" in timeline
    assert errors == []
