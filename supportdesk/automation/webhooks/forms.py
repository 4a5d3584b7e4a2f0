"""The admin form of a webhook and the delivery log filters; the checks are webhooks.actions'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from supportdesk.automation.webhooks.actions import MAX_NAME, MAX_URL
from supportdesk.automation.webhooks.models import EVENTS, DeliveryStatus, Webhook
from supportdesk.core.forms import DomainErrorForm

EVENT_CHOICES = [(name, name) for name in EVENTS]
LOG_EVENT_CHOICES = [("", _("Any")), *EVENT_CHOICES, ("ticket.trigger", "ticket.trigger")]  # + the trigger action's event


class WebhookForm(DomainErrorForm):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    url = forms.CharField(label=_("URL"), max_length=MAX_URL, help_text=_("http or https; addresses in private networks are refused."))
    events = forms.MultipleChoiceField(label=_("Events"), choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(webhook: Webhook | None) -> dict[str, Any]:
        if webhook is None:
            return {"is_active": True, "events": ["ticket.created"]}
        return {"name": webhook.name, "url": webhook.url, "events": webhook.events, "is_active": webhook.is_active}


class DeliveryFilterForm(forms.Form):
    webhook = forms.ModelChoiceField(label=_("Webhook"), queryset=Webhook.objects.order_by("name"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *DeliveryStatus.choices], required=False)
    event = forms.ChoiceField(
        label=_("Event"), choices=[("", _("Any")), *EVENT_CHOICES, ("ticket.trigger", "ticket.trigger")], required=False
    )
