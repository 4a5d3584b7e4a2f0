"""The mailbox settings form: input parsing only; the rules live in mailboxes.create/update_mailbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from supportdesk.core.errors import DomainError
from supportdesk.email_gateway.mailboxes import EDITABLE_FIELDS, MAX_SECRET_CHARS
from supportdesk.email_gateway.models import Mailbox


class MailboxForm(forms.Form):
    """Every editable mailbox field plus a write-only password: it is never rendered back, and
    leaving it blank keeps the stored secret."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Mailbox, fields=EDITABLE_FIELDS))
        self.fields["auth_method"].label = _("Authentication")
        self.fields["password"] = forms.CharField(
            label=_("Password or OAuth token"),
            required=False,
            strip=False,
            max_length=MAX_SECRET_CHARS,
            widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
            help_text=_("Stored encrypted and never shown again. Leave blank to keep the stored one."),
        )

    def values(self) -> dict[str, Any]:
        """The cleaned mailbox fields (without the secret) for the actions."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def add_domain_error(self, exc: DomainError) -> None:
        """Show an action's error on its field, or above the form."""
        if not exc.field_errors:
            self.add_error(None, exc.message)
        for field, message in exc.field_errors.items():
            self.add_error(field if field in self.fields else None, message)
