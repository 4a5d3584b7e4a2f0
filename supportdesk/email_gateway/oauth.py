"""OAuth 2.0 access tokens for XOAUTH2 mailboxes (Microsoft 365, Google): the refresh-token flow.

An access token lives about an hour; the refresh token, stored encrypted on the mailbox, buys a new
one from the provider's token endpoint (RFC 6749 section 6). `access_token()` returns a token that is
valid for at least REFRESH_MARGIN, refreshing first when needed, and persists what the endpoint
returned (a provider that rotates refresh tokens, like Microsoft, sends a new one each time).

Secrets never leave this module in an error: TokenRefreshFailed carries a short fixed text with the
HTTP status or the OAuth error code at most (BAD-INPUTS 39). The endpoint must be https; plain http is
accepted for the literal loopback address 127.0.0.1 only (a local fake endpoint in tests, or a proxy
on the same host), where the token never crosses the network.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.core.crypto import decrypt_secret, encrypt_secret
from supportdesk.email_gateway.models import Mailbox

logger = logging.getLogger(__name__)

TIMEOUT = 15.0  # seconds for the whole token request; a hung endpoint costs one poll
REFRESH_MARGIN = timedelta(seconds=120)  # refresh this long before expiry, so a poll never logs in with a dying token
DEFAULT_LIFETIME = timedelta(minutes=30)  # when the endpoint does not say (expires_in is RECOMMENDED only)
MAX_RESPONSE_BYTES = 64 * 1024
MAX_TOKEN_CHARS = 4096
LOOPBACK_HTTP_HOSTS = frozenset({"127.0.0.1"})
OAUTH_ERROR_CODE = re.compile(r"^[a-z_]{1,40}$")  # RFC 6749 error codes; anything else is not echoed


class TokenRefreshFailed(Exception):
    """Getting a new access token failed; `str()` is safe to show and store (no token, no body)."""


def check_token_url(url: str) -> str:
    """'' when `url` may be used as a token endpoint, else the reason (translated)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return _("Enter a valid URL.")
    if any(ch in url for ch in "\r\n\x00 ") or not parts.hostname:
        return _("Enter a valid URL.")
    if parts.username or parts.password:
        return _("The URL must not contain a user name or password.")
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HTTP_HOSTS):
        return ""
    return _("The token endpoint must use https.")


def needs_refresh(mailbox: Mailbox, *, now: datetime | None = None) -> bool:
    """A refresh token is stored and the access token is missing, of unknown age, or about to expire."""
    if not mailbox.oauth_refresh_token_encrypted:
        return False
    if not mailbox.imap_secret_encrypted or mailbox.oauth_access_expires_at is None:
        return True
    return mailbox.oauth_access_expires_at <= (now or timezone.now()) + REFRESH_MARGIN


def access_token(mailbox: Mailbox, *, force_refresh: bool = False, timeout: float = TIMEOUT) -> str:
    """The access token to log in with, refreshed first when due (or when `force_refresh`)."""
    if mailbox.oauth_refresh_token_encrypted and (force_refresh or needs_refresh(mailbox)):
        return refresh(mailbox, timeout=timeout)
    return decrypt_secret(mailbox.imap_secret_encrypted)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A token endpoint answers directly; following a redirect would send the refresh token elsewhere."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _request_body(mailbox: Mailbox) -> bytes:
    form = {
        "grant_type": "refresh_token",
        "refresh_token": decrypt_secret(mailbox.oauth_refresh_token_encrypted),
        "client_id": mailbox.oauth_client_id,
    }
    client_secret = decrypt_secret(mailbox.oauth_client_secret_encrypted)
    if client_secret:
        form["client_secret"] = client_secret
    if mailbox.oauth_scope:
        form["scope"] = mailbox.oauth_scope
    return urllib.parse.urlencode(form).encode()


