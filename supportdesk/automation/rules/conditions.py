"""The condition language of triggers, schedulers and dry runs: validated data, a small interpreter.

A condition set is {"all": [...], "any": [...]}: every item of "all" must hold and, when "any" is
not empty, at least one item of it. An item is a condition {"field", "op", "value"} or a nested set
(at most MAX_DEPTH levels). An empty set matches every ticket. Fields:

- ticket: state, priority, group, owner, channel, language, subject, tags, custom_fields.<key>,
  created_at, updated_at, pending_until, sla_due_at, sla_at_risk
- article (the message that fired a trigger): article.sender, article.internal, article.channel,
  article.body, article.from
- customer: customer.email, customer.domain, customer.language, customer.organization (the
  ticket's organization id); organization: organization.name, organization.tier
- AI triage: ai.sentiment (-1..1), ai.urgency (0..1), ai.language, ai.group (id), ai.priority;
  unset until the ticket was triaged (triage publishes "ticket.updated" with changed ["ai"])
- time: time.weekday ("monday".. "sunday"), time.hour (0-23), time.business_hours (true/false);
  each may name a "calendar" (id) whose zone and hours count; else the default calendar, else UTC.

Text comparisons ignore case. Dates compare with ISO 8601 values (gt/lt) or an age in hours
(older_than/newer_than: the moment lies more than / less than N hours in the past). changed,
changed_to and changed_from read the changes of the event that fired an update trigger.

`evaluate` answers for one ticket in Python; `to_q` turns the ticket-only part into a QuerySet
filter so dry runs and schedulers use indexed queries. There are no regular expressions anywhere
(no ReDoS) and every size is bounded. See docs/automation.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from supportdesk.automation.rules.condition_fields import (
    CHANGE_OPS,
    CUSTOM_PREFIX,
    FIELDS,
    MAX_CONDITIONS,
    MAX_DEPTH,
    MAX_HOURS,
    MAX_LIST,
    MAX_TEXT,
    NO_VALUE_OPS,
    WEEKDAYS,
    FieldSpec,
    field_spec,
)
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.models import Article, Ticket, TicketTag

# -- validation ----------------------------------------------------------------------------------


class _Errors:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)


def clean_conditions(raw: Any, *, path: str = "conditions", allow_article: bool = True, allow_changes: bool = True) -> dict[str, Any]:
    """Validate a condition set; return it cleaned. Raise ValidationFailed naming the path of every error.

    `allow_article` / `allow_changes` are False where no message or change exists (schedulers, and
    the ticket-only query of a dry run).
    """
    errors = _Errors()
    cleaned = _clean_set({} if raw is None else raw, path, 1, errors, allow_article=allow_article, allow_changes=allow_changes)
    if errors.count > MAX_CONDITIONS:
        errors.add(path, _("At most %(n)s conditions.") % {"n": MAX_CONDITIONS})
    if errors.errors:
        raise ValidationFailed(_("Please correct the conditions."), field_errors=errors.errors)
    return cleaned


def _clean_set(raw: Any, path: str, depth: int, errors: _Errors, **flags: bool) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or set(raw) - {"all", "any"}:
        errors.add(path, _('A condition set is an object with "all" and/or "any" lists.'))
        return {"all": [], "any": []}
    if depth > MAX_DEPTH:
        errors.add(path, _("Conditions nest at most %(n)s levels deep.") % {"n": MAX_DEPTH})
        return {"all": [], "any": []}
    result: dict[str, Any] = {}
    for key in ("all", "any"):
        items = raw.get(key, [])
        if not isinstance(items, list):
            errors.add(f"{path}.{key}", _("Must be a list."))
            items = []
        cleaned = []
        for index, item in enumerate(items[: MAX_CONDITIONS + 1]):
            item_path = f"{path}.{key}[{index}]"
            if isinstance(item, Mapping) and ("all" in item or "any" in item):
                cleaned.append(_clean_set(item, item_path, depth + 1, errors, **flags))
            else:
                errors.count += 1
                condition = _clean_condition(item, item_path, errors, **flags)
                if condition is not None:
                    cleaned.append(condition)
        result[key] = cleaned
    return result


def _clean_condition(raw: Any, path: str, errors: _Errors, *, allow_article: bool, allow_changes: bool) -> dict[str, Any] | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("field"), str) or not isinstance(raw.get("op"), str):
        errors.add(path, _('A condition is an object with "field", "op" and "value".'))
        return None
    name, op = raw["field"], raw["op"]
    unknown = set(raw) - {"field", "op", "value", "calendar"}
    if unknown:
        errors.add(f"{path}.{sorted(unknown)[0]}", _("Unknown key."))
        return None
    spec = field_spec(name)
    if spec is None:
        errors.add(f"{path}.field", _("Unknown field."))
        return None
    if op not in spec.ops:
        errors.add(f"{path}.op", _("Use one of: %(ops)s.") % {"ops": ", ".join(spec.ops)})
        return None
    if name.startswith("article.") and not allow_article:
        errors.add(f"{path}.field", _("Article fields need a message: use them in triggers only."))
        return None
    if op in CHANGE_OPS and not allow_changes:
        errors.add(f"{path}.op", _("Change operators work in update triggers only."))
        return None
    cleaned: dict[str, Any] = {"field": name, "op": op}
    if "calendar" in raw:
        if not name.startswith("time.") or not _is_id(raw["calendar"]):
            errors.add(f"{path}.calendar", _("A calendar id, for time fields only."))
            return None
        cleaned["calendar"] = raw["calendar"]
    if op in NO_VALUE_OPS:
        if raw.get("value") is not None:
            errors.add(f"{path}.value", _("This operator takes no value."))
            return None
        return cleaned
    try:
        cleaned["value"] = _clean_value(spec, op, raw.get("value"))
    except ValueError as exc:
        errors.add(f"{path}.value", str(exc))
        return None
    return cleaned


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _clean_value(spec: FieldSpec, op: str, value: Any) -> Any:
    """The cleaned value for this operator; raises ValueError with a message for the user."""
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or len(value) > MAX_LIST:
            raise ValueError(_("A list of 1 to %(n)s values.") % {"n": MAX_LIST})
        return [_clean_scalar(spec, "is", item) for item in value]
    if op == "changed_to" or op == "changed_from":
        if isinstance(value, list):
            return _clean_value(spec, "in", value)
        return _clean_scalar(spec, "is", value) if spec.kind != "date" else _clean_scalar(spec, "gt", value)
    return _clean_scalar(spec, op, value)


def _clean_scalar(spec: FieldSpec, op: str, value: Any) -> Any:
    kind = spec.kind
    if kind == "date":
        if op in ("older_than", "newer_than"):
            if not _is_number(value) or not 0 <= value <= MAX_HOURS:
                raise ValueError(_("A number of hours, 0 to %(n)s.") % {"n": MAX_HOURS})
            return value
        moment = parse_datetime(value) if isinstance(value, str) and len(value) <= 40 else None
        if moment is None:
            raise ValueError(_("A date and time in ISO 8601, e.g. 2026-12-01T09:00:00Z."))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.isoformat()
    if kind in ("choice", "weekday"):
        if value not in spec.choices:
            raise ValueError(_("Use one of: %(values)s.") % {"values": ", ".join(spec.choices)})
        return value
    if kind == "id":
        if not _is_id(value):
            raise ValueError(_("An id (a positive whole number)."))
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(_("true or false."))
        return value
    if kind == "number":
        if not _is_number(value):
            raise ValueError(_("A number."))
        return value
    if kind == "tags":
        if not isinstance(value, str) or not 0 < len(value.strip()) <= 64:
            raise ValueError(_("A tag name."))
        return " ".join(value.split()).lower()
    if kind == "custom":
        if op in ("gt", "lt"):
            if not _is_number(value):
                raise ValueError(_("A number."))
            return value
        if op in ("contains", "not_contains", "starts_with"):
            if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
                raise ValueError(_("Text of 1 to %(n)s characters.") % {"n": MAX_TEXT})
            return value
        if not (isinstance(value, str | bool) or _is_number(value)) or (isinstance(value, str) and len(value) > MAX_TEXT):
            raise ValueError(_("Text, a number or true/false."))
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT or (op != "is" and op != "is_not" and not value):
        raise ValueError(_("Text of up to %(n)s characters.") % {"n": MAX_TEXT})
    return value


# -- evaluation ----------------------------------------------------------------------------------

_MISSING = object()


@dataclass
class Context:
    """What conditions are evaluated against.

    `changes` maps the changed names of a ticket.updated event ("state", "group_id", "tags",
    "custom_fields", ...) to their old values (`UNKNOWN_OLD` when the history has none); None means
    "not an update". `calendars` resolves a time condition's calendar id (None: the default) to
    (zone, is-business-time function); the engine caches it per event.
    """

    ticket: Ticket
    now: dt.datetime
    article: Article | None = None
    changes: Mapping[str, Any] | None = None
    calendars: Callable[[int | None, dt.datetime], tuple[ZoneInfo, Callable[[dt.datetime], bool]]] | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def tags(self) -> frozenset[str]:
        return frozenset(TicketTag.objects.filter(ticket_id=self.ticket.pk).values_list("tag__name", flat=True))


UNKNOWN_OLD = object()


def evaluate(conditions: Mapping[str, Any], context: Context) -> bool:
    """Whether a cleaned condition set holds for the context's ticket (and article and changes)."""
    if not all(_holds(item, context) for item in conditions.get("all", ())):
        return False
    anyof = conditions.get("any", ())
    return not anyof or any(_holds(item, context) for item in anyof)


