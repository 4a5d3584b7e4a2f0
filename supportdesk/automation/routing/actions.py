"""Changing routing settings: an agent's status, capacity, schedule, skills and absences, and a
group's rules. Each `check_*`/action validates, checks permissions (routing.permissions), writes
in one transaction and queues its effects after commit (draining backlogs, handing over tickets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import ACCESS_RANK, STAFF_ROLES, GroupAccess, Role
from supportdesk.accounts.models import Group, GroupMembership, User
from supportdesk.automation.routing.choices import AbsenceHandling, AbsenceKind, AgentStatus, Chooser, SkillKind
from supportdesk.automation.routing.models import Absence, AgentRouting, AgentSkill, RoutingRule
from supportdesk.automation.routing.permissions import can_manage_agent, get_managed_group
from supportdesk.automation.routing.rules_data import clean_filters, clean_value
from supportdesk.core.errors import PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.sla.models import Calendar

MAX_SKILLS = 100
MAX_CAPACITY = 10_000
MAX_RULES_PER_GROUP = 50
SETTINGS_FIELDS = frozenset({"status", "max_open_tickets", "max_chats", "calendar_id", "absence_handling"})
RULE_FIELDS = frozenset({"name", "is_active", "filters", "chooser", "fallback_chooser", "auto_assign"})


def routing_settings(user: User) -> AgentRouting:
    """The agent's settings row, created with the defaults on first use."""
    row, _created = AgentRouting.objects.get_or_create(user=user)
    return row


def _drain_groups_of(user_id: int) -> None:
    from supportdesk.automation.routing.tasks import drain_groups

    group_ids = list(GroupMembership.objects.filter(user_id=user_id).values_list("group_id", flat=True))
    if group_ids:
        transaction.on_commit(lambda: drain_groups.enqueue(group_ids))


def update_settings(actor: User, agent: User, changes: Mapping[str, Any]) -> list[str]:
    """Change an agent's routing settings; return the names of what changed.

    Agents may change only their own status; admins and supervisors (of a shared group) anything.
    Coming back online or gaining capacity drains the agent's groups' backlogs after commit.
    """
    reject_unknown_fields(changes, SETTINGS_FIELDS)
    manager = can_manage_agent(actor, agent)
    if not manager and not (actor.pk == agent.pk and set(changes) <= {"status"}):
        raise PermissionDenied(_("Only admins and supervisors change skills, capacity and schedules."))
    errors: dict[str, str] = {}
    new: dict[str, Any] = {}
    if "status" in changes:
        if changes["status"] not in AgentStatus.values:
            errors["status"] = _("Use online, away or offline.")
        new["status"] = changes["status"]
    for name in ("max_open_tickets", "max_chats"):
        if name in changes:
            value = changes[name]
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CAPACITY:
                errors[name] = _("A number from 0 to %(max)d.") % {"max": MAX_CAPACITY}
            new[name] = value
    if "calendar_id" in changes:
        calendar_id = changes["calendar_id"]
        if calendar_id is not None and not (isinstance(calendar_id, int) and Calendar.objects.filter(pk=calendar_id).exists()):
            errors["calendar_id"] = _("Unknown calendar.")
        new["calendar_id"] = calendar_id
    if "absence_handling" in changes:
        if changes["absence_handling"] not in AbsenceHandling.values:
            errors["absence_handling"] = _("Use reroute or delegate.")
        new["absence_handling"] = changes["absence_handling"]
    if errors:
        raise ValidationFailed(_("Please correct the routing settings."), field_errors=errors)
    with transaction.atomic():
        row = routing_settings(agent)
        row = AgentRouting.objects.select_for_update().get(pk=row.pk)
        changed = [name for name, value in new.items() if getattr(row, name) != value]
        if not changed:
            return []
        old_status, old_capacity = row.status, row.max_open_tickets
        for name in changed:
            setattr(row, name, new[name])
        if "status" in changed:
            row.status_changed_at = timezone.now()
            changed.append("status_changed_at")
        row.save(update_fields=changed)
        freed = (row.status == AgentStatus.ONLINE and old_status != AgentStatus.ONLINE) or row.max_open_tickets > old_capacity
        if freed or "calendar_id" in changed:
            _drain_groups_of(agent.pk)
    return changed


