"""SLA policy rules as validated data: conditions, targets, pause states, warnings, escalations.

A policy row stores its rules as JSON so the API, the admin page and the sweep share one shape.
`parse_rules` is the only way in: it checks every value and names the offending path in errors
(`targets.high.first_response`, `warnings[1].percent`), and returns frozen dataclasses the rest of
the code works on. Checks that need the database (does group 7 exist?) are in sla.policies.

Shapes:
- conditions: [{"field": "priority", "op": "in", "value": ["high", "urgent"]}, ...], all must hold.
  Fields: priority, group, organization, organization_tier, channel, tag, custom_field.<key>.
  Ops: is, is_not, in, not_in; tag also has/has_not; custom fields also contains.
- targets: {"*": {"first_response": 240, "resolution": 2880}, "urgent": {"first_response": 30}}:
  business minutes per priority, "*" for every priority; a priority's own entry wins per metric.
- pause_states: ticket states in which the clocks stop (default: pending and on hold).
- warnings: [{"percent": 75, "audience": ["owner"], "channels": ["in_app"]},
  {"minutes_before": 15, ...}]: fire when that share of the target is used, or that many business
  minutes before the due time.
- escalations: [{"after_minutes": 0, "actions": [{"action": "notify", "audience": [...],
  "channels": [...]}, {"action": "set_priority", "value": "urgent"}, {"action": "move_to_group",
  "value": 3}, {"action": "add_tag", "value": "escalated"}]}]: a ladder, each step taken once that
  many business minutes after the breach.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed
from supportdesk.sla.choices import METRIC_ORDER, Audience, EscalationAction, Metric, NotifyChannel, default_pause_states
from supportdesk.tickets.choices import OPEN_STATES, Channel, Priority, State

ANY_PRIORITY = "*"
MAX_TARGET_MINUTES = 525_600  # one year of business time
MAX_CONDITIONS = 20
MAX_WARNINGS = 10
MAX_ESCALATION_LEVELS = 10
MAX_ACTIONS_PER_LEVEL = 10
MAX_LIST_VALUES = 200
DEFAULT_PAUSE_STATES = tuple(default_pause_states())
PAUSABLE_STATES = frozenset(OPEN_STATES) - {State.NEW}

SCALAR_FIELDS = ("priority", "group", "organization", "organization_tier", "channel")
OPS = ("is", "is_not", "in", "not_in")
TAG_OPS = ("has", "has_not")
CUSTOM_OPS = (*OPS, "contains")
CUSTOM_PREFIX = "custom_field."


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any


@dataclass(frozen=True)
class Warning:
    """Fires when `threshold_percent` of the target is used, or `minutes_before` the due time."""

    percent: int | None
    minutes_before: int | None
    audience: tuple[str, ...]
    channels: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"warn:{self.percent}%" if self.percent is not None else f"warn:-{self.minutes_before}m"

    def threshold_seconds(self, target_seconds: int) -> int:
        if self.percent is not None:
            return target_seconds * self.percent // 100
        return max(0, target_seconds - (self.minutes_before or 0) * 60)


@dataclass(frozen=True)
class Action:
    action: str
    value: Any = None
    audience: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class EscalationLevel:
    after_minutes: int
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class PolicyRules:
    conditions: tuple[Condition, ...] = ()
    targets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    pause_states: frozenset[str] = frozenset(DEFAULT_PAUSE_STATES)
    warnings: tuple[Warning, ...] = ()
    escalations: tuple[EscalationLevel, ...] = ()

    def target_minutes(self, priority: str, metric: str) -> int | None:
        """The business minutes for a metric at a priority: the priority's own entry, else "*"."""
        own = self.targets.get(priority, {})
        if metric in own:
            return own[metric]
        return self.targets.get(ANY_PRIORITY, {}).get(metric)

    def steps(self, target_seconds: int) -> list[tuple[str, int]]:
        """Every step of a clock as (key, business seconds used when it is due), in firing order.

        Warnings, then "breach" at the target, then "esc:N" the ladder's delay after it. Keys are
        stable, so a step that fired before a pause or a policy change is not fired again.
        """
        steps = [(warning.key, warning.threshold_seconds(target_seconds)) for warning in self.warnings]
        steps.append(("breach", target_seconds))
        steps += [(f"esc:{index}", target_seconds + level.after_minutes * 60) for index, level in enumerate(self.escalations)]
        return sorted(steps, key=lambda step: step[1])

    def warning(self, key: str) -> Warning | None:
        return next((warning for warning in self.warnings if warning.key == key), None)