def _holds(item: Mapping[str, Any], context: Context) -> bool:
    if "field" not in item:
        return evaluate(item, context)
    name, op = item["field"], item["op"]
    spec = field_spec(name)
    if spec is None:
        return False
    if op in CHANGE_OPS:
        return _holds_change(name, spec, op, item.get("value"), context)
    actual = _actual(name, context, item.get("calendar"))
    return _compare(spec, op, actual, item.get("value"), context.now)


def _actual(name: str, context: Context, calendar_id: int | None = None) -> Any:
    ticket, article = context.ticket, context.article
    if name.startswith(CUSTOM_PREFIX):
        return (ticket.custom_fields or {}).get(name[len(CUSTOM_PREFIX) :])
    if name.startswith("article."):
        if article is None:
            return None
        attribute = {"sender": "sender_type", "internal": "is_internal", "channel": "channel", "body": "body_text", "from": "from_address"}
        return getattr(article, attribute[name.split(".", 1)[1]])
    if name.startswith("time."):
        return _time_value(name, context, calendar_id)
    if name == "tags":
        return context.tags
    if name == "customer.domain":
        return ticket.customer.email.rpartition("@")[2]
    if name == "customer.email":
        return ticket.customer.email
    if name == "customer.language":
        return ticket.customer.language
    if name == "customer.organization":
        return ticket.organization_id
    if name.startswith("organization."):
        organization = ticket.organization
        return None if organization is None else getattr(organization, name.split(".", 1)[1])
    if name.startswith(AI_PREFIX):
        return _ai_value(ticket, name[len(AI_PREFIX) :])
    column = FIELDS[name].column
    return getattr(ticket, column or name)


