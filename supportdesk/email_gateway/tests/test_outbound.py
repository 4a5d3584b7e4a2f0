"""Outbound mail over a real SMTP socket: agent replies, threading, attachments, header injection,
retries and final failure, undeliverable recipients (BAD-INPUTS 39, 42, 43)."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from supportdesk.accounts.models import Group, User
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.identity import find_reply_token, reply_token
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.models import AddressHealth, ArticleEmail, Mailbox, TicketParticipant
from supportdesk.email_gateway.outbound import queue_article_mail
from supportdesk.email_gateway.sending import MAX_ATTEMPTS, backoff, deliver_article, send_article_mail
from supportdesk.email_gateway.tests.smtp_server import SmtpServer, SmtpSink, django_smtp_server, free_port
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.choices import SenderType, State
from supportdesk.tickets.models import Article, Ticket

Capture = Callable[..., Any]


@pytest.fixture(name="smtp_server")
def _smtp_server(settings: Any) -> Iterator[SmtpSink]:
    yield from django_smtp_server(settings)


@pytest.fixture
def mailbox(group: Group) -> Mailbox:
    return Mailbox.objects.create(name="Support", email_address="support@example.com", group=group)


@pytest.fixture
def mail_ticket(make_ticket: Callable[..., Ticket], mailbox: Mailbox) -> Ticket:
    """A ticket opened by a customer's mail to `mailbox` that referenced an earlier message."""
    ticket = make_ticket(channel="email")
    inbound = store_raw(b"Subject: Printer on fire\r\n\r\nfire", source="imap", mailbox=mailbox)
    inbound.ticket = ticket
    inbound.save(update_fields=["ticket"])
    first = ticket.articles.get()
    ArticleEmail.objects.create(
        article=first, mailbox=mailbox, message_id="first@customer.example", references="root@customer.example", inbound=inbound
    )
    return ticket


def reply(agent: User, ticket: Ticket, capture: Capture, **kwargs: Any) -> Article:
    with capture(execute=True):
        return add_article(agent, ticket, body_text=kwargs.pop("body_text", "We are on it.\nAlex"), **kwargs)


def test_reply_arrives_with_sender_token_subject_and_threading(
    agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)

    record = ArticleEmail.objects.get(article=article)
    assert (record.is_outbound, record.delivery_status, record.delivery_attempts, record.delivery_error) == (True, "sent", 1, "")
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received.rcpt_tos == ["carla@customer.example"]
    msg = received.message
    token = reply_token(mail_ticket.pk)
    assert msg["From"] == "Support <support@example.com>"
    assert msg["To"] == "carla@customer.example"
    assert msg["Reply-To"] == f"support+{token}@example.com"
    assert msg["Subject"] == f"[Ticket#{mail_ticket.number}] Printer on fire"
    assert msg["Message-ID"].strip() == f"<{record.message_id}>"
    assert record.message_id.startswith(token + ".") and record.message_id.endswith("@supportdesk.localhost")
    assert msg["In-Reply-To"] == "<first@customer.example>"
    assert msg["References"] == "<root@customer.example> <first@customer.example>"
    assert msg["Auto-Submitted"] is None
    assert find_reply_token(msg["Reply-To"]) == mail_ticket.pk
    assert find_reply_token(msg["References"] or "", msg["Message-ID"]) == mail_ticket.pk
    text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("We are on it.\nAlex\n\nOn ")
    assert text.rstrip("\n").endswith(", carla@customer.example wrote:\n> The printer in room 4 is on fire.")
    assert "<p>We are on it.<br>Alex</p>" in html
    assert '<blockquote type="cite"' in html and "The printer in room 4 is on fire." in html


