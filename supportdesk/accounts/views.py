"""Sign-in, sign-out, password reset (Django's views with our templates) and the language switch."""

from __future__ import annotations

from typing import cast

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from supportdesk.accounts.forms import LanguageForm, SignInForm
from supportdesk.accounts.models import User


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign-out is POST only (Django 5 refuses GET), so a link on another site cannot sign agents out."""


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Save the choice on the signed-in user (it follows them to other browsers), then let Django's
    set_language store it in the cookie and redirect to a safe `next`."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    if request.user.is_authenticated:
        user = cast(User, request.user)
        user.language = form.cleaned_data["language"]
        user.save(update_fields=["language"])
    return set_language(request)
