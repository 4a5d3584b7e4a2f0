"""Admin-defined custom ticket fields: creating and changing their definitions.

Values on tickets are validated against these definitions by tickets.custom_fields. A definition's
key and type are fixed once created, because existing ticket values were stored in that shape;
retire a field with is_active=False instead of deleting it.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.tickets.choices import SETTABLE_STATES, FieldType
from supportdesk.tickets.models import CustomFieldDefinition

KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_OPTIONS = 200
MAX_OPTION = 100
UPDATABLE = frozenset({"label", "options", "required_in_states", "position", "is_active"})
SELECT_TYPES = frozenset({FieldType.SELECT, FieldType.MULTISELECT})


def _require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may do this."))


def _clean_label(label: Any) -> str:
    text = " ".join("".join(ch for ch in str(label or "") if ch.isprintable()).split())[:120]
    if not text:
        raise ValidationFailed(_("A label is required."), field_errors={"label": _("A label is required.")})
    return text


def _clean_options(field_type: str, options: Any) -> list[str]:
    if field_type not in SELECT_TYPES:
        if options:
            raise ValidationFailed(_("Only select fields have options."), field_errors={"options": _("Only for select fields.")})
        return []
    if not isinstance(options, list) or not options or len(options) > MAX_OPTIONS:
        raise ValidationFailed(_("Options are required."), field_errors={"options": _("1 to %(max)d options.") % {"max": MAX_OPTIONS}})
    cleaned = [" ".join(str(o).split())[:MAX_OPTION] for o in options]
    if any(not o for o in cleaned) or len(set(cleaned)) != len(cleaned):
        raise ValidationFailed(_("Invalid options."), field_errors={"options": _("Options must be non-empty and distinct.")})
    return cleaned


def _clean_states(states: Any) -> list[str]:
    states = list(states or [])
    if any(s not in SETTABLE_STATES for s in states):
        raise ValidationFailed(_("Unknown state."), field_errors={"required_in_states": _("Unknown state.")})
    return sorted(set(states), key=SETTABLE_STATES.index)


def create_field_definition(
    actor: User,
    *,
    key: str,
    label: str,
    field_type: str,
    options: list[str] | None = None,
    required_in_states: list[str] | None = None,
    position: int = 0,
) -> CustomFieldDefinition:
    """Define a new custom field (admins only); the key must be a new lower-case identifier."""
    _require_admin(actor)
    if not KEY.match(key or ""):
        raise ValidationFailed(_("Invalid key."), field_errors={"key": _("Lower-case letters, digits and _, starting with a letter.")})
    if field_type not in FieldType.values:
        raise ValidationFailed(_("Unknown field type."), field_errors={"field_type": _("Unknown field type.")})
    with transaction.atomic():
        if CustomFieldDefinition.objects.filter(key=key).exists():
            raise Conflict(_("A field with this key exists."), field_errors={"key": _("Already in use.")})
        return CustomFieldDefinition.objects.create(
            key=key,
            label=_clean_label(label),
            field_type=field_type,
            options=_clean_options(field_type, options or []),
            required_in_states=_clean_states(required_in_states),
            position=max(0, min(position, 1_000_000)),
        )


def update_field_definition(actor: User, definition: CustomFieldDefinition, changes: dict[str, Any]) -> list[str]:
    """Change label, options, required states, position or active flag; return the changed names."""
    _require_admin(actor)
    reject_unknown_fields(changes, UPDATABLE)
    new: dict[str, Any] = {}
    if "label" in changes:
        new["label"] = _clean_label(changes["label"])
    if "options" in changes:
        new["options"] = _clean_options(definition.field_type, changes["options"])
    if "required_in_states" in changes:
        new["required_in_states"] = _clean_states(changes["required_in_states"])
    if "position" in changes:
        new["position"] = max(0, min(int(changes["position"]), 1_000_000))
    if "is_active" in changes:
        new["is_active"] = bool(changes["is_active"])
    changed = [name for name, value in new.items() if getattr(definition, name) != value]
    for name in changed:
        setattr(definition, name, new[name])
    if changed:
        definition.save(update_fields=changed)
    return changed
