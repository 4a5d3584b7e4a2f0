"""Who is calling: `Authorization: Token <key>` for scripts, the session cookie for the UI's own JS.

Both paths end in an active user; a token issued before the owner's last password change, or of a
deactivated user, is refused by accounts.tokens (BAD-INPUTS 37). Django already drops sessions of
inactive users and sessions older than a password change (session auth hash).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, APIKeyHeader
from ninja.utils import check_csrf

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import authenticate_token

TOKEN_SCHEME = "token"


def token_from_header(value: str | None) -> str | None:
    """The key of an `Authorization: Token <key>` header, or None for any other shape."""
    if not value:
        return None
    scheme, _sep, key = value.strip().partition(" ")
    if scheme.lower() != TOKEN_SCHEME or not key.strip():
        return None
    return key.strip()


class TokenAuth(APIKeyHeader):
    """`Authorization: Token sd_...`; documented in OpenAPI as an API key header."""

    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        token = token_from_header(key)
        return authenticate_token(token) if token else None


class SessionAuth(APIKeyCookie):
    """The signed-in browser session. CSRF is enforced for unsafe methods, but only once we know a
    session user is present, so an anonymous call gets the honest 401 rather than a CSRF 403."""

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if isinstance(user, User) and user.is_authenticated and user.is_active:
            return user
        return None


def resolve_user(request: HttpRequest) -> User | None:
    """The caller as the auth classes would see them, without CSRF checks (for idempotency lookups,
    which run before the operation; the operation itself still authenticates and checks CSRF)."""
    token = token_from_header(request.headers.get("Authorization"))
    if token:
        return authenticate_token(token)
    user = getattr(request, "user", None)
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def actor(request: HttpRequest) -> User:
    """The authenticated user of an API operation (set by ninja from the auth classes above)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
