"""The help centre and the composer's KB panel in a real browser, under the strict CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from supportdesk.kb.choices import Visibility
from supportdesk.kb.models import Feedback
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def test_a_visitor_reads_a_hungarian_article_and_votes(live_server: Any, page: Any) -> None:
    billing = make_category("szamlazas", names={"en": "Billing", "hu": "Számlázás"})
    article = make_article(
        billing,
        {
            "en": ("Download your invoice", "Open Billing and choose Download."),
            "hu": ("Számla letöltése", "Nyissa meg a Számlázás menüt, majd válassza a Letöltés gombot."),
        },
    )
    make_article(billing, {"hu": ("Jelszó visszaállítása", "Kattintson az Elfelejtett jelszó linkre.")})
    errors = _watch(page)

    page.goto(f"{live_server.url}/help/hu/")
    expect(page.locator("html")).to_have_attribute("lang", "hu")
    expect(page.get_by_role("link", name="Számlázás")).to_be_visible()
    page.fill("#help-q", "szamla letolt")  # without the accents, the last word as typed
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/help/hu/search/**")
    results = page.locator("[data-testid=help-results] li")
    expect(results).to_have_count(1)
    results.get_by_role("link", name="Számla letöltése").click()

    page.wait_for_url(f"{live_server.url}/help/hu/a/{article.pk}-szamla-letoltese/")
    expect(page.locator("h1")).to_have_text("Számla letöltése")
    expect(page.locator(".help-body")).to_contain_text("Letöltés gombot")
    expect(page.locator("link[rel=alternate][hreflang=en]")).to_have_count(1)
    page.fill("#feedback-comment", "Köszönöm, érthető volt.")
    page.click("[data-testid=helpful-yes]")
    expect(page.locator("[data-testid=feedback-thanks]")).to_be_visible()  # swapped by htmx, no reload
    assert page.url.endswith(f"/help/hu/a/{article.pk}-szamla-letoltese/")

    row = Feedback.objects.get()
    assert (row.translation_id, row.helpful, row.comment) == (tr(article, "hu").pk, True, "Köszönöm, érthető volt.")
    translation = tr(article, "hu")
    assert (translation.helpful_yes, translation.view_count) == (1, 1)
    page.reload()  # one vote a day: the form is gone
    expect(page.locator("[data-testid=helpful-yes]")).to_have_count(0)
    assert errors == []


def test_an_agent_inserts_kb_text_and_link_into_a_reply(live_server: Any, page: Any, agent: Any, make_ticket: Any, client: Any) -> None:
    ticket = make_ticket(subject="Router trouble")
    network = make_category("network", names={"en": "Network"})
    public = make_article(network, {"en": ("Restart the router", "Unplug it for ten seconds.")})
    make_article(network, {"en": ("Router escalation", "Call the network team.")}, visibility=Visibility.INTERNAL)
    errors = _watch(page)
    client.force_login(agent)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    page.goto(f"{live_server.url}/tickets/{ticket.pk}/")
    page.fill("#composer-body", "Hello,")
    page.click("#kb-composer-q")
    page.keyboard.type("router")
    hits = page.locator("[data-testid=kb-composer-hit]")
    expect(hits).to_have_count(2)
    internal = hits.filter(has_text="Router escalation")
    expect(internal.locator("[data-testid=kb-internal]")).to_be_visible()
    expect(internal.locator("[data-testid=kb-insert-link]")).to_have_count(0)
    page.keyboard.press("Enter")  # does not send the reply
    visible = hits.filter(has_text="Restart the router")
    visible.locator("[data-testid=kb-insert-link]").click()
    url = f"http://127.0.0.1:8000/help/en/a/{public.pk}-restart-the-router/"
    expect(page.locator("#composer-body")).to_have_value(f"Hello, Restart the router: {url}")
    visible.locator("[data-testid=kb-insert-text]").click()
    expect(page.locator("#composer-body")).to_have_value(
        f"Hello, Restart the router: {url} Restart the router\n\nUnplug it for ten seconds."
    )
    assert page.url == f"{live_server.url}/tickets/{ticket.pk}/"
    assert errors == []
