"""Forms of the portal's sign-in, registration, account, status check and settings pages.

Forms only parse and shape input; the rules live in auth_links, registration, status_check,
branding and accounts.actions, whose errors the views put back onto these forms.
"""

from __future__ import annotations

from typing import Any, cast
from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.forms import SignInForm
from supportdesk.core.errors import ValidationFailed
from supportdesk.portal.branding import LOGO_MAX_BYTES, MAX_LINK_MINUTES
from supportdesk.portal.models import HEX_COLOUR, MAX_BRAND


class DomainErrorsMixin:
    """Put a domain ValidationFailed's messages next to the inputs they name."""

    def add_domain_error(self, exc: ValidationFailed, *, field_map: dict[str, str] | None = None) -> None:
        form: Any = self
        placed = False
        for name, message in exc.field_errors.items():
            field = (field_map or {}).get(name, name)
            if field in form.fields:
                form.add_error(field, message)
                placed = True
        if not placed:
            form.add_error(None, exc.message)


class PortalSignInForm(SignInForm):
    """E-mail and password (the agent sign-in's form: same backend, same case-insensitive address)."""


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class RegistrationForm(DomainErrorsMixin, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Password (optional)"),
        required=False,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Without a password you sign in with a link we e-mail you."),
    )
    # Honeypot: hidden from people by CSS; a bot that fills it in is answered but ignored.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))


class AccountForm(DomainErrorsMixin, forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = [("", _("Browser language")), *settings.LANGUAGES]
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = [(name, name) for name in sorted(available_timezones())]


class StatusForm(forms.Form):
    number = forms.CharField(label=_("Ticket number"), max_length=24)
    secret = forms.CharField(label=_("Status code"), max_length=64, help_text=_("The code from our acknowledgement e-mail."))


COLOUR_INPUT = forms.TextInput(attrs={"type": "color"})
SETTINGS_FIELDS = ("brand_name", "primary_colour", "accent_colour", "self_registration", "public_form", "sign_in_link_minutes")


class PortalSettingsForm(DomainErrorsMixin, forms.Form):
    brand_name = forms.CharField(label=_("Name shown to customers"), max_length=MAX_BRAND, required=False)
    primary_colour = forms.RegexField(
        regex=HEX_COLOUR, label=_("Primary colour"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
    accent_colour = forms.RegexField(
        regex=HEX_COLOUR, label=_("Accent colour"), max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
    self_registration = forms.BooleanField(label=_("Customers may register themselves"), required=False)
    public_form = forms.BooleanField(label=_("Signed-out visitors may submit tickets"), required=False)
    sign_in_link_minutes = forms.IntegerField(label=_("Sign-in link lifetime (minutes)"), min_value=1, max_value=MAX_LINK_MINUTES)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = _("PNG, JPEG or WebP, at most %(kb)s KB. No SVG.") % {"kb": LOGO_MAX_BYTES // 1024}

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("brand_name", "primary_colour", "accent_colour", "self_registration", "public_form", "sign_in_link_minutes")
        }
