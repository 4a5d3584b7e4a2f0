"""The gate of customer portal pages: who may see portal pages that show tickets.

A portal page needs a signed-in, active user whose e-mail address is verified
(`User.email_verified_at`): a self-registered customer, or one whose address was typed in by
somebody else, sees no ticket until they proved they read that mailbox. Staff may use the portal
as themselves (their own tickets as a customer). Which tickets a user sees is still decided by
tickets.access (visible_tickets / access_ticket), never here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def portal_sign_in_url(next_path: str) -> str:
    return reverse("portal-login") + "?" + urlencode({"next": next_path})


def is_verified(user: User) -> bool:
    return user.is_active and user.email_verified_at is not None


def customer_page(view: ViewFunc) -> ViewFunc:
    """Signed-out visitors go to the portal sign-in; unverified users to the "check your mail"
    page (portal-verify-pending); domain NotFound becomes the portal's 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(portal_sign_in_url(request.get_full_path()))
        if not is_verified(cast(User, request.user)):
            return HttpResponseRedirect(reverse("portal-verify-pending"))
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    return cast(ViewFunc, wrapper)
