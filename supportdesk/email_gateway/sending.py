"""Sending outbound mail: the background tasks, retries with backoff, and what a final failure does.

Exactly-once as far as we control it: the ArticleEmail (or Acknowledgement) row is locked and its
state checked before every attempt, a `sent` or `failed` row is never sent again, and every attempt
carries the same stored Message-ID. The row stays locked while the SMTP conversation runs, so a
second worker handed the same task waits and then finds it sent. What remains is the unavoidable
window of a crash after the server accepted the mail and before our commit: the retry then sends
the identical message (same Message-ID), which receiving systems treat as one.

Error texts stored and logged are built from the SMTP code and reply only, with the configured SMTP
credentials masked; no tracebacks (BAD-INPUTS 39).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import Task

from supportdesk.core.events import publish_on_commit
from supportdesk.email_gateway.choices import DeliveryStatus
from supportdesk.email_gateway.compose import Recipients, UnsafeHeader, compose_acknowledgement, compose_reply
from supportdesk.email_gateway.models import Acknowledgement, AcknowledgementStatus, AddressHealth, ArticleEmail, TicketParticipant
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import Channel, EventKind, SenderType, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Article, Ticket

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 60  # before attempt n+1: 60 s * 2**(n-1), i.e. 1, 2, 4 and 8 minutes
MAX_ERROR = 500


@dataclass(frozen=True)
class SendFailure:
    """Why an attempt failed; `permanent` (a 5xx answer about the recipient) stops the retries."""

    error: str
    permanent: bool


def _scrub(text: str) -> str:
    """Mask the configured SMTP credentials, should a server echo them; bound the length."""
    for secret in (settings.EMAIL_HOST_PASSWORD, settings.EMAIL_HOST_USER):
        if secret:
            text = text.replace(secret, "***")
    return " ".join(text.split())[:MAX_ERROR]


def _reply_text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _describe(exc: Exception) -> SendFailure:
    """A short, secret-free description of a send failure, classified as temporary or permanent."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):  # our configuration, not the recipient: retry
        return SendFailure(_scrub(f"SMTP {exc.smtp_code} authentication failed"), permanent=False)
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendFailure(_scrub(f"SMTP {exc.smtp_code} {_reply_text(exc.smtp_error)}"), permanent=exc.smtp_code >= 500)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in exc.recipients.values()]
        detail = ", ".join(f"{addr}: {code} {_reply_text(reply)}" for addr, (code, reply) in exc.recipients.items())
        return SendFailure(_scrub(f"SMTP recipients refused: {detail}"), permanent=bool(codes) and min(codes) >= 500)
    if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
        return SendFailure(_scrub(f"{type(exc).__name__}: {exc.strerror or 'connection failed'}"), permanent=False)
    return SendFailure(_scrub(f"{type(exc).__name__}: {exc}"), permanent=False)


def send_message(message: EmailMultiAlternatives) -> SendFailure | None:
    """Hand one message to Django's mail backend (SMTP or an anymail ESP); None when accepted."""
    try:
        accepted = message.send(fail_silently=False)
    except Exception as exc:  # any backend's failure is an attempt to retry, never a crash
        return _describe(exc)
    return None if accepted else SendFailure("not accepted by the mail backend", permanent=False)


def schedule(task_: Task[Any, Any], *args: Any, delay_seconds: float) -> None:
    """Enqueue, deferred by `delay_seconds` where the backend can defer (the database backend can;
    the immediate test backend runs it at once)."""
    if delay_seconds > 0 and task_.get_backend().supports_defer:
        task_.using(run_after=timezone.now() + timedelta(seconds=delay_seconds)).enqueue(*args)
    else:
        task_.enqueue(*args)


def backoff(attempts: int) -> float:
    return BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)


def undeliverable(addresses: list[str]) -> set[str]:
    """The given addresses (lower-cased) that a hard bounce marked undeliverable."""
    lowered = [a.lower() for a in addresses]
    return set(AddressHealth.objects.filter(address__in=lowered, undeliverable=True).values_list("address", flat=True))


def reply_recipients(ticket: Ticket) -> Recipients:
    """To: the customer. Cc: the ticket's mail participants in the Cc role, minus the customer."""
    customer = ticket.customer.email.lower()
    participants = TicketParticipant.objects.filter(ticket=ticket, role="cc").exclude(address__iexact=customer).order_by("id")
    cc = list(participants.values_list("address", flat=True)[:50])
    return Recipients(to=[ticket.customer.email], cc=cc)


# --- Agent replies ---------------------------------------------------------------------------------


@task()
def send_article_mail(article_id: int) -> str:
    """Send (or retry) the mail of one public agent reply; returns what happened."""
    return deliver_article(article_id)


