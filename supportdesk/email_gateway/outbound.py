"""Outbound mail: agent replies and acknowledgements, sent by background tasks after commit.

Contract: queue_article_mail(article_id) and queue_acknowledgement(ticket_id, mailbox_id) are safe to
call inside a transaction (they enqueue on commit) and at most once per article/ticket has effect:
the ArticleEmail / Acknowledgement row created here is the claim, and its Message-ID (generated
now, before any attempt) is the one every retry sends.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction

from supportdesk.core.events import DomainEvent
from supportdesk.core.ratelimit import allow
from supportdesk.email_gateway.ack_language import acknowledgement_language
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.compose import UnsafeHeader, checked_address
from supportdesk.email_gateway.identity import new_message_id, reply_token
from supportdesk.email_gateway.models import Acknowledgement, AcknowledgementStatus, ArticleEmail, InboundMessage, Mailbox
from supportdesk.email_gateway.sending import send_acknowledgement_mail, send_article_mail, undeliverable
from supportdesk.tickets.choices import Channel, SenderType, State
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger(__name__)

# Automatic mail caps (BAD-INPUTS 3): per recipient per hour and per day, and for all recipients.
ACK_CAPS = (
    ("hour", 5, timedelta(hours=1)),
    ("day", 20, timedelta(days=1)),
)
ACK_GLOBAL_CAP = (500, timedelta(hours=1))
MAX_REFERENCES = 20


def on_article_added(event: DomainEvent) -> None:
    """Subscriber of `article.added`: public agent replies go out as mail."""
    payload = event.payload
    if payload.get("internal") or payload.get("sender") != SenderType.AGENT:
        return
    queue_article_mail(int(payload["article_id"]))


def ticket_mailbox(ticket: Ticket) -> Mailbox | None:
    """The mailbox that received the ticket's first inbound mail (None: DEFAULT_FROM_EMAIL is used)."""
    first = (
        InboundMessage.objects.filter(ticket=ticket, mailbox__isnull=False, mailbox__is_active=True)
        .select_related("mailbox")
        .order_by("received_at", "id")
        .first()
    )
    return first.mailbox if first is not None else None


def thread_headers(ticket: Ticket) -> tuple[str, str]:
    """(In-Reply-To, References) answering the ticket's last inbound mail: its Message-ID, after the
    chain it referenced, trimmed to the newest MAX_REFERENCES ids."""
    last = (
        ArticleEmail.objects.filter(article__ticket=ticket, is_outbound=False)
        .exclude(message_id="")
        .order_by("-article__created_at", "-article_id")
        .first()
    )
    if last is None:
        return "", ""
    chain = [mid for mid in last.references.split() if mid != last.message_id] + [last.message_id]
    return last.message_id, " ".join(chain[-MAX_REFERENCES:])


def _is_reply(article: Article) -> bool:
    """Not the ticket's first message. A staff-opened outbound ticket may start on the e-mail channel;
    a later agent article on it came in by mail and is never relayed."""
    return Article.objects.filter(ticket_id=article.ticket_id, id__lt=article.pk).exists()


def _has_valid_address(address: str) -> bool:
    try:
        checked_address(address)
    except UnsafeHeader:
        return False
    return True


def queue_article_mail(article_id: int) -> None:
    """Claim a public agent reply for sending and enqueue the send after commit (idempotent).

    Nothing is sent for notes, customer or system messages, articles that arrived by mail (an
    agent's mail to the mailbox is never relayed, BAD-INPUTS 11), merged tickets, or a customer
    without a usable address.
    """
    article = Article.objects.select_related("ticket__customer").filter(pk=article_id).first()
    if article is None or article.is_internal or article.sender_type != SenderType.AGENT:
        return
    ticket = article.ticket
    if ticket.state == State.MERGED or (article.channel == Channel.EMAIL and _is_reply(article)):
        return
    if not _has_valid_address(ticket.customer.email):
        return
    in_reply_to, references = thread_headers(ticket)
    with transaction.atomic():
        _record, created = ArticleEmail.objects.get_or_create(
            article=article,
            defaults={
                "is_outbound": True,
                "delivery_status": DeliveryStatus.QUEUED,
                "message_id": new_message_id(reply_token(ticket.pk)),
                "mailbox": ticket_mailbox(ticket),
                "in_reply_to": in_reply_to,
                "references": references,
            },
        )
        if created:
            transaction.on_commit(partial(send_article_mail.enqueue, article_id))


Cap = tuple[str, int, timedelta]


def within_send_caps(
    recipient: str, *, kind: str, caps: tuple[Cap, ...], global_cap: tuple[int, timedelta], label: str = "automatic mail"
) -> bool:
    """Count one automatic mail of `kind` to `recipient`; False (and a log line for the admins) over
    a per-recipient cap or the global one. Shared by acknowledgements and automation mail."""
    for name, limit, window in caps:
        if not allow(f"mail-{kind}:{name}:{recipient.lower()}", limit=limit, window=window):
            logger.warning("%s to %s skipped: more than %s per %s (possible mail loop)", label, recipient, limit, name)
            return False
    limit, window = global_cap
    if not allow(f"mail-{kind}:global", limit=limit, window=window):
        logger.error("ADMIN ALERT: %s paused, more than %s per hour in total (possible mail loop)", label, limit)
        return False
    return True


def _within_caps(recipient: str) -> bool:
    return within_send_caps(recipient, kind="ack", caps=ACK_CAPS, global_cap=ACK_GLOBAL_CAP, label="acknowledgement")


def queue_acknowledgement(ticket_id: int, mailbox_id: int | None) -> None:
    """Acknowledge a new ticket opened by mail, once per ticket, within the send caps.

    Only a mailbox with acknowledgements on answers; imports without a mailbox never do (a backfill
    must not mail old customers). Over a cap or to an undeliverable address the row is kept as
    `skipped` with the reason, so the same ticket is never considered again. The language is chosen
    now (ack_language: customer, the mail's Content-Language, the mailbox) and stored on the row.
    """
    mailbox = Mailbox.objects.filter(pk=mailbox_id, is_active=True).first() if mailbox_id is not None else None
    if mailbox is None or not mailbox.send_acknowledgement:
        return
    ticket = Ticket.objects.select_related("customer").filter(pk=ticket_id).first()
    if ticket is None or ticket.state == State.MERGED or not _has_valid_address(ticket.customer.email):
        return
    recipient = ticket.customer.email
    with transaction.atomic():
        ack, created = Acknowledgement.objects.get_or_create(
            ticket=ticket,
            defaults={
                "mailbox": mailbox,
                "recipient": recipient,
                "language": acknowledgement_language(ticket, mailbox),
                "message_id": new_message_id(reply_token(ticket.pk)),
            },
        )
        if not created:
            return
        reason = "undeliverable" if undeliverable([recipient]) else ("" if _within_caps(recipient) else "send cap reached")
        if reason:
            ack.status, ack.error = AcknowledgementStatus.SKIPPED, reason
            ack.save(update_fields=["status", "error"])
            return
        transaction.on_commit(partial(send_acknowledgement_mail.enqueue, ticket_id))
