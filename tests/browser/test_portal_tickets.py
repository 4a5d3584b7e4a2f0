"""The customer's portal in a real browser, under the strict CSP: a new ticket with KB suggestions
shown while the subject is typed, an attachment, the list, the ticket page, a reply, closing."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article as KbArticle
from supportdesk.kb.models import Category, Translation
from supportdesk.kb.search import index_translation
from supportdesk.portal.models import Topic
from supportdesk.testing.factories import CustomerFactory, GroupFactory
from supportdesk.tickets.choices import Channel, FieldType, State
from supportdesk.tickets.models import CustomFieldDefinition, Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def published_article(title: str, body: str) -> Translation:
    """A published public article, indexed through the real KB search index."""
    category = Category.objects.create(slug="printing", names={"en": "Printing"}, visibility=Visibility.PUBLIC)
    article = KbArticle.objects.create(category=category, visibility=Visibility.PUBLIC)
    translation = Translation.objects.create(
        article=article,
        language="en",
        title=title,
        slug="printer-jams",
        body_html=f"<p>{body}</p>",
        body_text=body,
        state=ArticleState.PUBLISHED,
        published_at=timezone.now(),
    )
    index_translation(translation)
    return translation


def test_a_customer_files_a_ticket_sees_suggestions_replies_and_closes_it(live_server, page, client, tmp_path) -> None:
    GroupFactory.create(name="Support")
    hardware = GroupFactory.create(name="Hardware")
    CustomFieldDefinition.objects.create(key="model", label="Printer model", field_type=FieldType.TEXT)
    topic = Topic.objects.create(names={"en": "Printers"}, group=hardware, fields=["model"], required_fields=["model"])
    customer = CustomerFactory.create(email="carla@customer.example", full_name="Carla Customer", email_verified_at=timezone.now())
    published_article("Printer jams on page two", "Open the rear tray and remove the stuck sheet.")

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    client.force_login(customer)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])

    page.goto(f"{live_server.url}/portal/new/")
    page.select_option("#id_topic", str(topic.pk))
    expect(page.locator("#id_cf_model")).to_be_visible()  # the topic's fields, swapped in by htmx
    page.fill("#id_cf_model", "LaserJet 4")
    page.click("#id_subject")
    page.keyboard.type("printer jams")
    suggestion = page.locator("[data-testid=kb-suggestion]")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_text("Printer jams on page two")
    href = suggestion.get_attribute("href") or ""
    visit = page.input_value("input[name=visit]")
    assert "from=form" in href and f"visit={visit}" in href
    assert suggestion.get_attribute("target") == "_blank"

    page.fill("#id_body", "It jams every time on page two, even after cleaning.")
    attachment = tmp_path / "jam-photo.txt"
    attachment.write_text("a photo, in words")
    page.set_input_files("#new-files", str(attachment))
    page.wait_for_timeout(3100)  # a person takes longer than the form's minimum fill time
    page.click("[data-testid=portal-submit]")
    ticket = Ticket.objects.get(subject="printer jams")
    page.wait_for_url(f"{live_server.url}/portal/tickets/{ticket.number}/")
    assert (ticket.group_id, ticket.channel, ticket.custom_fields) == (hardware.pk, Channel.PORTAL, {"model": "LaserJet 4"})
    expect(page.locator("[data-testid=portal-conversation]")).to_contain_text("jam-photo.txt")

    page.click("nav.portal-nav >> text=My tickets")
    row = page.locator(f"[data-testid=portal-ticket-list] tr[data-number='{ticket.number}']")
    expect(row).to_contain_text("printer jams")
    expect(row).to_contain_text("Received")
    row.locator("a").first.click()
    page.wait_for_url(f"{live_server.url}/portal/tickets/{ticket.number}/")

    page.fill("#id_body", "One more detail: it is the second tray.")
    page.click("[data-testid=portal-reply-form] button[type=submit]")
    expect(page.locator("[data-testid=portal-conversation]")).to_contain_text("One more detail: it is the second tray.")
    page.click("[data-testid=portal-close]")
    expect(page.locator("[data-testid=portal-ticket-state]")).to_have_text("Solved")
    expect(page.locator("[data-testid=portal-reopen]")).to_be_visible()
    ticket.refresh_from_db()
    assert ticket.state == State.SOLVED
    assert errors == []


def test_the_portal_works_on_a_phone_sized_screen(live_server, chromium_browser, client) -> None:
    GroupFactory.create(name="Support")
    customer = CustomerFactory.create(email="paula@customer.example", email_verified_at=timezone.now())
    from supportdesk.tickets.actions import NewTicket, create_ticket

    ticket = create_ticket(customer, NewTicket(subject="A rather long subject line that needs to wrap on a small phone screen", body="Hi"))
    client.force_login(customer)
    context = chromium_browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        phone.goto(f"{live_server.url}/portal/")
        expect(phone.locator(f"tr[data-number='{ticket.number}']")).to_be_visible()
        # No horizontal scrolling: the list turns into stacked cards.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.goto(f"{live_server.url}/portal/tickets/{ticket.number}/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.goto(f"{live_server.url}/portal/new/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