def deliver_article(article_id: int) -> str:
    """One delivery attempt: 'sent', 'retrying', 'failed' or 'skipped' (nothing to do)."""
    with transaction.atomic():
        record = ArticleEmail.objects.select_for_update().filter(article_id=article_id, is_outbound=True).first()
        if record is None or record.delivery_status not in (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING):
            return "skipped"
        article = Article.objects.select_related("ticket__customer", "author").get(pk=article_id)
        recipients = reply_recipients(article.ticket)
        blocked = undeliverable(recipients.to + recipients.cc)
        if blocked & {a.lower() for a in recipients.to}:
            reason = _("The recipient %(address)s is marked undeliverable after a bounce.") % {"address": recipients.to[0]}
            _give_up(record, article, error=f"undeliverable: {recipients.to[0]}", reason=reason)
            return "failed"
        recipients = Recipients(to=recipients.to, cc=[a for a in recipients.cc if a.lower() not in blocked])
        try:
            message = compose_reply(article, record, recipients)
        except UnsafeHeader as exc:
            _give_up(record, article, error=_scrub(str(exc)), reason=_("The mail was not sent: an address is invalid."))
            return "failed"
        record.delivery_attempts += 1
        failure = send_message(message)
        if failure is None:
            record.delivery_status, record.delivery_error, record.sent_at = DeliveryStatus.SENT, "", timezone.now()
            record.save(update_fields=["delivery_status", "delivery_error", "sent_at", "delivery_attempts"])
            logger.info("reply mail for article %s sent (attempt %s)", article_id, record.delivery_attempts)
            return "sent"
        logger.warning(
            "reply mail for article %s failed (attempt %s/%s): %s", article_id, record.delivery_attempts, MAX_ATTEMPTS, failure.error
        )
        if failure.permanent or record.delivery_attempts >= MAX_ATTEMPTS:
            reason = _("The reply could not be delivered after %(n)s attempts: %(error)s") % {
                "n": record.delivery_attempts,
                "error": failure.error,
            }
            _give_up(record, article, error=failure.error, reason=reason)
            return "failed"
        record.delivery_status, record.delivery_error = DeliveryStatus.RETRYING, failure.error
        record.save(update_fields=["delivery_status", "delivery_error", "delivery_attempts"])
        delay = backoff(record.delivery_attempts)
        transaction.on_commit(lambda: schedule(send_article_mail, article_id, delay_seconds=delay))
        return "retrying"


def _give_up(record: ArticleEmail, article: Article, *, error: str, reason: str) -> None:
    """Final failure: the article shows failed, an internal note says why, the ticket reopens."""
    record.delivery_status, record.delivery_error = DeliveryStatus.FAILED, error[:MAX_ERROR]
    record.save(update_fields=["delivery_status", "delivery_error", "delivery_attempts"])
    note_delivery_failure(article.ticket_id, reason, language=article.author.language if article.author else "")


def note_delivery_failure(ticket_id: int, reason: str, *, language: str = "") -> Article | None:
    """Add a system note to the ticket and reopen it, so an agent notices the customer got nothing.

    A system change with no person behind it (like tickets.actions.system): actor None in history.
    The note text is stored, so it is written in the replying agent's language.
    """
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            return None
        now = timezone.now()
        with translation.override(language or settings.LANGUAGE_CODE):
            text = _("Mail delivery failed.") + " " + reason
        note = Article.objects.create(
            ticket=ticket,
            is_internal=True,
            sender_type=SenderType.SYSTEM,
            author=None,
            channel=Channel.EMAIL,
            from_address="",
            subject=ticket.subject,
            body_text=text,
            created_at=now,
        )
        record_event(ticket, None, EventKind.ARTICLE_ADDED, data={"article_id": note.pk, "internal": True, "sender": SenderType.SYSTEM})
        changed = ["article_count"]
        ticket.article_count = F("article_count") + 1
        if ticket.state not in (State.OPEN, State.MERGED):
            record_event(ticket, None, EventKind.CHANGED, field="state", old=ticket.state, new=State.OPEN, data={"reason": "mail_failed"})
            ticket.state, ticket.pending_until = State.OPEN, None
            changed += ["state", "pending_until"]
        touch(ticket, *changed)
        ticket.refresh_from_db(fields=["article_count"])
        publish_on_commit("article.added", article_id=note.pk, ticket_id=ticket.pk, internal=True, sender=SenderType.SYSTEM, creating=False)
    return note


# --- Acknowledgements ------------------------------------------------------------------------------


@task()
def send_acknowledgement_mail(ticket_id: int) -> str:
    """Send (or retry) a ticket's acknowledgement; returns what happened."""
    return deliver_acknowledgement(ticket_id)


def deliver_acknowledgement(ticket_id: int) -> str:
    """One attempt: 'sent', 'retrying', 'failed' or 'skipped'. A failure here adds no note: nobody
    is waiting for an automatic receipt, and the ticket itself is fine."""
    with transaction.atomic():
        ack = Acknowledgement.objects.select_for_update().filter(ticket_id=ticket_id).first()
        if ack is None or ack.status != AcknowledgementStatus.QUEUED:
            return "skipped"
        ack = Acknowledgement.objects.select_related("ticket__customer", "mailbox").get(pk=ack.pk)
        if undeliverable([ack.recipient]):
            ack.status, ack.error = AcknowledgementStatus.SKIPPED, "undeliverable"
            ack.save(update_fields=["status", "error"])
            return "skipped"
        try:
            message = compose_acknowledgement(ack)
        except UnsafeHeader as exc:
            ack.status, ack.error = AcknowledgementStatus.FAILED, _scrub(str(exc))
            ack.save(update_fields=["status", "error"])
            return "failed"
        ack.attempts += 1
        failure = send_message(message)
        if failure is None:
            ack.status, ack.error, ack.sent_at = AcknowledgementStatus.SENT, "", timezone.now()
            ack.save(update_fields=["status", "error", "sent_at", "attempts"])
            return "sent"
        logger.warning("acknowledgement for ticket %s failed (attempt %s/%s): %s", ticket_id, ack.attempts, MAX_ATTEMPTS, failure.error)
        ack.error = failure.error
        if failure.permanent or ack.attempts >= MAX_ATTEMPTS:
            ack.status = AcknowledgementStatus.FAILED
            ack.save(update_fields=["status", "error", "attempts"])
            return "failed"
        ack.save(update_fields=["error", "attempts"])
        delay = backoff(ack.attempts)
        transaction.on_commit(lambda: schedule(send_acknowledgement_mail, ticket_id, delay_seconds=delay))
        return "retrying"
