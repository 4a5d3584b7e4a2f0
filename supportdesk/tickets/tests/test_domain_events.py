"""The after-commit domain events ticket actions publish for automation, with their origin chain."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.core import events
from supportdesk.core.events import DomainEvent, caused_by, current_origin
from supportdesk.tickets.actions import add_article, add_tags, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seen() -> Iterator[list[DomainEvent]]:
    received: list[DomainEvent] = []
    events.subscribe("*", received.append)
    yield received
    events._subscribers["*"].remove(received.append)


def named(seen: list[DomainEvent], name: str) -> list[dict[str, Any]]:
    return [event.payload for event in seen if event.name == name]


def test_create_update_tag_and_reply_publish_what_changed_and_who(
    seen: list[DomainEvent], make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    update_ticket(agent, ticket, {"priority": "high"})
    add_tags(agent, ticket, ["vip"])
    add_article(agent, ticket, body_text="On it.")
    assert named(seen, "ticket.created") == [{"ticket_id": ticket.pk, "actor_id": agent.pk, "channel": "web", "origin": []}]
    updates = named(seen, "ticket.updated")
    assert {"ticket_id": ticket.pk, "actor_id": agent.pk, "changed": ["priority"], "origin": []} in updates
    assert {"ticket_id": ticket.pk, "actor_id": agent.pk, "changed": ["tags"], "origin": []} in updates
    replies = [payload for payload in named(seen, "article.added") if not payload["creating"]]
    assert replies[-1]["actor_id"] == agent.pk and replies[-1]["sender"] == "agent"


def test_events_published_inside_caused_by_carry_the_chain(
    seen: list[DomainEvent], make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    with caused_by("trigger:1"), caused_by("trigger:2"):
        assert current_origin() == ("trigger:1", "trigger:2")
        update_ticket(agent, ticket, {"priority": "low"})
    assert current_origin() == ()
    (update,) = [payload for payload in named(seen, "ticket.updated") if payload["changed"] == ["priority"]]
    assert update["origin"] == ["trigger:1", "trigger:2"]


@pytest.fixture
def batches() -> Iterator[list[list[DomainEvent]]]:
    received: list[list[DomainEvent]] = []
    events.subscribe_batch("test.thing", received.append)
    yield received
    events._batch_subscribers["test.thing"].remove(received.append)


def test_events_published_together_reach_batch_subscribers_as_one_list_after_commit(batches: list[list[DomainEvent]]) -> None:
    from django.db import transaction

    with transaction.atomic():
        with events.published_together():
            events.publish_on_commit("test.thing", n=1)
            with events.published_together():  # nested blocks join the outer one
                events.publish_on_commit("test.thing", n=2)
        events.publish_on_commit("test.thing", n=3)  # outside the block: its own delivery
        assert batches == []
    assert [[event.payload["n"] for event in batch] for batch in batches] == [[1, 2], [3]]


def test_a_block_that_raises_delivers_nothing(batches: list[list[DomainEvent]]) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic(), events.published_together():
        events.publish_on_commit("test.thing", n=1)
        raise RuntimeError("rolled back")
    assert batches == []


def test_a_mail_import_batch_reads_automation_configuration_once(
    django_assert_max_num_queries: Any, make_ticket: Callable[..., Ticket]
) -> None:
    from supportdesk.core.events import DomainEvent as Event
    from supportdesk.core.events import _deliver_all

    tickets = [make_ticket(subject=f"Printer {n}") for n in range(30)]
    created = [Event("ticket.created", {"ticket_id": t.pk, "actor_id": None, "channel": "email", "origin": []}) for t in tickets]
    # Routing (rules with auto-assign?), triggers (active ones?), webhooks (active ones?): one
    # query each for the whole list, whatever its length; nothing is configured, so nothing else;
    # and one INSERT queueing the 30 tickets for the report facts (in its own transaction: two more
    # statements, BEGIN and COMMIT, on SQLite).
    with django_assert_max_num_queries(6):
        _deliver_all(created)
