"""Who is looking at which ticket right now, and which notifications went out on which channel.

Both live in the database rather than in process memory because several web and worker processes
serve one helpdesk: whatever one process records, every other process must see.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.tickets.models import Notification, Ticket


class Presence(models.Model):
    """One open websocket watching one ticket.

    A row is written on watch, refreshed by client heartbeats and deleted on disconnect. Rows whose
    `last_seen` is older than the staleness window (a process that died without cleaning up) are
    ignored by readers and removed by a sweep.
    """

    channel_name = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["ticket", "last_seen"], name="presence_ticket_seen"),
            models.Index(fields=["last_seen"], name="presence_seen"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on ticket {self.ticket_id}"


class NotificationDelivery(models.Model):
    """Proof that a notification was delivered on a channel (e-mail today), so a task never sends twice.

    The unique key is the idempotency guarantee: a task inserts the row in the same transaction as
    it sends, and a second run either finds it or fails on the key.
    """

    EMAIL = "email"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="uniq_notification_delivery")]

    def __str__(self) -> str:
        return f"notification {self.notification_id} via {self.channel}"
