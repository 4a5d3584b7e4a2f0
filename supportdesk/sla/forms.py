"""The calendar and SLA policy settings forms: input parsing only.

Forms turn text inputs ("08:00-12:00, 13:00-17:00", "1:30", rows of a condition) into the values
sla.actions and sla.policies take; every rule lives in those actions, and their errors (named by
field path, e.g. `week.monday` or `warnings[1].percent`) are shown next to the input they name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.choices import STAFF_ROLES
from supportdesk.accounts.models import Group, Organization, User
from supportdesk.core.errors import DomainError
from supportdesk.sla.actions import DayOff, ExtraDay
from supportdesk.sla.choices import WEEKDAY_KEYS, Audience, EscalationAction, Metric, NotifyChannel, Weekday, default_pause_states
from supportdesk.sla.intervals import Interval, format_interval, parse_hhmm
from supportdesk.sla.models import Calendar, SlaPolicy
from supportdesk.sla.policy_rules import (
    ANY_PRIORITY,
    CUSTOM_PREFIX,
    MAX_CONDITIONS,
    MAX_ESCALATION_LEVELS,
    MAX_TARGET_MINUTES,
    MAX_WARNINGS,
    PAUSABLE_STATES,
)
from supportdesk.sla.public_holidays import supported_regions
from supportdesk.tickets.choices import Priority, State
from supportdesk.tickets.models import CustomFieldDefinition

EXTRA_ROWS = 2
MAX_CHOICES = 500
_DAY_LINE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(.*)")
_INTERVAL = re.compile(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})")


# ---------------------------------------------------------------------------------------------
# Small parsers shared by both forms


def parse_intervals(text: str) -> tuple[Interval, ...]:
    """'08:00-12:00, 13:00-17:00' -> ((480, 720), (780, 1020)); raises forms.ValidationError."""
    intervals = []
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        match = _INTERVAL.fullmatch(part)
        start = parse_hhmm(match.group(1).zfill(5)) if match else None
        end = parse_hhmm(match.group(2).zfill(5)) if match else None
        if start is None or end is None:
            raise forms.ValidationError(gettext("Write hours as 08:00-12:00, 13:00-17:00."))
        intervals.append((start, end))
    return tuple(intervals)


def format_intervals(intervals: Iterable[Interval]) -> str:
    return ", ".join(format_interval(i) for i in intervals)


def parse_duration(text: str) -> int | None:
    """'90' or '1:30' -> 90 minutes; '' -> None; raises forms.ValidationError for anything else."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,6})(?::([0-5]\d))?", text)
    if match is None:
        raise forms.ValidationError(gettext("Give minutes (90) or hours and minutes (1:30)."))
    minutes = int(match.group(1)) * 60 + int(match.group(2)) if match.group(2) else int(match.group(1))
    if minutes > MAX_TARGET_MINUTES:
        raise forms.ValidationError(gettext("At most %(max)d minutes.") % {"max": MAX_TARGET_MINUTES})
    return minutes


def format_duration(minutes: int | None) -> str:
    """90 -> '1:30'; None -> ''."""
    return "" if minutes is None else f"{minutes // 60}:{minutes % 60:02d}"


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def _attach_error(form: forms.Form, name: str | None, message: str) -> None:
    form.add_error(name if name in form.fields else None, message)


# ---------------------------------------------------------------------------------------------
# Calendars


