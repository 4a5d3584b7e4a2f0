"""Sign-in, sign-out, password reset (Django's views with our templates) and the language switch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from supportdesk.accounts.actions import update_own_profile
from supportdesk.accounts.forms import LanguageForm, SignInForm
from supportdesk.accounts.models import User
from supportdesk.core.ratelimit import allow, client_ip

# A person mistyping a password a few times is fine; a script guessing passwords is not.
SIGN_IN_LIMITS = ((10, timedelta(minutes=15), "email"), (50, timedelta(minutes=15), "ip"))
# Each reset request mails someone; a few per hour per address is plenty (BAD-INPUTS 44).
RESET_LIMITS = ((3, timedelta(hours=1), "email"), (20, timedelta(hours=1), "ip"))


def within_limits(request: HttpRequest, scope: str, email: str, limits: tuple[tuple[int, timedelta, str], ...]) -> bool:
    """Count this attempt against every limit (all are counted, so no limit can be dodged)."""
    keys = {"email": email.strip().lower()[:254], "ip": client_ip(request)}
    results = [allow(f"{scope}:{kind}:{keys[kind]}", limit=limit, window=window) for limit, window, kind in limits]
    return all(results)


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not within_limits(request, "sign-in", str(request.POST.get("username", "")), SIGN_IN_LIMITS):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many sign-in attempts. Please wait a few minutes and try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        """Without a safe `next`, customers go to the portal's home, staff to the inbox."""
        user = self.request.user
        if user.is_authenticated and not cast(User, user).is_helpdesk_staff:
            try:
                return reverse("portal-home")
            except NoReverseMatch:
                return "/portal/"
        return super().get_default_redirect_url()


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Over the limit, nothing is mailed but the answer is the same page, so the limit reveals
    nothing about which addresses have accounts."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not within_limits(self.request, "password-reset", form.cleaned_data["email"], RESET_LIMITS):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


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
        update_own_profile(cast(User, request.user), {"language": form.cleaned_data["language"]})
    return set_language(request)
