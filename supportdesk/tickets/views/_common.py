"""Shared plumbing of the agent workspace views: the staff-only gate and domain-error mapping.

Views stay thin: they parse input, call one action or selector, and turn DomainErrors into HTTP.
Missing and forbidden tickets are the same 404; a visible ticket the user may not change is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def agent_required(view: ViewFunc) -> ViewFunc:
    """Signed-out users go to sign-in; signed-in customers get 404 (the workspace is not theirs)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not cast(User, user).is_helpdesk_staff:
            raise Http404()
        return view(request, *args, **kwargs)

    return cast(ViewFunc, wrapper)


def domain_errors(view: ViewFunc) -> ViewFunc:
    """Map domain errors of a POST endpoint to responses.

    NotFound -> 404 and PermissionDenied -> 403 (rendered pages, no detail beyond the safe message);
    ValidationFailed and Conflict -> a flash message and a redirect back, so the agent sees why.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            return render(request, "403.html", {"message": exc.message}, status=403)
        except DomainError as exc:
            flash_error(request, exc)
            return redirect_back(request, fallback="/inbox/")

    return cast(ViewFunc, wrapper)


def flash_error(request: HttpRequest, exc: DomainError) -> None:
    """Show a domain error's safe message and its field messages."""
    details = "; ".join(f"{field}: {text}" for field, text in exc.field_errors.items())
    messages.error(request, f"{exc.message} {details}".strip())


def redirect_back(request: HttpRequest, *, fallback: str) -> HttpResponseRedirect:
    """Redirect to a same-site `next` (form field or Referer), else the fallback; 303 so htmx GETs it."""
    target = request.POST.get("next") or request.headers.get("Referer") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = fallback
    response = HttpResponseRedirect(target or fallback)
    response.status_code = 303
    return response


def post_int(request: HttpRequest, name: str) -> int:
    """An integer form field, or ValidationFailed naming the field."""
    value = request.POST.get(name, "").strip()
    if not value.lstrip("-").isdigit() or len(value) > 18:
        raise ValidationFailed(_("Please enter a number."), field_errors={name: _("Must be a whole number.")})
    return int(value)


def post_ids(request: HttpRequest, name: str) -> list[int]:
    """Repeated integer form fields (checkboxes); anything non-numeric is refused."""
    raw = request.POST.getlist(name)
    if any(not item.isdigit() or len(item) > 18 for item in raw):
        raise ValidationFailed(_("Invalid selection."), field_errors={name: _("Invalid id.")})
    return [int(item) for item in raw]


def current_user(request: HttpRequest) -> User:
    """The signed-in user, typed (the views are wrapped by agent_required)."""
    return cast(User, request.user)
