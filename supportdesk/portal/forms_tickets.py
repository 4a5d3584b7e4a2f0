"""Forms of the portal's ticket pages: the new-ticket form (with the topic's custom fields, the
honeypot and the signed start token) and the reply box. Shapes and lengths only; the rules (required
topic fields, value types, limits) are portal.actions', whose errors come back next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import Group
from supportdesk.core.errors import DomainError
from supportdesk.portal.actions import MAX_BODY, MAX_NAME, MAX_SUBJECT, Submission
from supportdesk.portal.models import Topic
from supportdesk.portal.topics import TopicField
from supportdesk.tickets.choices import FieldType
from supportdesk.tickets.custom_fields import MAX_TEXT

# The honeypot: a field people never see (hidden by CSS and from assistive technology) that naive
# bots fill in. Its name looks like something a bot wants to fill.
HONEYPOT = "website"
CF_PREFIX = "cf_"
MAX_SEARCH = 200


def custom_field(item: TopicField) -> forms.Field:
    """The form field of one topic field; values are checked by the action (custom_fields rules)."""
    definition = item.definition
    label = definition.label
    kind = definition.field_type
    attrs: dict[str, Any] = {"aria-required": "true"} if item.required else {}
    if kind == FieldType.SELECT:
        choices = [("", "—"), *((str(o), str(o)) for o in definition.options or [])]
        return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.Select(attrs=attrs))
    if kind == FieldType.MULTISELECT:
        choices = [(str(o), str(o)) for o in definition.options or []]
        return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple(attrs=attrs))
    if kind == FieldType.CHECKBOX:
        return forms.BooleanField(label=label, required=False, widget=forms.CheckboxInput(attrs=attrs))
    if kind == FieldType.DATE:
        return forms.CharField(label=label, required=False, max_length=10, widget=forms.DateInput(attrs={**attrs, "type": "date"}))
    if kind == FieldType.NUMBER:
        return forms.CharField(label=label, required=False, max_length=40, widget=forms.TextInput(attrs={**attrs, "inputmode": "decimal"}))
    return forms.CharField(label=label, required=False, max_length=MAX_TEXT, widget=forms.TextInput(attrs=attrs))


class NewTicketForm(forms.Form):
    """The new-ticket form. `topics` are the active topics (none: no topic is asked), `fields` the
    chosen topic's custom fields, `visitor` adds name and e-mail for signed-out visitors."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=MAX_SUBJECT, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    body = forms.CharField(label=_("Description"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}))
    form_token = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
    visit = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, topics: list[Topic], fields: list[TopicField], visitor: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = topics
        self.topic_items = fields
        self.visitor = visitor
        self.file_errors: list[str] = []
        language = get_language() or "en"
        topic_field = self.fields["topic"]
        assert isinstance(topic_field, forms.ChoiceField)
        topic_field.choices = [("", _("Choose a topic")), *((str(t.pk), t.name_in(language)) for t in topics)]
        topic_field.required = bool(topics)
        if visitor:
            self.fields["name"] = forms.CharField(
                label=_("Your name"), max_length=MAX_NAME, widget=forms.TextInput(attrs={"autocomplete": "name"})
            )
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
            )
        for item in fields:
            self.fields[CF_PREFIX + item.key] = custom_field(item)
        # Last, so a bot filling "every field" meets it; people never see it (portal-tickets.css).
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=500,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def custom_bound_fields(self) -> list[tuple[forms.BoundField, bool]]:
        return [(self[CF_PREFIX + item.key], item.required) for item in self.topic_items]

    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    def submission(self, *, topic: Topic | None, language: str) -> Submission:
        data = self.cleaned_data
        custom: dict[str, Any] = {}
        for item in self.topic_items:
            value = data.get(CF_PREFIX + item.key)
            if item.definition.field_type == FieldType.CHECKBOX:
                value = True if value else None
            custom[item.key] = value
        return Submission(
            subject=data["subject"],
            body=data["body"],
            topic=topic,
            custom_fields=custom,
            language=language,
            visit=data.get("visit", ""),
            name=data.get("name", ""),
            email=data.get("email", ""),
        )

    def add_domain_error(self, exc: DomainError) -> None:
        """Put an action's field errors next to their fields (files and unknown ones at the top)."""
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            name = CF_PREFIX + path.removeprefix("custom_fields.") if path.startswith("custom_fields.") else path
            if name in ("files", "attachment_ids"):
                self.file_errors.append(message)
            elif name in self.fields and name != HONEYPOT:
                self.add_error(name, message)
            else:
                self.add_error(None, message)


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), required=False, max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_errors: list[str] = []

    def add_domain_error(self, exc: DomainError) -> None:
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for path, message in exc.field_errors.items():
            if path in ("files", "attachment_ids"):
                self.file_errors.append(message)
            elif path == "body":
                self.add_error("body", message)
            else:
                self.add_error(None, message)


class TopicForm(forms.Form):
    """The admin form of a topic: a name per language, the group, the fields asked and the required ones."""

    group: forms.ModelChoiceField[Group] = forms.ModelChoiceField(
        label=_("Group"), queryset=Group.objects.none(), help_text=_("Tickets of this topic go to this group.")
    )
    fields_asked = forms.MultipleChoiceField(
        label=_("Fields asked"), required=False, widget=forms.CheckboxSelectMultiple, help_text=_("Custom fields shown on the form.")
    )
    required_fields = forms.MultipleChoiceField(
        label=_("Required fields"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Must be filled in; only fields asked."),
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1_000_000, initial=0)
    is_active = forms.BooleanField(label=_("Active (offered on the form)"), required=False, initial=True)

    def __init__(self, *args: Any, languages: list[tuple[str, str]], definitions: list[Any], groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = languages
        for code, label in languages:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": label}, max_length=120, required=False
            )
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        choices = [(d.key, f"{d.label} ({d.key})") for d in definitions]
        for name in ("fields_asked", "required_fields"):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = choices

    def name_fields(self) -> list[forms.BoundField]:
        return [self[f"name_{code}"] for code, _label in self.languages]

    @staticmethod
    def initial_for(topic: Topic | None) -> dict[str, Any]:
        if topic is None:
            return {"position": 0, "is_active": True}
        initial: dict[str, Any] = {f"name_{code}": name for code, name in (topic.names or {}).items()}
        initial.update(
            group=topic.group_id,
            fields_asked=list(topic.fields or []),
            required_fields=list(topic.required_fields or []),
            position=topic.position,
            is_active=topic.is_active,
        )
        return initial

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "names": {code: data.get(f"name_{code}", "") for code, _label in self.languages},
            "group_id": data["group"].pk,
            "fields": list(data["fields_asked"]),
            "required_fields": list(data["required_fields"]),
            "position": data["position"],
            "is_active": bool(data["is_active"]),
        }

    def add_domain_error(self, exc: DomainError) -> None:
        if not exc.field_errors:
            self.add_error(None, exc.message)
        renamed = {"group_id": "group", "fields": "fields_asked", "names": None}
        for path, message in exc.field_errors.items():
            name = renamed.get(path, path)
            if name is not None and name.startswith("names."):
                name = "name_" + name.removeprefix("names.")
            self.add_error(name if name in self.fields else None, message)
