"""A customer rates a solved ticket from the survey mail: the sweep sends the CSAT mail to a real
SMTP server, the "5" link from the received mail opens in Chromium, the page submits the click by
itself and thanks; a comment is added; the agent sees the answer on the ticket."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.email_gateway.tests.smtp_server import SmtpSink
from supportdesk.email_gateway.tests.smtp_server import smtp_server as smtp_server
from supportdesk.surveys.choices import AnswerChannel, InvitationStatus
from supportdesk.surveys.models import SurveyInvitation, SurveyResponse
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.sweeps import run_survey_sweep
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIVE = re.compile(r"^\s*5 Very satisfied: (\S+/survey/[^/\s]+/)", re.MULTILINE)


def test_rating_a_ticket_from_the_mailed_link(
    chromium_browser: Any, asgi_live_server: AsgiLiveServer, smtp_server: SmtpSink, settings: Any, agent: User, make_ticket: Any
) -> None:
    from playwright.sync_api import expect

    settings.SUPPORTDESK_BASE_URL = asgi_live_server.url
    conf = get_settings()
    conf.csat_enabled = True
    conf.save()
    ticket: Ticket = make_ticket(subject="Printer <b>on fire</b>")
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    update_ticket(agent, ticket, {"state": "solved"})  # no outer transaction: the events are delivered at once
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.PENDING

    assert run_survey_sweep(now=timezone.now() + timedelta(minutes=61)) == 1
    [received] = smtp_server.messages
    message = received.message
    assert received.rcpt_tos == [ticket.customer.email]
    assert message["Auto-Submitted"] == "auto-generated"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    text = plain.get_content()
    five = FIVE.search(text)
    assert five is not None, text
    link = five.group(1)
    assert link.startswith(f"{asgi_live_server.url}/survey/")

    context = chromium_browser.new_context(viewport={"width": 1000, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        problems: list[str] = []
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        # Any script error or CSP violation is a console error (the browser's own favicon request is not ours).
        page.on(
            "console",
            lambda msg: problems.append(msg.text) if msg.type == "error" and "favicon" not in str(msg.location.get("url")) else None,
        )
        page.goto(link)
        thanks = page.locator("[data-testid=survey-thanks]")
        expect(thanks).to_be_visible()
        expect(thanks).to_contain_text("Thank you for your feedback!")
        expect(page.locator("[data-testid=survey-current-answer]")).to_have_text("Your answer: Very satisfied")
        expect(page.locator("[data-testid=survey-ticket]")).to_contain_text("Printer <b>on fire</b>")
        response = SurveyResponse.objects.get()
        assert (response.score, response.channel, response.comment) == (5, AnswerChannel.EMAIL_LINK, "")

        page.fill("[data-testid=survey-comment]", "Fixed within the hour, thank you!")
        page.click("[data-testid=survey-submit]")
        expect(page.locator("[data-testid=survey-thanks]")).to_be_visible()
        expect(page.locator("[data-testid=survey-comment]")).to_have_value("Fixed within the hour, thank you!")
        response.refresh_from_db()
        assert (response.score, response.comment) == (5, "Fixed within the hour, thank you!")
        assert response.changed_at is not None
        assert problems == []

        # The agent sees the answer on the ticket.
        client = Client()
        client.force_login(agent)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": asgi_live_server.url}])
        page.goto(f"{asgi_live_server.url}/tickets/{ticket.pk}/")
        expect(page.locator("[data-testid=survey-summary-score]")).to_have_text("5/5 · Very satisfied")
        expect(page.locator("[data-testid=survey-summary-comment]")).to_have_text("Fixed within the hour, thank you!")
    finally:
        context.close()
