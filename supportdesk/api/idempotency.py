"""`Idempotency-Key` on POST: a retried request gets the stored answer instead of a second effect.

The record is keyed by (user, key). The same key with the same method, path and body replays the
stored status and JSON body; the same key with anything else is a client bug and gets 422. The key
is claimed before the operation runs, so a concurrent retry gets 409 instead of a second effect.
Only successful (2xx) answers are stored, so a request that failed validation can be corrected
and resent with the same key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from supportdesk.api.auth import resolve_user
from supportdesk.api.models import IdempotencyRecord
from supportdesk.api.problems import problem

HEADER = "Idempotency-Key"
MAX_KEY = 200
MAX_STORED_BODY = 1_000_000
IN_PROGRESS = 0  # status_code of a claimed key whose request is still running


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def idempotent(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a ninja operation's run() (via ninja.decorators.decorate_view)."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST":
            return run(request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY or not key.isprintable():
            return problem(422, _("Invalid Idempotency-Key."), errors={HEADER: _("1 to 200 printable characters.")})
        user = resolve_user(request)
        if user is None:  # let the operation answer 401 itself
            return run(request, *args, **kwargs)
        try:
            fingerprint = _fingerprint(request)
        except RequestDataTooBig:
            return problem(413, _("The request body is too large."))
        stored = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if stored is not None:
            return _replay(stored, fingerprint)
        try:
            with transaction.atomic():
                # Claim the key before running, so a concurrent retry cannot repeat the effect.
                record = IdempotencyRecord.objects.create(
                    user=user,
                    key=key,
                    method=request.method or "POST",
                    path=request.path[:300],
                    request_hash=fingerprint,
                    status_code=IN_PROGRESS,
                    response_body="",
                )
        except IntegrityError:
            return problem(409, _("A request with this Idempotency-Key is already being processed."))
        try:
            response = run(request, *args, **kwargs)
        except BaseException:
            record.delete()
            raise
        if 200 <= response.status_code < 300 and len(response.content) <= MAX_STORED_BODY:
            record.status_code = response.status_code
            record.response_body = response.content.decode()
            record.save(update_fields=["status_code", "response_body"])
        else:
            record.delete()
        return response

    return wrapper


def _replay(stored: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if stored.status_code == IN_PROGRESS:
        return problem(409, _("A request with this Idempotency-Key is already being processed."))
    if stored.request_hash != fingerprint:
        return problem(
            422,
            _("This Idempotency-Key was used for a different request."),
            errors={HEADER: _("Already used with another body or path.")},
        )
    response = HttpResponse(stored.response_body, status=stored.status_code, content_type="application/json")
    response["Idempotent-Replayed"] = "true"
    return response
