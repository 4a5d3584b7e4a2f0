"""Same-transaction hooks that run after a ticket's facts change.

The after-commit event bus (core.events) is right for effects others may see late (websockets,
mail). Some state must change atomically with the ticket instead: SLA clocks and due times are
stored on the ticket, and a committed reply without its stopped clock would fire a false breach
warning. Apps that keep such state register a hook in `AppConfig.ready()`; every ticket action
calls `tickets_changed` inside its transaction after writing. Hooks receive ids, not objects, and
read what they need themselves: callers (the bulk mail intake) may have updated rows with F()
expressions, so in-memory objects can be stale. Hooks must be idempotent; a hook that raises
rolls the action back, which is the point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

TicketHook = Callable[[list[int], datetime], None]


@dataclass(frozen=True)
class _Registered:
    hook: TicketHook
    ignores: frozenset[str]


_hooks: dict[str, _Registered] = {}


def register_ticket_hook(name: str, hook: TicketHook, *, ignores: Iterable[str] = ()) -> None:
    """Register (or replace under the same name) a hook. Call from AppConfig.ready().

    `ignores` names ticket fields the hook does not depend on: a change known to touch only those
    (an assignment changes only owner_id) skips the hook. Unknown changes always run it.
    """
    _hooks[name] = _Registered(hook, frozenset(ignores))


def tickets_changed(ticket_ids: Iterable[int], now: datetime | None = None, *, changed: Iterable[str] | None = None) -> None:
    """Run the registered hooks for these tickets, in name order, inside the caller's transaction.

    `changed` (field names, when the caller knows them) lets hooks that ignore those fields be skipped.
    """
    ids = sorted({pk for pk in ticket_ids if pk is not None})
    if not ids or not _hooks:
        return
    fields = frozenset(changed or ())
    moment = now or timezone.now()
    for name in sorted(_hooks):
        registered = _hooks[name]
        if fields and fields <= registered.ignores:
            continue
        registered.hook(ids, moment)
