"""A message stored but never processed (its task was lost) is processed by the sweep."""

from datetime import timedelta

from django.utils import timezone

from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.models import InboundMessage
from supportdesk.email_gateway.sweeps import requeue_stale_pending
from supportdesk.tickets.models import Ticket

RAW = (
    b"From: Carla <carla@customer.example>\r\nTo: support@example.com\r\nSubject: Lost task\r\n"
    b"Message-ID: <lost-task-1@customer.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\nHello\r\n"
)


def test_stale_pending_message_is_processed_once(db, group):
    inbound = store_raw(RAW, source="smtp")
    assert requeue_stale_pending() == 0  # fresh: its own task may still be on the way
    InboundMessage.objects.filter(pk=inbound.pk).update(received_at=timezone.now() - timedelta(minutes=5))
    assert requeue_stale_pending() == 1  # the immediate task backend processes it right here
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.PROCESSED
    assert Ticket.objects.filter(subject="Lost task").count() == 1
    assert requeue_stale_pending() == 0
