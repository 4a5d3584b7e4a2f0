"""Remote images in a real browser: nothing is fetched until the agent clicks "Show images" (BAD-INPUTS 25).

The "remote" image is a static file of the test server itself, on 127.0.0.1 with a query string
that only this test uses, so no internet is needed and every request for it is one we caused.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from supportdesk.tickets.choices import Channel
from supportdesk.tickets.models import Article
from tests.browser.conftest import AsgiLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_remote_image_is_requested_only_after_show_images(asgi_live_server: AsgiLiveServer, page: Any, agent, make_ticket) -> None:
    base = asgi_live_server.url
    image_url = f"{base}/static/css/app.css?remote-image={secrets.token_hex(8)}"
    ticket = make_ticket(
        subject="Newsletter with a pixel",
        body="Newsletter",
        body_html=f'<p>Our news</p><img src="{image_url}" alt="pixel" width="20" height="20">',
        channel=Channel.EMAIL,
    )
    article = Article.objects.filter(ticket=ticket).earliest("id")
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url) if request.url == image_url else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client = Client()
    client.force_login(agent)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base}]
    )

    page.goto(f"{base}/tickets/{ticket.pk}/", wait_until="networkidle")
    body = page.locator(f"#article-{article.pk} .article__body")
    expect(body.locator("[data-testid=remote-images-notice]")).to_contain_text("Remote images are blocked to protect your privacy.")
    expect(body.locator("img[alt=pixel]")).to_have_attribute("data-remote-src", image_url)
    expect(body.locator("img[alt=pixel]")).not_to_have_attribute("src", image_url)
    assert requested == []

    with page.expect_request(image_url):
        body.locator("[data-testid=show-remote-images]").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{base}/tickets/{ticket.pk}/?remote_images={article.pk}#article-{article.pk}"
    expect(body.locator("img[alt=pixel]")).to_have_attribute("src", image_url)
    expect(body.locator("[data-testid=remote-images-notice]")).to_have_count(0)
    assert requested == [image_url]
    assert errors == []

    # The opt-in was for that response only: opening the ticket again blocks the image again.
    page.goto(f"{base}/tickets/{ticket.pk}/", wait_until="networkidle")
    expect(body.locator("[data-testid=remote-images-notice]")).to_have_count(1)
    assert requested == [image_url]
