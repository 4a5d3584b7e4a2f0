"""Process templates: staff read them, admins create, change and delete them.

`create_template` / `update_template` validate the steps as a whole (processes.validation) and
replace a template's steps in one transaction. Runs copied their steps when they started, so a
change here affects only processes started afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes.models import MAX_NAME, MAX_TEXT, ProcessStep, ProcessTemplate
from supportdesk.automation.processes.validation import StepSpec, check_steps
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields

TEMPLATE_FIELDS = ("name", "description", "is_active", "steps")


def require_staff(user: User) -> None:
    """Customers must not learn that templates exist: NotFound, as for a missing id."""
    if not user.is_active or not user.is_helpdesk_staff:
        raise NotFound(_("Process template not found."))


def require_admin(user: User) -> None:
    require_staff(user)
    if not user.is_admin:
        raise PermissionDenied(_("Only admins may change process templates."))


def visible_templates(user: User) -> QuerySet[ProcessTemplate]:
    require_staff(user)
    return ProcessTemplate.objects.all()


def get_template(user: User, template_id: int) -> ProcessTemplate:
    template = visible_templates(user).filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("Process template not found."))
    return template


def template_steps(template: ProcessTemplate) -> list[ProcessStep]:
    """The steps in order, from the prefetch cache when the caller loaded it."""
    return sorted(template.steps.all(), key=lambda s: (s.position, s.pk))


def _clean_header(values: Mapping[str, Any], *, template: ProcessTemplate | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    if "name" in values or template is None:
        name = str(values.get("name") or "").strip()
        if not name or len(name) > MAX_NAME or any(ch in name for ch in "\r\n\x00"):
            errors["name"] = _("One line of 1 to %(n)d characters.") % {"n": MAX_NAME}
        elif ProcessTemplate.objects.filter(name__iexact=name).exclude(pk=template.pk if template else 0).exists():
            errors["name"] = _("Another process template has this name.")
        cleaned["name"] = name
    if "description" in values:
        description = str(values.get("description") or "")
        if len(description) > MAX_TEXT or "\x00" in description:
            errors["description"] = _("At most %(n)d characters.") % {"n": MAX_TEXT}
        cleaned["description"] = description.strip()
    if "is_active" in values:
        cleaned["is_active"] = bool(values["is_active"])
    if errors:
        raise ValidationFailed(_("Please correct the process template."), field_errors=errors)
    return cleaned


def _clean_steps(steps: Sequence[StepSpec]) -> list[StepSpec]:
    cleaned = check_steps(steps)
    group_ids = {step.group_id for step in cleaned}
    active = set(Group.objects.filter(pk__in=group_ids, is_active=True).values_list("pk", flat=True))
    errors = {f"steps[{index}].group": _("Choose an active group.") for index, step in enumerate(steps) if step.group_id not in active}
    if errors:
        raise ValidationFailed(_("Please correct the steps."), field_errors=errors)
    return [replace(step, position=position) for position, step in enumerate(cleaned)]


def _write_steps(template: ProcessTemplate, steps: Sequence[StepSpec]) -> None:
    template.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(
            template=template,
            key=step.key,
            name=step.name,
            group_id=step.group_id,
            instructions=step.instructions,
            due_minutes=step.due_minutes,
            depends_on=list(step.depends_on),
            is_approval=step.is_approval,
            position=step.position,
        )
        for step in steps
    )


def create_template(user: User, values: Mapping[str, Any]) -> ProcessTemplate:
    """Create a template with its steps (`values["steps"]`: StepSpecs). Admins only."""
    require_admin(user)
    reject_unknown_fields(values, TEMPLATE_FIELDS)
    header = _clean_header(values, template=None)
    steps = _clean_steps(values.get("steps") or [])
    with transaction.atomic():
        template = ProcessTemplate.objects.create(**header)
        _write_steps(template, steps)
    return template


def update_template(user: User, template: ProcessTemplate, values: Mapping[str, Any]) -> bool:
    """Change the given fields; steps given replace all steps. Return whether anything was saved."""
    require_admin(user)
    reject_unknown_fields(values, TEMPLATE_FIELDS)
    header = _clean_header(values, template=template)
    steps = _clean_steps(values["steps"]) if values.get("steps") is not None else None
    changed = {name: value for name, value in header.items() if getattr(template, name) != value}
    if steps is not None and steps == steps_of(template):
        steps = None
    if not changed and steps is None:
        return False
    with transaction.atomic():
        for name, value in changed.items():
            setattr(template, name, value)
        template.updated_at = timezone.now()
        template.save()
        if steps is not None:
            _write_steps(template, steps)
    return True


def steps_of(template: ProcessTemplate) -> list[StepSpec]:
    """The stored steps as StepSpecs (positions renumbered), e.g. to compare with an edit."""
    return [
        StepSpec(
            key=step.key,
            name=step.name,
            group_id=step.group_id,
            instructions=step.instructions,
            due_minutes=step.due_minutes,
            depends_on=tuple(step.depends_on),
            is_approval=step.is_approval,
            position=step.position,
        )
        for step in template_steps(template)
    ]


def delete_template(user: User, template: ProcessTemplate) -> None:
    """Delete a template; runs started from it keep their copied steps and carry on."""
    require_admin(user)
    template.delete()
