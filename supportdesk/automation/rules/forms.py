"""Admin forms for triggers, schedulers and macros: conditions and actions are edited as JSON."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.automation.rules.models import Macro, Scheduler, Trigger, TriggerEvent
from supportdesk.core.errors import DomainError

MAX_JSON = 100_000


class JsonField(forms.CharField):
    """A textarea holding JSON; parsing errors are form errors, meaning is checked by rules.manage."""

    def __init__(self, *, empty: Any, **kwargs: Any) -> None:
        self.empty = empty
        super().__init__(widget=forms.Textarea(attrs={"rows": 8, "class": "mono", "spellcheck": "false"}), max_length=MAX_JSON, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text or not text.strip():
            return self.empty
        try:
            return json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("Not valid JSON: %(error)s") % {"error": exc}) from exc


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


class RuleForm(forms.Form):
    def add_domain_error(self, exc: DomainError) -> None:
        """Show each error on the input its path starts with (conditions..., actions[...], name...)."""
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            head = path.split(".", 1)[0].split("[", 1)[0]
            name = head if head in self.fields else None
            shown = message if name is None or path == head else f"{path}: {message}"
            self.add_error(name, shown)


class TriggerForm(RuleForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    events = forms.MultipleChoiceField(label=_("When"), choices=TriggerEvent.choices, widget=forms.CheckboxSelectMultiple)
    conditions = JsonField(label=_("Conditions (JSON)"), required=False, empty={})
    actions = JsonField(label=_("Actions (JSON)"), empty=[])
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    stop_processing = forms.BooleanField(label=_("Stop processing later triggers when this one fires"), required=False)

    @staticmethod
    def initial_for(trigger: Trigger | None) -> dict[str, Any]:
        if trigger is None:
            return {"is_active": True, "conditions": _dump({"all": [], "any": []}), "actions": _dump([])}
        return {
            "name": trigger.name,
            "events": trigger.events,
            "conditions": _dump(trigger.conditions),
            "actions": _dump(trigger.actions),
            "is_active": trigger.is_active,
            "stop_processing": trigger.stop_processing,
        }

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class SchedulerForm(RuleForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    conditions = JsonField(label=_("Conditions (JSON)"), required=False, empty={})
    actions = JsonField(label=_("Actions (JSON)"), empty=[])
    every_minutes = forms.IntegerField(label=_("Run every (minutes)"), min_value=1, max_value=7 * 24 * 60, initial=60)
    max_per_run = forms.IntegerField(label=_("At most tickets per run"), min_value=1, max_value=1000, initial=100)
    once_per_ticket = forms.BooleanField(label=_("Act on a ticket only once, even after it changes"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(scheduler: Scheduler | None) -> dict[str, Any]:
        if scheduler is None:
            return {"is_active": True, "every_minutes": 60, "max_per_run": 100, "conditions": _dump({"all": []}), "actions": _dump([])}
        fields = ("name", "every_minutes", "max_per_run", "once_per_ticket", "is_active")
        return {
            **{k: getattr(scheduler, k) for k in fields},
            "conditions": _dump(scheduler.conditions),
            "actions": _dump(scheduler.actions),
        }

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MacroForm(RuleForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    actions = JsonField(label=_("Actions (JSON)"), empty=[])
    group_ids = forms.ModelMultipleChoiceField(
        label=_("Groups (none: every group)"), queryset=Group.objects.filter(is_active=True).order_by("name"), required=False
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1_000_000, initial=0)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(macro: Macro | None) -> dict[str, Any]:
        if macro is None:
            return {"is_active": True, "position": 0, "actions": _dump([])}
        return {
            "name": macro.name,
            "actions": _dump(macro.actions),
            "group_ids": [g.pk for g in macro.groups.all()],
            "position": macro.position,
            "is_active": macro.is_active,
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["group_ids"] = [g.pk for g in data["group_ids"]]
        return data
