"""Creating, changing and deleting triggers, schedulers and macros (admins), and the trigger dry run.

Every write validates the whole rule (conditions by rules.conditions, actions by the registry)
and names the path of each error, e.g. "conditions.all[0].value" or "actions[1].field".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.automation.registry import ActionContext, action_kind, clean_action, run_action
from supportdesk.automation.rules.conditions import Context, clean_conditions, to_q
from supportdesk.automation.rules.engine import calendar_resolver
from supportdesk.automation.rules.models import Macro, Scheduler, Trigger, TriggerEvent
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.choices import OPEN_STATES
from supportdesk.tickets.models import Ticket

MAX_NAME = 120
MAX_ACTIONS = 20
MAX_EVERY_MINUTES = 7 * 24 * 60
MAX_PER_RUN = 1000
DRY_RUN_LIMIT = 50

TRIGGER_FIELDS = frozenset({"name", "position", "is_active", "events", "conditions", "actions", "stop_processing"})
SCHEDULER_FIELDS = frozenset({"name", "is_active", "conditions", "actions", "every_minutes", "max_per_run", "once_per_ticket"})
MACRO_FIELDS = frozenset({"name", "position", "is_active", "group_ids", "actions"})

M = TypeVar("M", bound=Model)


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise PermissionDenied(_("Only admins may manage automations."))


def require_staff(user: User) -> None:
    if not user.is_helpdesk_staff:
        raise NotFound()


def _get(rows: QuerySet[M], pk: int) -> M:
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def get_trigger(user: User, trigger_id: int) -> Trigger:
    require_admin(user)
    return _get(Trigger.objects.all(), trigger_id)


def get_scheduler(user: User, scheduler_id: int) -> Scheduler:
    require_admin(user)
    return _get(Scheduler.objects.all(), scheduler_id)


def get_macro(user: User, macro_id: int) -> Macro:
    require_staff(user)
    return _get(Macro.objects.prefetch_related("groups"), macro_id)


# -- cleaning ------------------------------------------------------------------------------------


def _name(value: Any) -> str:
    text = " ".join(str(value or "").split())
    if not text or len(text) > MAX_NAME:
        raise ValidationFailed(_("Please give a name."), field_errors={"name": _("1 to %(n)s characters.") % {"n": MAX_NAME}})
    return text


def clean_actions(raw: Any, *, for_macros: bool = False) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw or len(raw) > MAX_ACTIONS:
        raise ValidationFailed(_("Please correct the actions."), field_errors={"actions": _("1 to %(n)s actions.") % {"n": MAX_ACTIONS}})
    cleaned = []
    for index, item in enumerate(raw):
        action = clean_action(item, path=f"actions[{index}]")
        kind = action_kind(action["action"])
        if for_macros and kind is not None and not kind.for_macros:
            raise ValidationFailed(_("Not available in macros."), field_errors={f"actions[{index}]": _("Not available in macros.")})
        cleaned.append(action)
    return cleaned


def _events(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not raw or any(item not in TriggerEvent.values for item in raw):
        names = ", ".join(TriggerEvent.values)
        raise ValidationFailed(_("Please choose events."), field_errors={"events": _("One or more of: %(names)s.") % {"names": names}})
    return sorted(set(raw), key=TriggerEvent.values.index)


def _bounded_int(data: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationFailed(_("Please correct the numbers."), field_errors={key: _("%(low)s to %(high)s.") % {"low": low, "high": high}})
    return value


def _flag(data: Mapping[str, Any], key: str) -> bool:
    if not isinstance(data[key], bool):
        raise ValidationFailed(_("Please correct the form."), field_errors={key: _("true or false.")})
    return data[key]


def _clean_trigger(data: Mapping[str, Any], current: Trigger | None) -> dict[str, Any]:
    reject_unknown_fields(data, TRIGGER_FIELDS)
    values: dict[str, Any] = {}
    if "name" in data or current is None:
        values["name"] = _name(data.get("name"))
    if "events" in data or current is None:
        values["events"] = _events(data.get("events"))
    events = values.get("events", current.events if current else [])
    if "conditions" in data or current is None:
        values["conditions"] = clean_conditions(
            data.get("conditions"),
            allow_article=any(e in (TriggerEvent.CUSTOMER_REPLIED, TriggerEvent.AGENT_REPLIED) for e in events),
            allow_changes=TriggerEvent.TICKET_UPDATED in events,
        )
    if "actions" in data or current is None:
        values["actions"] = clean_actions(data.get("actions"))
    for key in ("is_active", "stop_processing"):
        if key in data:
            values[key] = _flag(data, key)
    if "position" in data:
        values["position"] = _bounded_int(data, "position", 0, 1_000_000)
    return values


# -- triggers ------------------------------------------------------------------------------------


def create_trigger(actor: User, data: Mapping[str, Any]) -> Trigger:
    """A new trigger, last in order unless a position is given."""
    require_admin(actor)
    values = _clean_trigger(data, None)
    with transaction.atomic():
        if "position" not in values:
            values["position"] = (Trigger.objects.aggregate(top=Max("position"))["top"] or 0) + 10
        return Trigger.objects.create(created_by=actor, **values)


def update_trigger(actor: User, trigger: Trigger, data: Mapping[str, Any]) -> list[str]:
    """Change a trigger; conditions are re-checked against its (new) events. Return what changed."""
    require_admin(actor)
    values = _clean_trigger(data, trigger)
    if "events" in values and "conditions" not in values:
        values["conditions"] = clean_conditions(
            trigger.conditions,
            allow_article=any(e in (TriggerEvent.CUSTOMER_REPLIED, TriggerEvent.AGENT_REPLIED) for e in values["events"]),
            allow_changes=TriggerEvent.TICKET_UPDATED in values["events"],
        )
    return _save(trigger, values)


def _save(row: Trigger | Scheduler | Macro, values: dict[str, Any]) -> list[str]:
    changed = [key for key, value in values.items() if getattr(row, key) != value]
    for key in changed:
        setattr(row, key, values[key])
    if changed:
        row.updated_at = timezone.now()
        row.save(update_fields=[*changed, "updated_at"])
    return changed


def delete_trigger(actor: User, trigger: Trigger) -> None:
    require_admin(actor)
    trigger.delete()


def move_trigger(actor: User, trigger: Trigger, direction: str) -> None:
    """Swap with the neighbour above ("up") or below ("down"); positions are renumbered 10, 20, ..."""
    require_admin(actor)
    with transaction.atomic():
        ids = list(Trigger.objects.select_for_update().order_by("position", "id").values_list("pk", flat=True))
        index = ids.index(trigger.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
        now = timezone.now()
        for position, pk in enumerate(ids, start=1):
            Trigger.objects.filter(pk=pk).exclude(position=position * 10).update(position=position * 10, updated_at=now)


# -- schedulers ----------------------------------------------------------------------------------


def _clean_scheduler(data: Mapping[str, Any], current: Scheduler | None) -> dict[str, Any]:
    reject_unknown_fields(data, SCHEDULER_FIELDS)
    values: dict[str, Any] = {}
    if "name" in data or current is None:
        values["name"] = _name(data.get("name"))
    if "conditions" in data or current is None:
        values["conditions"] = clean_conditions(data.get("conditions"), allow_article=False, allow_changes=False)
    if "actions" in data or current is None:
        values["actions"] = clean_actions(data.get("actions"))
    if "every_minutes" in data:
        values["every_minutes"] = _bounded_int(data, "every_minutes", 1, MAX_EVERY_MINUTES)
    if "max_per_run" in data:
        values["max_per_run"] = _bounded_int(data, "max_per_run", 1, MAX_PER_RUN)
    for key in ("is_active", "once_per_ticket"):
        if key in data:
            values[key] = _flag(data, key)
    return values


def create_scheduler(actor: User, data: Mapping[str, Any]) -> Scheduler:
    """A new scheduler; its first run is due at once."""
    require_admin(actor)
    return Scheduler.objects.create(created_by=actor, **_clean_scheduler(data, None))


def update_scheduler(actor: User, scheduler: Scheduler, data: Mapping[str, Any]) -> list[str]:
    require_admin(actor)
    return _save(scheduler, _clean_scheduler(data, scheduler))


def delete_scheduler(actor: User, scheduler: Scheduler) -> None:
    require_admin(actor)
    scheduler.delete()


# -- macros --------------------------------------------------------------------------------------


def _clean_macro(data: Mapping[str, Any], current: Macro | None) -> dict[str, Any]:
    reject_unknown_fields(data, MACRO_FIELDS)
    values: dict[str, Any] = {}
    if "name" in data or current is None:
        values["name"] = _name(data.get("name"))
    if "actions" in data or current is None:
        values["actions"] = clean_actions(data.get("actions"), for_macros=True)
    if "is_active" in data:
        values["is_active"] = _flag(data, "is_active")
    if "position" in data:
        values["position"] = _bounded_int(data, "position", 0, 1_000_000)
    if "group_ids" in data:
        raw = data["group_ids"]
        ids = raw if isinstance(raw, list) and len(raw) <= 500 else None
        groups = list(Group.objects.filter(pk__in=ids)) if ids is not None and all(isinstance(i, int) for i in ids) else None
        if groups is None or len(groups) != len(set(ids or [])):
            raise ValidationFailed(_("Unknown group."), field_errors={"group_ids": _("Unknown group.")})
        values["group_ids"] = groups
    return values


def create_macro(actor: User, data: Mapping[str, Any]) -> Macro:
    require_admin(actor)
    values = _clean_macro(data, None)
    groups = values.pop("group_ids", [])
    with transaction.atomic():
        macro = Macro.objects.create(created_by=actor, **values)
        macro.groups.set(groups)
    return macro


def update_macro(actor: User, macro: Macro, data: Mapping[str, Any]) -> list[str]:
    require_admin(actor)
    values = _clean_macro(data, macro)
    groups = values.pop("group_ids", None)
    with transaction.atomic():
        changed = _save(macro, values)
        if groups is not None and {g.pk for g in groups} != {g.pk for g in macro.groups.all()}:
            macro.groups.set(groups)
            changed.append("groups")
            Macro.objects.filter(pk=macro.pk).update(updated_at=timezone.now())
    return changed


def delete_macro(actor: User, macro: Macro) -> None:
    require_admin(actor)
    macro.delete()


# -- dry run -------------------------------------------------------------------------------------


@dataclass
class DryRun:
    """Which open tickets the conditions match now (first DRY_RUN_LIMIT, with the total), and what
    the actions would do to the first of them."""

    count: int
    tickets: list[Ticket]
    previews: dict[int, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[Ticket, list[str]]]:
        return [(ticket, self.previews.get(ticket.pk, [])) for ticket in self.tickets]


def dry_run(actor: User, conditions: Any, actions: Any, *, now: dt.datetime | None = None) -> DryRun:
    """Evaluate a condition set over the open tickets the admin can see, with indexed queries only.

    Conditions that need an event (article fields, change operators) cannot be decided for stored
    tickets; they are left out and listed in `ignored`.
    """
    require_admin(actor)
    moment = now or timezone.now()
    cleaned = clean_conditions(conditions)
    ticket_only, ignored = _ticket_only(cleaned)
    cleaned_actions = clean_actions(actions) if actions else []
    query = to_q(ticket_only, moment, context=Context(ticket=Ticket(), now=moment, calendars=calendar_resolver()))
    rows = visible_tickets(actor).filter(query, state__in=list(OPEN_STATES))
    count = rows.count()
    tickets = list(rows.select_related("group", "owner", "customer", "organization").order_by("-updated_at", "-id")[:DRY_RUN_LIMIT])
    result = DryRun(count=count, tickets=tickets, ignored=ignored)
    for ticket in tickets[:10]:
        context = ActionContext(ticket=ticket, actor=None, source="dry-run", dry_run=True)
        for action in cleaned_actions:
            kind = action_kind(action["action"])
            if kind is not None and kind.name in DRY_RUNNABLE:
                run_action(context, action)
            else:
                context.notes.append(f"would run {action['action']}")
        result.previews[ticket.pk] = context.notes
    return result


# Our own kinds honour dry_run; other apps' kinds are described, never run, in a dry run.
DRY_RUNNABLE = frozenset({"set_field", "assign", "add_tag", "remove_tag", "add_note"})


def _ticket_only(conditions: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    ignored: list[str] = []

    def keep(group: Mapping[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in ("all", "any"):
            items = []
            for item in group.get(key, ()):
                if "field" not in item:
                    items.append(keep(item))
                elif item["field"].startswith("article.") or item["op"] in ("changed", "changed_to", "changed_from"):
                    ignored.append(f"{item['field']} {item['op']}")
                else:
                    items.append(item)
            result[key] = items
        return result

    return keep(conditions), ignored
