"""The basic action kinds: set a field, assign, add or remove a tag, add an internal note.

Registered in RulesConfig.ready(). Each runs with the context's actor: None for triggers and
schedulers (system changes through tickets.actions.system, recording the rule as "source" in
the history), the agent for macros (the normal actions, with their permission checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.automation.registry import ActionContext, ActionKind, register_action
from supportdesk.automation.replies.rendering import VARIABLES, Subject, render, unknown_variables
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.actions import add_article, add_tags, normalize_tag, remove_tags, update_ticket
from supportdesk.tickets.actions.system import automation_note, automation_tags, automation_update
from supportdesk.tickets.choices import PENDING_STATES, SETTABLE_STATES, Priority

MAX_NOTE = 10_000
MAX_HOURS = 24 * 366
SETTABLE_FIELDS = ("state", "priority", "group", "owner", "pending_until", "language")
CURRENT_AGENT = "current_agent"


def _fail(key: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={key: message})


def _only(params: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise _fail(unknown[0], _("Unknown key."))


def _positive_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


# -- set_field -----------------------------------------------------------------------------------


def validate_set_field(params: Mapping[str, Any]) -> dict[str, Any]:
    """{"field": name, "value": v}; pending_until takes an ISO time or "hours" from now, and so may a pending state."""
    _only(params, {"field", "value", "hours"})
    name = params.get("field")
    value = params.get("value")
    if not isinstance(name, str) or (name not in SETTABLE_FIELDS and not name.startswith("custom_fields.")):
        raise _fail("field", _("Use one of: %(names)s, custom_fields.<key>.") % {"names": ", ".join(SETTABLE_FIELDS)})
    if name == "state" and value not in SETTABLE_STATES:
        raise _fail("value", _("Unknown or not settable state."))
    if name == "priority" and value not in Priority.values:
        raise _fail("value", _("Unknown priority."))
    if name == "group" and not _positive_id(value):
        raise _fail("value", _("A group id."))
    if name == "owner" and value is not None and not _positive_id(value):
        raise _fail("value", _("An agent id, or null for nobody."))
    if name == "language" and not (isinstance(value, str) and len(value) <= 8):
        raise _fail("value", _("A language code of up to 8 characters."))
    if name == "pending_until":
        hours = params.get("hours")
        if hours is not None:
            if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= MAX_HOURS or value is not None:
                raise _fail("hours", _("Hours from now, 0 to %(n)s (and no value).") % {"n": MAX_HOURS})
            return {"field": name, "hours": hours}
        if value is not None and (not isinstance(value, str) or parse_datetime(value[:40]) is None):
            raise _fail("value", _("A date and time in ISO 8601, or give hours."))
    elif "hours" in params:
        hours = params["hours"]
        if name != "state" or value not in PENDING_STATES:
            raise _fail("hours", _("Only for pending_until and pending states."))
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= MAX_HOURS:
            raise _fail("hours", _("Hours from now, 0 to %(n)s.") % {"n": MAX_HOURS})
        return {"field": name, "value": value, "hours": hours}
    if name.startswith("custom_fields."):
        key = name.split(".", 1)[1]
        if not key or len(key) > 64 or not (isinstance(value, str | int | float | bool | list) or value is None):
            raise _fail("value", _("A custom field value."))
        if isinstance(value, str) and len(value) > 2000:
            raise _fail("value", _("At most %(n)s characters.") % {"n": 2000})
    return {"field": name, "value": value}


def _changes(params: Mapping[str, Any]) -> dict[str, Any]:
    """The rule's cleaned parameters as update_ticket / automation_update changes."""
    name, value = params["field"], params.get("value")
    if name == "pending_until":
        if params.get("hours") is not None:
            return {"pending_until": timezone.now() + dt.timedelta(hours=params["hours"])}
        moment = parse_datetime(value) if value else None
        if moment is not None and timezone.is_naive(moment):
            moment = moment.replace(tzinfo=dt.UTC)
        return {"pending_until": moment}
    if name.startswith("custom_fields."):
        return {"custom_fields": {name.split(".", 1)[1]: value}}
    if name == "state" and params.get("hours") is not None:
        return {"state": value, "pending_until": timezone.now() + dt.timedelta(hours=params["hours"])}
    return {{"group": "group_id", "owner": "owner_id"}.get(name, name): value}


def _apply_changes(context: ActionContext, changes: dict[str, Any]) -> None:
    if context.dry_run:
        context.notes.append(_describe(changes))
        return
    if context.actor is not None:
        changed = update_ticket(context.actor, context.ticket, changes)
    else:
        changed = automation_update(context.ticket, changes, source=context.source, source_name=_source_name(context))
    context.notes.append(f"set {', '.join(changed)}" if changed else "nothing to change")


