"""API token creation and verification. Keys are 256-bit random; only their hash is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from supportdesk.accounts.models import ApiToken, User

TOKEN_PREFIX = "sd_"
# Writing last_used_at on every request would turn reads into writes; a minute's precision is enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, *, name: str = "") -> tuple[ApiToken, str]:
    """Create a token and return it with the plain key, which is never retrievable again."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:12], key_hash=_hash(key))
    return token, key


def authenticate_token(key: str) -> User | None:
    """Return the active user owning an unrevoked token with this key, or None."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True).first()
    if token is None:
        return None
    changed = token.user.password_changed_at
    if changed is not None and token.created_at < changed:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_all_tokens(user: User) -> int:
    """Revoke every token of a user (password change, deactivation, role removal). Returns the count."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
