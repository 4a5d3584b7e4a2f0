"""Reply templates in a real browser: search from the composer and insert the rendered text, under the strict CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from supportdesk.automation.replies import actions
from supportdesk.automation.replies.models import ReplyTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agent_inserts_a_template_into_the_reply(live_server, page, admin, agent, make_ticket, client):
    ticket = make_ticket(subject="Printer <b>on</b> fire")
    actions.create_template(admin, {"name": "Printer help", "body": "Hello {{ customer.first_name }}, about {{ ticket.subject }}."})
    actions.create_template(admin, {"name": "Refund", "body": "Your refund is on its way."})

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client.force_login(agent)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    page.fill("#composer-body", "Hi! ")
    page.click("#reply-template-q")
    page.keyboard.type("printer")
    button = page.locator("#reply-template-results [data-reply-template]")
    expect(button).to_have_count(1)  # focus listed both; the typed search narrows it
    expect(button).to_have_text("Printer help")
    page.keyboard.press("Enter")  # does not send the reply
    with page.expect_response(lambda response: response.url.endswith("/use/") and response.status == 204):
        button.click()  # inserts, and counts the use
    assert page.input_value("#composer-body") == "Hi! Hello Carla, about Printer <b>on</b> fire."
    assert page.url == f"{live_server.url}/tickets/{ticket.pk}/"
    page.click("button.btn--primary:has-text('Send reply')")
    page.wait_for_url(f"{live_server.url}/tickets/{ticket.pk}/**")
    assert "Hello Carla, about Printer <b>on</b> fire." in page.inner_text("#timeline")
    assert ReplyTemplate.objects.get(name="Printer help").usage_count == 1
    assert errors == []
