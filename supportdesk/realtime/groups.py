"""Channel-layer group names. One place, so the fan-out and the consumer can never disagree."""

from __future__ import annotations

ALL_TICKETS = "sd.all"


def support_group(group_id: int) -> str:
    """Everyone who can read tickets of this support group (team)."""
    return f"sd.group.{int(group_id)}"


def ticket_viewers(ticket_id: int) -> str:
    """Everyone whose page shows this ticket right now (has sent `watch` for it)."""
    return f"sd.ticket.{int(ticket_id)}"


def user(user_id: int) -> str:
    """Every open connection of one user (personal pushes: their in-app notifications)."""
    return f"sd.user.{int(user_id)}"
