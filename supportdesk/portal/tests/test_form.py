"""The new-ticket form: signed-in and signed-out submissions, topics and their fields, attachments,
and the abuse defence (honeypot, minimum fill time, rate limits, bounded sizes, hostile input)."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.email_gateway.models import Acknowledgement, Mailbox
from supportdesk.portal import actions
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import Topic
from supportdesk.portal.tests.portal_tickets_world import World, build_world, customer, file, make_topic, signed_in
from supportdesk.portal.visits import form_token, new_visit
from supportdesk.tickets.choices import Channel, EventKind, FieldType, SenderType, State
from supportdesk.tickets.models import CustomFieldDefinition, Ticket, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def billing_topic(world: World) -> Topic:
    CustomFieldDefinition.objects.create(key="contract", label="Contract number", field_type=FieldType.TEXT, position=1)
    CustomFieldDefinition.objects.create(
        key="product", label="Product", field_type=FieldType.SELECT, options=["Phone", "Router"], position=2
    )
    CustomFieldDefinition.objects.create(key="internal_score", label="Internal score", field_type=FieldType.NUMBER, position=3)
    return make_topic(world.billing, names={"en": "Billing", "de": "Abrechnung"}, fields=["contract", "product"], required=["contract"])


def form_data(**values: Any) -> dict[str, Any]:
    """A form as a person sends it: started ten seconds ago (past the minimum fill time)."""
    visit = values.pop("visit", None) or new_visit()
    data: dict[str, Any] = {
        "subject": "My invoice is wrong",
        "body": "Invoice 4711 charges twice.",
        "visit": visit,
        "form_token": form_token(visit, now=time.time() - 10),
        "website": "",
    }
    data.update(values)
    return data


def visitor_data(topic: Topic | None = None, **values: Any) -> dict[str, Any]:
    base = {"name": "Vera Visitor", "email": "vera@visitor.example"}
    if topic is not None:
        base.update(topic=str(topic.pk), cf_contract="C-1")
    return form_data(**{**base, **values})


def post(client: Client, data: dict[str, Any], **extra: Any) -> Any:
    return client.post("/portal/new/", data, **extra)


# -- who may use the form ---------------------------------------------------------------------------------


def test_visitors_get_the_form_with_name_and_email_while_the_public_form_is_on(world: World, client: Client) -> None:
    page = client.get("/portal/new/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="email"' in text and 'name="name"' in text and 'name="form_token"' in text and 'class="hp"' in text


def test_public_form_off_means_sign_in_first(world: World, client: Client) -> None:
    row = get_portal_settings()
    row.public_form = False
    row.save()
    response = client.get("/portal/new/?topic=1")
    assert response.status_code == 302
    assert response["Location"] == "/portal/login/?next=%2Fportal%2Fnew%2F%3Ftopic%3D1"
    assert post(client, visitor_data()).status_code == 302
    assert not Ticket.objects.filter(subject="My invoice is wrong").exists()
    assert client.get("/portal/new/fields/").status_code == 204
    assert client.get("/portal/new/suggestions/", {"subject": "invoice"}).status_code == 204
    # Signed-in customers still may.
    assert signed_in(world.alice).get("/portal/new/").status_code == 200


def test_unverified_users_are_sent_to_verify(world: World) -> None:
    unverified = customer("late@shared.example", "Late Person", verify=False)
    response = signed_in(unverified).get("/portal/new/")
    assert (response.status_code, response["Location"]) == (302, "/portal/verify/")


# -- signed-in submissions ------------------------------------------------------------------------------------


def test_a_customer_submits_a_ticket_under_a_topic(world: World, billing_topic: Topic) -> None:
    client = signed_in(world.alice)
    response = post(
        client,
        form_data(topic=str(billing_topic.pk), cf_contract="C-42", cf_product="Router", files=[file("bill.pdf", b"%PDF")]),
        HTTP_ACCEPT_LANGUAGE="de",
    )
    ticket = Ticket.objects.get(subject="My invoice is wrong")
    assert response.status_code == 303 and response["Location"] == f"/portal/tickets/{ticket.number}/"
    assert (ticket.customer_id, ticket.group_id, ticket.channel, ticket.language, ticket.state) == (
        world.alice.pk,
        world.billing.pk,
        Channel.PORTAL,
        "de",
        State.NEW,
    )
    assert ticket.custom_fields == {"contract": "C-42", "product": "Router"}
    assert ticket.organization_id == world.shared_org.pk
    first = ticket.articles.get()
    assert (first.sender_type, first.author_id, first.body_text) == (SenderType.CUSTOMER, world.alice.pk, "Invoice 4711 charges twice.")
    assert list(first.attachments.values_list("filename", flat=True)) == ["bill.pdf"]
    move = TicketEvent.objects.get(ticket=ticket, field="group")
    assert (move.actor_id, move.new_value, move.data) == (None, "Billing", {"source": "portal_topic", "source_name": "Billing"})
    assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CREATED, actor=world.alice).exists()
    # The flash message is in the language the form was sent in.
    with translation.override("de"):
        thanks = gettext("Thank you! We received your request %(number)s.") % {"number": ticket.display_number}
    assert thanks.startswith("Vielen Dank") and thanks in client.get(response["Location"]).content.decode()


def test_no_active_topic_means_no_topic_question_and_the_default_group(world: World) -> None:
    response = post(signed_in(world.alice), form_data())
    assert response.status_code == 303
    assert Ticket.objects.get(subject="My invoice is wrong").group_id == world.support.pk


def test_staff_use_the_form_as_customers_of_their_own_ticket(world: World, billing_topic: Topic) -> None:
    from supportdesk.portal.tests.portal_tickets_world import verified

    verified(world.agent)
    post(signed_in(world.agent), form_data(topic=str(billing_topic.pk), cf_contract="C-9"))
    ticket = Ticket.objects.get(subject="My invoice is wrong")
    assert (ticket.customer_id, ticket.group_id, ticket.channel) == (world.agent.pk, world.billing.pk, Channel.PORTAL)
    assert ticket.articles.get().sender_type == SenderType.CUSTOMER


def test_required_topic_fields_and_their_types(world: World, billing_topic: Topic) -> None:
    client = signed_in(world.alice)
    missing = post(client, form_data(topic=str(billing_topic.pk), cf_contract="", subject="Kept subject", body="Kept body"))
    assert missing.status_code == 422
    text = missing.content.decode()
    assert '<p class="field-error" id="id_cf_contract-error">Please fill in this field.</p>' in text
    assert 'value="Kept subject"' in text and "Kept body</textarea>" in text
    wrong = post(client, form_data(topic=str(billing_topic.pk), cf_contract="C-1", cf_product="Toaster"))
    assert wrong.status_code == 422 and "Select a valid choice." in wrong.content.decode()
    # A field the topic does not ask is ignored, not stored.
    post(client, form_data(topic=str(billing_topic.pk), cf_contract="C-1", cf_internal_score="99"))
    assert Ticket.objects.get(subject="My invoice is wrong").custom_fields == {"contract": "C-1"}


def test_topics_must_be_active_and_chosen(world: World, billing_topic: Topic) -> None:
    client = signed_in(world.alice)
    assert post(client, form_data()).status_code == 422  # a topic is required while topics exist
    billing_topic.is_active = False
    billing_topic.save()
    other = make_topic(world.support, names={"en": "Other"})
    inactive = post(client, form_data(topic=str(billing_topic.pk)))
    assert inactive.status_code == 422 and "Select a valid choice." in inactive.content.decode()
    assert post(client, form_data(topic="1; DROP TABLE tickets")).status_code == 422
    assert post(client, form_data(topic=str(other.pk))).status_code == 303
    assert not Ticket.objects.filter(group=world.billing, subject="My invoice is wrong").exists()


def test_topic_names_follow_the_request_language(world: World, billing_topic: Topic) -> None:
    text = signed_in(world.alice).get("/portal/new/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f'<option value="{billing_topic.pk}">Abrechnung</option>' in text


# -- signed-out visitors -------------------------------------------------------------------------------------


def test_a_visitor_ticket_is_created_like_a_mail_and_acknowledged(
    world: World, billing_topic: Topic, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    Mailbox.objects.create(name="Billing", email_address="billing@support.example", group=world.billing, send_acknowledgement=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, visitor_data(billing_topic, files=[file("scan.png", b"\x89PNG", "image/png")]))
    assert response.status_code == 303 and response["Location"] == "/portal/new/received/"
    vera = User.objects.get(email="vera@visitor.example")
    assert (vera.role, vera.full_name, vera.has_usable_password()) == (Role.CUSTOMER, "Vera Visitor", False)
    ticket = Ticket.objects.get(customer=vera)
    assert (ticket.group_id, ticket.channel, ticket.custom_fields, ticket.subject) == (
        world.billing.pk,
        Channel.PORTAL,
        {"contract": "C-1"},
        "My invoice is wrong",
    )
    article = ticket.articles.get()
    assert (article.sender_type, article.author_id, list(article.attachments.values_list("filename", flat=True))) == (
        SenderType.CUSTOMER,
        vera.pk,
        ["scan.png"],
    )
    assert Acknowledgement.objects.get(ticket=ticket).recipient == "vera@visitor.example"
    assert [message.to for message in mail.outbox] == [["vera@visitor.example"]]
    received = client.get("/portal/new/received/").content.decode()
    assert ticket.display_number in received and "My invoice is wrong" not in received and "4711" not in received
    assert ticket.display_number not in client.get("/portal/new/received/").content.decode()  # shown once


def test_a_visitor_with_a_known_address_writes_as_that_customer(world: World, client: Client) -> None:
    post(client, visitor_data(email="ALICE@shared.example", name="Someone"))
    ticket = Ticket.objects.get(subject="My invoice is wrong")
    assert ticket.customer_id == world.alice.pk and ticket.organization_id == world.shared_org.pk
    assert User.objects.filter(email__iexact="alice@shared.example").count() == 1
    world.alice.refresh_from_db()
    assert world.alice.full_name == "Alice Shared"  # a visitor cannot rename an existing customer


def test_visitor_fields_are_required_and_checked(world: World, client: Client) -> None:
    response = post(client, visitor_data(name="", email="not an address"))
    assert response.status_code == 422
    text = response.content.decode()
    assert "This field is required." in text and "Enter a valid email address." in text
    assert not Ticket.objects.filter(subject="My invoice is wrong").exists()


# -- abuse defence ---------------------------------------------------------------------------------------------


def test_a_filled_honeypot_pretends_success_and_creates_nothing(world: World, client: Client, caplog: Any) -> None:
    users = User.objects.count()
    with caplog.at_level(logging.WARNING, logger="supportdesk.portal.views_tickets"):
        response = post(client, visitor_data(website="http://spam.example"))
    assert (response.status_code, response["Location"]) == (303, "/portal/new/received/")
    assert not Ticket.objects.filter(subject="My invoice is wrong").exists() and User.objects.count() == users
    assert "honeypot filled" in caplog.text
    page = client.get("/portal/new/received/")
    assert page.status_code == 200 and b"Its number is" not in page.content


TOKENS = {
    "missing": lambda: "",
    "garbage": lambda: "garbage",
    "too fast": lambda: form_token("abcdefghijklmnopqrstuv"),  # just now: faster than a person
    "expired": lambda: form_token("abcdefghijklmnopqrstuv", now=time.time() - 3 * 24 * 3600),
    "tampered": lambda: form_token("abcdefghijklmnopqrstuv", now=time.time() - 10)[:-3] + "AAA",
}


@pytest.mark.parametrize("kind", sorted(TOKENS))
def test_the_minimum_fill_time_and_the_signed_token(world: World, client: Client, kind: str) -> None:
    token = TOKENS[kind]()
    response = post(client, visitor_data(form_token=token, visit="abcdefghijklmnopqrstuv", subject="Too quick", body="Kept text"))
    assert response.status_code == 422
    text = response.content.decode()
    assert "Please check your request and send it again." in text
    assert 'value="Too quick"' in text and "Kept text</textarea>" in text
    fresh = text.split('name="form_token" value="')[1].split('"')[0]
    assert fresh and fresh != token  # a new start time, so sending again later works
    assert 'name="visit" value="abcdefghijklmnopqrstuv"' in text  # the visit (and its deflections) is kept
    assert not Ticket.objects.filter(subject="Too quick").exists()


def test_visitors_are_rate_limited_per_address_and_per_email(world: World, monkeypatch: Any) -> None:
    from datetime import timedelta

    monkeypatch.setattr(actions, "VISITOR_LIMITS", ((3, timedelta(hours=1), "ip"), (2, timedelta(hours=1), "email")))
    same_ip = Client(REMOTE_ADDR="203.0.113.5")
    assert post(same_ip, visitor_data(email="one@visitor.example", subject="one")).status_code == 303
    assert post(same_ip, visitor_data(email="two@visitor.example", subject="two")).status_code == 303
    assert post(same_ip, visitor_data(email="three@visitor.example", subject="three")).status_code == 303
    over = post(same_ip, visitor_data(email="four@visitor.example", subject="four"))
    assert over.status_code == 429 and "Please wait a while" in over.content.decode()
    assert not Ticket.objects.filter(subject="four").exists()
    # One victim's address from many client addresses.
    for index, expected in ((1, 303), (2, 303), (3, 429)):
        other = Client(REMOTE_ADDR=f"198.51.100.{index}")
        assert post(other, visitor_data(email="victim@visitor.example", subject=f"victim {index}")).status_code == expected
    # A forged X-Forwarded-For from a client that is no trusted proxy changes nothing.
    forged = Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert post(forged, visitor_data(email="five@visitor.example", subject="five")).status_code == 429


def test_signed_in_users_are_limited_per_account(world: World, monkeypatch: Any) -> None:
    from datetime import timedelta

    monkeypatch.setattr(actions, "USER_LIMITS", ((2, timedelta(hours=1), "user"),))
    client = signed_in(world.alice)
    assert [post(client, form_data(subject=f"n{i}")).status_code for i in range(3)] == [303, 303, 429]
    assert post(signed_in(world.bob), form_data(subject="bob")).status_code == 303


def test_hostile_text_inputs(world: World, client: Client) -> None:
    huge = post(client, visitor_data(subject="x" * 10_000))
    assert huge.status_code == 422 and "Ensure this value has at most 250 characters" in huge.content.decode()
    too_long = post(client, visitor_data(body="y" * 50_001))
    assert too_long.status_code == 422
    injected = post(client, visitor_data(email="vera@visitor.example\r\nBcc: all@victims.example"))
    assert injected.status_code == 422
    assert not User.objects.filter(email__contains="victims").exists()
    nul = post(client, visitor_data(subject="Null\x00byte"))
    assert nul.status_code == 422 and "Null characters are not allowed." in nul.content.decode()
    ok = post(client, visitor_data(subject="Line\r\nBreak and\ttab", name="Vera\x07 <script>alert(1)</script>"))
    assert ok.status_code == 303
    ticket = Ticket.objects.get(customer__email="vera@visitor.example")
    assert ticket.subject == "Line Break and tab"
    assert ticket.customer.full_name == "Vera <script>alert(1)</script>"  # stored as text, escaped on output
    page = signed_in(world.agent).get(f"/tickets/{ticket.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_attachment_limits(world: World, client: Client, monkeypatch: Any, settings: Any) -> None:
    too_many = post(client, visitor_data(files=[file(f"f{i}.txt") for i in range(6)], body="Keep me"))
    assert too_many.status_code == 422 and "At most 5 files at once." in too_many.content.decode()
    assert "Keep me</textarea>" in too_many.content.decode()
    monkeypatch.setattr(actions, "VISITOR_MAX_TOTAL_BYTES", 1024 * 1024)
    total = post(client, visitor_data(files=[file("a.bin", b"a" * 600_000), file("b.bin", b"b" * 600_000)]))
    assert total.status_code == 422 and "At most 1 MB in total." in total.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 100
    single = post(signed_in(world.alice), form_data(files=[file("big.bin", b"x" * 101)]))
    assert single.status_code == 422 and "big.bin is larger than 100 bytes." in single.content.decode()
    assert post(signed_in(world.alice), form_data(files=[file(f"f{i}.txt") for i in range(21)])).status_code == 422
    assert not Ticket.objects.filter(subject="My invoice is wrong").exists()


# -- htmx helpers and deflection ------------------------------------------------------------------------------


def test_the_topic_fields_fragment(world: World, billing_topic: Topic, client: Client) -> None:
    text = client.get("/portal/new/fields/", {"topic": billing_topic.pk}).content.decode()
    assert 'name="cf_contract"' in text and 'name="cf_product"' in text and 'name="cf_internal_score"' not in text
    assert 'aria-required="true"' in text
    assert client.get("/portal/new/fields/", {"topic": "nope"}).content.decode().strip() == ""


def test_suggestions_link_public_articles_with_the_visit(world: World, client: Client, monkeypatch: Any) -> None:
    from supportdesk.ai.suggestions import kb as shared_retrieval
    from supportdesk.kb.search import KbHit

    calls: list[tuple[str, Any]] = []

    def fake_search(query: str, *, language: Any = None, public_only: bool = True, limit: int = 10, **kwargs: Any) -> list[Any]:
        calls.append((query, language))
        assert public_only is True
        return [
            KbHit(translation_id=i, article_id=i, language="en", title=f"How to <b>{i}</b>", snippet="snip", url=f"/help/en/{i}-x/")
            for i in range(7)
        ]

    monkeypatch.setattr(shared_retrieval, "search_articles", fake_search)  # the portal asks through kb_for_text
    text = client.get("/portal/new/suggestions/", {"subject": "  printer   jam ", "visit": "abcdefghijklmnopqrstuv"}).content.decode()
    assert calls == [("printer jam", "en")]
    assert text.count('data-testid="kb-suggestion"') == 5
    assert 'href="/help/en/0-x/?from=form&amp;visit=abcdefghijklmnopqrstuv&amp;q=printer+jam" target="_blank" rel="noopener"' in text
    assert "How to &lt;b&gt;0&lt;/b&gt;" in text
    assert client.get("/portal/new/suggestions/", {"subject": "ab"}).content.decode().strip() == ""
    assert len(calls) == 1
    hostile = client.get("/portal/new/suggestions/", {"subject": "printer", "visit": '"><script>'}).content.decode()
    assert "<script>" not in hostile and "visit=" not in hostile


def test_submitting_links_the_visits_deflections_to_the_ticket(
    world: World, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    from supportdesk.kb.models import Article as KbArticle
    from supportdesk.kb.models import Category, Deflection, Translation

    category = Category.objects.create(slug="general", names={"en": "General"})
    translation = Translation.objects.create(
        article=KbArticle.objects.create(category=category), language="en", title="Invoices", slug="invoices", state="published"
    )
    visit = new_visit()
    Deflection.objects.create(translation=translation, visit=visit, query="invoice")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, visitor_data(visit=visit))
    ticket = Ticket.objects.get(subject="My invoice is wrong")
    assert Deflection.objects.get(visit=visit).ticket_id == ticket.pk


def test_a_failing_deflection_link_never_undoes_the_ticket(world: World, monkeypatch: Any, caplog: Any) -> None:
    from supportdesk.kb import feedback

    def broken(visit: str, ticket: Ticket) -> int:
        raise RuntimeError("kb down")

    monkeypatch.setattr(feedback, "link_deflections_to_ticket", broken)
    actions.link_deflections("abcdefghijklmnopqrstuv", world.alice_ticket.pk)
    assert "linking deflections" in caplog.text
