"""The database-backed rate limiter and the client address it keys on (BAD-INPUTS 35, 44)."""

from datetime import timedelta

from django.test import RequestFactory, override_settings
from django.utils import timezone

from supportdesk.core.models import RateLimitBucket
from supportdesk.core.ratelimit import allow, client_ip, purge_expired_buckets


def test_allows_up_to_limit_then_refuses_until_window_ends(db):
    start = timezone.now()
    results = [allow("k", limit=3, window=timedelta(minutes=1), now=start + timedelta(seconds=i)) for i in range(5)]
    assert results == [True, True, True, False, False]
    assert allow("k", limit=3, window=timedelta(minutes=1), now=start + timedelta(minutes=1)) is True
    assert allow("other", limit=3, window=timedelta(minutes=1), now=start) is True


def test_keys_are_stored_hashed(db):
    allow("sign-in:email:carla@customer.example", limit=1, window=timedelta(minutes=1))
    stored = RateLimitBucket.objects.get().key
    assert "carla" not in stored and len(stored) == 64


def test_purge_removes_only_old_buckets(db):
    now = timezone.now()
    allow("old", limit=1, window=timedelta(minutes=1), now=now - timedelta(days=2))
    allow("new", limit=1, window=timedelta(minutes=1), now=now)
    assert purge_expired_buckets(now=now) == 1
    assert RateLimitBucket.objects.count() == 1


def test_forwarded_for_is_ignored_from_untrusted_peers():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert client_ip(request) == "203.0.113.9"


@override_settings(SUPPORTDESK_TRUSTED_PROXIES=["127.0.0.1"])
def test_forwarded_for_is_used_behind_a_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"  # the right-most hop the proxy saw, not the forgeable left part
    garbage = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "127.0.0.1"
