"""Fixed-window rate limits kept in the database, so every web process counts the same hits.

Used where abuse costs someone else (password-reset mail to a victim) or guesses passwords
(sign-in). Redis would be faster, but it is optional and these paths are rare and cheap to count.
"""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from supportdesk.core.models import RateLimitBucket

RETENTION = timedelta(days=1)


def allow(key: str, *, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one hit on `key`; True while the current window has seen at most `limit` hits."""
    now = now or timezone.now()
    digest = hashlib.sha256(key.encode()).hexdigest()
    with transaction.atomic():
        bucket, created = RateLimitBucket.objects.select_for_update().get_or_create(key=digest, defaults={"window_start": now, "count": 1})
        if created:
            return limit >= 1
        if now - bucket.window_start >= window:
            bucket.window_start, bucket.count = now, 1
        else:
            bucket.count += 1
        bucket.save(update_fields=["window_start", "count"])
        return bucket.count <= limit


def client_ip(request: HttpRequest) -> str:
    """The peer address. X-Forwarded-For counts only when the peer is a configured trusted proxy,
    and then the right-most address not itself a trusted proxy (a client can forge the rest)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = set(settings.SUPPORTDESK_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for candidate in reversed(forwarded):
        if candidate in trusted:
            continue
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote


def purge_expired_buckets(*, now: datetime | None = None) -> int:
    """Delete buckets whose window ended long ago (the worker's sweep)."""
    now = now or timezone.now()
    deleted, _ = RateLimitBucket.objects.filter(window_start__lt=now - RETENTION).delete()
    return deleted
