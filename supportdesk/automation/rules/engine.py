"""The trigger engine: on each ticket event, run the matching active triggers in position order.

Subscribed to the after-commit domain events (RulesConfig.ready), so it runs outside the change's
transaction; each trigger fires in a transaction of its own, inside `caused_by("trigger:<id>")`,
so the events its changes publish carry it in their "origin". Loop safety: a trigger never fires
on an event whose origin contains itself, and no trigger fires once the origin chain holds
SUPPORTDESK_TRIGGER_MAX_DEPTH automations (default 5). A trigger with stop_processing that fired
ends the event's processing. Every firing is logged (TriggerFiring), errors included: a failing
trigger rolls back its own actions only.

Cost per event: one query for the triggers listening to it (compiled conditions are cached by
id and updated_at), one for the ticket; tags, history and calendars only when a condition reads them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.automation.registry import ActionContext, run_action
from supportdesk.automation.rules.actions import rule_named
from supportdesk.automation.rules.conditions import UNKNOWN_OLD, Context, evaluate
from supportdesk.automation.rules.models import Trigger, TriggerEvent, TriggerFiring
from supportdesk.core.errors import DomainError
from supportdesk.core.events import DomainEvent, caused_by, current_origin
from supportdesk.sla.business_time import is_business_time
from supportdesk.sla.models import Calendar
from supportdesk.sla.spec_cache import calendar_spec
from supportdesk.tickets.choices import EventKind, SenderType, State
from supportdesk.tickets.models import Article, Ticket, TicketEvent

logger = logging.getLogger(__name__)

DEFAULT_MAX_DEPTH = 5
MAX_ERROR = 500


def max_depth() -> int:
    return int(getattr(settings, "SUPPORTDESK_TRIGGER_MAX_DEPTH", DEFAULT_MAX_DEPTH))


@dataclass(frozen=True)
class TicketEventInfo:
    """A domain event as the engine sees it: which trigger event, for which ticket, with what."""

    kind: str
    ticket_id: int
    origin: tuple[str, ...] = ()
    article_id: int | None = None
    changed: tuple[str, ...] = ()


def classify(event: DomainEvent) -> TicketEventInfo | None:
    """Map a domain event to a trigger event; None for events triggers do not react to."""
    payload = event.payload
    ticket_id = payload.get("ticket_id")
    if not isinstance(ticket_id, int):
        return None
    origin = tuple(str(item) for item in payload.get("origin") or ())
    if event.name == "ticket.created":
        return TicketEventInfo(TriggerEvent.TICKET_CREATED, ticket_id, origin)
    if event.name == "ticket.updated":
        changed = tuple(str(name) for name in payload.get("changed") or ())
        return TicketEventInfo(TriggerEvent.TICKET_UPDATED, ticket_id, origin, changed=changed) if changed else None
    if event.name == "sla.warning":
        return TicketEventInfo(TriggerEvent.SLA_WARNING, ticket_id, origin)
    if event.name == "article.added" and not payload.get("creating") and not payload.get("internal"):
        replies: dict[str, str] = {SenderType.CUSTOMER: TriggerEvent.CUSTOMER_REPLIED, SenderType.AGENT: TriggerEvent.AGENT_REPLIED}
        kind = replies.get(str(payload.get("sender")))
        if kind is not None:
            return TicketEventInfo(kind, ticket_id, origin, article_id=payload.get("article_id"))
    return None


def on_domain_event(event: DomainEvent) -> None:
    """Classify one event, then run the triggers."""
    info = classify(event)
    if info is not None:
        run_triggers(info)


def on_domain_events(events: list[DomainEvent]) -> None:
    """The subscriber (after commit; a commit's events of one name together): the active triggers
    are read once per kind of trigger event for the whole list, then each event runs in order."""
    triggers: dict[str, list[_Compiled]] = {}
    for event in events:
        info = classify(event)
        if info is None:
            continue
        if info.kind not in triggers:
            triggers[info.kind] = _active_triggers(info.kind)
        if triggers[info.kind]:
            run_triggers(info, triggers=triggers[info.kind])


# -- compiled trigger cache ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    pk: int
    name: str
    events: frozenset[str]
    conditions: dict[str, Any]
    actions: list[dict[str, Any]]
    stop_processing: bool


_compiled: dict[tuple[int, dt.datetime], _Compiled] = {}
_MAX_CACHED = 5000


def _active_triggers(kind: str) -> list[_Compiled]:
    """Active triggers in position order; rows are re-read each event, JSON re-parsed only on change."""
    rows = Trigger.objects.filter(is_active=True).order_by("position", "id").values_list("pk", "updated_at")
    result = []
    missing = [(pk, updated) for pk, updated in rows if (pk, updated) not in _compiled]
    if missing:
        if len(_compiled) + len(missing) > _MAX_CACHED:
            _compiled.clear()
        for trigger in Trigger.objects.filter(pk__in=[pk for pk, _u in missing]):
            _compiled[(trigger.pk, trigger.updated_at)] = _Compiled(
                trigger.pk,
                trigger.name,
                frozenset(trigger.events),
                trigger.conditions or {},
                list(trigger.actions or []),
                trigger.stop_processing,
            )
    for key in rows:
        compiled = _compiled.get(key)
        if compiled is not None and kind in compiled.events:
            result.append(compiled)
    return result


# -- running -------------------------------------------------------------------------------------


def calendar_resolver() -> Callable[[int | None, dt.datetime], tuple[ZoneInfo, Callable[[dt.datetime], bool]]]:
    """Resolve a time condition's calendar (None: the default calendar; none at all: UTC, never open)."""
    cache: dict[int | None, tuple[ZoneInfo, Callable[[dt.datetime], bool]]] = {}

    def resolve(calendar_id: int | None, now: dt.datetime) -> tuple[ZoneInfo, Callable[[dt.datetime], bool]]:
        if calendar_id not in cache:
            rows = Calendar.objects.filter(pk=calendar_id) if calendar_id is not None else Calendar.objects.filter(is_default=True)
            calendar = rows.first()
            if calendar is None:
                cache[calendar_id] = (ZoneInfo("UTC"), lambda _moment: False)
            else:
                spec = calendar_spec(calendar, now)
                cache[calendar_id] = (ZoneInfo(calendar.time_zone), lambda moment: is_business_time(moment, spec))
        return cache[calendar_id]

    return resolve


def _load_ticket(ticket_id: int, *, lock: bool = False) -> Ticket | None:
    rows = Ticket.objects.select_related("customer", "organization", "group", "owner")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.filter(pk=ticket_id).first()


def old_values(ticket: Ticket, changed: Sequence[str]) -> dict[str, Any]:
    """changed name -> the value before the change, read from the latest history entries."""
    history_names = {"group_id": "group", "owner_id": "owner"}
    wanted = {history_names.get(name, name): name for name in changed if name not in ("tags", "updated_at")}
    result: dict[str, Any] = dict.fromkeys(changed, UNKNOWN_OLD)
    if not wanted:
        return result
    rows = (
        TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CHANGED, field__in=list(wanted))
        .order_by("-created_at", "-id")
        .values_list("field", "old_value")[: len(wanted) * 5]
    )
    for history_field, old in rows:
        name = wanted[history_field]
        if result.get(name, UNKNOWN_OLD) is UNKNOWN_OLD:
            result[name] = old
    if isinstance(result.get("group_id"), str):  # the history shows the group's name
        result["group_id"] = Group.objects.filter(name=result["group_id"]).values_list("pk", flat=True).first() or UNKNOWN_OLD
    if isinstance(result.get("owner_id"), str):  # and the owner's address
        result["owner_id"] = User.objects.filter(email=result["owner_id"]).values_list("pk", flat=True).first() or UNKNOWN_OLD
    return result


