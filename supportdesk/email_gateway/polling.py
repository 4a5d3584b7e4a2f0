"""Scheduling IMAP polls: a sweep finds the mailboxes that are due and enqueues one task per mailbox.

One task per mailbox means a slow or broken server delays only its own poll: the others run as
separate tasks (on as many workers as there are), each bounded by socket timeouts. The sweep
claims a due mailbox with a conditional UPDATE on last_polled_at, so two workers running the
sweep at once enqueue it once.

A mailbox with a live IDLE watcher (idle.py: a claim with a fresh heartbeat) is skipped: the
watcher imports its mail as it arrives. When no watcher runs for an IDLE mailbox (a worker started
with --no-idle, more IDLE mailboxes than MAX_WATCHERS, or a watcher's worker died), it is polled
here, and each poll may wait up to SUPPORTDESK_IMAP_IDLE_SECONDS in IDLE.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from supportdesk.email_gateway.idle import watched_q
from supportdesk.email_gateway.imap import PollResult, poll_mailbox
from supportdesk.email_gateway.models import Mailbox

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5.0  # how often the worker looks for due mailboxes; the poll interval is per mailbox
MAX_PER_SWEEP = 500


def due_mailboxes(now: datetime) -> list[Mailbox]:
    """Active IMAP mailboxes without a live IDLE watcher whose last poll is older than their poll
    interval (or never polled)."""
    candidates = Mailbox.objects.filter(is_active=True).exclude(imap_host="").exclude(watched_q(now)).order_by("last_polled_at", "pk")
    due: list[Mailbox] = []
    for mailbox in candidates.filter(Q(last_polled_at__isnull=True) | Q(last_polled_at__lte=now))[:MAX_PER_SWEEP]:
        last = mailbox.last_polled_at
        if last is None or last + timedelta(seconds=max(mailbox.poll_interval_seconds, 1)) <= now:
            due.append(mailbox)
    return due


def schedule_polls(now: datetime | None = None) -> list[int]:
    """The sweep: claim each due mailbox (stamp last_polled_at) and enqueue its poll; return the ids."""
    now = now or timezone.now()
    scheduled: list[int] = []
    for mailbox in due_mailboxes(now):
        claimed = Mailbox.objects.filter(pk=mailbox.pk, last_polled_at=mailbox.last_polled_at).update(last_polled_at=now)
        if not claimed:
            continue  # another worker's sweep took it
        scheduled.append(mailbox.pk)
        try:
            poll_mailbox_task.enqueue(mailbox.pk)
        except Exception:  # one failure to enqueue must not stop the other mailboxes
            logger.exception("could not enqueue the poll of mailbox %s", mailbox.pk)
    return scheduled


def poll_now(mailbox_id: int, *, idle_seconds: float = 0.0) -> PollResult | None:
    """Poll one mailbox by id, if it still exists and is active; None otherwise."""
    mailbox = Mailbox.objects.filter(pk=mailbox_id, is_active=True).first()
    if mailbox is None:
        return None
    return poll_mailbox(mailbox, idle_seconds=idle_seconds)


@task()
def poll_mailbox_task(mailbox_id: int) -> dict[str, object]:
    """Poll one mailbox (idempotent: already stored messages are only flagged)."""
    mailbox = Mailbox.objects.filter(pk=mailbox_id, is_active=True).exclude(watched_q()).first()
    if mailbox is None:  # gone, inactive, or a watcher took it over since the sweep
        return {"mailbox": mailbox_id, "skipped": True}
    idle = float(settings.SUPPORTDESK_IMAP_IDLE_SECONDS) if mailbox.use_idle else 0.0
    result = poll_mailbox(mailbox, idle_seconds=idle)
    return {"mailbox": mailbox_id, "stored": len(result.stored), "error": result.error}
