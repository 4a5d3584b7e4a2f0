"""Pages of the replies app: the admin list and form of reply templates, and the composer search.

Thin: each view parses input and calls one function of replies.actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from supportdesk.accounts.models import User
from supportdesk.automation.replies import actions
from supportdesk.automation.replies.forms import ReplyTemplateForm
from supportdesk.automation.replies.rendering import VARIABLES
from supportdesk.core.errors import DomainError
from supportdesk.core.pages import guarded_page, see_other

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
MAX_LISTED = 500


def _guarded(*, admin: bool) -> Callable[[ViewFunc], ViewFunc]:
    """Signed-out users go to sign-in; PermissionDenied is the 403 page; NotFound is 404."""
    return guarded_page(actions.require_admin if admin else None)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _variables() -> list[tuple[str, str]]:
    return [("{{ " + name + " }}", str(label)) for name, (label, _value) in VARIABLES.items()]


@require_GET
@_guarded(admin=True)
def template_list(request: HttpRequest) -> HttpResponse:
    rows = list(actions.visible_templates(_user(request)).order_by("position", "name", "id")[:MAX_LISTED])
    return render(request, "replies/templates.html", {"templates": rows})


@require_http_methods(["GET", "POST"])
@_guarded(admin=True)
def template_create(request: HttpRequest) -> HttpResponse:
    form = ReplyTemplateForm(request.POST or None, initial=ReplyTemplateForm.initial_for(None))
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_template(_user(request), form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Reply template created."))
            return see_other(reverse("reply-templates"))
    return render(request, "replies/template_form.html", {"form": form, "template": None, "variables": _variables()})


@require_http_methods(["GET", "POST"])
@_guarded(admin=True)
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    user = _user(request)
    template = actions.get_template(user, template_id)
    form = ReplyTemplateForm(request.POST or None, initial=ReplyTemplateForm.initial_for(template))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_template(user, template, form.values())
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Reply template saved."))
            return see_other(reverse("reply-templates"))
    return render(request, "replies/template_form.html", {"form": form, "template": template, "variables": _variables()})


@require_POST
@_guarded(admin=True)
def template_delete(request: HttpRequest, template_id: int) -> HttpResponse:
    user = _user(request)
    actions.delete_template(user, actions.get_template(user, template_id))
    messages.success(request, _("Reply template deleted."))
    return see_other(reverse("reply-templates"))


@require_GET
@_guarded(admin=False)
def composer_search(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The composer's result list (htmx): templates for this ticket, rendered, best matches first."""
    query = request.GET.get("q", "")[: actions.MAX_SEARCH]
    ticket, rows = actions.search_for_ticket(_user(request), ticket_id, query=query)
    return render(request, "replies/_composer_results.html", {"ticket": ticket, "rows": rows, "q": query})


@require_POST
@_guarded(admin=False)
def composer_use(request: HttpRequest, ticket_id: int, template_id: int) -> HttpResponse:
    actions.count_use(_user(request), ticket_id, template_id)
    return HttpResponse(status=204)
