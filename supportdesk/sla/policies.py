"""Creating, changing, ordering and deleting SLA policies (admins only), and reading them (staff).

A policy is validated as a whole before anything is written: the rules through
`policy_rules.parse_rules` (shapes and ranges), then what needs the database here: the groups and
organizations that conditions and `move_to_group` steps name exist, the manager is active
helpdesk staff, the calendar exists, the webhook URL is http(s) to a public address (resolved now;
the sender resolves again before each delivery), and a notification to the named manager or by
webhook has someone or somewhere to go. Errors name the field path, e.g. `conditions[1].value`
or `escalations[0].actions[2].value`. Rules are stored in the canonical JSON of their parsed form.

Every change that can move due times (rules, calendar, activity, order) queues a recompute of the
open tickets after commit (sla.recompute); renaming or a new manager or webhook does not.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import STAFF_ROLES
from supportdesk.accounts.models import Group, Organization, User
from supportdesk.core import net_safety
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.sla import recompute
from supportdesk.sla.choices import Audience, EscalationAction, NotifyChannel
from supportdesk.sla.models import Calendar, SlaPolicy
from supportdesk.sla.policy_rules import PolicyRules, parse_rules
from supportdesk.tickets.choices import State

logger = logging.getLogger(__name__)

RULE_FIELDS = ("conditions", "targets", "pause_states", "warnings", "escalations")
SCALAR_FIELDS = ("name", "is_active", "calendar_id", "manager_id", "webhook_url")
EDITABLE_FIELDS = SCALAR_FIELDS + RULE_FIELDS
# Fields whose change can move a due time, a warning or a step: these queue a recompute.
TIMING_FIELDS = frozenset({"is_active", "calendar_id", *RULE_FIELDS})
MAX_NAME = 100
MAX_URL = 500
MAX_POLICIES = 200


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may change SLA policies."))


def visible_policies(user: User) -> QuerySet[SlaPolicy]:
    """Every policy in order, for helpdesk staff (due times come from them); for others none exist."""
    if not (user.is_authenticated and user.is_active and user.is_helpdesk_staff):
        raise NotFound()
    return SlaPolicy.objects.select_related("calendar", "manager").order_by("position", "id")


def get_policy(user: User, policy_id: int) -> SlaPolicy:
    policy = visible_policies(user).filter(pk=policy_id).first()
    if policy is None:
        raise NotFound(_("SLA policy not found."))
    return policy


def create_policy(actor: User, values: Mapping[str, Any]) -> SlaPolicy:
    """Create a policy from EDITABLE_FIELDS values (`name` and `targets` required), placed last."""
    require_admin(actor)
    reject_unknown_fields(values, EDITABLE_FIELDS)
    merged: dict[str, Any] = {"is_active": True, "calendar_id": None, "manager_id": None, "webhook_url": ""}
    merged.update({"conditions": [], "pause_states": None, "warnings": [], "escalations": []})
    merged.update(values)
    merged.setdefault("name", None)
    merged.setdefault("targets", {})
    clean = _clean(merged)
    with transaction.atomic():
        if SlaPolicy.objects.count() >= MAX_POLICIES:
            raise Conflict(_("At most %(count)d SLA policies.") % {"count": MAX_POLICIES})
        last = SlaPolicy.objects.aggregate(last=Max("position"))["last"]
        policy = SlaPolicy(position=0 if last is None else last + 1, **clean)
        _save(policy)
        _recompute_after_commit(f"SLA policy {policy.pk} created")
    logger.info("SLA policy %s created by user %s", policy.pk, actor.pk)
    return policy


def update_policy(actor: User, policy: SlaPolicy, changes: Mapping[str, Any]) -> list[str]:
    """Apply changes (rules given replace the stored ones); returns the names of the changed fields."""
    require_admin(actor)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    merged = {name: getattr(policy, name) for name in EDITABLE_FIELDS}
    merged.update(changes)
    clean = _clean(merged)
    changed = [name for name in EDITABLE_FIELDS if getattr(policy, name) != clean[name]]
    if not changed:
        return []
    for name in changed:
        setattr(policy, name, clean[name])
    with transaction.atomic():
        _save(policy)
        if TIMING_FIELDS.intersection(changed):
            _recompute_after_commit(f"SLA policy {policy.pk} changed")
    logger.info("SLA policy %s changed by user %s: %s", policy.pk, actor.pk, ", ".join(changed))
    return changed


def delete_policy(actor: User, policy: SlaPolicy) -> None:
    """Delete a policy; its tickets fall to the next matching policy at the recompute (their
    stopped clocks stay, without a policy, as the record reports read)."""
    require_admin(actor)
    policy_id = policy.pk
    with transaction.atomic():
        policy.delete()
        _recompute_after_commit(f"SLA policy {policy_id} deleted")
    logger.info("SLA policy %s deleted by user %s", policy_id, actor.pk)


def reorder_policies(actor: User, ids: Sequence[int]) -> list[int]:
    """Put the policies in the order of `ids`, which must list every policy exactly once.

    The first matching active policy applies to a ticket, so order decides; a stale list (a
    policy added or deleted since the page was loaded) is refused rather than guessed at.
    """
    require_admin(actor)
    if not isinstance(ids, list | tuple) or any(not isinstance(i, int) or isinstance(i, bool) for i in ids):
        raise ValidationFailed(_("Give the policy ids in order."), field_errors={"ids": _("A list of ids.")})
    with transaction.atomic():
        policies = {p.pk: p for p in SlaPolicy.objects.select_for_update().order_by("position", "id")}
        if len(set(ids)) != len(ids) or set(ids) != set(policies):
            raise ValidationFailed(
                _("The list must name every SLA policy exactly once."), field_errors={"ids": _("List every policy exactly once.")}
            )
        moved = [policies[pk] for position, pk in enumerate(ids) if policies[pk].position != position]
        for position, pk in enumerate(ids):
            policies[pk].position = position
        if moved:
            SlaPolicy.objects.bulk_update(moved, ["position"])
            _recompute_after_commit("SLA policies reordered")
    logger.info("SLA policies reordered by user %s", actor.pk)
    return list(ids)


def move_policy(actor: User, policy: SlaPolicy, offset: int) -> list[int]:
    """Move one policy up (-1) or down (+1) in the order; at either end nothing changes."""
    require_admin(actor)
    ids = list(SlaPolicy.objects.order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(policy.pk)
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    return reorder_policies(actor, ids)


def _recompute_after_commit(reason: str) -> None:
    transaction.on_commit(lambda: recompute.schedule_recompute(reason))


def _save(policy: SlaPolicy) -> None:
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as exc:
        if SlaPolicy.objects.filter(name=policy.name).exclude(pk=policy.pk).exists():
            raise Conflict(_("An SLA policy with this name exists already."), field_errors={"name": _("Already in use.")}) from exc
        raise


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a complete policy; returns model field values or raises naming every bad field."""
    errors: dict[str, str] = {}
    try:
        rules = parse_rules({name: values[name] for name in RULE_FIELDS})
    except ValidationFailed as exc:
        errors.update(exc.field_errors)
        rules = None
    clean: dict[str, Any] = {"name": _clean_name(values["name"], errors)}
    if not isinstance(values["is_active"], bool):
        errors["is_active"] = _("Must be true or false.")
    clean["is_active"] = values["is_active"]
    clean["calendar_id"] = _clean_id(values["calendar_id"], "calendar_id", Calendar.objects.all(), _("No such calendar."), errors)
    staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES)
    clean["manager_id"] = _clean_id(values["manager_id"], "manager_id", staff, _("Choose an active helpdesk agent."), errors)
    clean["webhook_url"] = _clean_webhook(values["webhook_url"], errors)
    if rules is not None:
        _check_references(rules, errors)
        _check_recipients(rules, manager=clean["manager_id"] is not None, webhook=bool(clean["webhook_url"]), errors=errors)
        clean.update(rules_json(rules))
    if errors:
        raise ValidationFailed(_("The SLA policy is not valid."), field_errors=errors)
    return clean