def _describe(changes: Mapping[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        shown = value.isoformat() if isinstance(value, dt.datetime) else value
        parts.append(f"{key.removesuffix('_id')} = {shown}")
    return "would set " + ", ".join(parts)


def run_set_field(context: ActionContext, params: Mapping[str, Any]) -> None:
    _apply_changes(context, _changes(params))


# -- assign --------------------------------------------------------------------------------------


def validate_assign(params: Mapping[str, Any]) -> dict[str, Any]:
    """{"user_id": id}, or "current_agent" (macros: the agent applying it)."""
    _only(params, {"user_id"})
    user_id = params.get("user_id")
    if user_id != CURRENT_AGENT and not _positive_id(user_id):
        raise _fail("user_id", _('An agent id, or "current_agent".'))
    return {"user_id": user_id}


def run_assign(context: ActionContext, params: Mapping[str, Any]) -> None:
    user_id = params["user_id"]
    if user_id == CURRENT_AGENT:
        if context.actor is None:
            context.notes.append("skipped assign: no current agent")
            return
        user_id = context.actor.pk
    _apply_changes(context, {"owner_id": user_id})


# -- tags ----------------------------------------------------------------------------------------


def validate_tag(params: Mapping[str, Any]) -> dict[str, Any]:
    _only(params, {"value"})
    value = params.get("value")
    if not isinstance(value, str):
        raise _fail("value", _("A tag name."))
    try:
        return {"value": normalize_tag(value)}
    except ValidationFailed as exc:
        raise _fail("value", exc.field_errors.get("tags", exc.message)) from exc


def _run_tag(context: ActionContext, name: str, *, add: bool) -> None:
    if context.dry_run:
        context.notes.append(f"would {'add' if add else 'remove'} tag {name}")
        return
    if context.actor is not None:
        done = add_tags(context.actor, context.ticket, [name]) if add else remove_tags(context.actor, context.ticket, [name])
    else:
        added, removed = ([name], []) if add else ([], [name])
        done = automation_tags(context.ticket, add=added, remove=removed, source=context.source, source_name=_source_name(context))
    context.notes.append(f"{'added' if add else 'removed'} tag {name}" if done else f"tag {name} unchanged")


def run_add_tag(context: ActionContext, params: Mapping[str, Any]) -> None:
    _run_tag(context, params["value"], add=True)


def run_remove_tag(context: ActionContext, params: Mapping[str, Any]) -> None:
    _run_tag(context, params["value"], add=False)


# -- add_note ------------------------------------------------------------------------------------


def validate_note(params: Mapping[str, Any]) -> dict[str, Any]:
    """{"text": ...}: the reply templates' variables ({{ ticket.number }}, ...) are filled in; an
    unknown {{ ... }} is refused here, so a note never shows a half-filled placeholder."""
    _only(params, {"text"})
    text = params.get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_NOTE:
        raise _fail("text", _("Text of 1 to %(n)s characters.") % {"n": MAX_NOTE})
    unknown = unknown_variables(text)
    if unknown:
        allowed = ", ".join("{{ " + name + " }}" for name in VARIABLES)
        raise _fail("text", _("Unknown variables: %(unknown)s. Use: %(allowed)s.") % {"unknown": ", ".join(unknown), "allowed": allowed})
    return {"text": text}


def render_note(text: str, context: ActionContext) -> str:
    """Fill in the variables as reply templates do (supportdesk.automation.replies.rendering): no
    template engine, no expressions; the agent is the macro's user, else the ticket's owner."""
    return render(text, Subject(ticket=context.ticket, agent=context.actor or context.ticket.owner))


def run_add_note(context: ActionContext, params: Mapping[str, Any]) -> None:
    text = render_note(params["text"], context)[:MAX_NOTE]
    if context.dry_run:
        context.notes.append("would add an internal note")
        return
    if context.actor is not None:
        add_article(context.actor, context.ticket, body_text=text, is_internal=True)
    else:
        automation_note(context.ticket, text, source=context.source, source_name=_source_name(context))
    context.notes.append("added an internal note")


# The name of the rule running now, recorded next to its "source" id so the timeline can name it
# (as it was called then) without a query per entry. Set by the engines with `rule_named`.
_rule_name: ContextVar[str] = ContextVar("supportdesk_rule_name", default="")


@contextmanager
def rule_named(name: str) -> Iterator[None]:
    token = _rule_name.set(name)
    try:
        yield
    finally:
        _rule_name.reset(token)


def _source_name(context: ActionContext) -> str:
    return _rule_name.get() if context.actor is None else ""


def register_basic_actions() -> None:
    register_action(ActionKind("set_field", cast(str, gettext_lazy("Set a field")), validate_set_field, run_set_field))
    register_action(ActionKind("assign", cast(str, gettext_lazy("Assign to an agent")), validate_assign, run_assign))
    register_action(ActionKind("add_tag", cast(str, gettext_lazy("Add a tag")), validate_tag, run_add_tag))
    register_action(ActionKind("remove_tag", cast(str, gettext_lazy("Remove a tag")), validate_tag, run_remove_tag))
    register_action(ActionKind("add_note", cast(str, gettext_lazy("Add an internal note")), validate_note, run_add_note))
