"""Portal pages for signing in (password or mailed link), verification, registration, the account
and the public status check. Thin: each view parses a form and calls one function of auth_links,
registration, status_check or accounts.actions."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from supportdesk.accounts.actions import update_own_profile
from supportdesk.accounts.models import User
from supportdesk.accounts.views import SIGN_IN_LIMITS, within_limits
from supportdesk.core.errors import DomainError, NotFound, ValidationFailed
from supportdesk.core.pages import see_other
from supportdesk.core.ratelimit import client_ip
from supportdesk.portal import auth_links, registration, status_check
from supportdesk.portal.access import customer_page, is_verified
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.forms_auth import AccountForm, LinkRequestForm, PortalSignInForm, RegistrationForm, StatusForm
from supportdesk.portal.models import SignInPurpose

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request: HttpRequest, value: str | None) -> str:
    """`value` when it is a URL on this site (no //evil.com, https://evil.com, javascript:), else ""."""
    value = (value or "").strip()
    if not value or len(value) > 500 or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return ""
    return value


def home_url() -> str:
    """The customer's ticket list (portal-home); the account page until that page exists."""
    try:
        return reverse("portal-home")
    except NoReverseMatch:
        return reverse("portal-account")


def landing_url(user: User, next_path: str) -> str:
    """Where a user goes after signing in: the verification page until the address is verified."""
    if not is_verified(user):
        return reverse("portal-verify-pending")
    return next_path or home_url()


def _login_page(
    request: HttpRequest, *, form: PortalSignInForm, link_form: LinkRequestForm, next_path: str, status: int = 200
) -> HttpResponse:
    context = {"form": form, "link_form": link_form, "next": next_path, "registration_open": get_portal_settings().self_registration}
    return render(request, "portal/auth/login.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Password sign-in, and the form that asks for a sign-in link (posted to link_request)."""
    next_path = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET" and request.user.is_authenticated:
        return see_other(landing_url(cast(User, request.user), next_path))
    form = PortalSignInForm(request, data=request.POST if request.method == "POST" else None)
    link_form = LinkRequestForm(initial={"next": next_path})
    if request.method == "POST":
        if not within_limits(request, "sign-in", str(request.POST.get("username", "")), SIGN_IN_LIMITS):
            form.errors.clear()
            form.add_error(None, _("Too many sign-in attempts. Please wait a few minutes and try again."))
            return _login_page(request, form=form, link_form=link_form, next_path=next_path, status=429)
        if form.is_valid():
            user = cast(User, form.get_user())
            login(request, user, backend=MODEL_BACKEND)
            return see_other(landing_url(user, next_path))
    return _login_page(request, form=form, link_form=link_form, next_path=next_path)


@require_POST
def link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same redirect for every well-formed address:
    known, unknown, inactive, staff, or over the rate limit."""
    link_form = LinkRequestForm(request.POST)
    if not link_form.is_valid():
        next_path = safe_next(request, request.POST.get("next"))
        return _login_page(request, form=PortalSignInForm(request), link_form=link_form, next_path=next_path)
    auth_links.request_link(
        link_form.cleaned_data["email"], ip=client_ip(request), next_path=safe_next(request, link_form.cleaned_data["next"])
    )
    return see_other(reverse("portal-link-sent"))


@require_http_methods(["GET"])
def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/auth/link_sent.html")


def _bad_link(request: HttpRequest, problem: auth_links.LinkProblem) -> HttpResponse:
    status = 404 if problem is auth_links.LinkProblem.UNKNOWN else 410
    return render(request, "portal/auth/link_bad.html", {"problem": str(auth_links.LINK_PROBLEM_TEXT[problem])}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def link_open(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a "Sign in" button and changes nothing (mail scanners prefetch links); POST uses
    the link: signs the user in (staff only confirm their address) and goes on to a safe `next`."""
    next_path = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET":
        try:
            link = auth_links.peek(token)
        except auth_links.LinkRefused as exc:
            return _bad_link(request, exc.kind)
        context = {"verify": link.purpose == SignInPurpose.VERIFY, "next": next_path}
        return render(request, "portal/auth/link_open.html", context)
    try:
        link = auth_links.consume(token)
    except auth_links.LinkRefused as exc:
        return _bad_link(request, exc.kind)
    user = link.user
    if user.is_helpdesk_staff and not (request.user.is_authenticated and request.user.pk == user.pk):
        messages.success(request, _("Your e-mail address is confirmed. Please sign in with your password."))
        return see_other(reverse("portal-login"))
    login(request, user, backend=MODEL_BACKEND)
    if link.purpose == SignInPurpose.VERIFY:
        messages.success(request, _("Thank you, your e-mail address is confirmed."))
    return see_other(landing_url(user, next_path))


@never_cache
@require_http_methods(["GET", "POST"])
def verify_pending(request: HttpRequest) -> HttpResponse:
    """ "Check your mail": a signed-in user whose address is not verified yet, with a button that
    mails the verification link again (rate-limited)."""
    if not request.user.is_authenticated:
        return see_other(reverse("portal-login"))
    user = cast(User, request.user)
    if is_verified(user):
        return see_other(home_url())
    if request.method == "POST":
        if auth_links.mail_link_to_user(user, SignInPurpose.VERIFY, ip=client_ip(request)):
            messages.success(request, _("We have sent the mail again."))
        else:
            messages.error(request, _("Too many mails were requested. Please wait a few minutes and try again."))
        return see_other(reverse("portal-verify-pending"))
    return render(request, "portal/auth/verify_pending.html", {"address": user.email})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return see_other(reverse("portal-login"))


@never_cache
@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    """Self-registration (404 when switched off). Every accepted form answers "check your mail"."""
    try:
        registration.check_registration_open()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            return see_other(reverse("portal-register-sent"))  # a bot: same answer, nothing done
        try:
            registration.register_customer(
                data["email"], full_name=data["full_name"], password=data["password"], language=get_language() or "", ip=client_ip(request)
            )
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except ValidationFailed as exc:
            form.add_domain_error(exc)
        else:
            return see_other(reverse("portal-register-sent"))
    return render(request, "portal/auth/register.html", {"form": form})


@require_http_methods(["GET"])
def register_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/auth/register_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
@customer_page
def account_view(request: HttpRequest) -> HttpResponse:
    """The user's name, language and time zone, and their password."""
    user = cast(User, request.user)
    which = request.POST.get("form") if request.method == "POST" else None
    profile = AccountForm(
        request.POST if which == "profile" else None,
        initial={"full_name": user.full_name, "language": user.language, "time_zone": user.time_zone},
    )
    password_class = PasswordChangeForm if user.has_usable_password() else SetPasswordForm
    password_form = password_class(user, request.POST if which == "password" else None)
    if which == "profile" and profile.is_valid():
        try:
            update_own_profile(user, profile.cleaned_data)
        except DomainError as exc:
            profile.add_domain_error(cast(ValidationFailed, exc))
        else:
            messages.success(request, _("Your account has been saved."))
            return see_other(reverse("portal-account"))
    if which == "password" and password_form.is_valid():
        password_form.save()
        update_session_auth_hash(request, user)  # other sessions and older API tokens stop working
        messages.success(request, _("Your password has been changed."))
        return see_other(reverse("portal-account"))
    return render(request, "portal/auth/account.html", {"form": profile, "password_form": password_form})


@never_cache
@require_http_methods(["GET", "POST"])
def status_view(request: HttpRequest) -> HttpResponse:
    """The public status check; the mailed link comes prefilled (?number=&secret=) and is checked at once."""
    source = request.POST if request.method == "POST" else request.GET
    submitted = request.method == "POST" or ("number" in source and "secret" in source)
    form = StatusForm(source if submitted else None)
    result = None
    status = 200
    if submitted and form.is_valid():
        try:
            result = status_check.check_status(form.cleaned_data["number"], form.cleaned_data["secret"], ip=client_ip(request))
        except status_check.TooManyChecks as exc:
            form.add_error(None, exc.message)
            status = 429
        except NotFound as exc:
            form.add_error(None, exc.message)
    response = render(request, "portal/auth/status.html", {"form": form, "result": result}, status=status)
    response.headers["Referrer-Policy"] = "no-referrer"  # the secret may be in the URL
    return response
