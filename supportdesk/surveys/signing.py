"""Signed one-click answer links: /survey/<token>/.

The token is django.core.signing over {"i": invitation id, "k": the invitation's random key,
"s": the clicked score (absent: no preselection)} with a salt of its own and a timestamp, so it
cannot be forged or altered without SECRET_KEY, cannot be derived from the id alone (the key is
random per invitation), and stops working after the link lifetime. Reading a token only proves
what it says; whether the survey is still open is access.invitation_from_token's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

SALT = "supportdesk.surveys.answer-link"
MAX_TOKEN = 300
# What signing.dumps produces: URL-safe base64 and the ':' separators; anything else is not ours.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-:.]{10,300}$")


class BadToken(Exception):
    """Not a token we signed, or altered since."""


class ExpiredToken(Exception):
    """A token we signed, but older than the link lifetime."""


@dataclass(frozen=True)
class LinkData:
    invitation_id: int
    key: str
    score: int | None


def make_token(invitation_id: int, key: str, score: int | None = None) -> str:
    payload: dict[str, object] = {"i": invitation_id, "k": key}
    if score is not None:
        payload["s"] = score
    return signing.dumps(payload, salt=SALT, compress=False)


def read_token(token: str, *, max_age: timedelta) -> LinkData:
    """The link's content; BadToken when it is malformed or tampered, ExpiredToken when too old."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN or not TOKEN_SHAPE.match(token):
        raise BadToken
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as exc:
        raise BadToken from exc
    if not isinstance(payload, dict):
        raise BadToken
    invitation_id, key, score = payload.get("i"), payload.get("k"), payload.get("s")
    if type(invitation_id) is not int or invitation_id < 1 or not isinstance(key, str) or not key:
        raise BadToken
    if score is not None and type(score) is not int:
        raise BadToken
    return LinkData(invitation_id=invitation_id, key=key, score=score)