@dataclass(frozen=True)
class TicketFacts:
    """What conditions look at, read once per ticket (tags and tier included)."""

    priority: str
    group_id: int
    organization_id: int | None
    organization_tier: str
    channel: str
    tags: frozenset[str]
    custom_fields: Mapping[str, Any]


def matches(rules: PolicyRules, facts: TicketFacts) -> bool:
    return all(_holds(condition, facts) for condition in rules.conditions)


def _holds(condition: Condition, facts: TicketFacts) -> bool:
    op, expected = condition.op, condition.value
    if condition.field == "tag":
        return (expected in facts.tags) == (op == "has")
    if condition.field.startswith(CUSTOM_PREFIX):
        actual = facts.custom_fields.get(condition.field.removeprefix(CUSTOM_PREFIX))
        if op == "contains":
            return (isinstance(actual, list) and expected in actual) or (isinstance(actual, str) and str(expected) in actual)
    else:
        actual = {
            "priority": facts.priority,
            "group": facts.group_id,
            "organization": facts.organization_id,
            "organization_tier": facts.organization_tier,
            "channel": facts.channel,
        }[condition.field]
    if op == "is":
        return bool(actual == expected)
    if op == "is_not":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    return actual not in expected  # not_in


class _Errors:
    """Collects field errors under dotted paths; raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(_("The SLA policy is not valid."), field_errors=self.errors)


def parse_rules(data: Mapping[str, Any]) -> PolicyRules:
    """Validate conditions, targets, pause_states, warnings and escalations; raise with every error."""
    errors = _Errors()
    conditions = _conditions(data.get("conditions", []), errors)
    targets = _targets(data.get("targets", {}), errors)
    pause_states = _pause_states(data.get("pause_states"), errors)
    warnings = _warnings(data.get("warnings", []), errors)
    escalations = _escalations(data.get("escalations", []), errors)
    errors.raise_if_any()
    return PolicyRules(conditions, targets, pause_states, warnings, escalations)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _list(value: Any, path: str, errors: _Errors, limit: int) -> list[Any]:
    if not isinstance(value, list):
        errors.add(path, _("Must be a list."))
        return []
    if len(value) > limit:
        errors.add(path, _("At most %(n)s entries.") % {"n": limit})
        return []
    return value


def _conditions(value: Any, errors: _Errors) -> tuple[Condition, ...]:
    result = []
    for index, item in enumerate(_list(value, "conditions", errors, MAX_CONDITIONS)):
        path = f"conditions[{index}]"
        if not isinstance(item, dict) or set(item) != {"field", "op", "value"}:
            errors.add(path, _("A condition has exactly: field, op, value."))
            continue
        condition = Condition(str(item["field"]), str(item["op"]), item["value"])
        message = _condition_error(condition)
        if message:
            errors.add(path, message)
        else:
            result.append(Condition(condition.field, condition.op, _freeze(condition.value)))
    return tuple(result)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _condition_error(condition: Condition) -> str:
    name, op, value = condition.field, condition.op, condition.value
    if name == "tag":
        if op not in TAG_OPS:
            return _("Tags support: %(ops)s.") % {"ops": ", ".join(TAG_OPS)}
        return "" if isinstance(value, str) and 0 < len(value) <= 64 else _("A tag name is required.")
    if name.startswith(CUSTOM_PREFIX):
        if not name.removeprefix(CUSTOM_PREFIX):
            return _("Name the custom field, e.g. custom_field.product.")
        if op not in CUSTOM_OPS:
            return _("Custom fields support: %(ops)s.") % {"ops": ", ".join(CUSTOM_OPS)}
        return _values_error(op, value, lambda v: isinstance(v, str | int | float | bool))
    if name not in SCALAR_FIELDS:
        return _("Unknown field %(field)s.") % {"field": name}
    if op not in OPS:
        return _("Unknown operator %(op)s.") % {"op": op}
    if name == "priority":
        return _values_error(op, value, lambda v: v in Priority.values, _("Unknown priority."))
    if name == "channel":
        return _values_error(op, value, lambda v: v in Channel.values, _("Unknown channel."))
    if name in ("group", "organization"):
        return _values_error(op, value, lambda v: _is_int(v) and v > 0, _("Use ids."))
    return _values_error(op, value, lambda v: isinstance(v, str) and len(v) <= 32)


def _values_error(op: str, value: Any, valid: Any, message: str = "") -> str:
    message = message or _("Invalid value.")
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or len(value) > MAX_LIST_VALUES:
            return _("Give a non-empty list of values.")
        return "" if all(valid(item) for item in value) else message
    return "" if valid(value) else message


def _minutes(value: Any, path: str, errors: _Errors, *, allow_zero: bool = False) -> int | None:
    lowest = 0 if allow_zero else 1
    if not _is_int(value) or not lowest <= value <= MAX_TARGET_MINUTES:
        errors.add(path, _("Whole minutes from %(low)s to %(high)s.") % {"low": lowest, "high": MAX_TARGET_MINUTES})
        return None
    return int(value)


def _targets(value: Any, errors: _Errors) -> dict[str, dict[str, int]]:
    if not isinstance(value, dict) or not value:
        errors.add("targets", _("Give at least one target."))
        return {}
    result: dict[str, dict[str, int]] = {}
    for priority, metrics in value.items():
        path = f"targets.{priority}"
        if priority != ANY_PRIORITY and priority not in Priority.values:
            errors.add(path, _("Unknown priority."))
            continue
        if not isinstance(metrics, dict) or not metrics:
            errors.add(path, _('Give minutes per target, e.g. {"first_response": 240}.'))
            continue
        own: dict[str, int] = {}
        for metric, minutes in metrics.items():
            if metric not in Metric.values:
                errors.add(f"{path}.{metric}", _("Unknown target; use %(names)s.") % {"names": ", ".join(METRIC_ORDER)})
                continue
            checked = _minutes(minutes, f"{path}.{metric}", errors)
            if checked is not None:
                own[metric] = checked
        result[priority] = own
    return result


def _pause_states(value: Any, errors: _Errors) -> frozenset[str]:
    if value is None:
        return frozenset(DEFAULT_PAUSE_STATES)
    states = _list(value, "pause_states", errors, len(State.values))
    bad = [state for state in states if state not in PAUSABLE_STATES]
    if bad:
        errors.add("pause_states", _("These states cannot pause a clock: %(states)s.") % {"states": ", ".join(map(str, bad))})
    return frozenset(str(state) for state in states)


def _choices(value: Any, path: str, errors: _Errors, allowed: Iterable[str], *, required: bool = True) -> tuple[str, ...]:
    allowed = tuple(allowed)
    items = _list(value, path, errors, len(allowed))
    if required and not items and path not in errors.errors:
        errors.add(path, _("Choose at least one."))
    bad = [item for item in items if item not in allowed]
    if bad:
        errors.add(path, _("Choose from: %(values)s.") % {"values": ", ".join(allowed)})
        return ()
    return tuple(dict.fromkeys(items))


def _warnings(value: Any, errors: _Errors) -> tuple[Warning, ...]:
    result: list[Warning] = []
    for index, item in enumerate(_list(value, "warnings", errors, MAX_WARNINGS)):
        path = f"warnings[{index}]"
        if not isinstance(item, dict):
            errors.add(path, _("Must be an object."))
            continue
        unknown = set(item) - {"percent", "minutes_before", "audience", "channels"}
        if unknown:
            errors.add(path, _("Unknown keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
            continue
        has_percent, has_minutes = "percent" in item, "minutes_before" in item
        if has_percent == has_minutes:
            errors.add(path, _("Give either percent or minutes_before."))
            continue
        percent = minutes = None
        if has_percent:
            percent = item["percent"]
            if not _is_int(percent) or not 1 <= percent <= 99:
                errors.add(f"{path}.percent", _("A whole percentage from 1 to 99."))
                continue
        else:
            minutes = _minutes(item["minutes_before"], f"{path}.minutes_before", errors)
            if minutes is None:
                continue
        audience = _choices(item.get("audience"), f"{path}.audience", errors, Audience.values)
        channels = _choices(item.get("channels", [NotifyChannel.IN_APP]), f"{path}.channels", errors, NotifyChannel.values)
        warning = Warning(percent, minutes, audience, channels)
        if any(other.key == warning.key for other in result):
            errors.add(path, _("The same warning is given twice."))
            continue
        result.append(warning)
    return tuple(result)


def _escalations(value: Any, errors: _Errors) -> tuple[EscalationLevel, ...]:
    levels: list[EscalationLevel] = []
    previous = -1
    for index, item in enumerate(_list(value, "escalations", errors, MAX_ESCALATION_LEVELS)):
        path = f"escalations[{index}]"
        if not isinstance(item, dict) or set(item) - {"after_minutes", "actions"}:
            errors.add(path, _("A level has: after_minutes, actions."))
            continue
        after = _minutes(item.get("after_minutes", 0), f"{path}.after_minutes", errors, allow_zero=True)
        if after is not None and after <= previous:
            errors.add(f"{path}.after_minutes", _("Each level must come later than the one before."))
        previous = after if after is not None else previous
        actions = [
            action
            for number, raw in enumerate(_list(item.get("actions"), f"{path}.actions", errors, MAX_ACTIONS_PER_LEVEL))
            if (action := _action(raw, f"{path}.actions[{number}]", errors)) is not None
        ]
        if not actions and f"{path}.actions" not in errors.errors:
            errors.add(f"{path}.actions", _("Give at least one action."))
        if after is not None:
            levels.append(EscalationLevel(after, tuple(actions)))
    return tuple(levels)


def _action(raw: Any, path: str, errors: _Errors) -> Action | None:
    if not isinstance(raw, dict) or raw.get("action") not in EscalationAction.values:
        errors.add(path, _("Unknown action; use %(names)s.") % {"names": ", ".join(EscalationAction.values)})
        return None
    kind = raw["action"]
    if kind == EscalationAction.NOTIFY:
        if set(raw) - {"action", "audience", "channels"}:
            errors.add(path, _("notify takes: audience, channels."))
            return None
        audience = _choices(raw.get("audience"), f"{path}.audience", errors, Audience.values)
        channels = _choices(raw.get("channels", [NotifyChannel.IN_APP]), f"{path}.channels", errors, NotifyChannel.values)
        return Action(kind, audience=audience, channels=channels)
    if set(raw) != {"action", "value"}:
        errors.add(path, _("%(action)s takes: value.") % {"action": kind})
        return None
    value = raw["value"]
    if kind == EscalationAction.SET_PRIORITY and value not in Priority.values:
        errors.add(f"{path}.value", _("Unknown priority."))
        return None
    if kind == EscalationAction.MOVE_TO_GROUP and not (_is_int(value) and value > 0):
        errors.add(f"{path}.value", _("A group id."))
        return None
    if kind == EscalationAction.ADD_TAG and not (isinstance(value, str) and 0 < len(value.strip()) <= 64):
        errors.add(f"{path}.value", _("A tag of 1 to 64 characters."))
        return None
    return Action(kind, value=value)


def rules_of(policy: Any) -> PolicyRules:
    """The parsed rules of a stored policy (stored rules were validated on the way in)."""
    return parse_rules(
        {
            "conditions": policy.conditions,
            "targets": policy.targets,
            "pause_states": policy.pause_states,
            "warnings": policy.warnings,
            "escalations": policy.escalations,
        }
    )