def test_ticket_without_mailbox_uses_default_from_and_cc_participants(
    agent: User, ticket: Ticket, smtp_server: SmtpSink, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Helpdesk <help@example.org>"
    TicketParticipant.objects.create(ticket=ticket, address="boss@customer.example")
    reply(agent, ticket, django_capture_on_commit_callbacks)

    [received] = smtp_server.messages
    assert received.rcpt_tos == ["carla@customer.example", "boss@customer.example"]
    assert received.message["From"] == "Helpdesk <help@example.org>"
    assert received.message["Cc"] == "boss@customer.example"
    assert received.message["Reply-To"] == f"help+{reply_token(ticket.pk)}@example.org"
    assert received.message["In-Reply-To"] is None


def test_notes_and_customer_messages_send_nothing_and_queueing_is_idempotent(
    agent: User, customer: User, mail_ticket: Ticket, django_capture_on_commit_callbacks: Capture
) -> None:
    note = reply(agent, mail_ticket, django_capture_on_commit_callbacks, body_text="internal", is_internal=True)
    from_customer = reply(customer, mail_ticket, django_capture_on_commit_callbacks, body_text="any news?")
    assert not ArticleEmail.objects.filter(article__in=[note, from_customer]).exists()
    assert mail.outbox == []

    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        queue_article_mail(article.pk)
        queue_article_mail(article.pk)
    assert ArticleEmail.objects.filter(article=article).count() == 1
    assert len(mail.outbox) == 1
    assert send_article_mail.call(article.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_attachments_are_sent(agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture) -> None:
    upload = create_attachment(
        chunks=[b"%PDF-1.4 quote"], filename="Angebot für Sie.pdf", content_type="application/pdf", uploaded_by_id=agent.pk
    )
    reply(agent, mail_ticket, django_capture_on_commit_callbacks, attachment_ids=[upload.pk])

    [received] = smtp_server.messages
    [part] = list(received.message.iter_attachments())
    assert part.get_filename() == "Angebot für Sie.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == b"%PDF-1.4 quote"


def test_crlf_in_subject_and_names_is_folded_not_injected(
    agent: User, mail_ticket: Ticket, mailbox: Mailbox, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    Mailbox.objects.filter(pk=mailbox.pk).update(name="Support\r\nBcc: evil@attacker.example")
    Ticket.objects.filter(pk=mail_ticket.pk).update(subject="Hello\r\nBcc: evil@attacker.example")
    mail_ticket.refresh_from_db()
    reply(agent, mail_ticket, django_capture_on_commit_callbacks, subject="Hello\nBcc: evil@attacker.example")

    [received] = smtp_server.messages
    assert received.rcpt_tos == ["carla@customer.example"]
    header_block = received.raw.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in header_block and b"\rBcc:" not in header_block
    assert received.message["Bcc"] is None
    assert received.message["Subject"] == f"[Ticket#{mail_ticket.number}] Hello Bcc: evil@attacker.example"
    assert received.message["From"] == '"Support Bcc: evil@attacker.example" <support@example.com>'


def test_crlf_in_a_recipient_address_is_refused(
    agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    TicketParticipant.objects.create(ticket=mail_ticket, address="cc@customer.example\r\nBcc: evil@attacker.example")
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)

    assert smtp_server.messages == []
    record = ArticleEmail.objects.get(article=article)
    assert record.delivery_status == DeliveryStatus.FAILED
    assert record.delivery_error.startswith("invalid address ")
    note = Article.objects.get(ticket=mail_ticket, sender_type=SenderType.SYSTEM)
    assert note.body_text == "Mail delivery failed. The mail was not sent: an address is invalid."


def test_temporary_refusal_is_retried_with_the_same_message_id(
    agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    smtp_server.reply = "451 4.3.0 Try again later"
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)
    # The immediate test backend ran all attempts at once; take the first one's state by resetting.
    ArticleEmail.objects.filter(article=article).update(delivery_status=DeliveryStatus.QUEUED, delivery_attempts=0)

    assert deliver_article(article.pk) == "retrying"
    record = ArticleEmail.objects.get(article=article)
    assert (record.delivery_status, record.delivery_attempts, record.delivery_error) == ("retrying", 1, "SMTP 451 4.3.0 Try again later")

    smtp_server.reply = None
    assert deliver_article(article.pk) == "sent"
    assert deliver_article(article.pk) == "skipped"
    [received] = smtp_server.messages
    assert received.message["Message-ID"].strip() == f"<{record.message_id}>"
    record.refresh_from_db()
    assert (record.delivery_status, record.delivery_attempts, record.delivery_error) == ("sent", 2, "")


def test_smtp_down_retries_then_fails_notes_reopens_and_never_duplicates(
    agent: User, mail_ticket: Ticket, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "mailer", "s3cret-pw"
    article = add_article(agent, mail_ticket, body_text="Fixed.")  # on-commit not run: attempts are driven below
    queue_article_mail(article.pk)
    update_ticket(agent, mail_ticket, {"state": State.SOLVED})
    caplog.set_level(logging.INFO, logger="supportdesk.email_gateway")

    outcomes = [deliver_article(article.pk) for _ in range(MAX_ATTEMPTS + 1)]

    assert outcomes == ["retrying"] * (MAX_ATTEMPTS - 1) + ["failed", "skipped"]
    record = ArticleEmail.objects.get(article=article)
    assert (record.delivery_status, record.delivery_attempts) == ("failed", MAX_ATTEMPTS)
    assert record.delivery_error == "ConnectionRefusedError: Connection refused"
    mail_ticket.refresh_from_db()
    assert mail_ticket.state == State.OPEN
    note = Article.objects.get(ticket=mail_ticket, sender_type=SenderType.SYSTEM)
    assert note.is_internal is True
    assert note.body_text == (
        "Mail delivery failed. The reply could not be delivered after 5 attempts: ConnectionRefusedError: Connection refused"
    )
    assert "s3cret-pw" not in caplog.text and "Traceback" not in caplog.text and "s3cret-pw" not in record.delivery_error
    assert caplog.text.count("failed (attempt") == MAX_ATTEMPTS

    with SmtpServer() as sink:  # the server is back: the failed article is not sent again
        settings.EMAIL_PORT = sink.port
        assert send_article_mail.call(article.pk) == "skipped"
        assert sink.messages == []


def test_retries_chain_through_the_task_queue(
    agent: User, mail_ticket: Ticket, settings: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)

    record = ArticleEmail.objects.get(article=article)
    assert (record.delivery_status, record.delivery_attempts) == ("failed", MAX_ATTEMPTS)
    assert Article.objects.filter(ticket=mail_ticket, sender_type=SenderType.SYSTEM).count() == 1
    assert [backoff(n) for n in range(1, MAX_ATTEMPTS)] == [60, 120, 240, 480]


def test_permanent_refusal_fails_at_once(
    agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    smtp_server.reply = "550 5.1.1 No such user"
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)

    record = ArticleEmail.objects.get(article=article)
    assert (record.delivery_status, record.delivery_attempts, record.delivery_error) == ("failed", 1, "SMTP 550 5.1.1 No such user")
    assert Article.objects.filter(ticket=mail_ticket, sender_type=SenderType.SYSTEM).count() == 1


def test_undeliverable_recipient_is_not_sent_to(
    agent: User, mail_ticket: Ticket, smtp_server: SmtpSink, django_capture_on_commit_callbacks: Capture
) -> None:
    AddressHealth.objects.create(address="carla@customer.example", undeliverable=True, last_status="5.1.1")
    article = reply(agent, mail_ticket, django_capture_on_commit_callbacks)

    assert smtp_server.messages == []
    record = ArticleEmail.objects.get(article=article)
    assert (record.delivery_status, record.delivery_attempts, record.delivery_error) == (
        "failed",
        0,
        "undeliverable: carla@customer.example",
    )
    note = Article.objects.get(ticket=mail_ticket, sender_type=SenderType.SYSTEM)
    assert note.body_text == "Mail delivery failed. The recipient carla@customer.example is marked undeliverable after a bounce."


def test_secrets_in_a_backend_error_are_masked(
    agent: User, mail_ticket: Ticket, settings: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "mailer", "s3cret-pw"

    def broken_send(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        raise smtplib.SMTPException("login mailer/s3cret-pw rejected")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken_send)
    article = add_article(agent, mail_ticket, body_text="Fixed.")
    queue_article_mail(article.pk)

    assert deliver_article(article.pk) == "retrying"
    record = ArticleEmail.objects.get(article=article)
    assert record.delivery_error == "SMTPException: login ***/*** rejected"
    assert "s3cret-pw" not in caplog.text
