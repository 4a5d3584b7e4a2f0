"""The SLA policy webhook: one signed JSON POST per event, safe against SSRF, retried with backoff.

Kept small and separate on purpose (issue 5 builds the general webhook system). What holds
(BAD-INPUTS 39-41):
- only http and https URLs without credentials; the host is resolved at every send and every
  address must be public (no loopback, RFC 1918, link-local such as 169.254.169.254, multicast,
  reserved; IPv4-mapped IPv6 is unwrapped); the connection goes to the address that was checked
  (pinned), with the host name kept for the Host header and TLS (SNI and certificate checks);
- redirects are never followed (a 3xx is a failure), the timeout is 10 seconds;
- the body is signed: `X-Supportdesk-Signature: sha256=<hex HMAC-SHA256(key, body)>`, where the key
  is derived from SECRET_KEY (`supportdesk sla webhook-key` prints it for the receiver);
- every attempt of one event carries the same `X-Supportdesk-Delivery` id, so receivers can
  deduplicate; logs name the host only, never the URL's path or query (they may hold tokens).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import socket  # noqa: F401  (the SLA tests stand in for DNS through webhook.socket)
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core import net_safety
from supportdesk.tickets.models import Notification, Ticket

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "Supportdesk-SLA-Webhook/1"
FAILED_KIND = "sla_webhook_failed"


# The checks live in core.net_safety (shared with the webhooks app); these names stay for callers.
UnsafeTarget = net_safety.UnsafeTarget
Target = net_safety.Target


def webhook_key() -> bytes:
    """The signing key: derived from SECRET_KEY, so it needs no storage and changes with it."""
    return hmac.new(settings.SECRET_KEY.encode(), b"supportdesk.sla.webhook", hashlib.sha256).digest()


def signature(body: bytes) -> str:
    return "sha256=" + hmac.new(webhook_key(), body, hashlib.sha256).hexdigest()


def payload_of(ticket: Ticket, kind: str, data: Any) -> str:
    """The JSON body: {event, ticket {id, number, subject, priority, group}, metric, due_at, step}."""
    due = data.get("due_at")
    body = {
        "event": kind,
        "ticket": {
            "id": ticket.pk,
            "number": ticket.display_number,
            "subject": ticket.subject,
            "priority": ticket.priority,
            "group": ticket.group.name,
        },
        "metric": data.get("metric"),
        "due_at": due.isoformat() if isinstance(due, datetime) else due,
        "step": data.get("step"),
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def check_target(url: str) -> Target:
    """Parse and resolve the URL now; raise UnsafeTarget unless every address is public."""
    return net_safety.check_url(url, allow_loopback=settings.SUPPORTDESK_SLA_WEBHOOK_ALLOW_LOOPBACK)


def unsafe_reason(url: str) -> str:
    """Why a webhook URL would be refused right now ("" when it is fine); for forms and the API."""
    try:
        check_target(url)
    except UnsafeTarget as exc:
        return str(exc)
    return ""


def post(target: Target, body: bytes, delivery_id: str, *, timeout: float = TIMEOUT_SECONDS) -> int:
    """One POST to the pinned address; the response status (redirects are not followed)."""
    connection = net_safety.pinned_connection(target, timeout=timeout)
    headers = {
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Supportdesk-Signature": signature(body),
        "X-Supportdesk-Delivery": delivery_id,
    }
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return response.status
    finally:
        connection.close()


def attempt_delivery(url: str, body: str, delivery_id: str) -> str:
    """One attempt: "sent", "refused" (unsafe target: retrying will not help) or "failed"."""
    host = urlsplit(url).hostname or "?"
    try:
        target = check_target(url)
    except UnsafeTarget as exc:
        logger.warning("SLA webhook %s to %s refused: %s", delivery_id, host, exc)
        return "refused"
    try:
        status = post(target, body.encode(), delivery_id)
    except (OSError, http.client.HTTPException) as exc:
        logger.warning("SLA webhook %s to %s failed: %s", delivery_id, host, type(exc).__name__)
        return "failed"
    if 200 <= status < 300:
        logger.info("SLA webhook %s to %s delivered (%s)", delivery_id, host, status)
        return "sent"
    logger.warning("SLA webhook %s to %s answered %s", delivery_id, host, status)
    return "failed"


def backoff_seconds(attempt: int) -> float:
    """Delay before the attempt after `attempt` (1-based): the base, doubled after each failure."""
    return float(settings.SUPPORTDESK_SLA_WEBHOOK_BACKOFF_SECONDS) * 2 ** (attempt - 1)


def max_attempts() -> int:
    return max(6, int(settings.SUPPORTDESK_SLA_WEBHOOK_ATTEMPTS))


def report_final_failure(policy_name: str, url: str, delivery_id: str, outcome: str) -> int:
    """Tell every active admin, in their language, that an SLA webhook was given up on."""
    host = urlsplit(url).hostname or "?"
    logger.error("SLA webhook %s of policy %r to %s given up: %s", delivery_id, policy_name, host, outcome)
    notes = []
    for admin in User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk"):
        with translation.override(admin.language or settings.LANGUAGE_CODE):
            if outcome == "refused":
                text = _("SLA webhook of policy %(policy)s to %(host)s was refused: the address is not allowed.")
            else:
                text = _("SLA webhook of policy %(policy)s to %(host)s failed %(count)s times and was given up.")
            text = text % {"policy": policy_name, "host": host, "count": max_attempts()}
        notes.append(Notification(user=admin, ticket=None, kind=FAILED_KIND, text=text[:300]))
    Notification.objects.bulk_create(notes)
    return len(notes)
