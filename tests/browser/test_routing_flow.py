"""Routing in a real browser: an admin adds an auto-assign rule to a group; a new ticket is
assigned by it at once, and the ticket's timeline says which rule chose the agent and how."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.automation.routing.models import RoutingRule
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_adds_a_rule_and_a_new_ticket_is_routed_with_its_reason(
    live_server, page, admin: User, agent: User, group: Group, make_ticket: Callable[..., Ticket]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, admin)

    page.click("nav.topnav >> text=Settings")
    page.click("ul.settings-hub__list >> text=Routing")
    page.click(f"[data-testid=routing-groups] >> text={group.name}")
    page.fill("#id_name", "Anyone available")
    page.select_option("#id_chooser", "least_loaded")
    page.click("text=Add rule")
    page.wait_for_selector("[data-testid=routing-rule-row]")
    rule = RoutingRule.objects.get(group=group)
    assert rule.auto_assign and rule.chooser == "least_loaded"

    ticket = make_ticket(subject="Printer jams")  # created unassigned; routing runs once it commits
    ticket.refresh_from_db()
    assert ticket.owner_id == agent.pk

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    timeline = page.inner_text(".timeline")
    assert (
        f"assigned the ticket to {agent.email} by the routing rule “Anyone available” (Least loaded; candidates: 1, filtered out: 0)"
        in timeline
    )
    assert errors == []
