"""Acknowledgements (once per ticket, auto-submitted, in the customer's language, capped per recipient
and globally: BAD-INPUTS 3) and the delivery state shown on the ticket page."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from supportdesk.accounts.models import Group, User
from supportdesk.email_gateway import outbound
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.identity import reply_token
from supportdesk.email_gateway.models import Acknowledgement, AddressHealth, ArticleEmail, Mailbox
from supportdesk.email_gateway.outbound import queue_acknowledgement
from supportdesk.email_gateway.tests.smtp_server import SmtpSink, django_smtp_server
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

Capture = Callable[..., Any]


@pytest.fixture(name="smtp_server")
def _smtp_server(settings: Any) -> Iterator[SmtpSink]:
    yield from django_smtp_server(settings)


@pytest.fixture
def mailbox(group: Group) -> Mailbox:
    return Mailbox.objects.create(name="Support", email_address="support@example.com", group=group)


def acknowledge(ticket: Ticket, mailbox: Mailbox | None, capture: Capture) -> None:
    with capture(execute=True):
        queue_acknowledgement(ticket.pk, mailbox.pk if mailbox else None)


def test_acknowledgement_is_auto_submitted_and_sent_once(
    ticket: Ticket, mailbox: Mailbox, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    acknowledge(ticket, mailbox, django_capture_on_commit_callbacks)
    acknowledge(ticket, mailbox, django_capture_on_commit_callbacks)

    [received] = smtp_server.messages
    msg = received.message
    ack = Acknowledgement.objects.get(ticket=ticket)
    assert (ack.status, ack.attempts, ack.recipient) == ("sent", 1, "carla@customer.example")
    assert received.rcpt_tos == ["carla@customer.example"]
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Subject"] == f"[Ticket#{ticket.number}] We received your request: Printer on fire"
    assert msg["Reply-To"] == f"support+{reply_token(ticket.pk)}@example.com"
    assert msg["Message-ID"].strip() == f"<{ack.message_id}>"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"We have opened request {ticket.display_number} and will answer" in text


def test_acknowledgement_in_the_customers_language(
    ticket: Ticket, customer: User, mailbox: Mailbox, django_capture_on_commit_callbacks: Capture
) -> None:
    User.objects.filter(pk=customer.pk).update(language="de")
    acknowledge(ticket, mailbox, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == f"[Ticket#{ticket.number}] Wir haben Ihre Anfrage erhalten: Printer on fire"
    assert f"Wir haben die Anfrage {ticket.display_number} eröffnet" in str(message.body)


@pytest.mark.parametrize("setup", ["mailbox_off", "no_mailbox", "undeliverable"])
def test_no_acknowledgement(setup: str, ticket: Ticket, mailbox: Mailbox, django_capture_on_commit_callbacks: Capture) -> None:
    if setup == "mailbox_off":
        Mailbox.objects.filter(pk=mailbox.pk).update(send_acknowledgement=False)
    if setup == "undeliverable":
        AddressHealth.objects.create(address="carla@customer.example", undeliverable=True)
    acknowledge(ticket, None if setup == "no_mailbox" else mailbox, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    expected = [("skipped", "undeliverable")] if setup == "undeliverable" else []
    assert list(Acknowledgement.objects.values_list("status", "error")) == expected


def test_acknowledgements_are_capped_per_recipient(
    make_ticket: Callable[..., Ticket], mailbox: Mailbox, django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    tickets = [make_ticket(subject=f"Vacation reply {n}") for n in range(7)]
    for ticket in tickets:
        acknowledge(ticket, mailbox, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 5
    statuses = [Acknowledgement.objects.get(ticket=t).status for t in tickets]
    assert statuses == ["sent"] * 5 + ["skipped"] * 2
    assert Acknowledgement.objects.get(ticket=tickets[6]).error == "send cap reached"
    assert "acknowledgement to carla@customer.example skipped: more than 5 per hour (possible mail loop)" in caplog.text


def test_acknowledgements_are_capped_globally(
    make_ticket: Callable[..., Ticket],
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An autoresponder that rewrites its address each time escapes the per-recipient cap only."""
    monkeypatch.setattr(outbound, "ACK_GLOBAL_CAP", (3, outbound.ACK_GLOBAL_CAP[1]))
    tickets = [make_ticket(customer_email=f"bounce-{n}@robot.example") for n in range(4)]
    for ticket in tickets:
        acknowledge(ticket, mailbox, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["bounce-0@robot.example"], ["bounce-1@robot.example"], ["bounce-2@robot.example"]]
    assert Acknowledgement.objects.get(ticket=tickets[3]).status == "skipped"
    assert any(r.levelno == logging.ERROR and "ADMIN ALERT" in r.getMessage() for r in caplog.records)


def test_ticket_page_shows_the_delivery_state(agent: User, ticket: Ticket, client: Client) -> None:
    sent = add_article(agent, ticket, body_text="First answer")
    failed = add_article(agent, ticket, body_text="Second answer")
    ArticleEmail.objects.create(article=sent, message_id="a@x", is_outbound=True, delivery_status=DeliveryStatus.SENT)
    ArticleEmail.objects.create(
        article=failed,
        message_id="b@x",
        is_outbound=True,
        delivery_status=DeliveryStatus.FAILED,
        delivery_error="SMTP 550 5.1.1 No such user",
    )
    client.force_login(agent)

    html = client.get(reverse("ticket", args=[ticket.pk])).content.decode()

    assert '<span class="badge badge--muted" data-testid="delivery-state">Mail: Sent</span>' in html
    assert (
        '<span class="badge alert--error" data-testid="delivery-state" title="SMTP 550 5.1.1 No such user">Mail: Failed</span>'
        ' <span class="small muted">SMTP 550 5.1.1 No such user</span>'
    ) in html
    assert html.count('data-testid="delivery-state"') == 2


