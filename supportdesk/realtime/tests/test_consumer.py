"""The live websocket: who may connect, what they receive, watch/presence, and abuse limits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.realtime import consumers
from supportdesk.realtime.models import Presence
from supportdesk.realtime.presence import viewers
from supportdesk.realtime.routing import websocket_urlpatterns
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer() -> Iterator[None]:
    """Each test gets a new in-memory layer, so no group membership leaks between tests."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    async_to_sync(scenario)()


def communicator(user: Any) -> WebsocketCommunicator:
    """A connection to the consumer with the user already resolved (as AuthMiddlewareStack would)."""
    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), "/ws/live/")
    comm.scope["user"] = user
    return comm


async def connected(user: User) -> WebsocketCommunicator:
    comm = communicator(user)
    ok, _code = await comm.connect()
    assert ok
    assert await comm.receive_json_from() == {"type": "hello", "user_id": user.pk}
    return comm


def full_stack(headers: list[tuple[bytes, bytes]]) -> WebsocketCommunicator:
    from supportdesk.asgi import application

    return WebsocketCommunicator(application, "/ws/live/", headers=headers)


def session_cookie(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def test_signed_in_agent_connects_through_the_real_stack_with_a_same_host_origin(agent: User) -> None:
    cookie = session_cookie(agent)

    async def scenario() -> None:
        comm = full_stack([(b"origin", b"http://testserver"), (b"cookie", cookie)])
        ok, _code = await comm.connect()
        assert ok
        assert await comm.receive_json_from() == {"type": "hello", "user_id": agent.pk}
        await comm.disconnect()

    run(scenario)


def test_foreign_origin_is_rejected_even_with_a_valid_session(agent: User) -> None:
    cookie = session_cookie(agent)

    async def scenario() -> None:
        comm = full_stack([(b"origin", b"https://evil.example"), (b"cookie", cookie)])
        ok, _code = await comm.connect()
        assert ok is False

    run(scenario)


def test_anonymous_is_rejected(db: None) -> None:
    async def scenario() -> None:
        comm = full_stack([(b"origin", b"http://testserver")])
        ok, code = await comm.connect()
        assert (ok, code) == (False, consumers.CLOSE_POLICY)

    run(scenario)


def test_customer_is_rejected(customer: User) -> None:
    async def scenario() -> None:
        ok, code = await communicator(customer).connect()
        assert (ok, code) == (False, consumers.CLOSE_POLICY)

    run(scenario)


def test_inactive_agent_is_rejected(agent: User) -> None:
    agent.is_active = False
    agent.save(update_fields=["is_active"])

    async def scenario() -> None:
        ok, _code = await communicator(agent).connect()
        assert ok is False

    run(scenario)


def test_scope_user_anonymous_is_rejected(db: None) -> None:
    async def scenario() -> None:
        ok, _code = await communicator(AnonymousUser()).connect()
        assert ok is False

    run(scenario)


def test_ticket_change_reaches_its_group_and_admins_but_not_other_groups(agent: User, outsider: User, admin: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        member, other, boss = await connected(agent), await connected(outsider), await connected(admin)
        await database_sync_to_async(update_ticket)(agent, ticket, {"priority": "high"})
        expected = {"type": "ticket.changed", "ticket_id": ticket.pk, "group_id": ticket.group_id}
        assert await member.receive_json_from(timeout=2) == expected
        assert await boss.receive_json_from(timeout=2) == expected
        assert await other.receive_nothing(timeout=0.3)
        assert await member.receive_nothing(timeout=0.1)
        for comm in (member, other, boss):
            await comm.disconnect()

    run(scenario)


def test_a_viewer_in_several_groups_gets_each_change_once(agent: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        comm = await connected(agent)
        await comm.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        assert (await comm.receive_json_from())["type"] == "presence"
        await database_sync_to_async(update_ticket)(agent, ticket, {"priority": "low"})
        assert await comm.receive_json_from(timeout=2) == {"type": "ticket.changed", "ticket_id": ticket.pk, "group_id": ticket.group_id}
        assert await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()

    run(scenario)


def test_watch_on_another_groups_ticket_is_refused_like_a_missing_one(outsider: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        comm = await connected(outsider)
        await comm.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        refused = await comm.receive_json_from()
        await comm.send_json_to({"type": "watch", "ticket_id": ticket.pk + 100_000})
        missing = await comm.receive_json_from()
        assert refused == missing == {"type": "error", "code": "not_found", "message": "Ticket not found."}
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()

    run(scenario)
    assert Presence.objects.count() == 0


def test_refused_watcher_hears_nothing_about_the_ticket(outsider: User, agent: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        comm = await connected(outsider)
        await comm.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        assert (await comm.receive_json_from())["code"] == "not_found"
        await database_sync_to_async(update_ticket)(agent, ticket, {"state": "open"})
        assert await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()

    run(scenario)


def test_presence_lists_viewers_on_join_and_leave(agent: User, admin: User, ticket: Ticket) -> None:
    alex = {"id": agent.pk, "name": "Alex Agent"}
    ada = {"id": admin.pk, "name": "Ada Admin"}

    async def scenario() -> None:
        first = await connected(agent)
        await first.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        assert await first.receive_json_from() == {"type": "presence", "ticket_id": ticket.pk, "viewers": [alex]}

        second = await connected(admin)
        await second.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        joined = {"type": "presence", "ticket_id": ticket.pk, "viewers": [ada, alex]}
        assert await first.receive_json_from() == joined
        assert await second.receive_json_from() == joined

        await second.disconnect()
        assert await first.receive_json_from() == {"type": "presence", "ticket_id": ticket.pk, "viewers": [alex]}

        await first.send_json_to({"type": "unwatch"})
        assert await first.receive_nothing(timeout=0.2)  # it left the viewer group before the update went out
        assert await database_sync_to_async(viewers)(ticket.pk) == []
        await first.disconnect()

    run(scenario)
    assert Presence.objects.count() == 0


def test_typing_reaches_other_viewers_only(agent: User, admin: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        first, second = await connected(agent), await connected(admin)
        await first.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        await first.receive_json_from()
        await second.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        await first.receive_json_from()
        await second.receive_json_from()
        await first.send_json_to({"type": "typing"})
        assert await second.receive_json_from() == {
            "type": "typing",
            "ticket_id": ticket.pk,
            "user": {"id": agent.pk, "name": "Alex Agent"},
        }
        assert await first.receive_nothing(timeout=0.2)
        for comm in (first, second):
            await comm.disconnect()

    run(scenario)


def test_heartbeat_refreshes_presence_and_stale_rows_are_ignored(agent: User, admin: User, ticket: Ticket) -> None:
    async def scenario() -> None:
        comm = await connected(agent)
        await comm.send_json_to({"type": "watch", "ticket_id": ticket.pk})
        await comm.receive_json_from()
        old = timezone.now() - timedelta(seconds=300)
        await database_sync_to_async(Presence.objects.update)(last_seen=old)
        assert await database_sync_to_async(viewers)(ticket.pk) == []
        await comm.send_json_to({"type": "heartbeat"})
        await comm.receive_nothing(timeout=0.2)
        assert await database_sync_to_async(viewers)(ticket.pk) == [{"id": agent.pk, "name": "Alex Agent"}]
        await comm.disconnect()

    run(scenario)


def test_oversize_message_closes_the_connection(agent: User) -> None:
    async def scenario() -> None:
        comm = await connected(agent)
        await comm.send_to(text_data="x" * (consumers.MAX_MESSAGE_BYTES + 1))
        assert await comm.receive_output() == {"type": "websocket.close", "code": consumers.CLOSE_TOO_BIG}

    run(scenario)


def test_message_flood_closes_the_connection(agent: User) -> None:
    async def scenario() -> None:
        comm = await connected(agent)
        for _ in range(consumers.RATE_LIMIT_MESSAGES + 1):
            await comm.send_json_to({"type": "heartbeat"})
        assert await comm.receive_output() == {"type": "websocket.close", "code": consumers.CLOSE_TOO_FAST}

    run(scenario)


@pytest.mark.parametrize(
    "frame", ["not json", "[1, 2]", '{"type": "watch", "ticket_id": "1"}', '{"type": "watch", "ticket_id": true}', '{"type": "nope"}']
)
def test_malformed_messages_get_an_error_and_keep_the_connection(agent: User, frame: str) -> None:
    async def scenario() -> None:
        comm = await connected(agent)
        await comm.send_to(text_data=frame)
        assert await comm.receive_json_from() == {"type": "error", "code": "bad_message", "message": "Invalid message."}
        await comm.send_json_to({"type": "unwatch"})
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()

    run(scenario)
