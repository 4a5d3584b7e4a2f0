"""Pages of the LLM: the sidebar panel's "Draft a reply" and "Summarise" (htmx partials), and the
admins' "Test connection" on the AI settings page.

Thin: each view calls one action and renders its result or its error. Errors a user can act on
(switched off, rate limit, the model server failing, no reply rights) come back as a small inline
message with their own status (409, 429, 503, 403) and the header X-Llm-Error, which ai-llm.js uses
to let htmx show them in the panel; a missing or foreign ticket stays the usual 404.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from supportdesk.accounts.models import User
from supportdesk.ai.llm import actions
from supportdesk.ai.llm.client import LlmError
from supportdesk.ai.settings_access import check_ai_admin
from supportdesk.core.errors import PermissionDenied
from supportdesk.core.pages import guarded_page, see_other

ERROR_HEADER = "X-Llm-Error"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _error(request: HttpRequest, message: str, *, kind: str, status: int, retry_after: int | None = None) -> HttpResponse:
    response = render(request, "ai/llm/_error.html", {"message": message, "kind": kind}, status=status)
    response[ERROR_HEADER] = kind
    response["Cache-Control"] = "no-store"
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _llm_error(request: HttpRequest, exc: LlmError) -> HttpResponse:
    return _error(request, exc.message, kind=exc.kind, status=exc.status, retry_after=exc.retry_after)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"  # ticket text: never in a shared cache
    return response


@require_POST
@guarded_page()
def draft(request: HttpRequest, ticket_id: int) -> HttpResponse:
    try:
        result = actions.draft_reply(_user(request), ticket_id)
    except LlmError as exc:
        return _llm_error(request, exc)
    except PermissionDenied as exc:
        return _error(request, exc.message, kind="forbidden", status=403)
    return _no_store(render(request, "ai/llm/_draft.html", {"draft": result, "ticket_id": ticket_id}))


@require_POST
@guarded_page()
def summary(request: HttpRequest, ticket_id: int) -> HttpResponse:
    try:
        result = actions.summarise(_user(request), ticket_id)
    except LlmError as exc:
        return _llm_error(request, exc)
    return _no_store(render(request, "ai/llm/_summary.html", {"summary": result}))


@require_POST
@guarded_page(check_ai_admin)
def test_connection(request: HttpRequest) -> HttpResponse:
    """htmx: the result in place; without JavaScript: a message on the settings page."""
    htmx = request.headers.get("HX-Request") == "true"
    try:
        answer = actions.try_connection(_user(request))
    except LlmError as exc:
        if not htmx:
            messages.error(request, exc.message)
            return see_other(reverse("ai-settings"))
        response = render(request, "ai/llm/_test_result.html", {"error": exc}, status=exc.status)
        response[ERROR_HEADER] = exc.kind
        return response
    if not htmx:
        messages.success(request, actions.connection_ok_message(answer))
        return see_other(reverse("ai-settings"))
    return render(request, "ai/llm/_test_result.html", {"answer": answer, "message": actions.connection_ok_message(answer)})