def test_acknowledgement_threads_under_the_customers_mail(group: Group, django_capture_on_commit_callbacks: Capture) -> None:
    from supportdesk.email_gateway.intake import process_inbound, store_raw

    box = Mailbox.objects.create(name="Threads", email_address="help@example.com", group=group, send_acknowledgement=True)
    raw = (
        b"From: Carla <carla@customer.example>\r\nTo: help@example.com\r\nSubject: Scanner\r\n"
        b"Message-ID: <scanner-1@customer.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\nIt jams.\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        process_inbound(store_raw(raw, source="smtp", mailbox=box).pk)
    sent = mail.outbox[-1].message()
    assert sent["Auto-Submitted"] == "auto-replied"
    assert sent["In-Reply-To"] == "<scanner-1@customer.example>"
    assert sent["References"] == "<scanner-1@customer.example>"


ACK_SUBJECTS = {
    "en": "We received your request: Drucker",
    "de": "Wir haben Ihre Anfrage erhalten: Drucker",
    "hu": "Megkaptuk a kérését: Drucker",
    "lv": "Mēs saņēmām jūsu pieprasījumu: Drucker",
}
ACK_BODIES = {
    "en": "We have opened request",
    "de": "Wir haben die Anfrage",
    "hu": "Megnyitottuk a(z)",
    "lv": "Mēs atvērām pieprasījumu",
}


def mail_from(sender: str, *, content_language: str = "", n: int = 1) -> bytes:
    header = f"Content-Language: {content_language}\r\n" if content_language else ""
    return (
        f"From: Kunde <{sender}>\r\nTo: help@example.com\r\nSubject: Drucker\r\n{header}"
        f"Message-ID: <lang-{n}@customer.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\nDer Drucker brennt.\r\n"
    ).encode()


def acknowledged(raw: bytes, box: Mailbox, capture: Capture) -> tuple[Acknowledgement, Any]:
    from supportdesk.email_gateway.intake import process_inbound, store_raw

    with capture(execute=True):
        inbound = process_inbound(store_raw(raw, source="imap", mailbox=box, source_ref=f"1:{len(mail.outbox)}").pk)
    assert inbound.ticket_id is not None
    return Acknowledgement.objects.get(ticket_id=inbound.ticket_id), mail.outbox[-1]


@pytest.mark.parametrize(
    ("content_language", "language"),
    [("de", "de"), ("hu-HU", "hu"), ("lv", "lv"), ("fr-CA, lv;q=0.5", "lv"), ("DE-at", "de"), ("en", "en")],
)
def test_a_new_customer_is_acknowledged_in_the_language_of_their_mail(
    group: Group, django_capture_on_commit_callbacks: Capture, content_language: str, language: str
) -> None:
    box = Mailbox.objects.create(name="Help", email_address="help@example.com", group=group)

    ack, sent = acknowledged(mail_from("neu@customer.example", content_language=content_language), box, django_capture_on_commit_callbacks)

    assert User.objects.get(email="neu@customer.example").language == ""  # a new customer: nothing saved
    assert ack.language == language
    assert sent.subject == f"[Ticket#{ack.ticket.number}] {ACK_SUBJECTS[language]}"
    assert ACK_BODIES[language] in str(sent.body)


@pytest.mark.parametrize(("content_language", "mailbox_language"), [("", "hu"), ("fr", "lv"), ("x" * 3000, "de"), ("", "en")])
def test_without_a_usable_content_language_the_mailbox_language_is_used(
    group: Group, django_capture_on_commit_callbacks: Capture, content_language: str, mailbox_language: str
) -> None:
    box = Mailbox.objects.create(name="Help", email_address="help@example.com", group=group, language=mailbox_language)

    ack, sent = acknowledged(mail_from("neu@customer.example", content_language=content_language), box, django_capture_on_commit_callbacks)

    assert ack.language == mailbox_language
    assert sent.subject.endswith(ACK_SUBJECTS[mailbox_language])


def test_the_customers_saved_language_wins_over_the_mail_and_the_mailbox(
    group: Group, customer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    User.objects.filter(pk=customer.pk).update(language="lv")
    box = Mailbox.objects.create(name="Help", email_address="help@example.com", group=group, language="hu")

    ack, sent = acknowledged(mail_from(customer.email, content_language="de"), box, django_capture_on_commit_callbacks)

    assert ack.language == "lv"
    assert sent.subject.endswith(ACK_SUBJECTS["lv"])


def test_a_new_mailbox_defaults_to_the_site_language(group: Group, settings: Any) -> None:
    settings.LANGUAGE_CODE = "de"
    assert Mailbox.objects.create(name="Hilfe", email_address="hilfe@example.com", group=group).language == "de"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("de", "de"), ("de-DE", "de"), (" Hu ", "hu"), ("fr, en-GB", "en"), ("fr", ""), ("", ""), ("de-x-\r\nBcc: a@b", "de"), (",,,", "")],
)
def test_content_language_picks_the_first_offered_language(value: str, expected: str) -> None:
    from supportdesk.email_gateway.ack_language import content_language

    assert content_language(value) == expected


def test_the_header_is_read_from_the_header_block_only() -> None:
    from supportdesk.email_gateway.ack_language import mail_language

    body_trap = b"Subject: x\r\n\r\nContent-Language: de\r\n"
    assert mail_language(b"Subject: x\r\nContent-Language: hu\r\n\r\nbody") == "hu"
    assert mail_language(body_trap) == ""
    assert mail_language(b"X-Filler: " + b"a" * 200_000 + b"\r\nContent-Language: de\r\n\r\n") == ""  # past the bound
