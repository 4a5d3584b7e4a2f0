"""Admin actions on webhooks: create, change, delete, regenerate the secret, redeliver.

Only admins. The URL is checked for SSRF here (core.net_safety) and again at every send. The secret
is generated here (never chosen by the admin), returned in plain text only by create and
regenerate, and stored encrypted.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.automation.webhooks import delivery as deliveries
from supportdesk.automation.webhooks.models import EVENTS, Delivery, DeliveryStatus, Webhook
from supportdesk.core import net_safety
from supportdesk.core.crypto import encrypt_secret
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("name", "url", "events", "is_active")
MAX_NAME = 100
MAX_URL = 500
MAX_WEBHOOKS = 100


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins may manage webhooks."))


def visible_webhooks(actor: User) -> QuerySet[Webhook]:
    require_admin(actor)
    return Webhook.objects.all()


def get_webhook(actor: User, webhook_id: int) -> Webhook:
    webhook = visible_webhooks(actor).filter(pk=webhook_id).first()
    if webhook is None:
        raise NotFound()
    return webhook


def delivery_log(actor: User, *, webhook_id: int | None = None, status: str | None = None, event: str | None = None) -> QuerySet[Delivery]:
    """The delivery log, filtered; admins only."""
    require_admin(actor)
    rows = Delivery.objects.all()
    if webhook_id is not None:
        rows = rows.filter(webhook_id=webhook_id)
    if status:
        rows = rows.filter(status=status)
    if event:
        rows = rows.filter(event=event)
    return rows


def get_delivery(actor: User, delivery_pk: int) -> Delivery:
    require_admin(actor)
    row = Delivery.objects.select_related("webhook").filter(pk=delivery_pk).first()
    if row is None:
        raise NotFound()
    return row


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def url_error(url: str) -> str:
    """Why `url` cannot be a webhook target right now, or ""."""
    if len(url) > MAX_URL:
        return _("At most %(count)d characters.") % {"count": MAX_URL}
    try:
        deliveries.check_url(url)
    except net_safety.UnsafeTarget as exc:
        return str(exc)
    return ""


def _clean(values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    if "name" in values or not partial:
        name = values.get("name")
        text = " ".join(name.split()) if isinstance(name, str) else ""
        if not text:
            errors["name"] = _("A name is required.")
        elif len(text) > MAX_NAME:
            errors["name"] = _("At most %(count)d characters.") % {"count": MAX_NAME}
        clean["name"] = text
    if "url" in values or not partial:
        url = values.get("url")
        url = url.strip() if isinstance(url, str) else ""
        error = url_error(url) if url else _("A URL is required.")
        if error:
            errors["url"] = error
        clean["url"] = url
    if "events" in values or not partial:
        events = values.get("events")
        if not isinstance(events, list | tuple) or not events or not all(isinstance(e, str) for e in events):
            errors["events"] = _("Choose at least one event.")
        elif unknown := sorted(set(events) - set(EVENTS)):
            errors["events"] = _("Unknown events: %(names)s. Use: %(allowed)s.") % {
                "names": ", ".join(unknown),
                "allowed": ", ".join(EVENTS),
            }
        else:
            clean["events"] = [e for e in EVENTS if e in events]
    if "is_active" in values:
        if not isinstance(values["is_active"], bool):
            errors["is_active"] = _("Use true or false.")
        clean["is_active"] = values["is_active"]
    if errors:
        raise ValidationFailed(_("Please correct the webhook."), field_errors=errors)
    return clean


def create_webhook(actor: User, values: Mapping[str, Any]) -> tuple[Webhook, str]:
    """Create a webhook; returns it and its secret in plain text (shown once)."""
    require_admin(actor)
    reject_unknown_fields(values, EDITABLE_FIELDS)
    clean = _clean(values, partial=False)
    if Webhook.objects.count() >= MAX_WEBHOOKS:
        raise Conflict(_("At most %(count)d webhooks.") % {"count": MAX_WEBHOOKS})
    secret = new_secret()
    webhook = Webhook.objects.create(secret_encrypted=encrypt_secret(secret), **clean)
    logger.info("webhook %s created by user %s", webhook.pk, actor.pk)
    return webhook, secret


def update_webhook(actor: User, webhook: Webhook, changes: Mapping[str, Any]) -> Webhook:
    require_admin(actor)
    reject_unknown_fields(changes, EDITABLE_FIELDS)
    clean = _clean(changes, partial=True)
    for name, value in clean.items():
        setattr(webhook, name, value)
    webhook.updated_at = timezone.now()
    webhook.save(update_fields=[*clean, "updated_at"])
    logger.info("webhook %s changed by user %s: %s", webhook.pk, actor.pk, sorted(clean))
    return webhook


def regenerate_secret(actor: User, webhook: Webhook) -> str:
    """A new secret replaces the old one at once (pending retries are signed with the new one)."""
    require_admin(actor)
    secret = new_secret()
    webhook.secret_encrypted, webhook.updated_at = encrypt_secret(secret), timezone.now()
    webhook.save(update_fields=["secret_encrypted", "updated_at"])
    logger.info("webhook %s secret regenerated by user %s", webhook.pk, actor.pk)
    return secret


def delete_webhook(actor: User, webhook: Webhook) -> None:
    """Delete the webhook and its delivery log."""
    require_admin(actor)
    pk = webhook.pk
    webhook.delete()
    logger.info("webhook %s deleted by user %s", pk, actor.pk)


def redeliver(actor: User, row: Delivery) -> Delivery:
    """Send a finished delivery again: same payload and delivery id, attempts counted afresh."""
    require_admin(actor)
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=row.pk)
        if locked.status == DeliveryStatus.PENDING:
            raise Conflict(_("This delivery is still being attempted."))
        locked.status, locked.attempts, locked.finished_at = DeliveryStatus.PENDING, 0, None
        locked.next_attempt_at, locked.claimed_until = timezone.now(), None
        locked.save(update_fields=["status", "attempts", "finished_at", "next_attempt_at", "claimed_until"])
        transaction.on_commit(lambda: deliveries._enqueue(locked.pk))
    logger.info("webhook delivery %s redelivered by user %s", row.delivery_id, actor.pk)
    return locked


def deliver_to(webhook_id: int, event: str, payload: dict[str, Any]) -> Delivery | None:
    """Queue `payload` for one webhook (the trigger action); nothing when it is gone or inactive."""
    webhook = Webhook.objects.filter(pk=webhook_id, is_active=True).first()
    if webhook is None:
        return None
    return deliveries.queue_deliveries([webhook], event, payload)[0]
