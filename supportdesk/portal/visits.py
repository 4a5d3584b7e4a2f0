"""One showing of the new-ticket form: its visit id (for deflection counting) and its signed start time.

When the form is shown it gets a random visit id and a token signed with SECRET_KEY holding that id
and the time. The token comes back in a hidden field: a submit faster than MIN_FILL_SECONDS after
the form was shown (a script, not a person), a token older than MAX_FORM_AGE, or a tampered one is
refused, and nothing about it is stored. The visit id is opaque, random and carries no personal
data; suggested KB links carry it (`?from=form&visit=...`) so the help centre can count a deflected
visit and, if the visitor submits anyway, link it to the new ticket.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core import signing

SALT = "supportdesk.portal.new-ticket-form"
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600
VISIT_BYTES = 16
_VISIT = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class FormTokenInvalid(Exception):
    """Missing, tampered, expired or too fast; the message says which (for the log only)."""


@dataclass(frozen=True)
class FormStart:
    visit: str
    started_at: float


def new_visit() -> str:
    """A random visit id (128 bits, URL-safe)."""
    return secrets.token_urlsafe(VISIT_BYTES)


def clean_visit(value: object) -> str:
    """The visit id if it has the shape new_visit makes, else "" (never trusted beyond its shape)."""
    text = str(value or "")
    return text if _VISIT.fullmatch(text) else ""


def form_token(visit: str, *, now: float | None = None) -> str:
    """The signed start of one form showing."""
    return signing.dumps({"v": visit, "t": round(now if now is not None else time.time(), 3)}, salt=SALT, compress=False)


def read_form_token(token: str, *, now: float | None = None) -> FormStart:
    """The visit and start time of a token, or FormTokenInvalid when it is not one we signed, is too
    old, or came back sooner than a person can fill in the form."""
    now = now if now is not None else time.time()
    if not token or len(token) > 500:
        raise FormTokenInvalid("missing")
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise FormTokenInvalid("bad signature") from exc
    if not isinstance(data, dict) or not isinstance(data.get("t"), int | float) or not clean_visit(data.get("v")):
        raise FormTokenInvalid("bad payload")
    elapsed = now - float(data["t"])
    if elapsed > MAX_FORM_AGE:
        raise FormTokenInvalid("expired")
    if elapsed < MIN_FILL_SECONDS:
        raise FormTokenInvalid("too fast")
    return FormStart(visit=str(data["v"]), started_at=float(data["t"]))


def deflection_url(url: str, visit: str, query: str = "") -> str:
    """A suggested article's link carrying the form visit (and what was typed), so the help centre
    can count the deflected visit."""
    params = {"from": "form"}
    if visit:
        params["visit"] = visit
    if query:
        params["q"] = query[:200]
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
