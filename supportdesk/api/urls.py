"""The REST API instance (django-ninja): versioned routers under /api/v1/, schema and docs under /api/.

Everything cross-cutting is wired here once: authentication (token or session with CSRF), problem+json
errors, Idempotency-Key on every POST, and a CSP for the docs page that still allows no inline script.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router

from supportdesk.api import problems
from supportdesk.api.auth import SessionAuth, TokenAuth
from supportdesk.api.idempotency import idempotent
from supportdesk.api.routers import (
    ai,
    ai_llm,
    ai_rules,
    ai_suggestions,
    articles,
    attachments,
    calendars,
    catalog,
    kb,
    kb_public,
    mail,
    portal,
    portal_topics,
    processes,
    replies,
    reports,
    routing,
    rules,
    sla_policies,
    surveys,
    ticket_relations,
    tickets,
    users,
    webhooks,
    workspace,
)

# Swagger UI sets inline style attributes at run time; scripts still come only from our own origin.
DOCS_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
ROUTERS: list[Router] = [
    tickets.router,
    ticket_relations.router,
    articles.router,
    attachments.router,
    users.router,
    catalog.router,
    workspace.router,
    mail.router,
    calendars.router,
    sla_policies.router,
    routing.router,
    rules.router,
    replies.router,
    webhooks.router,
    processes.router,
    kb.router,
    kb_public.router,
    portal.router,
    portal_topics.router,
    surveys.router,
    reports.router,
    ai.router,
    ai_rules.router,
    ai_suggestions.router,
    ai_llm.router,
]


def docs_csp(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY)
        return response

    return wrapper


def problem_for_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers an unsupported method with a bare text 405; give it the problem+json shape."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(problems.PROBLEM_CONTENT_TYPE):
            allowed = response.get("Allow", "")
            return problems.problem(405, _("This method is not allowed here."), headers={"Allow": allowed})
        return response

    return wrapper


class SupportdeskAPI(NinjaAPI):
    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                # Idempotency wraps the whole view (every method; it acts on POST only), so no
                # endpoint can forget it.
                pattern.callback = problem_for_not_allowed(idempotent(pattern.callback))
        return patterns


def build_api() -> NinjaAPI:
    api = SupportdeskAPI(
        title="Supportdesk API",
        version="1.0.0",
        description="REST API of Supportdesk. Authenticate with `Authorization: Token <key>` "
        "(create one with `supportdesk token create EMAIL`). Errors are RFC 9457 problem+json.",
        urls_namespace="api",
        openapi_url="/schema",
        docs_url="/docs",
        docs_decorator=docs_csp,
        auth=[TokenAuth(), SessionAuth()],
    )
    problems.install(api)
    v1 = Router()
    for router in ROUTERS:
        v1.add_router("", router)
    api.add_router("/v1/", v1)
    return api


api = build_api()
