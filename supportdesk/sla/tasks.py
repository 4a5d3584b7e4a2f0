"""Background tasks of the SLA domain. Thin: they take ids and plain values and call one function.

The sweep enqueues them after its commit, once per firing (the SlaFiring row is the exactly-once
guarantee); a task that runs again (a manual retry) sends again, which is why it re-checks that
its recipient may still read the ticket and that the policy still has its webhook.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from supportdesk.accounts.models import User
from supportdesk.sla import webhook
from supportdesk.sla.models import SlaPolicy
from supportdesk.tickets.access import staff_access_level
from supportdesk.tickets.models import Ticket
from supportdesk.tickets.tasks import ticket_url

logger = logging.getLogger(__name__)


@task()
def send_sla_mail(ticket_id: int, user_id: int, kind: str, data: dict[str, Any]) -> bool:
    """Mail one SLA notification (warning, breach, escalation, risk); return whether it was sent."""
    from supportdesk.sla.notify import format_moment, metric_label, notification_text

    user = User.objects.filter(pk=user_id, is_active=True).first()
    ticket = Ticket.objects.select_related("group").filter(pk=ticket_id).first()
    if user is None or ticket is None or not user.email or staff_access_level(user, ticket) is None:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "text": notification_text(user, ticket, kind, data),
            "ticket": ticket,
            "metric": metric_label(data.get("metric")),
            "due": format_moment(data.get("due_at"), user.time_zone),
            "url": ticket_url(ticket),
        }
        subject = render_to_string("sla/mail/subject.txt", context)
        body = render_to_string("sla/mail/notification.txt", context)
    message = EmailMessage(
        " ".join(subject.split())[:200],  # one line: no header injection from a subject (BAD-INPUTS 43)
        body,
        None,
        [user.email],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
    message.send()
    logger.info("SLA %s mail sent to user %s for ticket %s", kind, user_id, ticket_id)
    return True


@task()
def deliver_sla_webhook(policy_id: int, body: str, delivery_id: str, attempt: int = 1) -> str:
    """POST an SLA event to the policy's webhook; on failure retry with exponential backoff.

    The URL is read (and checked) at each attempt, so removing it stops the retries. With a task
    backend that can defer (the database backend), a retry is a new task run later, so no worker
    waits; with one that cannot (the immediate backend of tests and demos) it waits in place.
    Returns the final outcome of this run: sent, retry, failed, refused or skipped.
    """
    while True:
        policy = SlaPolicy.objects.filter(pk=policy_id).first()
        if policy is None or not policy.webhook_url:
            return "skipped"
        outcome = webhook.attempt_delivery(policy.webhook_url, body, delivery_id)
        if outcome == "sent":
            return outcome
        if outcome == "refused" or attempt >= webhook.max_attempts():
            webhook.report_final_failure(policy.name, policy.webhook_url, delivery_id, outcome)
            return outcome
        delay = webhook.backoff_seconds(attempt)
        attempt += 1
        if deliver_sla_webhook.get_backend().supports_defer:
            deliver_sla_webhook.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(policy_id, body, delivery_id, attempt)
            return "retry"
        time.sleep(delay)


@task()
def recompute_sla_task(reason: str) -> int:
    """Recompute the due times of every open ticket (after a calendar or policy change)."""
    from supportdesk.sla.recompute import recompute_all

    logger.info("SLA recompute started: %s", reason)
    return recompute_all()
