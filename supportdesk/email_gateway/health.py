"""Mailbox health: count failed polls in a row and alert the admins once per incident.

Every poll (a scheduled one, or a connection attempt of an IDLE watcher) ends in
`record_poll_outcome`. A failure increments `consecutive_failures`; when the count reaches
SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES, every active admin gets one in-app notification, and
`failure_alerted_at` marks the incident as announced, so later failures stay quiet. The first
successful poll clears both: the next run of failures is a new incident with a new alert.

The alert is claimed with a conditional UPDATE, so two workers failing on the same mailbox at
the same moment notify once.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.email_gateway.models import Mailbox
from supportdesk.tickets.models import Notification

logger = logging.getLogger(__name__)

ALERT_KIND = "mailbox_failing"
MAX_TEXT = 300


def alert_threshold() -> int:
    return max(1, int(settings.SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES))


def record_poll_outcome(mailbox: Mailbox, error: str, *, now: datetime | None = None) -> bool:
    """Store the outcome of one poll on the mailbox (and on the instance); True when it raised an alert."""
    now = now or timezone.now()
    rows = Mailbox.objects.filter(pk=mailbox.pk)
    if not error:
        rows.update(last_error="", last_polled_at=now, consecutive_failures=0, failure_alerted_at=None)
        mailbox.last_error, mailbox.last_polled_at, mailbox.consecutive_failures, mailbox.failure_alerted_at = "", now, 0, None
        return False
    with transaction.atomic():
        rows.update(last_error=error, last_polled_at=now, consecutive_failures=F("consecutive_failures") + 1)
        claimed = rows.filter(failure_alerted_at__isnull=True, consecutive_failures__gte=alert_threshold()).update(failure_alerted_at=now)
        if claimed:
            notify_admins(mailbox, error, now=now)
    mailbox.refresh_from_db(fields=["last_error", "last_polled_at", "consecutive_failures", "failure_alerted_at"])
    return bool(claimed)


def notify_admins(mailbox: Mailbox, error: str, *, now: datetime) -> int:
    """One notification per active admin, in each admin's language; returns how many were created."""
    admins = list(User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk"))
    threshold = alert_threshold()
    notes = []
    for admin in admins:
        # Stored text, so it is written in the recipient's language (a worker has no request language).
        with translation.override(admin.language or settings.LANGUAGE_CODE):
            text = _("Mailbox %(name)s failed %(count)s times in a row: %(error)s") % {
                "name": mailbox.name,
                "count": threshold,
                "error": error,
            }
        notes.append(Notification(user=admin, ticket=None, kind=ALERT_KIND, text=text[:MAX_TEXT], created_at=now))
    Notification.objects.bulk_create(notes)
    logger.error("ADMIN ALERT: mailbox %s failed %s times in a row: %s (%s admins notified)", mailbox.pk, threshold, error, len(notes))
    return len(notes)