AI_PREFIX = "ai."


def _ai_value(ticket: Ticket, name: str) -> Any:
    """A TicketInsight value (None before triage), like the query's LEFT JOIN on insight."""
    try:
        insight = ticket.insight  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None
    return insight.group_id if name == "group" else getattr(insight, name)


def _time_value(name: str, context: Context, calendar_id: int | None) -> Any:
    if context.calendars is None:
        zone, is_open = ZoneInfo("UTC"), (lambda _moment: False)
    else:
        zone, is_open = context.calendars(calendar_id, context.now)
    if name == "time.business_hours":
        return is_open(context.now)
    local = context.now.astimezone(zone)
    return WEEKDAYS[local.weekday()] if name == "time.weekday" else local.hour


def _fold(value: Any) -> str:
    return str(value).casefold()


def _compare(spec: FieldSpec, op: str, actual: Any, value: Any, now: dt.datetime) -> bool:
    kind = spec.kind
    if op == "is_set":
        return _is_set(actual)
    if op == "is_not_set":
        return not _is_set(actual)
    if kind == "tags":
        tags: frozenset[str] = actual
        if op == "contains":
            return value in tags
        if op == "not_contains":
            return value not in tags
        if op == "in":
            return any(v in tags for v in value)
        return not any(v in tags for v in value)  # not_in
    if op == "is":
        return _equal(kind, actual, value)
    if op == "is_not":
        return not _equal(kind, actual, value)
    if op == "in":
        return any(_equal(kind, actual, v) for v in value)
    if op == "not_in":
        return not any(_equal(kind, actual, v) for v in value)
    if op in ("contains", "not_contains", "starts_with"):
        found = _text_match(op, actual, value)
        return not found if op == "not_contains" else found
    if op in ("gt", "lt"):
        return _ordered(kind, op, actual, value)
    if op in ("older_than", "newer_than"):
        if not isinstance(actual, dt.datetime):
            return False
        limit = now - dt.timedelta(hours=value)
        return actual < limit if op == "older_than" else actual > limit
    return False


