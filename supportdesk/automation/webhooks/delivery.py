"""Delivering webhooks: queue one Delivery per subscribed webhook, POST it signed, retry with backoff.

Flow: `on_events` (a domain-event subscriber, so it runs after the commit) inserts one Delivery per
active webhook subscribed to the event, with the payload built now (the state at the event), and
enqueues `deliver_webhook` after its own commit. `attempt(pk)` claims the row (a short lease in
`claimed_until`, row locked only while claiming), checks the URL again (SSRF: re-resolved, the
checked address is the one connected to, redirects are not followed), POSTs, and records the
outcome: 2xx succeeded; otherwise another attempt after SUPPORTDESK_WEBHOOKS_BACKOFF_SECONDS * 2**(n-1)
until SUPPORTDESK_WEBHOOKS_ATTEMPTS attempts, then failed. A refused URL fails at once (retrying
cannot help; an admin fixes the URL and redelivers). `run_webhook_sweep` re-enqueues deliveries
whose attempt is overdue, so a lost task is not a lost delivery.

Logs and stored errors name the host and the status code only: URLs may hold tokens (BAD-INPUTS 39).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from supportdesk.automation.webhooks.models import EVENTS, MAX_ERROR, Delivery, DeliveryStatus, Webhook
from supportdesk.core import net_safety
from supportdesk.core.crypto import SecretUnreadable, decrypt_secret
from supportdesk.core.events import DomainEvent
from supportdesk.tickets.models import Article, Ticket
from supportdesk.tickets.tasks import ticket_url

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
LEASE_SECONDS = 60  # longer than one attempt can take (connect + read are each bounded by the timeout)
OVERDUE_SECONDS = 120  # the sweep re-enqueues an attempt this late: its task was evidently lost
SWEEP_LIMIT = 200
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "Supportdesk-Webhook/1"


def max_attempts() -> int:
    return max(1, int(settings.SUPPORTDESK_WEBHOOKS_ATTEMPTS))


def backoff_seconds(attempt: int) -> float:
    """Delay before the attempt after attempt number `attempt` (1-based): the base, doubling."""
    return float(settings.SUPPORTDESK_WEBHOOKS_BACKOFF_SECONDS) * 2 ** (attempt - 1)


def sign(secret: str, body: bytes) -> str:
    """The X-Supportdesk-Signature value: "sha256=" + hex HMAC-SHA256 of the exact body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def check_url(url: str) -> net_safety.Target:
    return net_safety.check_url(url, allow_loopback=settings.SUPPORTDESK_WEBHOOKS_ALLOW_LOOPBACK)


# --- payloads -------------------------------------------------------------------------------------


def _person(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.display_name}


def ticket_payload(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": ticket.pk,
        "number": ticket.display_number,
        "subject": ticket.subject,
        "state": ticket.state,
        "priority": ticket.priority,
        "channel": ticket.channel,
        "language": ticket.language,
        "group": {"id": ticket.group_id, "name": ticket.group.name},
        "owner": _person(ticket.owner),
        "customer": {**(_person(ticket.customer) or {}), "email": ticket.customer.email},
        "organization": None if ticket.organization is None else {"id": ticket.organization_id, "name": ticket.organization.name},
        "tags": sorted(ticket.tags.values_list("name", flat=True)),
        "created_at": ticket.created_at.isoformat(),
        "updated_at": ticket.updated_at.isoformat(),
        "sla_due_at": ticket.sla_due_at.isoformat() if ticket.sla_due_at else None,
        "link": ticket_url(ticket),
    }


def article_payload(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "sender": article.sender_type,
        "internal": article.is_internal,
        "channel": article.channel,
        "author": _person(article.author),
        "subject": article.subject,
        "body_text": article.body_text,
        "created_at": article.created_at.isoformat(),
    }


def event_payload(event: DomainEvent) -> dict[str, Any] | None:
    """What the receiver gets besides event/delivery_id/occurred_at; None when the ticket is gone."""
    data = event.payload
    ticket_id = data.get("ticket_id")
    if not isinstance(ticket_id, int):
        return None
    ticket = Ticket.objects.select_related("group", "owner", "customer", "organization").filter(pk=ticket_id).first()
    if ticket is None:
        return None
    payload: dict[str, Any] = {"ticket": ticket_payload(ticket)}
    if event.name == "ticket.updated":
        payload["changed"] = list(data.get("changed") or [])
    if event.name == "article.added":
        article = Article.objects.select_related("author").filter(pk=int(data.get("article_id") or 0), ticket=ticket).first()
        if article is None:
            return None
        payload["article"] = article_payload(article)
    if event.name.startswith("sla."):
        payload["sla"] = {"metric": data.get("metric"), "step": data.get("step")}
    if data.get("actor_id") is not None:
        payload["actor_id"] = data["actor_id"]
    return payload


