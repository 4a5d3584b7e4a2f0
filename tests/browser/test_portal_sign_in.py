"""A customer signs in to the portal with a mailed link, on a phone-sized screen: the link is asked
for on /portal/login/, the mail is read from a real SMTP server, the link is opened in Chromium,
"Sign in" is pressed and the portal home shows. No CSP violation and no sideways scrolling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.email_gateway.tests.smtp_server import SmtpSink, django_smtp_server
from supportdesk.portal.models import SignInLink
from supportdesk.testing.factories import CustomerFactory
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def smtp_sink(settings: Any) -> Iterator[SmtpSink]:
    yield from django_smtp_server(settings)


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_customer_signs_in_with_a_mailed_link(
    asgi_live_server: AsgiLiveServer, smtp_sink: SmtpSink, chromium_browser: Any, settings: Any
) -> None:
    settings.SUPPORTDESK_BASE_URL = asgi_live_server.url
    customer = CustomerFactory.create(email="maja@customer.example", full_name="Maja Muster")
    base = asgi_live_server.url
    context = chromium_browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_errors: list[str] = []
    page.on("console", lambda message: csp_errors.append(message.text) if "Content Security Policy" in message.text else None)
    try:
        page.goto(f"{base}/portal/login/")
        _no_sideways_scroll(page)
        page.fill("#link-email", customer.email)
        page.click("[data-testid=link-form] button[type=submit]")
        page.wait_for_url(f"{base}/portal/link/sent/")
        assert "Check your mail" in page.inner_text("h1")

        [received] = smtp_sink.messages
        assert received.rcpt_tos == [customer.email]
        message = received.message
        assert message["Auto-Submitted"] == "auto-generated"
        text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        found = re.search(re.escape(base) + r"/portal/link/[A-Za-z0-9_-]{43}/", text)
        assert found, text

        page.goto(found.group(0))  # opening the link changes nothing yet
        assert SignInLink.objects.get().used_at is None
        _no_sideways_scroll(page)
        page.click("[data-testid=link-open] button[type=submit]")
        page.wait_for_url(f"{base}/portal/")
        assert page.inner_text("h1") == "My tickets"
        assert page.is_visible("text=Sign out")
        _no_sideways_scroll(page)
        assert SignInLink.objects.get().used_at is not None
        assert User.objects.get(pk=customer.pk).email_verified_at is not None

        page.goto(found.group(0))  # the link is single use
        assert "already been used" in page.inner_text("[data-testid=link-bad]")
        assert csp_errors == []
    finally:
        context.close()
