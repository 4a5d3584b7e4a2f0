"""RFC 9457 problem details for every error the API answers with.

`{"type", "title", "status", "detail", "errors": {field: message}}` with content type
application/problem+json. Missing and forbidden objects both come back as 404 (the gates raise
NotFound for both); unexpected exceptions are logged and answered without any internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from supportdesk.core.errors import DomainError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
# Where a validation error sits in ninja's `loc`; the field path follows it.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


def problem(status: int, detail: str, *, errors: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> HttpResponse:
    """Build one problem+json response; `title` is the HTTP reason phrase, so `type` is about:blank."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": errors or {},
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
        # Body schemas are nested under the parameter name (e.g. "payload"); clients send the fields.
        if len(parts) > 1 and loc[0] == "body":
            parts = parts[1:]
    return ".".join(parts)[:200] or "request"


def _validation_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors:
        field = _field_path(error.get("loc", ()))
        errors.setdefault(field, str(error.get("msg", "Invalid value."))[:300])
    return errors


def on_domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
    assert isinstance(exc, DomainError)
    return problem(exc.status, str(exc.message), errors=exc.field_errors)


def on_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
    assert isinstance(exc, ValidationError)
    return problem(422, _("The request is invalid."), errors=_validation_errors(exc))


def on_authentication_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(401, _("Authentication required."), headers={"WWW-Authenticate": 'Token realm="api"'})


def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    assert isinstance(exc, HttpError)
    status = exc.status_code
    if status == 400:
        return problem(400, _("The request body could not be parsed."))
    if status == 403:
        return problem(403, _("You are not allowed to do this."))
    return problem(status, HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else _("Error."))


def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(404, _("Not found."))


def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(413, _("The request body is too large."))


def on_suspicious(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(400, _("The request could not be processed."))


def on_unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
    """Log the stack trace for operators; the client learns only that it was our fault."""
    logger.exception("unhandled API error on %s %s", request.method, request.path)
    return problem(500, _("An unexpected error occurred."))


def install(api: NinjaAPI) -> None:
    """Register the handlers; the most specific class wins, so the catch-all only sees the rest."""
    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(DomainError, on_domain_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(SuspiciousOperation, on_suspicious)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
