"""Validation of custom field values against their admin-defined definitions (pure, no writes)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.choices import FieldType
from supportdesk.tickets.models import CustomFieldDefinition

MAX_TEXT = 2000


def active_definitions() -> dict[str, CustomFieldDefinition]:
    return {d.key: d for d in CustomFieldDefinition.objects.filter(is_active=True)}


def _coerce(definition: CustomFieldDefinition, value: Any) -> Any:
    """Return the canonical JSON value, or raise ValueError with a message for the user."""
    if value is None or value == "" or value == []:
        return None
    kind = definition.field_type
    if kind == FieldType.TEXT:
        if not isinstance(value, str | int | float):
            raise ValueError(_("Must be text."))
        text = str(value)
        if len(text) > MAX_TEXT:
            raise ValueError(_("At most %(n)s characters.") % {"n": MAX_TEXT})
        return text
    if kind == FieldType.NUMBER:
        if isinstance(value, bool):
            raise ValueError(_("Must be a number."))
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(_("Must be a number.")) from exc
        if not number.is_finite():
            raise ValueError(_("Must be a number."))
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == FieldType.DATE:
        try:
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError as exc:
            raise ValueError(_("Must be a date (YYYY-MM-DD).")) from exc
    if kind == FieldType.CHECKBOX:
        if isinstance(value, bool):
            return value
        if value in ("true", "on", "1", 1):
            return True
        if value in ("false", "off", "0", 0):
            return False
        raise ValueError(_("Must be true or false."))
    if kind == FieldType.SELECT:
        if value not in definition.options:
            raise ValueError(_("Not one of the allowed options."))
        return value
    if kind == FieldType.MULTISELECT:
        values = value if isinstance(value, list) else [value]
        if any(v not in definition.options for v in values):
            raise ValueError(_("Not one of the allowed options."))
        return sorted(set(values), key=definition.options.index)
    raise ValueError(_("Unknown field type."))


def clean_custom_fields(
    current: dict[str, Any], changes: dict[str, Any], *, state: str, definitions: dict[str, CustomFieldDefinition] | None = None
) -> dict[str, Any]:
    """Merge `changes` into `current`, validating each value and the fields required in `state`."""
    definitions = active_definitions() if definitions is None else definitions
    errors: dict[str, str] = {}
    merged = dict(current)
    for key, value in changes.items():
        definition = definitions.get(key)
        if definition is None:
            errors[key] = _("Unknown field.")
            continue
        try:
            coerced = _coerce(definition, value)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if coerced is None:
            merged.pop(key, None)
        else:
            merged[key] = coerced
    for key, definition in definitions.items():
        if state in (definition.required_in_states or []) and merged.get(key) in (None, "", []):
            errors.setdefault(key, _("Required when the state is %(state)s.") % {"state": state})
    if errors:
        raise ValidationFailed(_("Some custom fields are invalid."), field_errors={f"custom_fields.{k}": v for k, v in errors.items()})
    return merged