def _http_error(exc: urllib.error.HTTPError, host: str) -> TokenRefreshFailed:
    """Describe a non-2xx answer by status and, when it is a standard one, the OAuth error code."""
    code = ""
    try:
        payload = json.loads(exc.read(MAX_RESPONSE_BYTES) or b"{}")
        candidate = payload.get("error", "") if isinstance(payload, dict) else ""
        code = candidate if isinstance(candidate, str) and OAUTH_ERROR_CODE.match(candidate) else ""
    except (ValueError, OSError):
        pass
    if exc.code == 400:
        text = _("The token endpoint %(host)s refused the refresh token (HTTP 400%(code)s): sign in again and store a new one.")
    elif exc.code == 401:
        text = _("The token endpoint %(host)s refused the client (HTTP 401%(code)s): check the client ID and secret.")
    else:
        text = _("The token endpoint %(host)s answered HTTP %(status)s%(code)s.")
    return TokenRefreshFailed(text % {"host": host, "status": exc.code, "code": f", {code}" if code else ""})


def _post(url: str, body: bytes, *, timeout: float) -> dict[str, Any]:
    """POST the form and return the JSON object answered; TokenRefreshFailed on any failure."""
    problem = check_token_url(url)
    host = urllib.parse.urlsplit(url).hostname or "?"
    if problem:
        raise TokenRefreshFailed(problem)
    request = urllib.request.Request(  # noqa: S310 - the scheme is https (or loopback http), checked above
        url, data=body, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
            raw = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise _http_error(exc, host) from None
    except TimeoutError:
        raise TokenRefreshFailed(_("The token endpoint %(host)s did not answer in time.") % {"host": host}) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise TokenRefreshFailed(_("The token endpoint %(host)s did not answer in time.") % {"host": host}) from None
        raise TokenRefreshFailed(_("The token endpoint %(host)s could not be reached.") % {"host": host}) from None
    except OSError:
        raise TokenRefreshFailed(_("The token endpoint %(host)s could not be reached.") % {"host": host}) from None
    if status != 200:  # a 3xx that was not followed, or an odd 2xx
        raise TokenRefreshFailed(
            _("The token endpoint %(host)s answered HTTP %(status)s%(code)s.") % {"host": host, "status": status, "code": ""}
        )
    try:
        if len(raw) > MAX_RESPONSE_BYTES:
            raise ValueError("too large")
        payload = json.loads(raw)
    except ValueError:
        raise TokenRefreshFailed(_("The token endpoint %(host)s did not answer with valid JSON.") % {"host": host}) from None
    if not isinstance(payload, dict):
        raise TokenRefreshFailed(_("The token endpoint %(host)s did not answer with valid JSON.") % {"host": host})
    return payload


def _lifetime(payload: dict[str, Any]) -> timedelta:
    try:
        seconds = int(payload.get("expires_in", 0))
    except (TypeError, ValueError):
        seconds = 0
    return timedelta(seconds=seconds) if 0 < seconds <= 86_400 * 365 else DEFAULT_LIFETIME


def refresh(mailbox: Mailbox, *, timeout: float = TIMEOUT) -> str:
    """Trade the refresh token for a new access token, store both (encrypted) and return the access token."""
    if not mailbox.oauth_refresh_token_encrypted:
        raise TokenRefreshFailed(_("No OAuth refresh token is stored."))
    if not mailbox.oauth_token_url or not mailbox.oauth_client_id:
        raise TokenRefreshFailed(_("The OAuth client ID and token endpoint are required to refresh the token."))
    host = urllib.parse.urlsplit(mailbox.oauth_token_url).hostname or "?"
    payload = _post(mailbox.oauth_token_url, _request_body(mailbox), timeout=timeout)
    token = payload.get("access_token")
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        raise TokenRefreshFailed(_("The token endpoint %(host)s answered without an access token.") % {"host": host})
    changes: dict[str, Any] = {
        "imap_secret_encrypted": encrypt_secret(token),
        "oauth_access_expires_at": timezone.now() + _lifetime(payload),
    }
    rotated = payload.get("refresh_token")
    if isinstance(rotated, str) and rotated and len(rotated) <= MAX_TOKEN_CHARS:
        changes["oauth_refresh_token_encrypted"] = encrypt_secret(rotated)
    Mailbox.objects.filter(pk=mailbox.pk).update(**changes)
    for name, value in changes.items():
        setattr(mailbox, name, value)
    logger.info("mailbox %s: OAuth access token refreshed (valid until %s)", mailbox.pk, changes["oauth_access_expires_at"].isoformat())
    return token
