"""Turn committed domain events into websocket notifications (notify-and-refetch).

The pushed message carries ids only. Every client refetches through the normal, access-checked
pages and endpoints, so a push can never show anyone content they may not read.
"""

from __future__ import annotations

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

from supportdesk.core.events import DomainEvent
from supportdesk.realtime import groups

logger = logging.getLogger(__name__)


def ticket_changed(event: DomainEvent) -> None:
    """Send `ticket.changed` to the ticket's support group, the admins' group and its viewers."""
    ticket_id = event.payload.get("ticket_id")
    group_id = event.payload.get("group_id")
    if not isinstance(ticket_id, int):
        return
    layer = get_channel_layer()
    if layer is None:
        return
    message = {
        "type": "ticket.changed",
        "ticket_id": ticket_id,
        "group_id": group_id if isinstance(group_id, int) else None,
        # A connection is in several of these groups; the id lets it forward each change once.
        "event_id": uuid.uuid4().hex,
    }
    targets = [groups.ALL_TICKETS, groups.ticket_viewers(ticket_id)]
    if isinstance(group_id, int):
        targets.insert(0, groups.support_group(group_id))
    if isinstance(layer, InMemoryChannelLayer) and not any(layer.groups.get(target) for target in targets):
        # The in-memory layer only reaches consumers of this process, and none is listening: a
        # group_send to empty groups delivers nothing, so skip its thread hop (bulk mail import).
        return
    send = async_to_sync(layer.group_send)
    for target in targets:
        send(target, message)