def _is_set(actual: Any) -> bool:
    if isinstance(actual, frozenset | list | dict):
        return bool(actual)
    return actual is not None and actual != ""


def _equal(kind: str, actual: Any, value: Any) -> bool:
    if actual is None:
        return False
    if kind == "text":
        return _fold(actual) == _fold(value)
    if kind == "custom":
        if isinstance(value, bool) or isinstance(actual, bool):
            return type(actual) is type(value) and actual == value
        if isinstance(value, str) and isinstance(actual, str):
            return actual == value
        return _is_number(actual) and _is_number(value) and actual == value
    return bool(actual == value)


def _text_match(op: str, actual: Any, value: str) -> bool:
    if actual is None or isinstance(actual, bool | dict):
        return False
    if isinstance(actual, list):  # multi-select custom fields: any element
        return any(_text_match(op, item, value) for item in actual)
    if op == "starts_with":
        return _fold(actual).startswith(_fold(value))
    return _fold(value) in _fold(actual)


def _ordered(kind: str, op: str, actual: Any, value: Any) -> bool:
    if kind == "date":
        if not isinstance(actual, dt.datetime):
            return False
        moment = dt.datetime.fromisoformat(value)
        return actual > moment if op == "gt" else actual < moment
    if not _is_number(actual):
        return False
    return actual > value if op == "gt" else actual < value


def _holds_change(name: str, spec: FieldSpec, op: str, value: Any, context: Context) -> bool:
    changes = context.changes
    if changes is None or spec.changes_as is None or spec.changes_as not in changes:
        return False
    old = changes[spec.changes_as]
    if name.startswith(CUSTOM_PREFIX):
        key = name[len(CUSTOM_PREFIX) :]
        old = old.get(key, None) if isinstance(old, dict) else UNKNOWN_OLD
        if old is not UNKNOWN_OLD and old == (context.ticket.custom_fields or {}).get(key):
            return False  # another custom field changed, not this one
    if op == "changed":
        return True
    if op == "changed_to":
        actual = _actual(name, context)
    else:
        if old is UNKNOWN_OLD:
            return False
        actual = old
    values = value if isinstance(value, list) else [value]
    kind = "text" if spec.kind == "date" else spec.kind
    if spec.kind == "date":
        actual = actual.isoformat() if isinstance(actual, dt.datetime) else actual
        return actual is not None and any(dt.datetime.fromisoformat(actual) == dt.datetime.fromisoformat(v) for v in values)
    return any(_equal(kind, actual, v) for v in values)


# -- queries -------------------------------------------------------------------------------------


def to_q(conditions: Mapping[str, Any], now: dt.datetime, *, context: Context | None = None) -> Q:
    """The condition set as a Ticket filter. Time conditions are decided here, once, for `now`.

    Refuses (ValueError) article fields and change operators: a query has neither. Validate with
    clean_conditions(allow_article=False, allow_changes=False) first.
    """
    q = Q()
    for item in conditions.get("all", ()):
        q &= _item_q(item, now, context)
    anyof = conditions.get("any", ())
    if anyof:
        alternatives = Q(pk__in=[])
        for item in anyof:
            alternatives |= _item_q(item, now, context)
        q &= alternatives
    return q