class CalendarForm(forms.Form):
    """A calendar's settings and rules as text inputs; `values()` gives what sla.actions takes."""

    name = forms.CharField(label=_("Name"), max_length=100)
    time_zone = forms.ChoiceField(label=_("Time zone"))
    holiday_country = forms.ChoiceField(label=_("Public holidays of"), required=False)
    holiday_subdivision = forms.CharField(
        label=_("Region"),
        max_length=16,
        required=False,
        help_text=_("A region code of the country, e.g. BY for Bavaria; empty for national holidays."),
    )
    national_workdays = forms.BooleanField(label=_("Work on weekend days the country declares working days"), required=False)
    is_default = forms.BooleanField(label=_("Default calendar (for policies without one)"), required=False)
    closed_days = forms.CharField(
        label=_("Closed days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "2026-12-24 Christmas Eve"}),
        help_text=_("One per line: a date (YYYY-MM-DD) and an optional name."),
    )
    extra_days = forms.CharField(
        label=_("Extra working days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "2026-12-12 08:00-12:00 Stock-taking"}),
        help_text=_("One per line: a date, its hours and an optional name."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zones = sorted(available_timezones() | {"UTC"})
        _choice_field(self, "time_zone").choices = [(zone, zone) for zone in zones]
        countries = sorted(supported_regions())
        _choice_field(self, "holiday_country").choices = [("", gettext("none")), *((code, code) for code in countries)]
        for number, key in enumerate(WEEKDAY_KEYS):
            self.fields[key] = forms.CharField(
                label=Weekday(number).label,
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"placeholder": "08:00-12:00, 13:00-17:00"}),
            )

    @classmethod
    def initial_for(cls, calendar: Calendar | None) -> dict[str, Any]:
        if calendar is None:
            office = "08:00-17:00"
            return {"time_zone": "UTC", "national_workdays": True, **dict.fromkeys(WEEKDAY_KEYS[:5], office)}
        week: list[list[Interval]] = [[] for _day in range(7)]
        for row in calendar.working_hours.all():
            week[row.weekday].append(row.interval)
        initial: dict[str, Any] = {
            name: getattr(calendar, name) for name in ("name", "time_zone", "holiday_country", "holiday_subdivision")
        }
        initial.update(national_workdays=calendar.national_workdays, is_default=calendar.is_default)
        initial.update({key: format_intervals(sorted(week[number])) for number, key in enumerate(WEEKDAY_KEYS)})
        initial["closed_days"] = "\n".join(f"{d.date.isoformat()} {d.name}".strip() for d in calendar.closed_days.all())
        initial["extra_days"] = "\n".join(
            f"{d.date.isoformat()} {format_intervals(i.interval for i in d.intervals.all())} {d.name}".strip()
            for d in calendar.extra_days.all()
        )
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key in WEEKDAY_KEYS:
            if key in cleaned:
                try:
                    cleaned[key] = parse_intervals(cleaned[key])
                except forms.ValidationError as exc:
                    self.add_error(key, exc)
        for key, parse in (("closed_days", self._closed_days), ("extra_days", self._extra_days)):
            if key in cleaned:
                try:
                    cleaned[key] = parse(cleaned[key])
                except forms.ValidationError as exc:
                    self.add_error(key, exc)
        return cleaned

    @staticmethod
    def _lines(text: str) -> Iterator[tuple[int, date, str]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = _DAY_LINE.fullmatch(line.strip())
            try:
                day = date.fromisoformat(match.group(1)) if match else None
            except ValueError:
                day = None
            if match is None or day is None:
                raise forms.ValidationError(gettext("Line %(n)d: start with a date, e.g. 2026-12-24.") % {"n": number})
            yield number, day, match.group(2).strip()

    def _closed_days(self, text: str) -> list[DayOff]:
        return [DayOff(day, rest) for _number, day, rest in self._lines(text)]

    def _extra_days(self, text: str) -> list[ExtraDay]:
        days = []
        for number, day, rest in self._lines(text):
            hours = []
            while match := _INTERVAL.match(rest):
                hours.append(match.group(0))
                rest = rest[match.end() :].lstrip(" ,;")
            try:
                intervals = parse_intervals(", ".join(hours))
            except forms.ValidationError as exc:
                raise forms.ValidationError(gettext("Line %(n)d: %(error)s") % {"n": number, "error": exc.messages[0]}) from exc
            days.append(ExtraDay(day, intervals, rest))
        return days

    def values(self, *, changed_rules_only: bool = False) -> dict[str, Any]:
        """The calendar values for sla.actions. Rules given there replace the stored ones (and
        count as a change); with `changed_rules_only`, rules whose inputs were not edited are left out."""
        data = self.cleaned_data
        values = {
            name: data[name] for name in ("name", "time_zone", "holiday_country", "holiday_subdivision", "national_workdays", "is_default")
        }
        edited = set(self.changed_data) if changed_rules_only else set(self.fields)
        if edited.intersection(WEEKDAY_KEYS):
            values["week"] = {number: data[key] for number, key in enumerate(WEEKDAY_KEYS)}
        for key in ("closed_days", "extra_days"):
            if key in edited:
                values[key] = data[key]
        return values

    def weekday_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in WEEKDAY_KEYS]

    def add_domain_error(self, exc: DomainError) -> None:
        """Show an action's error on its input: `week.monday` on Monday, `closed_days[2]` on line 3."""
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            if path.startswith("week."):
                _attach_error(self, path.removeprefix("week."), message)
            elif match := re.fullmatch(r"(closed_days|extra_days)\[(\d+)\]", path):
                # Blank lines are skipped when parsing, so count entries, not lines.
                _attach_error(self, match.group(1), gettext("Entry %(n)d: %(error)s") % {"n": int(match.group(2)) + 1, "error": message})
            else:
                _attach_error(self, "monday" if path == "week" else path, message)


class DueCheckForm(forms.Form):
    """ "When is N business minutes after this local time?", answered with the calendar's maths."""

    start = forms.DateTimeField(label=_("Start (local time of the calendar)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration = forms.CharField(label=_("Business time"), max_length=12, help_text=_("Minutes (240) or hours and minutes (4:00)."))

    def clean_duration(self) -> int:
        minutes = parse_duration(self.cleaned_data["duration"])
        if minutes is None:
            raise forms.ValidationError(gettext("Give a duration."))
        return minutes


# ---------------------------------------------------------------------------------------------
# SLA policies

TARGET_KEYS = (ANY_PRIORITY, *Priority.values)
OPS = ("is", "is_not", "in", "not_in", "has", "has_not", "contains")
LIST_OPS = ("in", "not_in")
ACTION_FIELDS = {
    EscalationAction.NOTIFY: "notify",
    EscalationAction.SET_PRIORITY: "priority",
    EscalationAction.MOVE_TO_GROUP: "group",
    EscalationAction.ADD_TAG: "tag",
}


def _target_field(priority: str, metric: str) -> str:
    return f"t_{'any' if priority == ANY_PRIORITY else priority}_{metric}"


def _checkboxes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


@dataclass
class Row:
    """One row of a repeated part of the form and where action errors for it go."""

    index: int
    fields: dict[str, forms.BoundField]

    def __getitem__(self, key: str) -> forms.BoundField:
        return self.fields[key]


class PolicyForm(forms.Form):
    """A policy's settings, targets table, and rows of conditions, warnings and escalation levels.

    Rows come as prefixed inputs (c0_field, w1_amount, e0_after ...); blank rows are ignored, so
    the page always offers a few empty ones to fill in. An escalation level takes at most one
    action of each kind here (notify, raise priority, move to group, add tag); the API allows more.
    """

    name = forms.CharField(label=_("Name"), max_length=100)
    is_active = forms.BooleanField(label=_("Active"), required=False)
    calendar = forms.ChoiceField(label=_("Calendar"), required=False)
    manager = forms.ChoiceField(label=_("Manager"), required=False, help_text=_('Notified when the audience "Named manager" is chosen.'))
    webhook_url = forms.CharField(
        label=_("Webhook URL"), max_length=500, required=False, help_text=_("Receives signed JSON for warnings and steps sent by webhook.")
    )
    pause_states = _checkboxes(_("States that pause the clocks"), [(s.value, s.label) for s in State if s.value in PAUSABLE_STATES])

    def __init__(self, data: Any = None, *, initial: dict[str, Any] | None = None, policy: SlaPolicy | None = None) -> None:
        super().__init__(data, initial=initial)
        self.group_names = dict(Group.objects.order_by("name").values_list("pk", "name")[:MAX_CHOICES])
        self.organization_names = dict(Organization.objects.order_by("name").values_list("pk", "name")[:MAX_CHOICES])
        _choice_field(self, "calendar").choices = [
            ("", gettext("Default calendar")),
            *Calendar.objects.values_list("pk", "name")[:MAX_CHOICES],
        ]
        staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES).order_by("full_name", "email")[:MAX_CHOICES]
        managers: list[tuple[Any, str]] = [("", gettext("None")), *((u.pk, f"{u.display_name} <{u.email}>") for u in staff)]
        if policy is not None and policy.manager_id and policy.manager_id not in dict(managers):
            managers.append((policy.manager_id, str(policy.manager)))
        _choice_field(self, "manager").choices = managers
        for priority in TARGET_KEYS:
            for metric in Metric.values:
                self.fields[_target_field(priority, metric)] = forms.CharField(
                    label=f"{priority} {metric}",
                    required=False,
                    max_length=12,
                    widget=forms.TextInput(attrs={"class": "input--narrow", "placeholder": "h:mm"}),
                )
        source = data if data is not None else (initial or {})
        self.row_counts = {
            kind: self._row_count(source, kind, limit)
            for kind, limit in (("c", MAX_CONDITIONS), ("w", MAX_WARNINGS), ("e", MAX_ESCALATION_LEVELS))
        }
        field_choices = self._condition_fields(source)
        for i in range(self.row_counts["c"]):
            self.fields[f"c{i}_field"] = forms.ChoiceField(label=_("Field"), required=False, choices=[("", "—"), *field_choices])
            self.fields[f"c{i}_op"] = forms.ChoiceField(
                label=_("Operator"), required=False, choices=[(op, op.replace("_", " ")) for op in OPS]
            )
            self.fields[f"c{i}_value"] = forms.CharField(label=_("Value"), required=False, max_length=2000)
        audiences, channels = Audience.choices, NotifyChannel.choices
        for i in range(self.row_counts["w"]):
            self.fields[f"w{i}_kind"] = forms.ChoiceField(
                label=_("When"),
                required=False,
                choices=[
                    ("", "—"),
                    # xgettext:no-python-format
                    ("percent", gettext("% of the target used")),
                    ("minutes_before", gettext("before the due time (h:mm)")),
                ],
            )
            self.fields[f"w{i}_amount"] = forms.CharField(
                label=_("Amount"), required=False, max_length=12, widget=forms.TextInput(attrs={"class": "input--narrow"})
            )
            self.fields[f"w{i}_audience"] = _checkboxes(_("Notify"), audiences)
            self.fields[f"w{i}_channels"] = _checkboxes(_("By"), channels)
        priorities = [("", "—"), *Priority.choices]
        groups = [("", "—"), *self.group_names.items()]
        for i in range(self.row_counts["e"]):
            self.fields[f"e{i}_after"] = forms.CharField(
                label=_("After the breach (h:mm)"), required=False, max_length=12, widget=forms.TextInput(attrs={"class": "input--narrow"})
            )
            self.fields[f"e{i}_notify"] = _checkboxes(_("Notify"), audiences)
            self.fields[f"e{i}_channels"] = _checkboxes(_("By"), channels)
            self.fields[f"e{i}_priority"] = forms.ChoiceField(label=_("Raise priority to"), required=False, choices=priorities)
            self.fields[f"e{i}_group"] = forms.ChoiceField(label=_("Reassign to group"), required=False, choices=groups)
            self.fields[f"e{i}_tag"] = forms.CharField(label=_("Add tag"), required=False, max_length=64)
        for name, field in self.fields.items():
            if re.fullmatch(r"[cwe]\d+_\w+|t_\w+", name) and not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("aria-label", str(field.label))
        # List index in the submitted values -> row index on the page, and action index -> input.
        self.row_of: dict[str, list[int]] = {"conditions": [], "warnings": [], "escalations": []}
        self.action_inputs: list[list[str]] = []

    @staticmethod
    def _row_count(source: Any, kind: str, limit: int) -> int:
        used = 0
        while f"{kind}{used}_{'field' if kind == 'c' else 'kind' if kind == 'w' else 'after'}" in source and used < limit:
            used += 1
        if hasattr(source, "getlist"):  # posted data: exactly the rows the page had
            return used
        return min(used + EXTRA_ROWS, limit)

    @staticmethod
    def _condition_fields(source: Any) -> list[tuple[str, str]]:
        choices = [
            ("priority", gettext("Priority")),
            ("group", gettext("Group")),
            ("organization", gettext("Organization")),
            ("organization_tier", gettext("Customer tier")),
            ("channel", gettext("Channel")),
            ("tag", gettext("Tag")),
        ]
        keys = {
            f"{CUSTOM_PREFIX}{key}"
            for key in CustomFieldDefinition.objects.filter(is_active=True).values_list("key", flat=True)[:MAX_CHOICES]
        }
        keys |= {str(v) for k, v in source.items() if re.fullmatch(r"c\d+_field", str(k)) and str(v).startswith(CUSTOM_PREFIX)}
        choices += [(key, gettext("Custom field %(key)s") % {"key": key.removeprefix(CUSTOM_PREFIX)}) for key in sorted(keys)]
        return choices

    # -- initial values from a stored policy ---------------------------------------------------

    @classmethod
    def initial_for(cls, policy: SlaPolicy | None) -> dict[str, Any]:
        if policy is None:
            return {"is_active": True, "pause_states": default_pause_states(), _target_field(ANY_PRIORITY, Metric.FIRST_RESPONSE): "4:00"}
        initial: dict[str, Any] = {
            "name": policy.name,
            "is_active": policy.is_active,
            "calendar": policy.calendar_id or "",
            "manager": policy.manager_id or "",
            "webhook_url": policy.webhook_url,
            "pause_states": list(policy.pause_states),
        }
        for priority, metrics in policy.targets.items():
            for metric, minutes in metrics.items():
                initial[_target_field(priority, metric)] = format_duration(minutes)
        names = {
            "group": dict(Group.objects.values_list("pk", "name")),
            "organization": dict(Organization.objects.values_list("pk", "name")),
        }
        for i, condition in enumerate(policy.conditions):
            value = condition["value"]
            items = value if isinstance(value, list) else [value]
            if condition["field"] in names:
                items = [names[condition["field"]].get(item, item) for item in items]
            initial.update({f"c{i}_field": condition["field"], f"c{i}_op": condition["op"], f"c{i}_value": ", ".join(map(str, items))})
        for i, warning in enumerate(policy.warnings):
            percent = warning.get("percent")
            initial[f"w{i}_kind"] = "percent" if percent is not None else "minutes_before"
            initial[f"w{i}_amount"] = str(percent) if percent is not None else format_duration(warning.get("minutes_before"))
            initial.update({f"w{i}_audience": warning.get("audience", []), f"w{i}_channels": warning.get("channels", [])})
        for i, level in enumerate(policy.escalations):
            initial[f"e{i}_after"] = format_duration(level.get("after_minutes", 0))
            for action in level.get("actions", []):
                kind = ACTION_FIELDS.get(action.get("action"))
                if kind == "notify":
                    initial.update({f"e{i}_notify": action.get("audience", []), f"e{i}_channels": action.get("channels", [])})
                elif kind is not None:
                    initial[f"e{i}_{kind}"] = action.get("value")
        return initial

    # -- rows for the template -----------------------------------------------------------------

    def _rows(self, kind: str, names: Iterable[str]) -> list[Row]:
        names = tuple(names)
        return [Row(i, {name: self[f"{kind}{i}_{name}"] for name in names}) for i in range(self.row_counts[kind])]

    def condition_rows(self) -> list[Row]:
        return self._rows("c", ("field", "op", "value"))

    def warning_rows(self) -> list[Row]:
        return self._rows("w", ("kind", "amount", "audience", "channels"))

    def level_rows(self) -> list[Row]:
        return self._rows("e", ("after", "notify", "channels", "priority", "group", "tag"))

    def target_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        labels = {ANY_PRIORITY: gettext("Any priority"), **dict(Priority.choices)}
        return [(str(labels[p]), [self[_target_field(p, m)] for m in Metric.values]) for p in TARGET_KEYS]

    # -- parsing -------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in [n for n in self.fields if n.startswith("t_") or re.fullmatch(r"(e\d+_after)", n) or re.fullmatch(r"w\d+_amount", n)]:
            if name.startswith("w") and cleaned.get(name.replace("_amount", "_kind")) == "percent":
                text = (cleaned.get(name) or "").strip()
                if text and not text.isdigit():
                    self.add_error(name, gettext("A whole percentage from 1 to 99."))
                else:
                    cleaned[name] = int(text) if text else None
                continue
            try:
                cleaned[name] = parse_duration(cleaned.get(name) or "")
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        for i in range(self.row_counts["c"]):
            if cleaned.get(f"c{i}_field"):
                try:
                    cleaned[f"c{i}_value"] = self._condition_value(
                        cleaned[f"c{i}_field"], cleaned.get(f"c{i}_op", ""), cleaned.get(f"c{i}_value", "")
                    )
                except forms.ValidationError as exc:
                    self.add_error(f"c{i}_value", exc)
        return cleaned

    def _condition_value(self, field: str, op: str, text: str) -> Any:
        texts = [item.strip() for item in text.split(",")] if op in LIST_OPS else [text.strip()]
        items: list[Any] = [item for item in texts if item]
        if field in ("group", "organization"):
            by_name = {name.casefold(): pk for pk, name in (self.group_names if field == "group" else self.organization_names).items()}
            ids = []
            for item in items:
                pk = int(item) if item.isdigit() else by_name.get(item.casefold())
                if pk is None:
                    raise forms.ValidationError(gettext("Unknown name: %(name)s.") % {"name": item[:100]})
                ids.append(pk)
            items = ids
        if op in LIST_OPS:
            return items
        return items[0] if items else ""

    def values(self) -> dict[str, Any]:
        """The policy values for sla.policies; remembers which row each list entry came from."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "name": data["name"],
            "is_active": data["is_active"],
            "calendar_id": int(data["calendar"]) if data.get("calendar") else None,
            "manager_id": int(data["manager"]) if data.get("manager") else None,
            "webhook_url": data.get("webhook_url", "").strip(),
            "pause_states": list(data.get("pause_states", [])),
        }
        targets: dict[str, dict[str, int]] = {}
        for priority in TARGET_KEYS:
            for metric in Metric.values:
                minutes = data.get(_target_field(priority, metric))
                if minutes is not None:
                    targets.setdefault(priority, {})[metric] = minutes
        values["targets"] = targets
        values["conditions"] = []
        for i in range(self.row_counts["c"]):
            if data.get(f"c{i}_field"):
                values["conditions"].append({"field": data[f"c{i}_field"], "op": data[f"c{i}_op"], "value": data[f"c{i}_value"]})
                self.row_of["conditions"].append(i)
        values["warnings"] = []
        for i in range(self.row_counts["w"]):
            kind = data.get(f"w{i}_kind")
            if kind:
                amount = data.get(f"w{i}_amount")
                values["warnings"].append({kind: amount, "audience": data[f"w{i}_audience"], "channels": data[f"w{i}_channels"]})
                self.row_of["warnings"].append(i)
        values["escalations"] = [level for i in range(self.row_counts["e"]) if (level := self._level(i)) is not None]
        return values

    def _level(self, i: int) -> dict[str, Any] | None:
        data = self.cleaned_data
        actions: list[dict[str, Any]] = []
        inputs: list[str] = []
        if data.get(f"e{i}_notify") or data.get(f"e{i}_channels"):
            actions.append({"action": "notify", "audience": data[f"e{i}_notify"], "channels": data[f"e{i}_channels"] or ["in_app"]})
            inputs.append(f"e{i}_notify")
        if data.get(f"e{i}_priority"):
            actions.append({"action": "set_priority", "value": data[f"e{i}_priority"]})
            inputs.append(f"e{i}_priority")
        if data.get(f"e{i}_group"):
            actions.append({"action": "move_to_group", "value": int(data[f"e{i}_group"])})
            inputs.append(f"e{i}_group")
        if (data.get(f"e{i}_tag") or "").strip():
            actions.append({"action": "add_tag", "value": data[f"e{i}_tag"].strip()})
            inputs.append(f"e{i}_tag")
        after = data.get(f"e{i}_after")
        if not actions and after is None:
            return None
        self.row_of["escalations"].append(i)
        self.action_inputs.append(inputs)
        return {"after_minutes": after or 0, "actions": actions}

    def add_domain_error(self, exc: DomainError) -> None:
        """Show an action's error next to the input its path names, e.g. `warnings[1].percent` on that row."""
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            _attach_error(self, self._input_for(path), message)

    def _input_for(self, path: str) -> str | None:
        simple = {"calendar_id": "calendar", "manager_id": "manager", "targets": None}
        if path in simple:
            return simple[path]
        if match := re.fullmatch(r"targets\.([^.]+)\.(\w+)", path):
            return _target_field(match.group(1), match.group(2))
        match = re.fullmatch(r"(conditions|warnings|escalations)\[(\d+)\](.*)", path)
        if match is None:
            return path
        kind, number, rest = match.group(1), int(match.group(2)), match.group(3)
        rows = self.row_of[kind]
        if number >= len(rows):
            return None
        row = rows[number]
        if kind == "conditions":
            return f"c{row}_value" if rest == ".value" or not rest else f"c{row}_field"
        if kind == "warnings":
            return f"w{row}_" + {".audience": "audience", ".channels": "channels"}.get(rest, "amount" if rest else "kind")
        if action := re.fullmatch(r"\.actions\[(\d+)\](.*)", rest):
            inputs = self.action_inputs[number]
            index = int(action.group(1))
            name = inputs[index] if index < len(inputs) else f"e{row}_after"
            return f"e{row}_channels" if action.group(2) == ".channels" else name
        return f"e{row}_notify" if rest == ".actions" else f"e{row}_after"