def set_skills(actor: User, agent: User, skills: Sequence[Mapping[str, Any]]) -> list[AgentSkill]:
    """Replace an agent's skills with `skills` ([{kind, value, level}]); admins and supervisors only."""
    if not can_manage_agent(actor, agent):
        raise PermissionDenied(_("Only admins and supervisors change skills, capacity and schedules."))
    if len(skills) > MAX_SKILLS:
        raise ValidationFailed(_("Too many skills."), field_errors={"skills": _("At most %(n)d skills.") % {"n": MAX_SKILLS}})
    cleaned: dict[tuple[str, str], int] = {}
    errors: dict[str, str] = {}
    for index, raw in enumerate(skills):
        kind, value, level = raw.get("kind"), clean_value(raw.get("value")), raw.get("level", 3)
        if kind not in SkillKind.values:
            errors[f"skills[{index}].kind"] = _("Unknown skill kind.")
        if not value:
            errors[f"skills[{index}].value"] = _("A value is required.")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            errors[f"skills[{index}].level"] = _("A level from 1 to 5.")
        cleaned[(str(kind), value)] = level
    if errors:
        raise ValidationFailed(_("Please correct the skills."), field_errors=errors)
    with transaction.atomic():
        AgentSkill.objects.filter(user=agent).delete()
        AgentSkill.objects.bulk_create([AgentSkill(user=agent, kind=k, value=v, level=lv) for (k, v), lv in cleaned.items()])
    return list(AgentSkill.objects.filter(user=agent))


def _can_delegate_to(agent: User, delegate: User) -> bool:
    """The delegate must be active staff who can work (write access) in at least one of the agent's groups."""
    if not delegate.is_active or delegate.role not in STAFF_ROLES or delegate.pk == agent.pk:
        return False
    if delegate.role == Role.ADMIN:
        return True
    groups = GroupMembership.objects.filter(user=agent).values("group_id")
    rows = GroupMembership.objects.filter(user=delegate, group_id__in=groups).values_list("access", flat=True)
    return any(delegate.role == Role.SUPERVISOR or ACCESS_RANK[access] >= ACCESS_RANK[GroupAccess.WRITE] for access in rows)  # type: ignore[index]


def create_absence(
    actor: User,
    agent: User,
    *,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = AbsenceKind.VACATION,
    delegate_id: int | None = None,
    note: str = "",
) -> Absence:
    """Record an absence; agents record their own, admins and supervisors anyone's they manage.

    An absence that has already started hands the agent's open tickets over after commit (to the
    delegate or by the rules, per their setting); a later one is handed over by the sweep.
    """
    if actor.pk != agent.pk and not can_manage_agent(actor, agent):
        raise PermissionDenied(_("You may record only your own absences."))
    errors: dict[str, str] = {}
    if kind not in AbsenceKind.values:
        errors["kind"] = _("Use vacation, sick or other.")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors["starts_at"] = _("Give times with their UTC offset.")
    elif ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    delegate = None
    if delegate_id is not None:
        delegate = User.objects.filter(pk=delegate_id).first()
        if delegate is None or not _can_delegate_to(agent, delegate):
            errors["delegate_id"] = _("The delegate must be another agent of the same group.")
    note = " ".join(str(note or "").split())[:200]
    if errors:
        raise ValidationFailed(_("Please correct the absence."), field_errors=errors)
    with transaction.atomic():
        absence = Absence.objects.create(user=agent, kind=kind, starts_at=starts_at, ends_at=ends_at, delegate=delegate, note=note)
        if starts_at <= timezone.now() < ends_at:
            from supportdesk.automation.routing.tasks import hand_over_absence_task

            transaction.on_commit(lambda: hand_over_absence_task.enqueue(absence.pk))
    return absence