NOTHING = Q(pk__in=[])


def _item_q(item: Mapping[str, Any], now: dt.datetime, context: Context | None) -> Q:
    if "field" not in item:
        return to_q(item, now, context=context)
    name, op, value = item["field"], item["op"], item.get("value")
    spec = field_spec(name)
    if spec is None or op in CHANGE_OPS or name.startswith("article."):
        raise ValueError(f"{name} {op} cannot be queried")
    if name.startswith("time."):
        if context is None:
            raise ValueError("time conditions need a context")
        actual = _time_value(name, Context(ticket=context.ticket, now=now, calendars=context.calendars), item.get("calendar"))
        return Q() if _compare(spec, op, actual, value, now) else NOTHING
    if name == "tags":
        return _tags_q(op, value)
    if name == "customer.domain":
        return _domain_q(op, value)
    if spec.kind == "custom":
        return _custom_q(name[len(CUSTOM_PREFIX) :], op, value)
    return _column_q(spec, spec.column or name, op, value, now)


def _column_q(spec: FieldSpec, column: str, op: str, value: Any, now: dt.datetime) -> Q:
    text = spec.kind == "text"
    if op == "is_set":
        return ~Q(**{f"{column}__isnull": True}) & ~Q(**{column: ""}) if text else Q(**{f"{column}__isnull": False})
    if op == "is_not_set":
        return Q(**{f"{column}__isnull": True}) | Q(**{column: ""}) if text else Q(**{f"{column}__isnull": True})
    if op in ("is", "is_not", "in", "not_in"):
        values = value if op in ("in", "not_in") else [value]
        match = Q(pk__in=[])
        for v in values:
            match |= Q(**{f"{column}__iexact" if text else column: v})
        return ~match if op in ("is_not", "not_in") else match
    if op in ("contains", "not_contains"):
        match = Q(**{f"{column}__icontains": value})
        return ~match if op == "not_contains" else match
    if op == "starts_with":
        return Q(**{f"{column}__istartswith": value})
    if op in ("gt", "lt"):
        return Q(**{f"{column}__{op}": dt.datetime.fromisoformat(value) if spec.kind == "date" else value})
    limit = now - dt.timedelta(hours=value)
    return Q(**{f"{column}__lt" if op == "older_than" else f"{column}__gt": limit})


def _tags_q(op: str, value: Any) -> Q:
    def has(names: list[str] | None) -> Q:
        rows = TicketTag.objects.filter(ticket=OuterRef("pk"))
        return Q(Exists(rows if names is None else rows.filter(tag__name__in=names)))

    if op == "is_set":
        return has(None)
    if op == "is_not_set":
        return ~has(None)
    names = value if isinstance(value, list) else [value]
    return has(names) if op in ("contains", "in") else ~has(names)


def _domain_q(op: str, value: Any) -> Q:
    values = value if op in ("in", "not_in") else [value]
    match = NOTHING
    for v in values:
        match |= Q(customer__email__iendswith=f"@{v}")
    return ~match if op in ("is_not", "not_in") else match


def _custom_q(key: str, op: str, value: Any) -> Q:
    """JSON key lookups; field_spec refused keys that the ORM would read as lookups ("__", "contains")."""
    path = f"custom_fields__{key}"
    present = Q(custom_fields__has_key=key)
    if op in ("is_set", "is_not_set"):
        setq = present & ~Q(**{path: None}) & ~Q(**{path: ""}) & ~Q(**{path: []})
        return setq if op == "is_set" else ~setq
    if op in ("is", "is_not", "in", "not_in"):
        values = value if op in ("in", "not_in") else [value]
        match = NOTHING
        for v in values:
            match |= present & Q(**{path: v})
        return ~match if op in ("is_not", "not_in") else match
    if op in ("contains", "not_contains", "starts_with"):
        lookup = "icontains" if op != "starts_with" else "istartswith"
        match = present & ~Q(**{path: None}) & Q(**{f"{path}__{lookup}": value})
        return ~match if op == "not_contains" else match
    return present & Q(**{f"{path}__{op}": value})
