"""Ticket presence in the database: who is viewing which ticket, across all web processes."""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict

from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.realtime.models import Presence
from supportdesk.tickets.models import Ticket

# Clients heartbeat every 25 s; a row not refreshed for a minute belongs to a dead tab or process.
STALE_AFTER = timedelta(seconds=60)
# The sweep deletes rows long past staleness; readers already ignore them, this only keeps the table small.
PURGE_AFTER = timedelta(minutes=10)
MAX_VIEWERS_SHOWN = 20


class Viewer(TypedDict):
    id: int
    name: str


def watch(user: User, ticket: Ticket, channel_name: str) -> None:
    """Record that this connection now views `ticket` (a connection views at most one ticket)."""
    Presence.objects.update_or_create(channel_name=channel_name, defaults={"user": user, "ticket": ticket, "last_seen": timezone.now()})


def unwatch(channel_name: str) -> int | None:
    """Forget what this connection viewed; return the ticket id it was viewing, if any."""
    row = Presence.objects.filter(channel_name=channel_name).values_list("ticket_id", flat=True).first()
    Presence.objects.filter(channel_name=channel_name).delete()
    return row


def heartbeat(channel_name: str) -> bool:
    """Refresh the connection's row; False when it has none (not watching, or purged)."""
    return Presence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now()) > 0


def viewers(ticket_id: int) -> list[Viewer]:
    """Distinct users with a fresh row on this ticket, ordered by name (one entry per user, not per tab)."""
    cutoff = timezone.now() - STALE_AFTER
    rows = (
        Presence.objects.filter(ticket_id=ticket_id, last_seen__gte=cutoff)
        .values_list("user_id", "user__full_name", "user__email")
        .distinct()
        .order_by("user__full_name", "user__email", "user_id")
    )
    result: list[Viewer] = []
    seen: set[int] = set()
    for user_id, full_name, email in rows[: MAX_VIEWERS_SHOWN * 4]:
        if user_id not in seen:
            seen.add(user_id)
            result.append({"id": user_id, "name": full_name or email})
    return result[:MAX_VIEWERS_SHOWN]


def purge_stale_presence() -> int:
    """Delete rows left behind by crashed processes; returns the number deleted. Runs as a sweep."""
    deleted, _detail = Presence.objects.filter(last_seen__lt=timezone.now() - PURGE_AFTER).delete()
    return deleted
