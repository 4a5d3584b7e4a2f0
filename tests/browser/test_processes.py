"""A process with parallel and dependent steps, end to end in a real browser: an agent starts it
on a ticket, completes the two parallel steps, sees the dependent one open, finishes it, and sees
"Completed"; the phase text follows along."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import definitions
from supportdesk.automation.processes.validation import StepSpec
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_runs_a_process_with_parallel_and_dependent_steps(
    live_server, page, admin: User, agent: User, group: Group, make_ticket: Callable[..., Ticket]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    definitions.create_template(
        admin,
        {
            "name": "Hardware replacement",
            "steps": [
                StepSpec(key="order", name="Order part", group_id=group.pk),
                StepSpec(key="backup", name="Back up data", group_id=group.pk),
                StepSpec(
                    key="replace", name="Replace disk", group_id=group.pk, depends_on=("order", "backup"), instructions="Use the spare."
                ),
            ],
        },
    )
    ticket = make_ticket()
    sign_in(page, live_server.url, agent)

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    panel = page.locator("[data-testid=process-panel]")
    panel.locator("[data-testid=process-start] button").click()
    page.wait_for_selector("text=Process “Hardware replacement” started.")
    phase = page.locator("[data-testid=process-phase]")
    assert phase.inner_text() == "Step 1 of 3: Order part, Back up data"
    assert page.inner_text("[data-testid=process-remaining]") == "Then: Replace disk"
    assert page.get_attribute("[data-testid=process-task][data-key=replace]", "data-state") == "waiting"

    page.click("button:has-text('Complete Order part')")
    page.wait_for_selector("[data-testid=process-task][data-key=order][data-state=done]")
    assert phase.inner_text() == "Step 2 of 3: Back up data"
    page.click("button:has-text('Complete Back up data')")
    page.wait_for_selector("[data-testid=process-task][data-key=replace][data-state=open]")
    assert phase.inner_text() == "Step 3 of 3: Replace disk"
    assert "Use the spare." in panel.inner_text()

    page.fill("[data-testid=process-task][data-key=replace] input[name=note]", "Swapped")
    page.click("button:has-text('Complete Replace disk')")
    page.wait_for_selector("[data-testid=process-task][data-key=replace][data-state=done]")
    assert phase.inner_text() == "Completed"
    assert page.inner_text("[data-testid=process-run-state]") == "Completed"
    assert "Swapped" in panel.inner_text()
    assert errors == []
