"""Forms of sign-in and account preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """E-mail and password; the e-mail is matched case-insensitively (users are stored lower-case)."""

    username = forms.EmailField(label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autofocus": True}))

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