def _clean_name(value: Any, errors: dict[str, str]) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if isinstance(value, str) and any(ch in value for ch in "\r\n\x00"):
        errors["name"] = _("Line breaks and NUL characters are not allowed.")
    elif not text:
        errors["name"] = _("A name is required.")
    elif len(text) > MAX_NAME:
        errors["name"] = _("At most %(count)d characters.") % {"count": MAX_NAME}
    return text


def _clean_id(value: Any, key: str, queryset: QuerySet[Any], message: str, errors: dict[str, str]) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value > 2**63 - 1:
        errors[key] = _("Use an id.")
        return None
    if not queryset.filter(pk=value).exists():
        errors[key] = message
        return None
    return value


def _clean_webhook(value: Any, errors: dict[str, str]) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        errors["webhook_url"] = _("Give a URL.")
        return ""
    url = value.strip()
    error = webhook_url_error(url)
    if error:
        errors["webhook_url"] = error
    return url


def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (a module function so tests can stand in for DNS)."""
    return net_safety.resolve_host(host, port)


def webhook_url_error(url: str) -> str:
    """Why `url` cannot be a webhook target, or "" (BAD-INPUTS 40: no SSRF into the local network).

    The checks are core.net_safety's: http(s) only, no credentials, every resolved address public.
    """
    if len(url) > MAX_URL:
        return _("At most %(count)d characters.") % {"count": MAX_URL}
    allow_loopback = bool(getattr(settings, "SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK", False))  # tests only
    return net_safety.url_error(url, allow_loopback=allow_loopback, resolve=resolve_host)


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list | tuple) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _check_references(rules: PolicyRules, errors: dict[str, str]) -> None:
    """Groups and organizations named in conditions and move_to_group steps must exist."""
    wanted: dict[str, list[tuple[str, list[int]]]] = {"group": [], "organization": []}
    for index, condition in enumerate(rules.conditions):
        if condition.field in wanted:
            wanted[condition.field].append((f"conditions[{index}].value", _ids(condition.value)))
    for level_index, level in enumerate(rules.escalations):
        for action_index, action in enumerate(level.actions):
            if action.action == EscalationAction.MOVE_TO_GROUP:
                wanted["group"].append((f"escalations[{level_index}].actions[{action_index}].value", _ids(action.value)))
    models: dict[str, QuerySet[Any]] = {"group": Group.objects.all(), "organization": Organization.objects.all()}
    for kind, references in wanted.items():
        every = {pk for _path, ids in references for pk in ids}
        if not every:
            continue
        existing = set(models[kind].filter(pk__in=every).values_list("pk", flat=True))
        for path, ids in references:
            missing = [pk for pk in ids if pk not in existing]
            if missing:
                message = _("No such group: %(ids)s.") if kind == "group" else _("No such organization: %(ids)s.")
                errors.setdefault(path, message % {"ids": ", ".join(map(str, missing))})


def _check_recipients(rules: PolicyRules, *, manager: bool, webhook: bool, errors: dict[str, str]) -> None:
    """A notification to the named manager needs a manager; one by webhook needs a webhook URL."""
    notifications = [(f"warnings[{i}]", w.audience, w.channels) for i, w in enumerate(rules.warnings)]
    notifications += [
        (f"escalations[{i}].actions[{j}]", a.audience, a.channels)
        for i, level in enumerate(rules.escalations)
        for j, a in enumerate(level.actions)
        if a.action == EscalationAction.NOTIFY
    ]
    for path, audience, channels in notifications:
        if Audience.MANAGER in audience and not manager:
            errors.setdefault(f"{path}.audience", _("Choose the policy's manager to notify a named manager."))
        if NotifyChannel.WEBHOOK in channels and not webhook:
            errors.setdefault(f"{path}.channels", _("Give the policy a webhook URL to notify by webhook."))


def rules_json(rules: PolicyRules) -> dict[str, Any]:
    """The canonical stored form of parsed rules (the same shapes parse_rules reads)."""
    state_order = {state: index for index, state in enumerate(State.values)}
    return {
        "conditions": [
            {"field": c.field, "op": c.op, "value": list(c.value) if isinstance(c.value, tuple) else c.value} for c in rules.conditions
        ],
        "targets": {priority: dict(metrics) for priority, metrics in rules.targets.items()},
        "pause_states": sorted(rules.pause_states, key=lambda state: state_order.get(state, 99)),
        "warnings": [
            {
                **({"percent": w.percent} if w.percent is not None else {"minutes_before": w.minutes_before}),
                "audience": list(w.audience),
                "channels": list(w.channels),
            }
            for w in rules.warnings
        ],
        "escalations": [
            {
                "after_minutes": level.after_minutes,
                "actions": [
                    {"action": a.action, "audience": list(a.audience), "channels": list(a.channels)}
                    if a.action == EscalationAction.NOTIFY
                    else {"action": a.action, "value": a.value}
                    for a in level.actions
                ],
            }
            for level in rules.escalations
        ],
    }
