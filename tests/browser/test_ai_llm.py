"""LLM drafting in a real browser, under the strict CSP: the admin tests the connection to a fake
OpenAI-compatible server, an agent drafts a reply, inserts it into the composer, sees an error
inline, and sends the reply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from supportdesk.ai.llm.testing import FakeLlm, configure
from supportdesk.kb.tests.kbpub_factories import make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeLlm]:
    settings.SUPPORTDESK_AI_LLM_ALLOW_LOOPBACK = True
    settings.SUPPORTDESK_AI_LLM_TIMEOUT_SECONDS = 5
    with FakeLlm(reply="Dear Carla,\n\nplease unplug the printer at once.\n\nBest regards") as server:
        yield server


def _watch(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def _sign_in(page: Any, client: Any, live_server: Any, user: Any) -> None:
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def test_admin_tests_the_connection(live_server, page, admin, fake, client):
    configure(admin, fake, enabled=False)
    fake.reply = "OK"
    errors = _watch(page)
    _sign_in(page, client, live_server, admin)
    page.goto(f"{live_server.url}/settings/ai/")
    page.click("[data-testid=llm-test-button]")
    expect(page.locator("[data-testid=llm-test-ok]")).to_contain_text("fake-model")
    fake.status = 401
    page.click("[data-testid=llm-test-button]")
    expect(page.locator("[data-testid=llm-test-error]")).to_contain_text("refused the API key")
    assert errors == []


def test_agent_drafts_inserts_and_sends(live_server, page, admin, agent, make_ticket, fake, client):
    cat = make_category("printers", names={"en": "Printers"})
    make_article(cat, {"en": ("Printer on fire", "Unplug the printer at once.")})
    ticket = make_ticket()
    configure(admin, fake)
    errors = _watch(page)
    _sign_in(page, client, live_server, agent)

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    expect(page.locator("[data-testid=llm-panel]")).to_be_visible()
    assert fake.requests == []  # nothing is asked while the page loads
    page.fill("#composer-body", "Hello,\n")  # the agent has started; the draft goes in at the cursor
    page.click("[data-testid=llm-draft]")
    draft = page.locator("[data-testid=llm-draft-text]")
    expect(draft).to_have_value("Dear Carla,\n\nplease unplug the printer at once.\n\nBest regards")
    expect(page.locator("[data-testid=llm-source] a")).to_have_text("Printer on fire")
    assert "The printer in room 4 is on fire." in fake.requests[0].body["messages"][1]["content"]

    draft.fill("Dear Carla, please unplug the printer now.")  # the agent edits before inserting
    page.click("[data-testid=llm-insert]")
    assert page.input_value("#composer-body") == "Hello,\nDear Carla, please unplug the printer now."

    # A live refresh of the sidebar (another agent changed the ticket) keeps the draft box.
    with page.expect_response(lambda response: response.url.endswith(f"/tickets/{ticket.pk}/") and response.request.method == "GET"):
        page.evaluate("document.body.dispatchEvent(new CustomEvent('sd:this-ticket-changed'))")
    page.wait_for_timeout(300)
    expect(page.locator("[data-testid=llm-draft-text]")).to_have_value("Dear Carla, please unplug the printer now.")

    fake.status = 500  # the next request fails: the error shows in the panel, the page stays
    page.click("[data-testid=llm-summary]")
    expect(page.locator("[data-testid=llm-error]")).to_contain_text("HTTP 500")
    assert page.input_value("#composer-body") == "Hello,\nDear Carla, please unplug the printer now."

    page.click("button.btn--primary:has-text('Send reply')")
    page.wait_for_url(f"{live_server.url}/tickets/{ticket.pk}/**")
    timeline = page.inner_text("#timeline")
    assert "Dear Carla, please unplug the printer now." in timeline
    assert errors == []
