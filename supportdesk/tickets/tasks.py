"""Background tasks of the ticket domain. Thin: they take ids, load, check and call one function.

Each is idempotent: running it twice (a retry, two workers) has the effect of running it once.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from supportdesk.realtime.models import NotificationDelivery
from supportdesk.tickets.access import staff_access_level
from supportdesk.tickets.models import Notification, Ticket

logger = logging.getLogger(__name__)


def ticket_url(ticket: Ticket) -> str:
    """Absolute link to the agent's ticket page, for mail read outside the browser session."""
    return settings.SUPPORTDESK_BASE_URL.rstrip("/") + reverse("ticket", args=[ticket.pk])


@task()
def send_mention_email(notification_id: int) -> bool:
    """Mail an agent that they were @mentioned; return whether a mail was sent by this run.

    Skipped when the notification is gone, was already mailed, or the agent has since lost access
    to the ticket. The delivery row is inserted before sending, in the same transaction, so a
    concurrent second run blocks on the unique key and then finds it; a failed send rolls the
    row back so a retry can send.
    """
    notification = Notification.objects.select_related("user", "ticket").filter(pk=notification_id, kind="mention").first()
    if notification is None or notification.ticket is None:
        return False
    user, ticket = notification.user, notification.ticket
    if not user.is_active or staff_access_level(user, ticket) is None:
        return False
    if NotificationDelivery.objects.filter(notification=notification, channel=NotificationDelivery.EMAIL).exists():
        return False
    try:
        with transaction.atomic():
            NotificationDelivery.objects.create(notification=notification, channel=NotificationDelivery.EMAIL, sent_at=timezone.now())
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject = _("You were mentioned on %(number)s") % {"number": ticket.display_number}
                body = "\n\n".join([notification.text, ticket.subject, ticket_url(ticket)])
            send_mail(" ".join(subject.split())[:200], body, None, [user.email])
    except IntegrityError:
        return False
    logger.info("mention mail sent for notification %s", notification_id)
    return True