def delete_absence(actor: User, absence: Absence) -> None:
    """Remove an absence (ending it early); the agent's groups' backlogs are drained after commit."""
    if actor.pk != absence.user_id and not can_manage_agent(actor, absence.user):
        raise PermissionDenied(_("You may remove only your own absences."))
    with transaction.atomic():
        user_id = absence.user_id
        absence.delete()
        _drain_groups_of(user_id)


# -- rules -------------------------------------------------------------------------------------


def _clean_rule(changes: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    reject_unknown_fields(changes, RULE_FIELDS)
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if "name" in changes or not partial:
        name = " ".join(str(changes.get("name") or "").split())[:100]
        if not name:
            errors["name"] = _("A name is required.")
        values["name"] = name
    for flag in ("is_active", "auto_assign"):
        if flag in changes:
            if not isinstance(changes[flag], bool):
                errors[flag] = _("true or false.")
            values[flag] = changes[flag]
    for name in ("chooser", "fallback_chooser"):
        if name in changes:
            if changes[name] not in Chooser.values or (name == "fallback_chooser" and changes[name] == Chooser.STICKY):
                errors[name] = _("Unknown chooser.")
            values[name] = changes[name]
    if errors:
        raise ValidationFailed(_("Please correct the rule."), field_errors=errors)
    if "filters" in changes:
        values["filters"] = clean_filters(changes["filters"])
    return values


def create_rule(actor: User, group_id: int, data: Mapping[str, Any]) -> RoutingRule:
    """Add a rule at the end of the group's list (admins, supervisors of the group)."""
    group = get_managed_group(actor, group_id)
    values = _clean_rule(data, partial=False)
    with transaction.atomic():
        Group.objects.select_for_update().filter(pk=group.pk).first()  # serialises positions per group
        if RoutingRule.objects.filter(group=group).count() >= MAX_RULES_PER_GROUP:
            raise ValidationFailed(_("Too many rules in this group."))
        top = RoutingRule.objects.filter(group=group).aggregate(top=Max("position"))["top"]
        return RoutingRule.objects.create(group=group, position=(top or 0) + 1, **values)


def update_rule(actor: User, rule: RoutingRule, changes: Mapping[str, Any]) -> list[str]:
    get_managed_group(actor, rule.group_id)
    values = _clean_rule(changes, partial=True)
    changed = [name for name, value in values.items() if getattr(rule, name) != value]
    if changed:
        for name in changed:
            setattr(rule, name, values[name])
        rule.updated_at = timezone.now()
        rule.save(update_fields=[*changed, "updated_at"])
    return changed


def delete_rule(actor: User, rule: RoutingRule) -> None:
    get_managed_group(actor, rule.group_id)
    rule.delete()


def order_rules(actor: User, group_id: int, rule_ids: Sequence[int]) -> list[RoutingRule]:
    """Put the group's rules in the given order; every rule of the group must be listed once."""
    group = get_managed_group(actor, group_id)
    with transaction.atomic():
        rules = {rule.pk: rule for rule in RoutingRule.objects.select_for_update().filter(group=group)}
        if sorted(rule_ids) != sorted(rules) or len(set(rule_ids)) != len(rule_ids):
            raise ValidationFailed(_("List every rule of the group once."), field_errors={"ids": _("List every rule of the group once.")})
        for position, rule_id in enumerate(rule_ids, start=1):
            rules[rule_id].position = position
        RoutingRule.objects.bulk_update(rules.values(), ["position"])
    return [rules[rule_id] for rule_id in rule_ids]


def move_rule(actor: User, rule: RoutingRule, direction: str) -> None:
    """Swap a rule with its neighbour ("up" or "down")."""
    ids = list(RoutingRule.objects.filter(group_id=rule.group_id).order_by("position", "id").values_list("pk", flat=True))
    index = ids.index(rule.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        order_rules(actor, rule.group_id, ids)
