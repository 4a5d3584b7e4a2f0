"""A tiny after-commit event bus.

Actions publish domain events; subscribers (websocket fan-out today, webhooks, SLA and triggers in
later issues) run only once the transaction has committed, so nobody ever sees or sends an effect of
a change that was rolled back. Subscribers are registered at app start-up and hold no state.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
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


def subscribe(name: str, subscriber: Subscriber) -> None:
    """Register a subscriber for an event name; '*' receives every event. Idempotent."""
    if subscriber not in _subscribers[name]:
        _subscribers[name].append(subscriber)


def publish_on_commit(name: str, **payload: Any) -> None:
    """Deliver the event to subscribers after the current transaction commits (at once outside one)."""
    event = DomainEvent(name=name, payload=payload)
    transaction.on_commit(lambda: _deliver(event))


def _deliver(event: DomainEvent) -> None:
    for subscriber in [*_subscribers.get(event.name, []), *_subscribers.get("*", [])]:
        try:
            subscriber(event)
        except Exception:  # one broken subscriber must not stop the others or the request
            logger.exception("event subscriber %r failed for %s", subscriber, event.name)
