"""The admin form of a reply template; validation beyond shapes is replies.actions'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.automation.replies.actions import MAX_BODY, MAX_NAME, MAX_SUBJECT
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.core.errors import DomainError


class ReplyTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    language = forms.ChoiceField(label=_("Language"), required=False)
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"), queryset=Group.objects.order_by("name"), required=False, help_text=_("None selected: every group.")
    )
    subject = forms.CharField(label=_("Subject"), max_length=MAX_SUBJECT, required=False)
    body = forms.CharField(label=_("Body"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 10}))
    is_html = forms.BooleanField(label=_("The body is HTML (sanitised when saved)"), required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1_000_000, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(template: ReplyTemplate | None) -> dict[str, Any]:
        if template is None:
            return {"is_active": True, "position": 0}
        fields = ("name", "language", "subject", "body", "is_html", "is_active", "position")
        return {**{name: getattr(template, name) for name in fields}, "groups": list(template.groups.all())}

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["group_ids"] = [group.pk for group in data.pop("groups")]
        return data

    def add_domain_error(self, exc: DomainError) -> None:
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            self.add_error("groups" if path == "group_ids" else path if path in self.fields else None, message)
