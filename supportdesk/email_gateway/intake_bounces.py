"""Delivery status notifications (bounces): they mark the mail they bounce and the recipient's
health, and never open a ticket or become an article (BAD-INPUTS 4, 5)."""

from __future__ import annotations

from datetime import datetime

from supportdesk.email_gateway.choices import DeliveryStatus, InboundStatus
from supportdesk.email_gateway.models import AddressHealth, ArticleEmail
from supportdesk.email_gateway.parsing import DeliveryReport


def record_bounce(report: DeliveryReport, *, now: datetime) -> tuple[str, str, int | None, int | None]:
    """Apply a bounce; return (inbound status, reason, ticket id, article id) for the inbound message."""
    sent = None
    if report.original_message_id:
        sent = ArticleEmail.objects.select_related("article").filter(message_id=report.original_message_id).order_by("article_id").first()
    ticket_id = article_id = None
    if sent is not None:
        sent.delivery_status = DeliveryStatus.FAILED if report.hard else DeliveryStatus.BOUNCED_SOFT
        sent.delivery_error = " ".join(f"{report.status} {report.diagnostic}".split())[:2000]
        sent.save(update_fields=["delivery_status", "delivery_error"])
        article_id, ticket_id = sent.article_id, sent.article.ticket_id
    if report.recipient:
        health, _created = AddressHealth.objects.select_for_update().get_or_create(address=report.recipient[:254])
        health.bounce_count += 1
        health.last_status = report.status[:16]
        health.last_bounce_at = now
        health.undeliverable = health.undeliverable or report.hard
        health.save()
    kind = "hard" if report.hard else "soft"
    found = "" if sent is not None else "; original mail not found"
    return InboundStatus.BOUNCE, f"{kind} bounce {report.status} for {report.recipient}{found}", ticket_id, article_id
