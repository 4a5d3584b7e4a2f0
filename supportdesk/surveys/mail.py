"""Survey mails: composing them (one-click links, the customer's language) and delivering them.

One mail per ticket carries its CSAT and CES questions (each score a signed link); NPS comes in a
mail of its own. Mails are automatic (Auto-Submitted: auto-generated, X-Auto-Response-Suppress),
carry a Message-ID at our domain (a bounce is recognised as ours) and, for ticket surveys, the
ticket's reply token, so a customer who answers the mail in words reaches the ticket.

Delivery mirrors email_gateway.sending: the invitations are locked and must still be `queued`
(answered in the portal meanwhile, or cancelled: nothing is sent); a ticket reopened since the
sweep cancels its invitations; a bounced address skips them; the same stored Message-ID goes out
on every retry; temporary failures retry with backoff, and after MAX_ATTEMPTS (or a permanent
5xx) the invitations are `failed` with a secret-free error.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from supportdesk.email_gateway.compose import UnsafeHeader, angle, checked_address, one_line, plus_address, sender, subject_line
from supportdesk.email_gateway.identity import reply_token
from supportdesk.email_gateway.outbound import ticket_mailbox
from supportdesk.email_gateway.sending import backoff, schedule, send_message, undeliverable
from supportdesk.surveys.announce import announce_sent
from supportdesk.surveys.choices import SURVEYED_STATES, InvitationStatus, SkipReason, SurveyKind
from supportdesk.surveys.models import SurveyInvitation
from supportdesk.surveys.presentation import local_date, section
from supportdesk.surveys.texts import text

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
KIND_ORDER: dict[str, int] = {SurveyKind.CSAT: 0, SurveyKind.CES: 1, SurveyKind.NPS: 2}


def compose_survey_mail(invitations: list[SurveyInvitation]) -> EmailMultiAlternatives:
    """The mail of one customer's invitations (a ticket's CSAT and CES, or one NPS), all queued
    together with the same Message-ID. Raises UnsafeHeader for an unusable address."""
    invitations = sorted(invitations, key=lambda row: KIND_ORDER.get(row.kind, 9))
    first = invitations[0]
    customer, ticket, language = first.customer, first.ticket, first.language
    expires = min((row.expires_at for row in invitations if row.expires_at), default=None) or timezone.now()
    name = one_line(customer.full_name)[:100]
    context = {
        "language": language,
        "greeting": text(language, "greeting", name=name) if name else text(language, "greeting_plain"),
        "intro": (
            text(language, "intro_ticket", number=ticket.display_number, subject=one_line(ticket.subject))
            if ticket is not None
            else text(language, "intro_nps")
        ),
        "sections": [section(row) for row in invitations],
        "comment_hint": text(language, "mail_comment_hint"),
        "footer": text(language, "mail_footer", date=local_date(expires, language, customer.time_zone)),
    }
    with translation.override(language):
        body = render_to_string("surveys/mail/survey.txt", context)
        html = render_to_string("surveys/mail/survey.html", context)
    headers = {
        "Message-ID": angle(first.message_id),
        # RFC 3834: generated automatically; autoresponders must not answer it (loop guard).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": language,
    }
    if ticket is not None:
        from_header, from_address = sender(ticket_mailbox(ticket))
        subject = subject_line(ticket, text(language, "subject_ticket", number=ticket.display_number))
        reply_to = [plus_address(from_address, reply_token(ticket.pk))]
    else:
        from_header, from_address = sender(None)
        subject = one_line(text(language, "subject_nps"))
        reply_to = []
    message = EmailMultiAlternatives(
        subject=subject[:250],
        body=body,
        from_email=from_header,
        to=[checked_address(customer.email)],
        reply_to=reply_to,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver_survey_mail(invitation_ids: list[int]) -> str:
    """One delivery attempt for invitations queued together: 'sent', 'retrying', 'failed',
    'cancelled' or 'skipped' (nothing to do)."""
    now = timezone.now()
    with transaction.atomic():
        locked = list(
            SurveyInvitation.objects.select_for_update().filter(pk__in=invitation_ids, status=InvitationStatus.QUEUED).order_by("id")
        )
        if not locked:
            return "skipped"
        rows = list(SurveyInvitation.objects.filter(pk__in=[row.pk for row in locked]).select_related("ticket", "customer"))
        reopened = [row for row in rows if row.ticket is not None and row.ticket.state not in SURVEYED_STATES]
        for row in reopened:
            row.status = InvitationStatus.CANCELLED
        rows = [row for row in rows if row not in reopened]
        if reopened:
            SurveyInvitation.objects.bulk_update(reopened, ["status"])
        if not rows:
            return "cancelled"
        if undeliverable([rows[0].customer.email]):
            _finish(rows, InvitationStatus.SKIPPED, skip_reason=SkipReason.UNDELIVERABLE)
            return "skipped"
        try:
            message = compose_survey_mail(rows)
        except UnsafeHeader:
            _finish(rows, InvitationStatus.FAILED, error="invalid address")
            return "failed"
        attempts = max(row.mail_attempts for row in rows) + 1
        failure = send_message(message)
        if failure is None:
            _finish(rows, InvitationStatus.SENT, attempts=attempts, sent_at=now)
            logger.info("survey mail %s sent for invitation(s) %s", rows[0].message_id, [row.pk for row in rows])
            return "sent"
        logger.warning("survey mail for invitation(s) %s failed (attempt %s/%s): %s", invitation_ids, attempts, MAX_ATTEMPTS, failure.error)
        if failure.permanent or attempts >= MAX_ATTEMPTS:
            _finish(rows, InvitationStatus.FAILED, attempts=attempts, error=failure.error)
            return "failed"
        _finish(rows, InvitationStatus.QUEUED, attempts=attempts, error=failure.error, queued_at=now)
        ids = [row.pk for row in rows]
        delay = backoff(attempts)
        transaction.on_commit(lambda: _retry(ids, delay))
        return "retrying"


def _retry(ids: list[int], delay: float) -> None:
    from supportdesk.surveys.tasks import send_survey_mail

    schedule(send_survey_mail, ids, delay_seconds=delay)


def _finish(
    rows: list[SurveyInvitation],
    status: str,
    *,
    attempts: int | None = None,
    error: str = "",
    skip_reason: str = "",
    sent_at: datetime | None = None,
    queued_at: datetime | None = None,
) -> None:
    for row in rows:
        row.status, row.mail_error = status, error[:500]
        row.skip_reason = skip_reason or row.skip_reason
        if attempts is not None:
            row.mail_attempts = attempts
        if sent_at is not None:
            row.sent_at = sent_at
        if queued_at is not None:
            row.queued_at = queued_at
    SurveyInvitation.objects.bulk_update(rows, ["status", "mail_error", "skip_reason", "mail_attempts", "sent_at", "queued_at"])
    if status == InvitationStatus.SENT:
        announce_sent(rows)
