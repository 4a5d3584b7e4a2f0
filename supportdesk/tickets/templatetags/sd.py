"""Template helpers of the agent workspace: events in plain words, labels, the notification bell.

Everything returned here is plain text; templates escape it, so a hostile tag name or subject
stored in an event can never become markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.accounts.models import User
from supportdesk.tickets.choices import EventKind, LinkKind, Priority, SenderType, State
from supportdesk.tickets.models import Article, Notification, Ticket, TicketEvent

register = template.Library()

FIELD_NAMES = {
    "state": gettext_lazy("state"),
    "priority": gettext_lazy("priority"),
    "owner": gettext_lazy("owner"),
    "group": gettext_lazy("group"),
    "pending_until": gettext_lazy("pending time"),
    "subject": gettext_lazy("subject"),
    "language": gettext_lazy("language"),
    "custom_fields": gettext_lazy("custom fields"),
}


def _number(value: Any) -> str:
    return f"{settings.SUPPORTDESK_TICKET_NUMBER_PREFIX}{value}"


def _shown(field: str, value: Any) -> str:
    """An event's old or new value as a person would say it."""
    if value in (None, "", [], {}):
        return _("none")
    if field == "state" and value in State.values:
        return str(State(value).label)
    if field == "priority" and value in Priority.values:
        return str(Priority(value).label)
    if field == "pending_until":
        parsed = parse_datetime(str(value)) if not isinstance(value, datetime) else value
        return formats.date_format(parsed, "DATETIME_FORMAT") if parsed else str(value)
    return str(value)


# Multi-step processes (automation.processes) record their steps as changes with data
# {"reason": "process", "action", "process", ...}; the field is the step's name.
PROCESS_SENTENCES = {
    "started": gettext_lazy("%(actor)s started the process %(process)s"),
    "opened": gettext_lazy("Step %(step)s of %(process)s is open"),
    "done": gettext_lazy("%(actor)s completed the step %(step)s of %(process)s"),
    "approved": gettext_lazy("%(actor)s approved the step %(step)s of %(process)s"),
    "rejected": gettext_lazy("%(actor)s rejected the step %(step)s of %(process)s"),
    "skipped": gettext_lazy("Step %(step)s of %(process)s skipped"),
    "assigned": gettext_lazy("%(actor)s assigned the step %(step)s of %(process)s to %(new)s"),
    "completed": gettext_lazy("Process %(process)s completed"),
    "cancelled": gettext_lazy("%(actor)s cancelled the process %(process)s"),
}
PROCESS_RUN_REJECTED = gettext_lazy("Process %(process)s ended: a step was rejected")


def _process_step(actor: str, event: TicketEvent) -> str:
    data = event.data or {}
    action = str(data.get("action", ""))
    values = {"actor": actor, "process": data.get("process", ""), "step": event.field, "new": event.new_value or "—"}
    if action == "rejected" and event.field == "process":
        return str(PROCESS_RUN_REJECTED) % values
    sentence = PROCESS_SENTENCES.get(action)
    if sentence is None:
        return _("%(actor)s changed %(field)s from %(old)s to %(new)s") % {
            "actor": actor,
            "field": event.field,
            "old": event.old_value,
            "new": event.new_value,
        }
    return str(sentence) % values


def _routing(actor: str, event: TicketEvent) -> str:
    """Why routing chose (or could not keep) an owner: the rule, the chooser, who was filtered out."""
    data = event.data or {}
    agent = event.new_value or "—"
    if data.get("reason") == "absence":
        absent = data.get("absent", "")
        if data.get("handover") == "delegate":
            return _("%(absent)s is absent: handed to the delegate %(agent)s") % {"absent": absent, "agent": agent}
        return _("%(absent)s is absent: the ticket waits for the next free agent") % {"absent": absent}
    from supportdesk.automation.routing.choices import Chooser  # the timeline reads routing's records

    chooser = str(data.get("chooser", ""))
    values = {
        "actor": actor,
        "agent": agent,
        "rule": data.get("rule_name") or "?",
        "chooser": Chooser(chooser).label if chooser in Chooser.values else chooser,
        "candidates": len(data.get("candidates") or []),
        "filtered": len(data.get("filtered_out") or []),
    }
    return (
        _(
            "%(actor)s assigned the ticket to %(agent)s by the routing rule “%(rule)s” (%(chooser)s; "
            "candidates: %(candidates)s, filtered out: %(filtered)s)"
        )
        % values
    )


