"""In-app SLA notifications reach the recipient's open connections, after commit, and nobody else's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.db import transaction

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.realtime.routing import websocket_urlpatterns
from supportdesk.sla.notify import notify
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Notification, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_channel_layer() -> Iterator[None]:
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


async def connected(user: User) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), "/ws/live/")
    comm.scope["user"] = user
    ok, _code = await comm.connect()
    assert ok
    assert await comm.receive_json_from() == {"type": "hello", "user_id": user.pk}
    return comm


def test_notification_is_pushed_to_the_recipient_only_and_only_after_commit(agent: User, group: Group, ticket: Ticket) -> None:
    colleague = AgentFactory.create(email="bea@support.example")
    add_member(group, colleague, GroupAccess.FULL)
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    owned = Ticket.objects.select_related("owner", "group").get(pk=ticket.pk)

    def rolled_back() -> None:
        with transaction.atomic():
            notify(owned, None, audience=["owner"], channels=["in_app"], kind="sla_warning", data={"metric": "first_response"})
            transaction.set_rollback(True)

    def committed() -> list[int]:
        with transaction.atomic():
            return notify(owned, None, audience=["owner"], channels=["in_app"], kind="sla_warning", data={"metric": "first_response"})

    async def scenario() -> None:
        mine, theirs = await connected(agent), await connected(colleague)
        await database_sync_to_async(rolled_back)()
        assert await mine.receive_nothing(timeout=0.2)
        assert await database_sync_to_async(committed)() == [agent.pk]
        note = await database_sync_to_async(Notification.objects.get)(user=agent)
        assert await mine.receive_json_from(timeout=2) == {
            "type": "notification",
            "id": note.pk,
            "kind": "sla_warning",
            "text": note.text,
            "ticket_id": ticket.pk,
        }
        assert await theirs.receive_nothing(timeout=0.2)
        await mine.disconnect()
        await theirs.disconnect()

    async_to_sync(scenario)()
