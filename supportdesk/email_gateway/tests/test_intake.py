"""process_inbound: new tickets, duplicates, loops, bounces, quarantine, forged identities."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.email_gateway import intake, intake_batch, outbound
from supportdesk.email_gateway.choices import DeliveryStatus, InboundStatus
from supportdesk.email_gateway.identity import new_message_id
from supportdesk.email_gateway.intake import process_inbound, store_raw
from supportdesk.email_gateway.models import AddressHealth, ArticleEmail, InboundMessage, Mailbox, TicketParticipant
from supportdesk.email_gateway.parsing import DeliveryReport, ParseError, parse_message
from supportdesk.email_gateway.tasks import process_inbound_task
from supportdesk.email_gateway.tests.mailfactory import deliver, make_mail
from supportdesk.tickets.choices import Channel, SenderType, State
from supportdesk.tickets.models import Article, Attachment, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def acks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int | None]]:
    calls: list[tuple[int, int | None]] = []
    monkeypatch.setattr(outbound, "queue_acknowledgement", lambda ticket_id, mailbox_id: calls.append((ticket_id, mailbox_id)))
    return calls


def test_imported_mail_is_never_acknowledged(group: Group, acks: list[tuple[int, int | None]], django_capture_on_commit_callbacks) -> None:
    """A backfill must not mail old customers, even into a mailbox that acknowledges live mail."""
    mailbox = Mailbox.objects.create(name="Support", email_address="support@example.com", group=group, send_acknowledgement=True)
    with django_capture_on_commit_callbacks(execute=True):
        result = deliver(make_mail(), source="import", mailbox=mailbox)
    assert (result.created_ticket, acks) == (True, [])


def test_new_mail_opens_ticket_in_default_group_with_article_and_mail_metadata(
    django_capture_on_commit_callbacks, acks: list[tuple[int, int | None]]
) -> None:
    raw = make_mail(html="<p>The printer <b>is</b> on fire.</p><script>alert(1)</script>", extra={"Cc": "Boss <boss@customer.example>"})
    with django_capture_on_commit_callbacks(execute=True):
        result = deliver(raw)
    inbound = result.inbound
    assert (inbound.status, inbound.attempts, result.created_ticket) == (InboundStatus.PROCESSED, 1, True)
    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.channel, ticket.state, ticket.group.name) == ("Printer on fire", Channel.EMAIL, State.NEW, "Support")
    assert ticket.customer.email == "carla@customer.example"
    assert ticket.customer.full_name == "Carla Customer"
    article = Article.objects.get()
    assert (article.sender_type, article.channel, article.is_internal) == (SenderType.CUSTOMER, Channel.EMAIL, False)
    assert article.body_text.strip() == "The printer in room 4 is on fire."
    assert "<script>" not in article.body_html and "<b>is</b>" in article.body_html
    assert article.cc_addresses == '"Boss" <boss@customer.example>'
    assert (inbound.ticket_id, inbound.article_id, inbound.message_id) == (ticket.pk, article.pk, "m1@customer.example")
    mail = ArticleEmail.objects.get()
    assert (mail.article_id, mail.message_id, mail.is_outbound, mail.inbound_id) == (article.pk, "m1@customer.example", False, inbound.pk)
    assert list(TicketParticipant.objects.values_list("ticket_id", "address", "role")) == [(ticket.pk, "boss@customer.example", "cc")]
    assert acks == [(ticket.pk, None)]


def test_mailbox_group_receives_the_ticket(
    group: Group, other_group: Group, acks: list[tuple[int, int | None]], django_capture_on_commit_callbacks
) -> None:
    mailbox = Mailbox.objects.create(name="billing", email_address="billing@support.example", group=other_group)
    with django_capture_on_commit_callbacks(execute=True):
        result = deliver(make_mail(to="billing@support.example", extra={"Cc": "billing@support.example"}), mailbox=mailbox)
    ticket = Ticket.objects.get()
    assert ticket.group_id == other_group.pk
    # Opened straight in the mailbox's group: no move from the default group in the history.
    assert [(e.kind, e.data.get("group")) for e in ticket.events.order_by("id")] == [("created", "Billing"), ("article_added", None)]
    assert result.inbound.mailbox_id == mailbox.pk
    assert TicketParticipant.objects.count() == 0  # our own address is never a participant
    assert acks == [(ticket.pk, mailbox.pk)]


def test_attachments_and_inline_images_are_stored(db: None) -> None:
    raw = make_mail(
        html='<p>see <img src="cid:logo1"></p>',
        attachments=[("report.pdf", "application/pdf", b"%PDF-1.4 data", ""), ("logo.png", "image/png", b"\x89PNG....", "logo1")],
    )
    deliver(raw)
    article = Article.objects.get()
    rows = sorted(Attachment.objects.filter(article=article).values_list("filename", "content_type", "size", "content_id"))
    assert rows == [("logo.png", "image/png", 8, "logo1"), ("report.pdf", "application/pdf", 13, "")]


def test_same_mail_twice_is_one_article_even_with_other_transport_headers(db: None) -> None:
    first = deliver(make_mail(extra={"Received": "from a by b; Mon, 2 Nov 2026 08:00:01 +0000"}))
    second = deliver(make_mail(extra={"Received": "from c by d; Mon, 2 Nov 2026 09:13:00 +0000"}))
    assert first.inbound.raw_id != second.inbound.raw_id
    assert (second.inbound.status, second.inbound.ticket_id, second.inbound.article_id) == (
        InboundStatus.DUPLICATE,
        first.inbound.ticket_id,
        first.inbound.article_id,
    )
    assert second.inbound.reason == f"duplicate of inbound message {first.inbound.pk}"
    assert (Ticket.objects.count(), Article.objects.count()) == (1, 1)


def test_processing_twice_changes_nothing(db: None) -> None:
    inbound = store_raw(make_mail(), source="import")
    assert process_inbound(inbound.pk).status == InboundStatus.PROCESSED
    again = process_inbound(inbound.pk)
    assert (again.status, again.attempts) == (InboundStatus.PROCESSED, 1)
    assert process_inbound_task.enqueue(inbound.pk).return_value == "processed"
    assert (Ticket.objects.count(), Article.objects.count()) == (1, 1)


def test_reused_message_id_with_other_content_is_imported_and_logged(db: None, caplog: pytest.LogCaptureFixture) -> None:
    deliver(make_mail())
    with caplog.at_level(logging.WARNING, logger="supportdesk.email.intake"):
        second = deliver(make_mail(sender="mallory@evil.example", body="Different text."))
    assert second.inbound.status == InboundStatus.PROCESSED
    assert (Ticket.objects.count(), Article.objects.count()) == (2, 2)
    assert "reuses Message-ID m1@customer.example" in caplog.text


def test_own_mail_coming_back_is_dropped_and_logged(db: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="supportdesk.email.intake"):
        result = deliver(make_mail(message_id=f"<{new_message_id()}>"))
    assert (result.inbound.status, result.inbound.reason) == (InboundStatus.IGNORED, "our own message came back")
    assert (Ticket.objects.count(), Article.objects.count()) == (0, 0)
    assert "our own mail coming back" in caplog.text


@pytest.mark.parametrize(
    "extra, sender, reason",
    [
        ({"Auto-Submitted": "auto-replied"}, "carla@customer.example", "auto-replied"),
        ({"Precedence": "bulk"}, "carla@customer.example", "bulk"),
        ({"X-Loop": "yes"}, "carla@customer.example", "X-Loop"),
        ({"X-Auto-Response-Suppress": "DR, All"}, "carla@customer.example", "All"),
        ({}, "MAILER-DAEMON@mx.customer.example", "mailer-daemon"),
        ({}, "noreply@shop.example", "noreply"),
    ],
)
def test_auto_submitted_mail_is_kept_but_opens_nothing(
    extra: dict[str, str], sender: str, reason: str, acks: list[tuple[int, int | None]], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = deliver(make_mail(sender=sender, extra=extra))
    assert result.inbound.status == InboundStatus.IGNORED
    assert reason.lower() in result.inbound.reason.lower()
    assert (Ticket.objects.count(), Article.objects.count(), acks) == (0, 0, [])
    assert Path(intake.blob_path(result.inbound.raw_id)).exists()


def test_auto_reply_to_a_ticket_notes_the_ticket_but_adds_nothing(make_ticket, customer: User) -> None:
    first = deliver(make_mail())
    ticket = Ticket.objects.get(pk=first.inbound.ticket_id or 0)
    Ticket.objects.filter(pk=ticket.pk).update(state=State.SOLVED)
    result = deliver(
        make_mail(message_id="<ooo@customer.example>", extra={"In-Reply-To": "<m1@customer.example>", "Auto-Submitted": "auto-replied"})
    )
    assert (result.inbound.status, result.inbound.ticket_id, result.inbound.article_id) == (InboundStatus.IGNORED, ticket.pk, None)
    ticket.refresh_from_db()
    assert (ticket.state, Article.objects.filter(ticket=ticket).count()) == (State.SOLVED, 1)


def test_parse_error_quarantines_with_reason_and_can_be_retried(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    def broken(raw: bytes, **kwargs: object) -> object:
        raise ParseError("multipart nested deeper than 30 levels")

    monkeypatch.setattr(intake_batch, "parse_message", broken)
    inbound = store_raw(make_mail(), source="import")
    result = process_inbound(inbound.pk)
    assert (result.status, result.reason, result.attempts) == (InboundStatus.QUARANTINED, "multipart nested deeper than 30 levels", 1)
    assert process_inbound(inbound.pk).attempts == 2
    monkeypatch.setattr(intake_batch, "parse_message", parse_message)  # "after a fix"
    fixed = process_inbound(inbound.pk)
    assert (fixed.status, fixed.attempts, Ticket.objects.count()) == (InboundStatus.PROCESSED, 3, 1)


def test_import_failure_quarantines_and_keeps_nothing_half_done(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    result = deliver(make_mail(sender="Nobody <>"))
    assert result.inbound.status == InboundStatus.QUARANTINED
    assert result.inbound.reason == "import failed: ValidationFailed: The mail has no valid sender address."
    assert (Ticket.objects.count(), User.objects.count()) == (0, 0)


def test_mail_without_subject_or_text_still_opens_a_ticket(db: None) -> None:
    deliver(make_mail(subject="", body="", message_id=""))
    ticket = Ticket.objects.get()
    assert ticket.subject == "(no subject)"
    assert Article.objects.get().body_text == "(This mail has no text.)"
    assert ArticleEmail.objects.get().message_id.endswith("@missing-message-id.invalid")


def _with_report(monkeypatch: pytest.MonkeyPatch, report: DeliveryReport) -> None:
    def parse(raw: bytes, **kwargs: object) -> object:
        parsed = parse_message(raw)
        parsed.delivery_report = report
        return parsed

    monkeypatch.setattr(intake_batch, "parse_message", parse)


@pytest.mark.parametrize(
    "status, hard, delivery, undeliverable",
    [("5.1.1", True, DeliveryStatus.FAILED, True), ("4.2.2", False, DeliveryStatus.BOUNCED_SOFT, False)],
)
def test_bounce_marks_the_sent_article_and_address(
    monkeypatch: pytest.MonkeyPatch, make_ticket, agent: User, status: str, hard: bool, delivery: str, undeliverable: bool
) -> None:
    from supportdesk.tickets.actions import add_article

    ticket = make_ticket()
    reply = add_article(agent, ticket, body_text="We are on it.")
    sent_id = new_message_id()
    ArticleEmail.objects.create(article=reply, message_id=sent_id, is_outbound=True, delivery_status=DeliveryStatus.SENT)
    _with_report(
        monkeypatch,
        DeliveryReport(
            status=status, recipient="carla@customer.example", original_message_id=sent_id, hard=hard, diagnostic="550 no such user"
        ),
    )
    result = deliver(make_mail(sender="MAILER-DAEMON@mx.example", subject="Undelivered Mail", message_id="<dsn1@mx.example>"))
    assert (result.inbound.status, result.inbound.article_id, result.inbound.ticket_id) == (InboundStatus.BOUNCE, reply.pk, ticket.pk)
    mail = ArticleEmail.objects.get(article=reply)
    assert (mail.delivery_status, mail.delivery_error) == (delivery, f"{status} 550 no such user")
    health = AddressHealth.objects.get()
    assert (health.address, health.undeliverable, health.last_status, health.bounce_count) == (
        "carla@customer.example",
        undeliverable,
        status,
        1,
    )
    assert (Ticket.objects.count(), Article.objects.count()) == (1, 2)


def test_bounce_for_unknown_mail_opens_nothing(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    _with_report(monkeypatch, DeliveryReport(status="5.1.1", recipient="x@example.org", original_message_id="gone@example.org", hard=True))
    result = deliver(make_mail(sender="postmaster@mx.example"))
    assert (result.inbound.status, result.inbound.reason) == (
        InboundStatus.BOUNCE,
        "hard bounce 5.1.1 for x@example.org; original mail not found",
    )
    assert (Ticket.objects.count(), AddressHealth.objects.get().undeliverable) == (0, True)


def test_forged_agent_from_is_an_external_message_on_its_own_ticket(agent: User) -> None:
    deliver(make_mail(sender=f"Alex Agent <{agent.email}>", subject="Please refund everything"))
    article = Article.objects.get()
    assert (article.sender_type, article.author_id, Ticket.objects.get().customer_id) == (SenderType.CUSTOMER, agent.pk, agent.pk)


def test_reply_to_gives_no_identity(db: None) -> None:
    deliver(make_mail(sender="mallory@evil.example", extra={"Reply-To": "carla@customer.example"}))
    assert Ticket.objects.get().customer.email == "mallory@evil.example"


def test_internal_control_headers_from_outside_are_ignored(make_ticket) -> None:
    ticket = make_ticket()
    raw = make_mail(
        sender="mallory@evil.example",
        message_id="<x@evil.example>",
        extra={"X-Supportdesk-Ticket-Id": str(ticket.pk), "X-Supportdesk-Ignore": "yes", "X-Helpdesk-Ticket-Id": str(ticket.pk)},
    )
    inbound = store_raw(raw, source="import")
    parsed = parse_message(raw)
    assert not any(name.startswith("x-supportdesk-") for name in intake.rule_headers(parsed))
    result = process_inbound(inbound.pk)
    assert result.status == InboundStatus.PROCESSED
    assert result.ticket_id != ticket.pk
    assert Article.objects.filter(ticket=ticket).count() == 1


def test_agent_forward_opens_ticket_for_original_sender(agent: User) -> None:
    body = (
        "Can someone look at this?\n\n---------- Forwarded message ---------\n"
        "From: Dora Kunde <dora@kunde.example>\nDate: Mon, 2 Nov 2026\nSubject: Broken order\n\nMy order is broken.\n"
    )
    deliver(make_mail(sender=f"Alex Agent <{agent.email}>", subject="Fwd: Broken order", body=body))
    ticket = Ticket.objects.get()
    assert (ticket.customer.email, ticket.customer.full_name) == ("dora@kunde.example", "Dora Kunde")
    assert list(TicketParticipant.objects.values_list("address", "role")) == [(agent.email, "forwarder")]


def test_german_forward_marker(agent: User) -> None:
    body = "-------- Weitergeleitete Nachricht --------\nBetreff: Hilfe\nVon: kunde@firma.example\n\nHallo"
    deliver(make_mail(sender=agent.email, subject="WG: Hilfe", body=body))
    assert Ticket.objects.get().customer.email == "kunde@firma.example"


def test_many_cc_recipients_are_bounded(db: None) -> None:
    cc = ", ".join(f"p{i}@many.example" for i in range(150))
    deliver(make_mail(extra={"Cc": cc}))
    assert TicketParticipant.objects.count() == 50


def test_cc_participants_can_be_switched_off(settings, db: None) -> None:
    settings.SUPPORTDESK_MAIL_CC_PARTICIPANTS = False
    deliver(make_mail(extra={"Cc": "boss@customer.example"}))
    assert TicketParticipant.objects.count() == 0


def test_pending_row_stays_pending_when_never_processed(db: None) -> None:
    inbound = store_raw(make_mail(), source="smtp")
    assert InboundMessage.objects.get(pk=inbound.pk).status == InboundStatus.PENDING
    assert Path(intake.blob_path(inbound.raw_id)).read_bytes() == make_mail()
