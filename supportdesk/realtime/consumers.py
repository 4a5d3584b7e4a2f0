"""The live websocket (`/ws/live/`): change notifications for the inbox and presence on ticket pages.

Protocol (JSON text frames):
- server -> client on connect: `{"type": "hello", "user_id": N}`.
- client -> server: `{"type": "watch", "ticket_id": N}`, `{"type": "unwatch"}`, `{"type": "heartbeat"}`,
  `{"type": "typing"}`.
- server -> client: `{"type": "ticket.changed", "ticket_id", "group_id"}`,
  `{"type": "notification", "id", "kind", "text", "ticket_id"}` (the user's own new in-app notification),
  `{"type": "presence", "ticket_id", "viewers": [{"id", "name"}]}`, `{"type": "typing", "ticket_id", "user": {...}}`,
  `{"type": "error", "code", "message"}`.

Only active helpdesk staff may connect. Every `watch` goes through `access_ticket`, and a refused
watch answers exactly like a missing ticket. Frames over MAX_MESSAGE_BYTES or more than
RATE_LIMIT_MESSAGES per RATE_LIMIT_SECONDS close the connection (BAD-INPUTS 46).
"""

from __future__ import annotations

import json
import time
from collections import deque
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError
from supportdesk.realtime import groups
from supportdesk.realtime import presence as presence_store
from supportdesk.tickets.access import access_ticket, scope_for

MAX_MESSAGE_BYTES = 4096
RATE_LIMIT_MESSAGES = 10
RATE_LIMIT_SECONDS = 1.0
RECENT_EVENT_IDS = 64

CLOSE_POLICY = 4403  # not allowed to connect
CLOSE_TOO_BIG = 1009  # RFC 6455 "message too big"
CLOSE_TOO_FAST = 4429  # rate limit exceeded


def _channel_groups_for(user: User) -> list[str]:
    """The support-group channels this user may follow: all tickets for admins, else their groups."""
    if user.is_admin:
        return [groups.ALL_TICKETS]
    return [groups.support_group(group_id) for group_id in sorted(scope_for(user).group_access)]


def _watch(user: User, ticket_id: int, channel_name: str) -> list[presence_store.Viewer]:
    ticket = access_ticket(user, ticket_id)
    presence_store.watch(user, ticket, channel_name)
    return presence_store.viewers(ticket.pk)


class LiveConsumer(AsyncWebsocketConsumer):
    """One browser tab's live connection. All state here is per connection; nothing is module-wide."""

    user: User
    joined: list[str]
    watching: int | None
    recent_frames: deque[float]
    recent_events: deque[str]

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active or not user.is_helpdesk_staff:
            await self.close(code=CLOSE_POLICY)
            return
        self.user = user
        self.watching = None
        self.recent_frames = deque(maxlen=RATE_LIMIT_MESSAGES + 1)
        self.recent_events = deque(maxlen=RECENT_EVENT_IDS)
        self.joined = [*await database_sync_to_async(_channel_groups_for)(user), groups.user(user.pk)]
        for name in self.joined:
            await self.channel_layer.group_add(name, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "user_id": user.pk})

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "user"):
            return  # rejected in connect: nothing joined
        for name in self.joined:
            await self.channel_layer.group_discard(name, self.channel_name)
        await self._stop_watching()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        size = len(text_data.encode()) if text_data is not None else len(bytes_data or b"")
        if size > MAX_MESSAGE_BYTES:
            await self.close(code=CLOSE_TOO_BIG)
            return
        if self._too_fast():
            await self.close(code=CLOSE_TOO_FAST)
            return
        message = self._parse(text_data)
        if message is None:
            await self._error("bad_message", _("Invalid message."))
            return
        kind = message.get("type")
        if kind == "watch":
            await self._handle_watch(message.get("ticket_id"))
        elif kind == "unwatch":
            await self._stop_watching()
        elif kind == "heartbeat":
            if self.watching is not None:
                await database_sync_to_async(presence_store.heartbeat)(self.channel_name)
        elif kind == "typing":
            if self.watching is not None:
                user = {"id": self.user.pk, "name": self.user.display_name}
                await self.channel_layer.group_send(
                    groups.ticket_viewers(self.watching), {"type": "typing", "ticket_id": self.watching, "user": user}
                )
        else:
            await self._error("bad_message", _("Invalid message."))

    def _too_fast(self) -> bool:
        now = time.monotonic()
        self.recent_frames.append(now)
        return len(self.recent_frames) > RATE_LIMIT_MESSAGES and now - self.recent_frames[0] < RATE_LIMIT_SECONDS

    @staticmethod
    def _parse(text_data: str | None) -> dict[str, Any] | None:
        if text_data is None:
            return None
        try:
            message = json.loads(text_data)
        except ValueError:
            return None
        return message if isinstance(message, dict) else None

    async def _handle_watch(self, ticket_id: Any) -> None:
        if not isinstance(ticket_id, int) or isinstance(ticket_id, bool):
            await self._error("bad_message", _("Invalid message."))
            return
        if self.watching is not None and self.watching != ticket_id:
            await self._stop_watching()
        try:
            viewers = await database_sync_to_async(_watch)(self.user, ticket_id, self.channel_name)
        except DomainError:
            # Missing and forbidden tickets get the same answer, so ids cannot be probed.
            await self._error("not_found", _("Ticket not found."))
            return
        self.watching = ticket_id
        await self.channel_layer.group_add(groups.ticket_viewers(ticket_id), self.channel_name)
        await self._broadcast_presence(ticket_id, viewers)

    async def _stop_watching(self) -> None:
        ticket_id = await database_sync_to_async(presence_store.unwatch)(self.channel_name)
        if self.watching is not None:
            await self.channel_layer.group_discard(groups.ticket_viewers(self.watching), self.channel_name)
        self.watching = None
        if ticket_id is not None:
            viewers = await database_sync_to_async(presence_store.viewers)(ticket_id)
            await self._broadcast_presence(ticket_id, viewers)

    async def _broadcast_presence(self, ticket_id: int, viewers: list[presence_store.Viewer]) -> None:
        await self.channel_layer.group_send(
            groups.ticket_viewers(ticket_id), {"type": "presence", "ticket_id": ticket_id, "viewers": viewers}
        )

    async def _error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})

    async def send_json(self, content: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(content))

    # Channel-layer handlers (message type "ticket.changed" -> ticket_changed, and so on).

    async def ticket_changed(self, event: dict[str, Any]) -> None:
        event_id = event.get("event_id")
        if event_id in self.recent_events:
            return  # the same change reached us through a second group
        if event_id:
            self.recent_events.append(event_id)
        await self.send_json({"type": "ticket.changed", "ticket_id": event["ticket_id"], "group_id": event.get("group_id")})

    async def notification(self, event: dict[str, Any]) -> None:
        await self.send_json(
            {"type": "notification", "id": event["id"], "kind": event["kind"], "text": event["text"], "ticket_id": event.get("ticket_id")}
        )

    async def presence(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "presence", "ticket_id": event["ticket_id"], "viewers": event["viewers"]})

    async def typing(self, event: dict[str, Any]) -> None:
        if event["user"]["id"] != self.user.pk:
            await self.send_json({"type": "typing", "ticket_id": event["ticket_id"], "user": event["user"]})
