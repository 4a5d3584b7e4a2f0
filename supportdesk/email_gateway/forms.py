"""The mailbox settings form: input parsing only; the rules live in mailboxes.create/update_mailbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from supportdesk.core.forms import DomainErrorForm
from supportdesk.email_gateway.mailboxes import EDITABLE_FIELDS, MAX_SECRET_CHARS, SECRET_FORM_FIELDS
from supportdesk.email_gateway.models import Mailbox


def secret_field(label: StrOrPromise) -> forms.CharField:
    """A write-only input: never rendered back; blank keeps the stored value."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=MAX_SECRET_CHARS,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored encrypted and never shown again. Leave blank to keep the stored one."),
    )


class MailboxForm(DomainErrorForm):
    """Every editable mailbox field plus the write-only secrets (password or access token, OAuth
    refresh token and client secret): they are never rendered back, and leaving one blank keeps
    the stored value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = fields_for_model(Mailbox, fields=EDITABLE_FIELDS)
        self.fields.update({name: fields[name] for name in EDITABLE_FIELDS if not name.startswith("oauth_")})
        self.fields["auth_method"].label = _("Authentication")
        self.fields["password"] = secret_field(_("Password or OAuth access token"))
        self.fields.update({name: fields[name] for name in EDITABLE_FIELDS if name.startswith("oauth_")})
        self.fields["oauth_token_url"].help_text = _(
            "For example https://login.microsoftonline.com/TENANT/oauth2/v2.0/token or https://oauth2.googleapis.com/token."
        )
        self.fields["oauth_refresh_token"] = secret_field(_("OAuth refresh token"))
        self.fields["oauth_client_secret"] = secret_field(_("OAuth client secret"))

    def values(self) -> dict[str, Any]:
        """The cleaned mailbox fields (without the secrets) for the actions."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def secrets(self) -> dict[str, str]:
        """The secrets typed in, as keyword arguments of create_mailbox / update_mailbox."""
        return {name: self.cleaned_data[field] for name, field in SECRET_FORM_FIELDS.items()}
