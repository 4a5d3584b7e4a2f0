"""Suggestions panel in a real browser, under the strict CSP: it loads after the page, and Insert
puts the suggested reply, a solving reply, a template or a KB link into the composer."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import expect

from supportdesk.ai.tests.suggestions_world import solved_ticket
from supportdesk.automation.replies import actions
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.kb.tests.kbpub_factories import make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_panel_loads_and_insert_fills_the_composer(live_server, page, admin, agent, make_ticket, client):
    solved_ticket(
        make_ticket,
        agent,
        subject="Scanner driver crash on start",
        body="The scanner driver crashes on start.",
        reply="Hello Bert,\n\nReinstall the scanner driver 4.2 <b>now</b>.\n\nBest regards,\nBob",
        note="INTERNAL scanner note",
        language="en",
    )
    article = make_article(make_category("hw"), {"en": ("Scanner driver download", "Get the scanner driver from the download page.")})
    actions.create_template(admin, {"name": "Scanner driver", "body": "Hi {{ customer.first_name }}, reinstall the scanner driver."})
    ticket = make_ticket(subject="Scanner driver crash", body="My scanner driver crashes on start.", language="en")

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client.force_login(agent)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    panel = page.locator("[data-testid=suggestions-panel]")
    expect(panel.locator("[data-testid=similar-ticket]")).to_have_count(1)  # loaded by htmx after the page
    expect(panel.locator("[data-testid=similar-reply-snippet]")).to_have_text("Reinstall the scanner driver 4.2 <b>now</b>.")
    expect(panel).not_to_contain_text("INTERNAL")

    panel.locator("[data-testid=insert-suggested-reply]").click()
    text = page.input_value("#composer-body")
    assert text.startswith("Hello Carla,\n\n") and text.endswith("Best regards,\nAlex Agent")

    page.fill("#composer-body", "")
    panel.locator("[data-testid=insert-similar-reply]").click()
    assert page.input_value("#composer-body") == "Reinstall the scanner driver 4.2 <b>now</b>."

    page.fill("#composer-body", "")
    with page.expect_response(lambda response: response.url.endswith("/use/") and response.status == 204):
        panel.locator("[data-testid=insert-template]").click()
    assert page.input_value("#composer-body") == "Hi Carla, reinstall the scanner driver."
    assert ReplyTemplate.objects.get(name="Scanner driver").usage_count == 1

    page.fill("#composer-body", "")
    with page.expect_response(lambda response: "/kb/composer/link/" in response.url and response.status == 200):
        panel.locator(f"[data-translation-id='{article.translations.get().pk}'] [data-testid=insert-kb-link]").click()
    url = f"{settings.SUPPORTDESK_BASE_URL.rstrip('/')}/help/en/a/{article.pk}-scanner-driver-download/"
    expect(page.locator("#composer-body")).to_have_value(f"Scanner driver download: {url}")
    assert errors == []
