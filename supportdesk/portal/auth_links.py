"""One-time sign-in and verification links mailed to customers.

A token is `secrets.token_urlsafe(32)` (256 random bits, 43 characters); only its SHA-256 is
stored, so a database dump signs nobody in. The lookup is by that hash through a unique index: a
timing difference can only tell an attacker about the hash of a guess, never about a real token.
A link is single use under a row lock (two clicks at once: one wins), expires after
PortalSettings.sign_in_link_minutes, and using one invalidates the user's older unused links.

Requests for links are answered identically whatever the address (known, unknown, inactive,
staff): the request only counts the rate limits and queues a task after commit; the task decides
whether a link is made and mailed. Staff addresses never get a link: staff sign in with a password
(and its protections) on the agent sign-in page, or with the password form of the portal.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import re
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.accounts.models import User
from supportdesk.core.ratelimit import allow
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInLink, SignInPurpose

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters of [A-Za-z0-9_-]; anything else is refused before any lookup.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
# BAD-INPUTS 44: a victim gets at most a few mails, a script at one address learns nothing.
ADDRESS_LIMIT = (5, timedelta(minutes=15))
IP_LIMIT = (20, timedelta(hours=1))


class LinkProblem(enum.Enum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


LINK_PROBLEM_TEXT = {
    LinkProblem.UNKNOWN: _("This link is not valid. It may have been copied incompletely."),
    LinkProblem.EXPIRED: _("This link has expired. Please ask for a new one."),
    LinkProblem.USED: _("This link has already been used. Please ask for a new one."),
}


class LinkRefused(Exception):
    """A link that cannot be used; `kind` says why (safe to show: the holder had the token)."""

    def __init__(self, kind: LinkProblem) -> None:
        super().__init__(kind.value)
        self.kind = kind


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(user: User, purpose: str = SignInPurpose.SIGN_IN, *, now: datetime | None = None) -> str:
    """Create a link for `user` and return its token (the only time the plain token exists)."""
    if purpose not in SignInPurpose.values:
        raise ValueError(f"unknown link purpose {purpose!r}")
    now = now or timezone.now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    minutes = get_portal_settings().sign_in_link_minutes
    SignInLink.objects.create(
        user=user, token_hash=hash_token(token), purpose=purpose, created_at=now, expires_at=now + timedelta(minutes=minutes)
    )
    return token


def peek(token: str, *, now: datetime | None = None) -> SignInLink:
    """The usable link of `token` without using it (the confirmation page); LinkRefused otherwise."""
    now = now or timezone.now()
    link = _find(token)
    _check(link, now)
    return link


def consume(token: str, *, now: datetime | None = None) -> SignInLink:
    """Use the link of `token` once: marks it used, invalidates the user's older unused links and
    verifies the user's address. Returns the link (with `.user`); LinkRefused when it cannot be used.
    Concurrent calls with one token: exactly one succeeds (row lock, and a conditional update)."""
    now = now or timezone.now()
    with transaction.atomic():
        link = _find(token, lock=True)
        _check(link, now)
        if not SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now):
            raise LinkRefused(LinkProblem.USED)
        link.used_at = now
        SignInLink.objects.filter(user_id=link.user_id, used_at__isnull=True, created_at__lte=link.created_at).exclude(pk=link.pk).update(
            used_at=now
        )
        user = link.user
        if user.email_verified_at is None:
            user.email_verified_at = now
            user.save(update_fields=["email_verified_at", "updated_at"])
    logger.info("portal %s link %s used by user %s", link.purpose, link.pk, link.user_id)
    return link


def _find(token: str, *, lock: bool = False) -> SignInLink:
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        raise LinkRefused(LinkProblem.UNKNOWN)
    query = SignInLink.objects.select_related("user")
    if lock:
        query = query.select_for_update(of=("self",))
    link = query.filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkRefused(LinkProblem.UNKNOWN)
    return link


def _check(link: SignInLink, now: datetime) -> None:
    if not link.user.is_active:
        raise LinkRefused(LinkProblem.UNKNOWN)
    if link.used_at is not None:
        raise LinkRefused(LinkProblem.USED)
    if link.expires_at <= now:
        raise LinkRefused(LinkProblem.EXPIRED)


def within_link_limits(address: str, ip: str) -> bool:
    """Count one link request against the per-address and per-IP limits (both are always counted)."""
    address = (address or "").strip().lower()[:254]
    results = [
        allow(f"portal-link:email:{address}", limit=ADDRESS_LIMIT[0], window=ADDRESS_LIMIT[1]),
        allow(f"portal-link:ip:{ip}", limit=IP_LIMIT[0], window=IP_LIMIT[1]),
    ]
    return all(results)


def request_link(address: str, *, ip: str, next_path: str = "") -> bool:
    """A visitor asks for a sign-in link to `address`. Counts the rate limits, then queues the
    mail task after commit; the caller answers the same whatever happens here. Returns whether a
    task was queued (for logging and tests, never for the answer)."""
    from supportdesk.portal.tasks_auth import send_portal_link

    if not within_link_limits(address, ip):
        logger.warning("portal sign-in link request over the rate limit (ip %s)", ip)
        return False
    address = (address or "").strip().lower()[:254]
    transaction.on_commit(lambda: send_portal_link.enqueue(address, SignInPurpose.SIGN_IN.value, next_path), robust=True)
    return True


def mail_link_to_user(user: User, purpose: str, *, ip: str, next_path: str = "") -> bool:
    """Queue a link mail to a known user (verification after registration, "send again"), within
    the same rate limits as link requests."""
    from supportdesk.portal.tasks_auth import send_portal_link

    if not within_link_limits(user.email, ip):
        logger.warning("portal %s link for user %s over the rate limit (ip %s)", purpose, user.pk, ip)
        return False
    email, purpose = user.email, str(purpose)
    transaction.on_commit(lambda: send_portal_link.enqueue(email, purpose, next_path), robust=True)
    return True


def purge_old_links(*, now: datetime | None = None, keep: timedelta = timedelta(days=7)) -> int:
    """Delete links that expired more than `keep` ago (used or not); returns how many. For the
    worker's sweeps: the rows are worthless once expired, and keeping a week helps support staff
    answer "my link did not work"."""
    now = now or timezone.now()
    deleted, _by_model = SignInLink.objects.filter(expires_at__lt=now - keep).delete()
    return deleted
