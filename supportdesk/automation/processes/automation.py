"""The "start_process" action kind for triggers: {"action": "start_process", "template_id": 3}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.automation.processes.engine import do_start_process
from supportdesk.automation.processes.models import ProcessTemplate
from supportdesk.automation.registry import ActionContext, ActionKind
from supportdesk.core.errors import Conflict, ValidationFailed, reject_unknown_fields


def validate(params: Mapping[str, Any]) -> dict[str, Any]:
    reject_unknown_fields(params, ["template_id"])
    template_id = params.get("template_id")
    if isinstance(template_id, bool) or not isinstance(template_id, int) or template_id < 1:
        raise ValidationFailed(_("Choose a process."), field_errors={"template_id": _("A process template id.")})
    if not ProcessTemplate.objects.filter(pk=template_id).exists():
        raise ValidationFailed(_("Choose a process."), field_errors={"template_id": _("Unknown process template.")})
    return {"template_id": template_id}


def run(context: ActionContext, params: Mapping[str, Any]) -> None:
    """Start the process on the context's ticket. A template since deleted or deactivated, or one
    already running on the ticket, is skipped with a note rather than failing the trigger."""
    template = ProcessTemplate.objects.filter(pk=int(params.get("template_id") or 0), is_active=True).first()
    if template is None:
        context.notes.append(f"start_process: template {params.get('template_id')} is missing or inactive, skipped")
        return
    if context.dry_run:
        context.notes.append(f"start_process: would start {template.name!r}")
        return
    try:
        outcome = do_start_process(context.ticket, template, actor=context.actor, source=context.source)
    except Conflict:
        context.notes.append(f"start_process: {template.name!r} is already running, skipped")
        return
    context.notes.append(f"start_process: started {template.name!r} (run {outcome.run.pk})")


START_PROCESS = ActionKind(
    name="start_process",
    label=gettext_lazy("Start a process"),  # type: ignore[arg-type]  # translated when shown
    validate=validate,
    run=run,
    for_macros=False,
)
