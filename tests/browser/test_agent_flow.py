"""An agent's day-one flow in a real browser: sign in, inbox, ticket, reply, note, state, history."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_signs_in_replies_notes_changes_state_and_sees_history(live_server, page, agent, ticket):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    sign_in(page, live_server.url, agent)

    page.click("text=All open")
    page.click(f"a:has-text('{ticket.subject}')")
    page.wait_for_url(f"{live_server.url}/tickets/{ticket.pk}/")
    assert page.inner_text("h1") == ticket.subject

    page.fill("#composer-body", "We are sending a technician.")
    page.click("button:has-text('Send reply')")
    page.wait_for_selector("text=Reply sent.")

    page.fill("#composer-body", "Technician booked for 3 pm.")
    page.click("button:has-text('Add internal note')")
    page.wait_for_selector("text=Internal note added.")

    page.select_option("#field-state", "solved")
    page.click("button:has-text('Save changes')")
    page.wait_for_selector("text=Ticket updated.")

    timeline = page.inner_text("#timeline")
    assert "We are sending a technician." in timeline
    assert "Alex Agent changed state from New to Open" in timeline
    assert "Alex Agent changed state from Open to Solved" in timeline
    note = page.locator(".article--internal")
    assert note.count() == 1
    assert "Technician booked for 3 pm." in note.inner_text()
    assert page.inner_text("[data-testid=ticket-state]") == "Solved"
    assert errors == []
