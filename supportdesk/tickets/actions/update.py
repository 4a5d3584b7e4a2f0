"""Changing a ticket's properties: state, priority, group, owner, pending time, custom fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import ACCESS_RANK
from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, ValidationFailed, reject_unknown_fields
from supportdesk.search.documents import rebuild_document
from supportdesk.tickets.access import require, staff_access_level, ticket_permissions, writable_group
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.actions.create import clean_subject
from supportdesk.tickets.choices import PENDING_STATES, SETTABLE_STATES, EventKind, Priority, State
from supportdesk.tickets.custom_fields import clean_custom_fields
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket

UPDATABLE_FIELDS = frozenset({"subject", "state", "priority", "group_id", "owner_id", "pending_until", "language", "custom_fields"})


def _parse_pending(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value))
    if parsed is None:
        raise ValidationFailed(_("Invalid date and time."), field_errors={"pending_until": _("Use ISO 8601, e.g. 2026-12-01T09:00:00Z.")})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_current_timezone())
    return parsed


def _owner(owner_id: Any, ticket: Ticket) -> User | None:
    if owner_id is None:
        return None
    owner = User.objects.filter(pk=owner_id, is_active=True).first() if isinstance(owner_id, int) else None
    if owner is None or not owner.is_helpdesk_staff:
        raise ValidationFailed(_("Unknown agent."), field_errors={"owner_id": _("Not an agent of this group.")})
    level = staff_access_level(owner, ticket)
    if level is None or ACCESS_RANK[level] < 2:  # type: ignore[index]
        raise ValidationFailed(_("Unknown agent."), field_errors={"owner_id": _("Not an agent of this group.")})
    return owner


def update_ticket(actor: User, ticket: Ticket, changes: Mapping[str, Any]) -> list[str]:
    """Apply validated changes; return the names of fields that changed (empty if none did).

    Fields outside UPDATABLE_FIELDS are refused, never ignored silently. Moving to another group
    needs full access here and write access there; an owner who cannot work in the new group is
    unassigned. Entering a pending state needs a pending_until time.
    """
    reject_unknown_fields(changes, UPDATABLE_FIELDS)
    perms = ticket_permissions(actor, ticket)
    require(perms, "can_edit")
    if ticket.state == State.MERGED:
        raise ValidationFailed(_("A merged ticket cannot be changed."))
    new: dict[str, Any] = {}
    if "subject" in changes:
        new["subject"] = clean_subject(changes["subject"])
    if "priority" in changes:
        if changes["priority"] not in Priority.values:
            raise ValidationFailed(_("Unknown priority."), field_errors={"priority": _("Unknown priority.")})
        new["priority"] = changes["priority"]
    if "state" in changes:
        if changes["state"] not in SETTABLE_STATES:
            raise ValidationFailed(_("Unknown state."), field_errors={"state": _("Unknown or not settable state.")})
        new["state"] = changes["state"]
    if "language" in changes:
        new["language"] = str(changes["language"] or "")[:8]
    if "pending_until" in changes:
        new["pending_until"] = _parse_pending(changes["pending_until"])
    if "group_id" in changes and changes["group_id"] != ticket.group_id:
        require(perms, "can_move")
        new["group"] = writable_group(actor, changes["group_id"])
    try:
        with transaction.atomic():
            changed = _apply(actor, ticket, new, changes)
            if changed:
                touch(ticket, *changed, actor=actor)
                if "subject" in changed:
                    rebuild_document(ticket)
    except DomainError:
        # _apply sets attributes as it goes; a refused change must not linger on the caller's object.
        ticket.refresh_from_db()
        raise
    return changed


def _apply(actor: User, ticket: Ticket, new: dict[str, Any], changes: Mapping[str, Any]) -> list[str]:
    changed: list[str] = []

    def set_field(name: str, value: Any, *, shown_old: Any = None, shown_new: Any = None) -> None:
        old = getattr(ticket, name)
        if old == value:
            return
        setattr(ticket, name, value)
        changed.append(name)
        record_event(
            ticket,
            actor,
            EventKind.CHANGED,
            field=name.removesuffix("_id") if name.endswith("_id") else name,
            old=shown_old if shown_old is not None else _jsonable(old),
            new=shown_new if shown_new is not None else _jsonable(value),
        )

    for name in ("subject", "priority", "language"):
        if name in new:
            set_field(name, new[name])
    if "group" in new:
        old_group = ticket.group
        set_field("group_id", new["group"].pk, shown_old=old_group.name, shown_new=new["group"].name)
        ticket.group = new["group"]
        if ticket.owner_id and "owner_id" not in changes and staff_access_level(ticket.owner, ticket) is None:  # type: ignore[arg-type]
            set_field("owner_id", None, shown_old=ticket.owner.email if ticket.owner else None)  # type: ignore[union-attr]
    if "owner_id" in changes:
        owner = _owner(changes["owner_id"], ticket)
        old_email = ticket.owner.email if ticket.owner_id and ticket.owner else None
        set_field("owner_id", owner.pk if owner else None, shown_old=old_email, shown_new=owner.email if owner else None)
        ticket.owner = owner
    state = new.get("state", ticket.state)
    pending_until = new.get("pending_until", ticket.pending_until if state in PENDING_STATES else None)
    if state in PENDING_STATES and pending_until is None:
        raise ValidationFailed(_("A pending state needs a time."), field_errors={"pending_until": _("Required for pending states.")})
    if state not in PENDING_STATES:
        pending_until = None
    if "state" in new:
        set_field("state", state)
        if state == State.SOLVED and ticket.solved_at is None:
            ticket.solved_at = timezone.now()
            changed.append("solved_at")
        if state == State.CLOSED and ticket.closed_at is None:
            ticket.closed_at = timezone.now()
            changed.append("closed_at")
    set_field("pending_until", pending_until)
    fields_changes = changes.get("custom_fields")
    if fields_changes is not None or "state" in new:
        if fields_changes is not None and not isinstance(fields_changes, dict):
            raise ValidationFailed(_("Custom fields must be an object."), field_errors={"custom_fields": _("Must be an object.")})
        cleaned = clean_custom_fields(ticket.custom_fields or {}, fields_changes or {}, state=state)
        set_field("custom_fields", cleaned)
    return changed


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value
