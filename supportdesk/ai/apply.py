"""Putting predictions on tickets: automatically (triage, as the system) or on an agent's click.

Automatic application runs inside triage's transaction with the ticket row locked. It goes
through the ticket actions for the system (`automation_update`, `automation_tags`) with source
"ai", so every change is a TicketEvent by the system whose data also names the model version
({"source": "ai", "source_name": "AI v3", "model_version": "v3"}); `touch` publishes
"ticket.updated" after commit like any other change.

A value a person (or a rule, a portal topic) chose is never overridden: a field counts as chosen
when the ticket was created by staff (they picked group and priority) or when its history has a
change of that field not made by the AI. Tags are only ever added, and a tag someone removed is
not added back.

Corrections: when a person later changes a field the AI applied, `record_correction` notes it in
TicketInsight.applied as "corrected:<field>", so training can weigh those tickets.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.ai.models import AiSettings, TicketInsight
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.tickets.access import access_ticket, require, ticket_permissions
from supportdesk.tickets.actions import add_tags, update_ticket
from supportdesk.tickets.actions.system import automation_tags, automation_update
from supportdesk.tickets.choices import EventKind, Priority
from supportdesk.tickets.models import Ticket, TicketEvent

SOURCE = "ai"
APPLICABLE = ("group", "priority", "tags", "language")
CORRECTED = "corrected:"
# history field name -> insight field name
_HISTORY_FIELDS = {"group": "group", "priority": "priority", "language": "language"}


def load_settings() -> AiSettings:
    """The single settings row (created with defaults on first use)."""
    row, _created = AiSettings.objects.get_or_create(pk=1)
    return row


def _source_name(version: str) -> str:
    return f"AI {version}".strip() if version else "AI"


def chosen_fields(ticket: Ticket) -> set[str]:
    """Fields ("group", "priority", "language", "tags:<name>") a person or a rule decided on this
    ticket, which the AI must leave alone."""
    chosen: set[str] = set()
    rows = TicketEvent.objects.filter(ticket=ticket, kind__in=[EventKind.CREATED, EventKind.CHANGED, EventKind.TAG_REMOVED]).values_list(
        "kind", "field", "actor__role", "data", "old_value"
    )
    for kind, field, role, data, old in rows:
        from_ai = (data or {}).get("source") == SOURCE
        if kind == EventKind.CREATED:
            if role is not None and role != "customer":
                chosen.update({"group", "priority"})
        elif kind == EventKind.TAG_REMOVED:
            if not from_ai and isinstance(old, str):
                chosen.add(f"tags:{old}")
        elif field in _HISTORY_FIELDS and not from_ai:
            chosen.add(_HISTORY_FIELDS[field])
    return chosen


def auto_apply(ticket: Ticket, insight: TicketInsight, settings: AiSettings) -> list[str]:
    """Apply the insight's predictions the settings allow (caller: triage, ticket locked, in a
    transaction); return what was applied ("language", "group", "priority", "tags:<name>")."""
    chosen = chosen_fields(ticket)
    threshold = settings.apply_threshold
    versions = insight.model_versions or {}
    applied: list[str] = []

    def update(changes: dict[str, Any], name: str, version: str) -> None:
        extra = {"model_version": version}
        if automation_update(ticket, changes, source=SOURCE, source_name=_source_name(version), extra_data=extra):
            applied.append(name)

    if settings.apply_language and insight.language and not ticket.language and "language" not in chosen:
        update({"language": insight.language}, "language", "lingua")
    group = insight.group
    if (
        settings.apply_group
        and group is not None
        and group.is_active
        and insight.group_confidence >= threshold
        and group.pk != ticket.group_id
        and "group" not in chosen
    ):
        update({"group_id": group.pk}, "group", versions.get("group", ""))
    if (
        settings.apply_priority
        and insight.priority in Priority.values
        and insight.priority_confidence >= threshold
        and insight.priority != ticket.priority
        and "priority" not in chosen
    ):
        update({"priority": insight.priority}, "priority", versions.get("priority", ""))
    if settings.apply_tags:
        names = [str(name) for name, confidence in insight.tags if confidence >= threshold and f"tags:{name}" not in chosen]
        if names:
            version = versions.get("tags", "")
            extra = {"model_version": version}
            done = automation_tags(ticket, add=names, source=SOURCE, source_name=_source_name(version), extra_data=extra)
            applied.extend(f"tags:{entry[1:]}" for entry in done)
    return applied


def apply_suggestion(actor: User, ticket_id: int, field: str) -> list[str]:
    """An agent applies one suggestion ("group", "priority", "tags" or "language") of a ticket's
    insight; return the ticket fields that changed. The change is the agent's own (their action,
    their permissions: moving needs can_move), so it is recorded with them as the actor."""
    if field not in APPLICABLE:
        raise ValidationFailed(_("Unknown prediction."), field_errors={"field": _("Use group, priority, tags or language.")})
    ticket = access_ticket(actor, ticket_id, for_write=True)
    perms = ticket_permissions(actor, ticket)
    if not perms.is_staff_view:
        raise NotFound(_("Ticket not found."))
    require(perms, "can_edit")
    insight = TicketInsight.objects.filter(ticket=ticket).select_related("group").first()
    if insight is None:
        raise NotFound(_("This ticket has no AI insight yet."))
    settings = load_settings()
    changed: list[str] = []
    with transaction.atomic():
        if field == "group":
            group: Group | None = insight.group
            if group is None or insight.group_confidence < settings.suggest_threshold:
                raise ValidationFailed(_("There is no group suggestion."), field_errors={"field": _("No suggestion.")})
            changed = update_ticket(actor, ticket, {"group_id": group.pk})
        elif field == "priority":
            if insight.priority not in Priority.values or insight.priority_confidence < settings.suggest_threshold:
                raise ValidationFailed(_("There is no priority suggestion."), field_errors={"field": _("No suggestion.")})
            changed = update_ticket(actor, ticket, {"priority": insight.priority})
        elif field == "language":
            if not insight.language:
                raise ValidationFailed(_("The language is not known."), field_errors={"field": _("No suggestion.")})
            changed = update_ticket(actor, ticket, {"language": insight.language})
        else:
            names = [str(name) for name, confidence in insight.tags if confidence >= settings.suggest_threshold]
            if not names:
                raise ValidationFailed(_("There are no tag suggestions."), field_errors={"field": _("No suggestion.")})
            changed = [f"tags:{name}" for name in add_tags(actor, ticket, names)]
        locked = TicketInsight.objects.select_for_update().get(pk=insight.pk)
        marks = [f"accepted:{field}"]
        locked.applied = [*locked.applied, *(mark for mark in marks if mark not in locked.applied)]
        locked.save(update_fields=["applied"])
    return changed


def record_correction(ticket_id: int, actor_id: int | None, changed: list[str]) -> list[str]:
    """A person changed fields of a ticket: note "corrected:<field>" for fields the AI had applied;
    return the fields newly marked. Idempotent."""
    if actor_id is None:
        return []
    names = {"group_id": "group", "priority": "priority", "tags": "tags", "language": "language"}
    touched = {names[name] for name in changed if name in names}
    if not touched:
        return []
    with transaction.atomic():
        insight = TicketInsight.objects.select_for_update().filter(ticket_id=ticket_id).first()
        if insight is None:
            return []
        applied = list(insight.applied)
        fields_applied = {entry.split(":", 1)[0] for entry in applied if not entry.startswith((CORRECTED, "accepted:"))}
        new = [field for field in sorted(touched & fields_applied) if f"{CORRECTED}{field}" not in applied]
        if new:
            insight.applied = [*applied, *(f"{CORRECTED}{field}" for field in new)]
            insight.save(update_fields=["applied"])
    return new
