"""Forms of the routing pages; they only parse input into the shapes the actions validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from supportdesk.automation.routing.choices import FALLBACK_CHOOSERS, AbsenceKind, AgentStatus, Chooser, SkillKind

PLAIN = [
    ("online", _("Status online")),
    ("not_absent", _("Not absent")),
    ("on_shift", _("On shift")),
    ("under_capacity", _("Under capacity")),
    ("language", _("Speaks the ticket's language")),
]


class RuleForm(forms.Form):
    """A rule: plain filters as checkboxes, plus one optional skill filter."""

    name = forms.CharField(label=_("Name"), max_length=100)
    plain = forms.MultipleChoiceField(label=_("Filters"), choices=PLAIN, required=False, widget=forms.CheckboxSelectMultiple)
    skill_kind = forms.ChoiceField(label=_("Skill kind"), choices=[("", "–"), *SkillKind.choices], required=False)
    skill_source = forms.CharField(
        label=_("Required value from"), max_length=80, required=False, help_text=_('"ticket.language", "custom_field:<key>" or "value"')
    )
    skill_value = forms.CharField(label=_("Fixed value"), max_length=64, required=False)
    skill_level = forms.IntegerField(label=_("Minimum level"), min_value=1, max_value=5, initial=1, required=False)
    chooser = forms.ChoiceField(label=_("Chooser"), choices=Chooser.choices)
    fallback_chooser = forms.ChoiceField(label=_("Fallback (sticky)"), choices=[(c.value, c.label) for c in FALLBACK_CHOOSERS])
    auto_assign = forms.BooleanField(label=_("Assign automatically"), required=False, initial=True)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        filters: list[dict[str, Any]] = [{"filter": name} for name in data["plain"]]
        if data.get("skill_kind"):
            spec: dict[str, Any] = {"filter": "skill", "kind": data["skill_kind"], "source": data.get("skill_source") or "value"}
            spec["min_level"] = data.get("skill_level") or 1
            if spec["source"] == "value":
                spec["value"] = data.get("skill_value", "")
            filters.append(spec)
        return {
            "name": data["name"],
            "filters": filters,
            "chooser": data["chooser"],
            "fallback_chooser": data["fallback_chooser"],
            "auto_assign": data["auto_assign"],
        }


class PreviewForm(forms.Form):
    ticket = forms.IntegerField(label=_("Ticket id"), min_value=1, max_value=2**63 - 1)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=AgentStatus.choices)


class SettingsForm(forms.Form):
    max_open_tickets = forms.IntegerField(label=_("Max open tickets"), min_value=0, max_value=10_000)
    max_chats = forms.IntegerField(label=_("Max chats"), min_value=0, max_value=10_000)
    calendar_id = forms.TypedChoiceField(label=_("Working schedule"), coerce=int, empty_value=None, required=False)
    absence_handling = forms.ChoiceField(
        label=_("When absent"), choices=[("reroute", _("Re-route by the group's rules")), ("delegate", _("Hand to the delegate"))]
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: kind:value:level, e.g. language:de:5 (kinds: language, product, service_area, region)."),
        max_length=5000,
    )

    def __init__(self, *args: Any, calendars: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["calendar_id"].choices = [("", _("Always on shift")), *calendars]  # type: ignore[attr-defined]

    def skill_rows(self) -> list[dict[str, Any]]:
        rows = []
        for line in (self.cleaned_data.get("skills") or "").splitlines():
            if not line.strip():
                continue
            kind, _sep, rest = line.strip().partition(":")
            value, _sep, level = rest.rpartition(":") if rest.count(":") else (rest, "", "3")
            rows.append({"kind": kind.strip(), "value": value.strip(), "level": int(level) if level.strip().isdigit() else 0})
        return rows


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    delegate = forms.TypedChoiceField(label=_("Delegate"), coerce=int, empty_value=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, delegates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].choices = [("", "–"), *delegates]  # type: ignore[attr-defined]
