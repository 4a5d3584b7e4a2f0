"""The fields, operators and limits of the condition language (see conditions.py): what each field
is, which operators it takes, and which ticket column answers it in a query. Split out of
conditions.py, which validates, evaluates and queries with them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import JSONField
from django.db.models.fields.json import KeyTransform

from supportdesk.tickets.choices import Channel, Priority, SenderType, State

MAX_CONDITIONS = 50
MAX_DEPTH = 3
MAX_TEXT = 500
MAX_LIST = 100
MAX_HOURS = 24 * 366 * 10
MAX_KEY = 64
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")

# Operators by value type.
EQ_OPS = ("is", "is_not", "in", "not_in")
SET_OPS = ("is_set", "is_not_set")
TEXT_OPS = (*EQ_OPS, "contains", "not_contains", "starts_with", *SET_OPS)
DATE_OPS = ("gt", "lt", "older_than", "newer_than", *SET_OPS)
NUMBER_OPS = (*EQ_OPS, "gt", "lt")
TAG_OPS = ("contains", "not_contains", "in", "not_in", *SET_OPS)
BOOL_OPS = ("is", "is_not")
CHANGE_OPS = ("changed", "changed_to", "changed_from")
NO_VALUE_OPS = frozenset({*SET_OPS, "changed"})
ALL_OPS = frozenset({*TEXT_OPS, *DATE_OPS, *NUMBER_OPS, *TAG_OPS, *CHANGE_OPS})


@dataclass(frozen=True)
class FieldSpec:
    """How a field is typed, compared and queried. `column` is the ORM path (None: not queryable)."""

    kind: str  # choice, id, text, date, bool, tags, number, custom, weekday
    ops: tuple[str, ...]
    column: str | None = None
    choices: tuple[str, ...] = ()
    nullable: bool = False
    changes_as: str | None = None  # the name in a ticket.updated "changed" list, if update triggers may use it


def _f(kind: str, ops: tuple[str, ...], column: str | None, **extra: Any) -> FieldSpec:
    return FieldSpec(kind=kind, ops=ops, column=column, **extra)


FIELDS: dict[str, FieldSpec] = {
    "state": _f("choice", (*EQ_OPS, *CHANGE_OPS), "state", choices=tuple(State.values), changes_as="state"),
    "priority": _f("choice", (*EQ_OPS, *CHANGE_OPS), "priority", choices=tuple(Priority.values), changes_as="priority"),
    "group": _f("id", (*EQ_OPS, *CHANGE_OPS), "group_id", changes_as="group_id"),
    "owner": _f("id", (*EQ_OPS, *SET_OPS, *CHANGE_OPS), "owner_id", nullable=True, changes_as="owner_id"),
    "channel": _f("choice", EQ_OPS, "channel", choices=tuple(Channel.values)),
    "language": _f("text", (*TEXT_OPS, *CHANGE_OPS), "language", changes_as="language"),
    "subject": _f("text", (*TEXT_OPS, *CHANGE_OPS), "subject", changes_as="subject"),
    "tags": _f("tags", (*TAG_OPS, "changed"), None, changes_as="tags"),
    "created_at": _f("date", DATE_OPS, "created_at"),
    "updated_at": _f("date", DATE_OPS, "updated_at"),
    "pending_until": _f("date", (*DATE_OPS, "changed"), "pending_until", nullable=True, changes_as="pending_until"),
    "sla_due_at": _f("date", DATE_OPS, "sla_due_at", nullable=True),
    "sla_at_risk": _f("bool", BOOL_OPS, "sla_at_risk"),
    "article.sender": _f("choice", EQ_OPS, None, choices=tuple(SenderType.values)),
    "article.internal": _f("bool", BOOL_OPS, None),
    "article.channel": _f("choice", EQ_OPS, None, choices=tuple(Channel.values)),
    "article.body": _f("text", TEXT_OPS, None),
    "article.from": _f("text", TEXT_OPS, None),
    "customer.email": _f("text", TEXT_OPS, "customer__email"),
    "customer.domain": _f("text", EQ_OPS, "customer__email"),
    "customer.language": _f("text", TEXT_OPS, "customer__language"),
    "customer.organization": _f("id", (*EQ_OPS, *SET_OPS), "organization_id", nullable=True),
    "organization.name": _f("text", TEXT_OPS, "organization__name", nullable=True),
    "organization.tier": _f("text", TEXT_OPS, "organization__tier", nullable=True),
    # What AI triage found (supportdesk.ai TicketInsight, one-to-one; absent until triaged).
    "ai.sentiment": _f("number", NUMBER_OPS, "insight__sentiment", nullable=True),
    "ai.urgency": _f("number", NUMBER_OPS, "insight__urgency", nullable=True),
    "ai.language": _f("text", TEXT_OPS, "insight__language", nullable=True),
    "ai.group": _f("id", (*EQ_OPS, *SET_OPS), "insight__group_id", nullable=True),
    "ai.priority": _f("choice", EQ_OPS, "insight__priority", choices=tuple(Priority.values), nullable=True),
    "time.weekday": _f("weekday", EQ_OPS, None, choices=WEEKDAYS),
    "time.hour": _f("number", NUMBER_OPS, None),
    "time.business_hours": _f("bool", BOOL_OPS, None),
}
CUSTOM = FieldSpec(kind="custom", ops=(*TEXT_OPS, "gt", "lt", *CHANGE_OPS), changes_as="custom_fields")
CUSTOM_PREFIX = "custom_fields."
# Keys the ORM would read as a lookup or transform of the JSON column, not as a key.
_JSON_LOOKUPS = frozenset(JSONField.get_lookups()) | frozenset(KeyTransform.get_lookups())


def field_spec(name: str) -> FieldSpec | None:
    if name.startswith(CUSTOM_PREFIX):
        key = name[len(CUSTOM_PREFIX) :]
        # "__" would be read by the ORM as a lookup separator; keys are slugs anyway.
        if 0 < len(key) <= MAX_KEY and set(key) <= KEY_CHARS and "__" not in key and key not in _JSON_LOOKUPS:
            return CUSTOM
        return None
    return FIELDS.get(name)
