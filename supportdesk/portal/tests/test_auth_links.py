"""One-time sign-in links: entropy, hash-only storage, single use, expiry, invalidation (BAD-INPUTS 38)."""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.portal import auth_links
from supportdesk.portal.auth_links import LinkProblem, LinkRefused, consume, issue_link, peek
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInLink, SignInPurpose
from supportdesk.testing.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def refused(token: object) -> LinkProblem:
    with pytest.raises(LinkRefused) as info:
        consume(token)  # type: ignore[arg-type]
    return info.value.kind


def test_token_is_long_random_and_only_its_hash_is_stored(customer: User) -> None:
    tokens = {issue_link(customer) for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes = 256 bits
    stored = set(SignInLink.objects.values_list("token_hash", flat=True))
    assert stored == {hashlib.sha256(t.encode()).hexdigest() for t in tokens}
    dumped = " ".join(str(row) for row in SignInLink.objects.values())
    assert not any(token in dumped for token in tokens)


def test_token_is_not_derived_from_user_or_time(customer: User) -> None:
    now = timezone.now()
    other = CustomerFactory.create()
    tokens = [issue_link(customer, now=now), issue_link(customer, now=now), issue_link(other, now=now)]
    assert len(set(tokens)) == 3  # same user and instant, or same instant: unrelated tokens


def test_link_expires_after_the_configured_minutes(customer: User) -> None:
    row = get_portal_settings()
    row.sign_in_link_minutes = 7
    row.save()
    now = timezone.now()
    issue_link(customer, now=now)
    link = SignInLink.objects.get()
    assert link.expires_at - link.created_at == timedelta(minutes=7)
    assert link.purpose == SignInPurpose.SIGN_IN


def test_consume_signs_in_once_and_verifies_the_address(customer: User) -> None:
    assert customer.email_verified_at is None
    token = issue_link(customer)
    link = consume(token)
    assert link.user == customer
    customer.refresh_from_db()
    assert customer.email_verified_at is not None
    assert SignInLink.objects.get().used_at is not None
    assert refused(token) is LinkProblem.USED


def test_verified_at_is_kept_when_already_set(customer: User) -> None:
    earlier = timezone.now() - timedelta(days=30)
    User.objects.filter(pk=customer.pk).update(email_verified_at=earlier)
    consume(issue_link(customer))
    customer.refresh_from_db()
    assert customer.email_verified_at == earlier


def test_expired_link_is_refused_and_left_unused(customer: User) -> None:
    now = timezone.now()
    token = issue_link(customer, now=now)
    minutes = get_portal_settings().sign_in_link_minutes
    with pytest.raises(LinkRefused) as info:
        consume(token, now=now + timedelta(minutes=minutes, seconds=1))
    assert info.value.kind is LinkProblem.EXPIRED
    assert SignInLink.objects.get().used_at is None
    customer.refresh_from_db()
    assert customer.email_verified_at is None
    assert consume(token, now=now + timedelta(minutes=minutes - 1)).user == customer


@pytest.mark.parametrize("token", ["", None, "x", "a" * 43, "a" * 44, "../../etc/passwd", "%00", 12345, "é" * 43])
def test_malformed_or_unknown_tokens_are_unknown(customer: User, token: object) -> None:
    issue_link(customer)
    assert refused(token) is LinkProblem.UNKNOWN
    assert SignInLink.objects.get().used_at is None


def test_token_in_another_case_is_refused(customer: User) -> None:
    token = issue_link(customer)
    other = token.swapcase()
    assert other != token
    assert refused(other) is LinkProblem.UNKNOWN
    assert consume(token).user == customer


def test_inactive_user_cannot_use_a_link(customer: User) -> None:
    token = issue_link(customer)
    User.objects.filter(pk=customer.pk).update(is_active=False)
    assert refused(token) is LinkProblem.UNKNOWN
    with pytest.raises(LinkRefused):
        peek(token)


def test_using_a_link_invalidates_older_unused_ones_only(customer: User) -> None:
    now = timezone.now()
    old = issue_link(customer, now=now - timedelta(minutes=2))
    used = issue_link(customer, now=now - timedelta(minutes=1))
    newer = issue_link(customer, now=now)
    other_user = CustomerFactory.create()
    others = issue_link(other_user, now=now - timedelta(minutes=3))
    consume(used, now=now)
    assert refused(old) is LinkProblem.USED
    assert consume(newer, now=now).user == customer
    assert consume(others, now=now).user == other_user


def test_peek_does_not_use_the_link(customer: User) -> None:
    token = issue_link(customer)
    assert peek(token).user == customer
    assert peek(token).used_at is None
    customer.refresh_from_db()
    assert customer.email_verified_at is None


def test_unknown_purpose_is_a_programming_error(customer: User) -> None:
    with pytest.raises(ValueError):
        issue_link(customer, "reset")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_clicks_at_once_one_wins(attempt: int) -> None:
    """Two threads use one token at the same moment: exactly one signs in (row lock on PostgreSQL;
    SQLite's immediate write lock serialises the transactions)."""
    user = CustomerFactory.create(email=f"race{attempt}@customer.example")
    token = issue_link(user)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            barrier.wait()
            consume(token)
            outcomes.append("signed in")
        except LinkRefused as exc:
            outcomes.append(exc.kind.value)
        except BaseException as exc:  # reported below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["signed in", "used"]
    assert SignInLink.objects.filter(used_at__isnull=False).count() == 1


def test_limits_count_per_address_and_per_ip(customer: User) -> None:
    limit = auth_links.ADDRESS_LIMIT[0]
    results = [auth_links.within_link_limits(customer.email, f"10.0.0.{i}") for i in range(limit + 1)]
    assert results == [True] * limit + [False]
    assert auth_links.within_link_limits("SOMEONE@else.example", "10.0.0.1") is True
    ip_limit = auth_links.IP_LIMIT[0]
    from_one_ip = [auth_links.within_link_limits(f"a{i}@x.example", "192.0.2.9") for i in range(ip_limit + 1)]
    assert from_one_ip == [True] * ip_limit + [False]


def test_purge_deletes_only_links_expired_long_ago(customer: User) -> None:
    now = timezone.now()
    issue_link(customer, now=now - timedelta(days=8))
    recent = issue_link(customer, now=now - timedelta(days=6))
    assert auth_links.purge_old_links(now=now) == 1
    assert list(SignInLink.objects.values_list("token_hash", flat=True)) == [hashlib.sha256(recent.encode()).hexdigest()]