def _changed(actor: str, event: TicketEvent) -> str:
    if (event.data or {}).get("reason") == "process":
        return _process_step(actor, event)
    if event.field == "owner" and (event.data or {}).get("reason") in ("routing", "absence"):
        return _routing(actor, event)
    field = event.field
    if field == "custom_fields":
        return _("%(actor)s changed the custom fields") % {"actor": actor}
    name = FIELD_NAMES.get(field, field)
    return _("%(actor)s changed %(field)s from %(old)s to %(new)s") % {
        "actor": actor,
        "field": name,
        "old": _shown(field, event.old_value),
        "new": _shown(field, event.new_value),
    }


SENTENCES = {
    EventKind.CREATED: gettext_lazy("%(actor)s created the ticket"),
    EventKind.TAG_ADDED: gettext_lazy("%(actor)s added the tag %(new)s"),
    EventKind.TAG_REMOVED: gettext_lazy("%(actor)s removed the tag %(old)s"),
    EventKind.WATCHER_ADDED: gettext_lazy("%(actor)s added a watcher"),
    EventKind.WATCHER_REMOVED: gettext_lazy("%(actor)s removed a watcher"),
    EventKind.MENTIONED: gettext_lazy("%(actor)s mentioned %(new)s"),
    EventKind.LINKED: gettext_lazy("%(actor)s linked this ticket to %(new_number)s (%(kind)s)"),
    EventKind.UNLINKED: gettext_lazy("%(actor)s removed the link to %(old_number)s"),
    EventKind.MERGED_INTO: gettext_lazy("%(actor)s merged this ticket into %(new_number)s"),
    EventKind.MERGED_FROM: gettext_lazy("%(actor)s merged %(new_number)s into this ticket"),
    EventKind.SPLIT_FROM: gettext_lazy("%(actor)s split this ticket off from %(new_number)s"),
    EventKind.SPLIT_TO: gettext_lazy("%(actor)s split messages off into %(new_number)s"),
}


@register.filter
def event_sentence(event: TicketEvent) -> str:
    """'Alex Agent changed state from New to Open' and the like, as plain text."""
    actor = event.actor.display_name if event.actor else _("System")
    if event.actor is None and (event.data or {}).get("source_name"):  # a trigger or scheduler (automation.rules)
        actor = _("System (%(rule)s)") % {"rule": event.data["source_name"]}
    if event.kind == EventKind.CHANGED:
        return _changed(actor, event)
    if event.kind == "llm":  # an agent asked the optional language model (ai.llm.history)
        from supportdesk.ai.llm.history import sentence as llm_sentence

        return llm_sentence(actor, event)
    sentence = SENTENCES.get(event.kind)  # type: ignore[call-overload]
    if sentence is None:
        return f"{actor}: {event.get_kind_display()}"
    kind = (event.data or {}).get("kind", "")
    return str(sentence) % {
        "actor": actor,
        "new": _shown(event.field, event.new_value),
        "old": _shown(event.field, event.old_value),
        "new_number": _number(event.new_value),
        "old_number": _number(event.old_value),
        "kind": LinkKind(kind).label if kind in LinkKind.values else kind,
    }


@register.simple_tag
def unread_notification_count(user: User) -> int:
    """The bell's number: one indexed count per page."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@register.filter
def state_label(value: str) -> str:
    return str(State(value).label) if value in State.values else value


@register.filter
def priority_label(value: str) -> str:
    return str(Priority(value).label) if value in Priority.values else value


@register.filter
def minutes(value: int) -> str:
    """Time spent as '1 h 05 min' or '12 min'."""
    hours, mins = divmod(int(value or 0), 60)
    return _("%(h)d h %(m)02d min") % {"h": hours, "m": mins} if hours else _("%(m)d min") % {"m": mins}


@register.filter
def contains(values: Any, item: Any) -> bool:
    return item in (values or [])


@register.simple_tag
def sender_name(article: Article, ticket: Ticket) -> str:
    """Who wrote an article, as shown on the timeline: the customer's name for their messages, even when
    an agent recorded them (a phone call), otherwise the author or the raw sender address."""
    if article.sender_type == SenderType.CUSTOMER and article.from_address == ticket.customer.email:
        return ticket.customer.display_name
    if article.author is not None:
        return article.author.display_name
    return article.from_address


@register.filter
def can_see_settings(user: User) -> bool:
    """Whether the top bar shows the Settings link (admins and supervisors)."""
    from supportdesk.core.settings_hub import can_see_settings as allowed

    return bool(getattr(user, "is_active", False)) and allowed(getattr(user, "role", ""))
