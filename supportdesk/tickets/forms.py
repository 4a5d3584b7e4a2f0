"""Forms of the agent workspace: they parse and bound user input; the actions decide and write.

No domain rules live here (STYLE 7): a form turns POST data into the arguments an action takes, and
the action validates them again, so the API and the UI cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.actions.articles import MAX_TIME_SPENT
from supportdesk.tickets.choices import SETTABLE_STATES, LinkKind, Priority
from supportdesk.tickets.selectors import TicketFilters

MAX_IDS = 500


class IdListField(forms.Field):
    """Repeated numeric form values (checkboxes) as a list of ints."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        items = value or []
        if len(items) > MAX_IDS:
            raise forms.ValidationError(_("Too many selected."))
        if any(not str(item).isdigit() or len(str(item)) > 18 for item in items):
            raise forms.ValidationError(_("Invalid selection."))
        return [int(item) for item in items]


def parse_ticket_number(value: str) -> int:
    """'10042', '#10042' or the configured prefix form -> 10042; anything else is a form error."""
    text = (value or "").strip()
    prefix = settings.SUPPORTDESK_TICKET_NUMBER_PREFIX
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    text = text.lstrip("#").strip()
    if not text.isdigit() or len(text) > 18:
        raise forms.ValidationError(_("Enter a ticket number, e.g. 10042."))
    return int(text)


class TicketNumberField(forms.Field):
    """A ticket number as typed by an agent ('#10042'), cleaned to an int; empty is None."""

    def to_python(self, value: Any) -> int | None:
        text = str(value or "").strip()[:40]
        return parse_ticket_number(text) if text else None


class BulkForm(forms.Form):
    ticket_ids = IdListField(required=True)
    owner = forms.CharField(required=False, max_length=20)
    state = forms.ChoiceField(required=False, choices=[("", "")] + [(s.value, s.label) for s in SETTABLE_STATES])
    priority = forms.ChoiceField(required=False, choices=[("", ""), *Priority.choices])
    tag = forms.CharField(required=False, max_length=64)
    merge_into = TicketNumberField(required=False)

    def clean_owner(self) -> str:
        owner: str = self.cleaned_data["owner"].strip()
        if owner and owner not in ("me", "none") and not owner.isdigit():
            raise forms.ValidationError(_("Choose an agent."))
        return owner

    def clean_ticket_ids(self) -> list[int]:
        ids: list[int] = self.cleaned_data["ticket_ids"]
        if not ids:
            raise forms.ValidationError(_("Select at least one ticket."))
        return ids

    def changes(self, user: User) -> tuple[dict[str, Any], list[str]]:
        """The update_ticket changes and the tags to add, from the filled-in fields only."""
        data = self.cleaned_data
        changes: dict[str, Any] = {}
        owner = data["owner"]
        if owner == "me":
            changes["owner_id"] = user.pk
        elif owner == "none":
            changes["owner_id"] = None
        elif owner:
            changes["owner_id"] = int(owner)
        if data["state"]:
            changes["state"] = data["state"]
        if data["priority"]:
            changes["priority"] = data["priority"]
        tags = [data["tag"]] if data["tag"].strip() else []
        return changes, tags


class SavedViewForm(forms.Form):
    """A name and the current inbox query string, validated by TicketFilters like any filter."""

    name = forms.CharField(max_length=100)
    query = forms.CharField(required=False, max_length=4000)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("A name is required."))
        return name

    def clean(self) -> dict[str, Any]:
        from django.http import QueryDict

        cleaned = super().clean() or {}
        params = QueryDict(cleaned.get("query", ""))
        raw = {k: [v for v in params.getlist(k) if v.strip()] for k in params if k not in ("view", "saved", "cursor", "limit")}
        try:
            cleaned["filters"] = TicketFilters.parse({k: v for k, v in raw.items() if v})
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.message) from exc
        return cleaned


class ArticleForm(forms.Form):
    """The reply / internal note composer."""

    body = forms.CharField(required=False, max_length=100_000, widget=forms.Textarea)
    internal = forms.BooleanField(required=False)
    time_spent = forms.IntegerField(required=False, min_value=0, max_value=MAX_TIME_SPENT)

    def clean_time_spent(self) -> int:
        return self.cleaned_data["time_spent"] or 0


class LinkForm(forms.Form):
    number = TicketNumberField()
    kind = forms.ChoiceField(choices=LinkKind.choices)


class MergeForm(forms.Form):
    number = TicketNumberField()


class SplitForm(forms.Form):
    article_ids = IdListField(required=True)
    subject = forms.CharField(required=False, max_length=250)


class TagForm(forms.Form):
    tag = forms.CharField(max_length=64)


def form_error(form: forms.Form, message: str = "") -> ValidationFailed:
    """A form's errors as the ValidationFailed the views already know how to show."""
    return ValidationFailed(
        message or str(_("Please check the form.")),
        field_errors={name: " ".join(str(e) for e in errors) for name, errors in form.errors.items()},
    )
