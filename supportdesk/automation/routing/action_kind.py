"""The "route" action for triggers, schedulers and macros: {"action": "route"} assigns the ticket
by its group's routing rules (all active rules, also those without auto-assign), replacing the
current owner if the rules pick someone else; when no one fits, the ticket is left as it is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.automation.registry import ActionContext, ActionKind
from supportdesk.automation.routing.engine import decide, route_locked
from supportdesk.core.errors import ValidationFailed


def validate(params: Mapping[str, Any]) -> dict[str, Any]:
    if params:
        raise ValidationFailed(_("The route action takes no parameters."), field_errors={next(iter(params)): _("Unknown field.")})
    return {}


def run(context: ActionContext, params: Mapping[str, Any]) -> None:
    ticket = context.ticket
    if context.dry_run:
        from django.utils import timezone

        result = decide(ticket, auto_only=False, exclude=(), now=timezone.now(), lock=False)
    else:
        result = route_locked(ticket, reassign=True, source=context.source)
    if result.agent_id is not None:
        context.notes.append(f"route: {result.agent_email} by rule {result.rule_name!r} ({result.chooser})")
    else:
        context.notes.append(f"route: nobody ({result.outcome})")


# The label is lazy so the admin pages show it in the reader's language.
ROUTE = ActionKind(name="route", label=gettext_lazy("Route by the group's rules"), validate=validate, run=run)  # type: ignore[arg-type]
