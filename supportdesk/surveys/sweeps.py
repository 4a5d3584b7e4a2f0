"""The survey sweep: hand due invitations to the mail task (or open them in the portal).

`run_survey_sweep` runs every SWEEP_SECONDS in the worker (registered in SurveysConfig). It reads
pending invitations whose `send_after` has come through the partial index survey_inv_due, oldest
first and at most `limit` per run (a backlog after an outage drains over several runs instead of
one burst), locked FOR UPDATE SKIP LOCKED so concurrent workers share them. For each:
- a ticket survey whose ticket is no longer solved or closed is cancelled (a reopen the
  subscriber missed, e.g. a process that died before delivering the event);
- a customer who may not be asked (scheduling.skip_reason) or whose address bounced is skipped;
- a portal-only invitation becomes `sent` at once: the portal shows it from now on;
- the others are grouped into mails (a ticket's CSAT and CES together; NPS alone), counted
  against the per-recipient and global caps of automatic mail (over a cap: skipped), marked
  `queued` with their Message-ID and link expiry, and the mail task is enqueued after commit.
Queued invitations whose task was lost (no attempt for STALE_QUEUED) are enqueued again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.email_gateway.identity import new_message_id, reply_token
from supportdesk.email_gateway.outbound import within_send_caps
from supportdesk.email_gateway.sending import undeliverable
from supportdesk.surveys.announce import announce_sent
from supportdesk.surveys.choices import MAIL_CHANNELS, SURVEYED_STATES, InvitationStatus, SkipReason
from supportdesk.surveys.models import SurveyInvitation
from supportdesk.surveys.scheduling import skip_reason
from supportdesk.surveys.selectors import get_settings
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 60
BATCH_LIMIT = 200
STALE_QUEUED = timedelta(hours=1)
# Survey mails per recipient (a customer with many solved tickets is not flooded) and in total.
SURVEY_CAPS = (("day", 3, timedelta(days=1)),)
SURVEY_GLOBAL_CAP = (2000, timedelta(hours=1))


def run_survey_sweep(now: datetime | None = None, limit: int = BATCH_LIMIT) -> int:
    """Process up to `limit` due invitations; return how many mails were queued plus how many
    invitations were opened in the portal."""
    now = now or timezone.now()
    requeue_stale(now, limit=limit)
    with transaction.atomic():
        due = list(
            SurveyInvitation.objects.filter(status=InvitationStatus.PENDING, send_after__lte=now)
            .order_by("send_after", "id")
            .select_for_update(skip_locked=True)[:limit]
        )
        if not due:
            return 0
        lifetime = timedelta(days=get_settings().link_lifetime_days)
        states = dict(Ticket.objects.filter(pk__in={row.ticket_id for row in due if row.ticket_id}).values_list("pk", "state"))
        customers = User.objects.in_bulk({row.customer_id for row in due})
        bounced = undeliverable([user.email for user in customers.values() if user.email])
        mails: dict[tuple[str, int], list[SurveyInvitation]] = defaultdict(list)
        opened = 0
        for row in due:
            customer = customers[row.customer_id]
            if row.ticket_id is not None and states.get(row.ticket_id) not in SURVEYED_STATES:
                row.status = InvitationStatus.CANCELLED
                continue
            reason = skip_reason(customer) or (SkipReason.UNDELIVERABLE if customer.email.lower() in bounced else "")
            if reason:
                row.status, row.skip_reason = InvitationStatus.SKIPPED, reason
            elif row.channel not in MAIL_CHANNELS:
                row.status, row.sent_at, row.expires_at = InvitationStatus.SENT, now, now + lifetime
                opened += 1
            else:
                mails[("ticket", row.ticket_id) if row.ticket_id else ("nps", row.pk)].append(row)
        batches = []
        for (what, ref), rows in mails.items():
            recipient = customers[rows[0].customer_id].email
            if not within_send_caps(recipient, kind="survey", caps=SURVEY_CAPS, global_cap=SURVEY_GLOBAL_CAP, label="survey mail"):
                for row in rows:
                    row.status, row.skip_reason = InvitationStatus.SKIPPED, SkipReason.SEND_CAP
                continue
            message_id = new_message_id(reply_token(ref) if what == "ticket" else "survey")
            for row in rows:
                row.status, row.queued_at, row.expires_at, row.message_id = InvitationStatus.QUEUED, now, now + lifetime, message_id
            batches.append([row.pk for row in rows])
        SurveyInvitation.objects.bulk_update(due, ["status", "skip_reason", "sent_at", "queued_at", "expires_at", "message_id"])
        announce_sent([row for row in due if row.status == InvitationStatus.SENT])
        transaction.on_commit(lambda: _enqueue(batches))
    if batches or opened:
        logger.info("survey sweep: %d mail(s) queued, %d invitation(s) opened in the portal", len(batches), opened)
    return len(batches) + opened


def _enqueue(batches: list[list[int]]) -> None:
    from supportdesk.surveys.tasks import send_survey_mail

    for ids in batches:
        send_survey_mail.enqueue(ids)


def requeue_stale(now: datetime, *, limit: int = BATCH_LIMIT) -> int:
    """Enqueue again the mails of invitations queued long ago with no attempt since (a lost task)."""
    with transaction.atomic():
        stale = list(
            SurveyInvitation.objects.filter(status=InvitationStatus.QUEUED, queued_at__lt=now - STALE_QUEUED)
            .order_by("queued_at", "id")
            .select_for_update(skip_locked=True)[:limit]
        )
        if not stale:
            return 0
        batches: dict[str, list[int]] = defaultdict(list)
        for row in stale:
            row.queued_at = now
            batches[row.message_id].append(row.pk)
        SurveyInvitation.objects.bulk_update(stale, ["queued_at"])
        groups = list(batches.values())
        transaction.on_commit(lambda: _enqueue(groups))
    logger.warning("survey sweep: %d stale queued mail(s) enqueued again", len(groups))
    return len(groups)