def body_of(delivery: Delivery) -> bytes:
    """The exact bytes POSTed (and signed); the same for every attempt of a delivery."""
    document = {
        "event": delivery.event,
        "delivery_id": str(delivery.delivery_id),
        "occurred_at": delivery.created_at.isoformat(),
        **delivery.payload,
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


# --- queueing -------------------------------------------------------------------------------------


def on_events(events: list[DomainEvent]) -> None:
    """Domain-event subscriber (a commit's events of one name together): one Delivery per active
    webhook subscribed to each event. The webhooks are read once per commit, not once per event."""
    name = events[0].name if events else ""
    if name not in EVENTS:
        return
    hooks = [hook for hook in Webhook.objects.filter(is_active=True).only("pk", "events") if name in hook.events]
    if not hooks:
        return
    for event in events:
        payload = event_payload(event)
        if payload is not None:
            queue_deliveries(hooks, event.name, payload)


def queue_deliveries(hooks: list[Webhook], event: str, payload: dict[str, Any]) -> list[Delivery]:
    """Insert the deliveries and enqueue their first attempt after commit."""
    now = timezone.now()
    ticket_id = payload.get("ticket", {}).get("id")
    with transaction.atomic():
        rows = Delivery.objects.bulk_create(
            [
                Delivery(webhook=hook, event=event, payload=payload, ticket_id=ticket_id, next_attempt_at=now, created_at=now)
                for hook in hooks
            ]
        )
        pks = [row.pk for row in rows]
        transaction.on_commit(lambda: _enqueue_all(pks))
    return rows


def _enqueue_all(pks: list[int]) -> None:
    for pk in pks:
        _enqueue(pk)


def _enqueue(pk: int, run_after: datetime | None = None) -> None:
    from supportdesk.automation.webhooks.tasks import deliver_webhook

    if run_after is not None and deliver_webhook.get_backend().supports_defer:
        deliver_webhook.using(run_after=run_after).enqueue(pk)
    elif run_after is None:
        deliver_webhook.enqueue(pk)
    # else: a backend that cannot defer (tests, demos): the sweep picks the attempt up when due.


# --- one attempt ----------------------------------------------------------------------------------


def _claim(pk: int, now: datetime) -> Delivery | None:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("webhook")
            .filter(pk=pk, status=DeliveryStatus.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.claimed_until = now + timedelta(seconds=LEASE_SECONDS)
        delivery.save(update_fields=["attempts", "claimed_until"])
    return delivery


def _post(delivery: Delivery, secret: str) -> tuple[int | None, str]:
    """One POST; (status code or None, error text without URL secrets)."""
    try:
        target = check_url(delivery.webhook.url)
    except net_safety.UnsafeTarget as exc:
        return None, f"refused: {exc}"
    body = body_of(delivery)
    headers = {
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Supportdesk-Event": delivery.event,
        "X-Supportdesk-Delivery": str(delivery.delivery_id),
        "X-Supportdesk-Signature": sign(secret, body),
    }
    connection: http.client.HTTPConnection | None = None
    try:
        connection = net_safety.pinned_connection(target, timeout=TIMEOUT_SECONDS)
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        return None, type(exc).__name__
    finally:
        if connection is not None:
            connection.close()
    if 200 <= status < 300:
        return status, ""
    if 300 <= status < 400:
        return status, f"HTTP {status} (redirects are not followed)"
    return status, f"HTTP {status}"


def attempt(pk: int) -> str:
    """One attempt of delivery `pk`: "succeeded", "retry", "failed" or "skipped" (not pending or
    being sent by another worker). Safe to run twice: the lease makes the second run skip."""
    now = timezone.now()
    delivery = _claim(pk, now)
    if delivery is None:
        return "skipped"
    host = urlsplit(delivery.webhook.url).hostname or "?"
    try:
        secret = decrypt_secret(delivery.webhook.secret_encrypted)
    except SecretUnreadable:
        code, error = None, "refused: the secret cannot be decrypted with the current key"
    else:
        code, error = _post(delivery, secret)
    done = timezone.now()
    delivery.last_status_code, delivery.last_error, delivery.claimed_until = code, error[:MAX_ERROR], None
    if not error:
        delivery.status, delivery.finished_at, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, done, None
        outcome = "succeeded"
    elif error.startswith("refused") or delivery.attempts >= max_attempts():
        delivery.status, delivery.finished_at, delivery.next_attempt_at = DeliveryStatus.FAILED, done, None
        outcome = "failed"
    else:
        delivery.next_attempt_at = done + timedelta(seconds=backoff_seconds(delivery.attempts))
        outcome = "retry"
    delivery.save(update_fields=["last_status_code", "last_error", "claimed_until", "status", "finished_at", "next_attempt_at"])
    log = logger.info if outcome == "succeeded" else logger.warning
    log(
        "webhook %s delivery %s to %s attempt %s: %s %s", delivery.webhook_id, delivery.delivery_id, host, delivery.attempts, outcome, error
    )
    if outcome == "retry":
        _enqueue(delivery.pk, run_after=delivery.next_attempt_at)
    return outcome


def run_webhook_sweep(*, now: datetime | None = None, limit: int = SWEEP_LIMIT) -> int:
    """Re-enqueue pending deliveries whose attempt is overdue (lost task, or a backend that cannot
    defer); returns how many. Bumps `next_attempt_at` so one lost task is re-enqueued once per
    OVERDUE_SECONDS, not on every run."""
    now = now or timezone.now()
    late = now - timedelta(seconds=OVERDUE_SECONDS) if _defers() else now
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=late)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        Delivery.objects.filter(pk__in=due).update(next_attempt_at=now)
        transaction.on_commit(lambda: _enqueue_all(due))
    return len(due)


def _defers() -> bool:
    from supportdesk.automation.webhooks.tasks import deliver_webhook

    return bool(deliver_webhook.get_backend().supports_defer)