def run_triggers(info: TicketEventInfo, *, now: dt.datetime | None = None, triggers: list[_Compiled] | None = None) -> list[int]:
    """Evaluate and run the triggers for one event; return the ids of those that fired.

    `triggers`: the active triggers for this kind when the caller has read them already."""
    if len(info.origin) >= max_depth():
        logger.info("trigger chain %s reached the depth limit; no trigger runs for %s", info.origin, info.kind)
        return []
    if triggers is None:
        triggers = _active_triggers(info.kind)
    if not triggers:
        return []
    ticket = _load_ticket(info.ticket_id)
    if ticket is None or ticket.state == State.MERGED:
        return []
    article = Article.objects.filter(pk=info.article_id, ticket_id=ticket.pk).first() if info.article_id else None
    changes = old_values(ticket, info.changed) if info.kind == TriggerEvent.TICKET_UPDATED else None
    resolver = calendar_resolver()
    context = Context(ticket=ticket, now=now or timezone.now(), article=article, changes=changes, calendars=resolver)
    fired: list[int] = []
    for trigger in triggers:
        if f"trigger:{trigger.pk}" in info.origin or not evaluate(trigger.conditions, context):
            continue
        fire(trigger, info, article)
        fired.append(trigger.pk)
        if trigger.stop_processing:
            break
        # Later triggers see what earlier ones did.
        ticket = _load_ticket(info.ticket_id) or ticket
        context = Context(ticket=ticket, now=context.now, article=article, changes=changes, calendars=resolver)
    return fired


@contextmanager
def _within_origin(origin: Sequence[str]) -> Iterator[None]:
    """Re-establish the event's origin chain, so changes made now extend it (this runs after commit).

    Delivery may happen while part of the chain is still current (a commit inside caused_by), so
    only the part not yet current is added.
    """
    current = current_origin()
    missing = origin[len(current) :] if tuple(origin[: len(current)]) == current else origin
    with ExitStack() as stack:
        for source in missing:
            stack.enter_context(caused_by(source))
        yield


@dataclass
class _Outcome:
    ok: bool = True
    error: str = ""
    notes: list[str] = field(default_factory=list)


def fire(trigger: _Compiled, info: TicketEventInfo, article: Article | None) -> _Outcome:
    """Run one trigger's actions in its own transaction and log the firing (also when it failed)."""
    source = f"trigger:{trigger.pk}"
    outcome = _Outcome()
    try:
        # The transaction is outermost: its after-commit events run once the origin is restored.
        with transaction.atomic(), _within_origin(info.origin), caused_by(source), rule_named(trigger.name):
            ticket = _load_ticket(info.ticket_id, lock=True)
            if ticket is None:
                return outcome
            context = ActionContext(ticket=ticket, actor=None, source=source, article=article)
            for action in trigger.actions:
                run_action(context, action)
            outcome.notes = context.notes
            _log(trigger, info, outcome)  # in the same commit as the changes
    except DomainError as exc:
        outcome.ok, outcome.error = False, exc.message
    except Exception as exc:  # a broken trigger must not stop the others; it is logged and shown
        logger.exception("trigger %s failed on ticket %s", trigger.pk, info.ticket_id)
        outcome.ok, outcome.error = False, type(exc).__name__
    if not outcome.ok:
        _log(trigger, info, outcome)
    return outcome


def _log(trigger: _Compiled, info: TicketEventInfo, outcome: _Outcome) -> None:
    TriggerFiring.objects.create(
        trigger_id=trigger.pk,
        ticket_id=info.ticket_id,
        event=info.kind,
        notes=outcome.notes[:50],
        ok=outcome.ok,
        error=outcome.error[:MAX_ERROR],
    )
