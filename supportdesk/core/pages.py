"""Shared plumbing of server-rendered pages: the sign-in/403/404 guard and the 303 redirect.

Every settings page (SLA, routing, rules, replies, webhooks, processes) answers the same way: a
signed-out visitor goes to sign-in, a PermissionDenied from the app's own check or from an action
is the 403 page with its message, NotFound is a 404. Each app passes its own check (with its own
message); this module only does the answering.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def guarded_page(check: Callable[[User], None] | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """A view decorator: sign-in first, then `check(user)` (raising PermissionDenied), then the view."""

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                if check is not None:
                    check(cast(User, request.user))
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return render(request, "403.html", {"message": exc.message}, status=403)
            except NotFound as exc:
                raise Http404(exc.message) from exc

        return cast(ViewFunc, wrapper)

    return decorate


def see_other(url: str) -> HttpResponseRedirect:
    """A 303 redirect: after a POST the browser follows it with a GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
