"""A tiny after-commit event bus.

Events the ticket domain publishes (payloads are JSON-safe; every one also has "origin"):
- ticket.created {ticket_id, actor_id, channel}
- ticket.updated {ticket_id, actor_id, changed: [field names; "tags" for tag changes]}
- ticket.changed {ticket_id, group_id, number} (anything changed: live pages refetch)
- article.added {article_id, ticket_id, actor_id, internal, sender, creating}
- sla.warning / sla.breach {ticket_id, clock_id, metric, step}
- survey.answered {invitation_id, response_id, ticket_id, kind, score, created}
- survey.sent {invitation_ids, ticket_ids}

Actions publish domain events; subscribers (websocket fan-out today, webhooks, SLA and triggers in
later issues) run only once the transaction has committed, so nobody ever sees or sends an effect of
a change that was rolled back. Subscribers are registered at app start-up and hold no state.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened, named like 'ticket.updated', with a JSON-safe payload."""

    name: str
    payload: dict[str, Any] = field(default_factory=dict)


Subscriber = Callable[[DomainEvent], None]
_subscribers: dict[str, list[Subscriber]] = defaultdict(list)
# Which automations (e.g. "trigger:7", "scheduler:2") caused the changes being made right now,
# outermost first. Every event published meanwhile carries it as payload["origin"], so automation
# can refuse to re-fire on its own changes and bound the depth of chains (loop safety).
_origin: ContextVar[tuple[str, ...]] = ContextVar("supportdesk_event_origin", default=())


@contextmanager
def caused_by(source: str) -> Iterator[tuple[str, ...]]:
    """Mark every event published inside the block as caused by `source` (nested: a chain)."""
    chain = (*_origin.get(), source)
    token = _origin.set(chain)
    try:
        yield chain
    finally:
        _origin.reset(token)


def current_origin() -> tuple[str, ...]:
    return _origin.get()


BatchSubscriber = Callable[[list[DomainEvent]], None]
_batch_subscribers: dict[str, list[BatchSubscriber]] = defaultdict(list)
# Events published inside `published_together()`: delivered after commit in one go.
_collecting: ContextVar[list[DomainEvent] | None] = ContextVar("supportdesk_event_batch", default=None)


def subscribe(name: str, subscriber: Subscriber) -> None:
    """Register a subscriber for an event name; '*' receives every event. Idempotent."""
    if subscriber not in _subscribers[name]:
        _subscribers[name].append(subscriber)


def subscribe_batch(name: str, subscriber: BatchSubscriber) -> None:
    """Register a subscriber that receives a commit's events of this name as one list (in order).

    For subscribers that read configuration (routing rules, triggers, webhooks) before acting: a
    mail import commits thousands of events at once, and reading the configuration once per
    commit instead of once per event is what keeps automation from slowing the channels down.
    A commit with one event delivers a list of one. Idempotent.
    """
    if subscriber not in _batch_subscribers[name]:
        _batch_subscribers[name].append(subscriber)


@contextmanager
def published_together() -> Iterator[None]:
    """Deliver every event published in the block after commit in one go (batch subscribers get
    them as lists). For bulk writers such as the mail intake. The block must not contain a
    savepoint that is rolled back while the block goes on: its events would still be delivered.
    Nested blocks join the outermost one."""
    if _collecting.get() is not None:
        yield
        return
    collected: list[DomainEvent] = []
    token = _collecting.set(collected)
    try:
        yield
    finally:
        _collecting.reset(token)
    if collected:  # not reached when the block raised: the transaction will not commit them
        transaction.on_commit(lambda: _deliver_all(collected))


def publish_on_commit(name: str, **payload: Any) -> None:
    """Deliver the event to subscribers after the current transaction commits (at once outside one).

    The payload gets "origin": the chain of automations that caused it (empty for people and channels).
    """
    payload.setdefault("origin", list(_origin.get()))
    event = DomainEvent(name=name, payload=payload)
    collected = _collecting.get()
    if collected is not None:
        collected.append(event)
        return
    transaction.on_commit(lambda: _deliver_all([event]))


def _deliver_all(events: list[DomainEvent]) -> None:
    """Per-event subscribers event by event, then batch subscribers once per event name."""
    by_name: dict[str, list[DomainEvent]] = {}
    for event in events:
        by_name.setdefault(event.name, []).append(event)
        for subscriber in [*_subscribers.get(event.name, []), *_subscribers.get("*", [])]:
            try:
                subscriber(event)
            except Exception:  # one broken subscriber must not stop the others or the request
                logger.exception("event subscriber %r failed for %s", subscriber, event.name)
    for name, batch in by_name.items():
        for batch_subscriber in _batch_subscribers.get(name, []):
            try:
                batch_subscriber(batch)
            except Exception:
                logger.exception("event subscriber %r failed for %d %s events", batch_subscriber, len(batch), name)
