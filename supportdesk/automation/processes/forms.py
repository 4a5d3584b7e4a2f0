"""Forms of the admin pages: a template's header and its steps editor (one row per step).

Dependencies are checkboxes of the other steps already saved (or typed in this submission), so a
new step's dependencies are ticked after a first save. Forms only parse; definitions validates.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.automation.processes.models import MAX_DUE_MINUTES, MAX_KEY, MAX_NAME, MAX_STEP_NAME, MAX_TEXT, ProcessTemplate
from supportdesk.automation.processes.validation import StepSpec
from supportdesk.core.errors import DomainError

EXTRA_ROWS = 2


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    description = forms.CharField(label=_("Description"), max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_active = forms.BooleanField(label=_("Active"), required=False)

    @staticmethod
    def initial_for(template: ProcessTemplate | None) -> dict[str, Any]:
        if template is None:
            return {"is_active": True}
        return {"name": template.name, "description": template.description, "is_active": template.is_active}


class StepForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=MAX_KEY, required=False)
    name = forms.CharField(label=_("Step"), max_length=MAX_STEP_NAME, required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    due_minutes = forms.IntegerField(label=_("Due after (minutes)"), min_value=1, max_value=MAX_DUE_MINUTES, required=False)
    is_approval = forms.BooleanField(label=_("Approval"), required=False)
    depends_on = forms.MultipleChoiceField(label=_("Depends on"), required=False, widget=forms.CheckboxSelectMultiple)
    instructions = forms.CharField(label=_("Instructions"), max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, dep_choices: list[tuple[str, str]], groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = (self.initial or {}).get("key") or (self.data.get(self.add_prefix("key")) if self.is_bound else None)
        self.fields["depends_on"].choices = [(key, name) for key, name in dep_choices if key != own]  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not data.get("key") and not data.get("name")


StepFormSet = formset_factory(StepForm, extra=EXTRA_ROWS, max_num=50, absolute_max=60)


def dependency_choices(template: ProcessTemplate | None, data: Any = None) -> list[tuple[str, str]]:
    """The keys a step may depend on: the saved steps, plus keys typed in this submission."""
    choices: dict[str, str] = {}
    if template is not None:
        for step in template.steps.all().order_by("position", "id"):
            choices[step.key] = f"{step.name} ({step.key})"
    if data is not None:
        for name, value in data.items():
            if name.startswith("steps-") and name.endswith("-key") and value and value not in choices:
                choices[value] = value
    return list(choices.items())


def step_initial(template: ProcessTemplate | None) -> list[dict[str, Any]]:
    if template is None:
        return []
    return [
        {
            "key": step.key,
            "name": step.name,
            "group": step.group_id,
            "due_minutes": step.due_minutes,
            "is_approval": step.is_approval,
            "depends_on": list(step.depends_on),
            "instructions": step.instructions,
        }
        for step in template.steps.all().order_by("position", "id")
    ]


def make_step_formset(template: ProcessTemplate | None, data: Any = None) -> Any:
    groups = Group.objects.filter(is_active=True).order_by("name")
    return StepFormSet(
        data,
        initial=step_initial(template),
        prefix="steps",
        form_kwargs={"dep_choices": dependency_choices(template, data), "groups": groups},
    )


def step_specs(formset: Any) -> list[StepSpec]:
    """The filled-in rows as StepSpecs, in row order (blank rows are dropped)."""
    specs: list[StepSpec] = []
    for form in formset.forms:
        if form.is_blank():
            continue
        data = form.cleaned_data
        specs.append(
            StepSpec(
                key=data.get("key") or "",
                name=data.get("name") or "",
                group_id=data["group"].pk if data.get("group") else 0,
                instructions=data.get("instructions") or "",
                due_minutes=data.get("due_minutes"),
                depends_on=tuple(data.get("depends_on") or ()),
                is_approval=bool(data.get("is_approval")),
                position=len(specs),
            )
        )
    return specs


def attach_errors(form: TemplateForm, formset: Any, exc: DomainError) -> None:
    """Show a domain error next to the inputs it names ("steps[i].field" -> row i after blanks are dropped)."""
    rows = [f for f in formset.forms if not f.is_blank()]
    placed = False
    for name, message in exc.field_errors.items():
        if name.startswith("steps[") and "]." in name:
            index, field = name[len("steps[") :].split("].", 1)
            if index.isdigit() and int(index) < len(rows) and field in rows[int(index)].fields:
                rows[int(index)].add_error(field, message)
                placed = True
                continue
        if name in form.fields:
            form.add_error(name, message)
            placed = True
    if not placed or not exc.field_errors or any(not name.startswith("steps[") and name not in form.fields for name in exc.field_errors):
        form.add_error(None, exc.message)
