"""The "webhook" automation action: {"action": "webhook", "webhook": id} delivers the ticket payload.

Trigger-only (not offered in macros). The delivery is inserted in the trigger's transaction and
sent after commit like every other delivery; its event is "ticket.trigger" and the payload names
the rule that sent it ("source").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supportdesk.automation.registry import ActionContext, ActionKind
from supportdesk.automation.webhooks.actions import deliver_to
from supportdesk.automation.webhooks.delivery import ticket_payload
from supportdesk.automation.webhooks.models import Webhook
from supportdesk.core.errors import ValidationFailed

EVENT = "ticket.trigger"


def validate(params: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(params) - {"webhook"})
    if unknown:
        raise ValidationFailed(_("Unknown fields."), field_errors={name: _("Unknown field.") for name in unknown})
    value = params.get("webhook")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value > 2**63 - 1:
        raise ValidationFailed(_("Choose a webhook."), field_errors={"webhook": _("Use the id of a webhook.")})
    if not Webhook.objects.filter(pk=value).exists():
        raise ValidationFailed(_("Choose a webhook."), field_errors={"webhook": _("No such webhook.")})
    return {"webhook": value}


def run(context: ActionContext, params: Mapping[str, Any]) -> None:
    webhook_id = int(params["webhook"])
    if context.dry_run:
        context.notes.append(f"would deliver to webhook {webhook_id}")
        return
    ticket = context.ticket
    payload: dict[str, Any] = {"ticket": ticket_payload(ticket), "source": context.source}
    row = deliver_to(webhook_id, EVENT, payload)
    context.notes.append(f"webhook {webhook_id}: " + ("queued" if row is not None else "skipped (gone or inactive)"))


KIND = ActionKind(name="webhook", label=cast(str, gettext_lazy("Call a webhook")), validate=validate, run=run, for_macros=False)
