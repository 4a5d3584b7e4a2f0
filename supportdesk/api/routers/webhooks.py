"""REST API of the webhooks app (supportdesk.automation.webhooks): webhooks and their delivery log.

Admins only (others get 403). The secret is returned once, by create and by `POST
/webhooks/{id}/secret` (which replaces it); reads never show it. URLs into loopback, private,
link-local or reserved addresses, or with a non-http scheme, are a 422 (and are checked again at
every send). A failed or succeeded delivery can be sent again with `.../redeliver`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.automation.webhooks import actions
from supportdesk.automation.webhooks.models import EVENTS, Delivery, Webhook

router = Router(tags=["webhooks"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
EventName = Literal["ticket.created", "ticket.updated", "article.added", "sla.warning", "sla.breach"]
Events = Annotated[list[EventName], Field(min_length=1, max_length=len(EVENTS))]


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    is_active: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class WebhookWithSecretOut(WebhookOut):
    secret: str = Field(description="Shown only now: the key of the X-Supportdesk-Signature HMAC.")


class SecretOut(Schema):
    secret: str


class WebhookIn(Input):
    name: str = Field(min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    url: str = Field(min_length=1, max_length=actions.MAX_URL, examples=["https://hooks.example.com/supportdesk"])
    events: Events
    is_active: bool = True


class WebhookUpdateIn(Input):
    name: str | None = Field(None, min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    url: str | None = Field(None, min_length=1, max_length=actions.MAX_URL)
    events: Events | None = None
    is_active: bool | None = None


class DeliveryOut(Schema):
    id: int
    webhook_id: int
    event: str
    delivery_id: uuid.UUID
    ticket_id: int | None
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str
    next_attempt_at: dt.datetime | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    payload: dict[str, Any]


def webhook_out(webhook: Webhook) -> dict[str, Any]:
    return {name: getattr(webhook, name) for name in ("id", "name", "url", "events", "is_active", "created_at", "updated_at")}


def delivery_out(row: Delivery) -> dict[str, Any]:
    names = ("id", "webhook_id", "event", "delivery_id", "ticket_id", "status", "attempts", "last_status_code", "last_error")
    return {name: getattr(row, name) for name in (*names, "next_attempt_at", "created_at", "finished_at", "payload")}


@router.get("/webhooks", response=PageOut[WebhookOut], summary="List webhooks (admins)")
def list_webhooks(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(actions.visible_webhooks(actor(request)), order=["id"], cursor=cursor, limit=limit)
    return {"items": [webhook_out(w) for w in page.items], "next_cursor": page.next_cursor}


@router.post("/webhooks", response={201: WebhookWithSecretOut}, summary="Create a webhook (admins; the secret is shown once)")
def create(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    webhook, secret = actions.create_webhook(actor(request), payload.model_dump())
    return Status(201, {**webhook_out(webhook), "secret": secret})


@router.get("/webhooks/{webhook_id}", response=WebhookOut, summary="Read a webhook (admins)")
def read(request: HttpRequest, webhook_id: PathId) -> dict[str, Any]:
    return webhook_out(actions.get_webhook(actor(request), webhook_id))


@router.patch("/webhooks/{webhook_id}", response=WebhookOut, summary="Change a webhook (admins)")
def update(request: HttpRequest, payload: WebhookUpdateIn, webhook_id: PathId) -> dict[str, Any]:
    user = actor(request)
    webhook = actions.get_webhook(user, webhook_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    return webhook_out(actions.update_webhook(user, webhook, changes))


@router.delete("/webhooks/{webhook_id}", response={204: None}, summary="Delete a webhook and its delivery log (admins)")
def delete(request: HttpRequest, webhook_id: PathId) -> Status[None]:
    user = actor(request)
    actions.delete_webhook(user, actions.get_webhook(user, webhook_id))
    return Status(204, None)


@router.post("/webhooks/{webhook_id}/secret", response=SecretOut, summary="Replace the signing secret (admins; shown once)")
def regenerate(request: HttpRequest, webhook_id: PathId) -> dict[str, str]:
    user = actor(request)
    return {"secret": actions.regenerate_secret(user, actions.get_webhook(user, webhook_id))}


@router.get("/webhook-deliveries", response=PageOut[DeliveryOut], summary="The delivery log, newest first (admins)")
def list_deliveries(
    request: HttpRequest,
    webhook: Annotated[int | None, Query(None, ge=1, le=2**63 - 1)] = None,
    status: Annotated[Literal["pending", "succeeded", "failed"] | None, Query(None)] = None,
    event: Annotated[str | None, Query(None, max_length=40)] = None,
    cursor: Cursor = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    rows = actions.delivery_log(actor(request), webhook_id=webhook, status=status, event=event)
    page = paginate_list(rows, order=["-id"], cursor=cursor, limit=limit)
    return {"items": [delivery_out(d) for d in page.items], "next_cursor": page.next_cursor}


@router.get("/webhook-deliveries/{delivery_id}", response=DeliveryOut, summary="Read a delivery (admins)")
def read_delivery(request: HttpRequest, delivery_id: PathId) -> dict[str, Any]:
    return delivery_out(actions.get_delivery(actor(request), delivery_id))


@router.post("/webhook-deliveries/{delivery_id}/redeliver", response=DeliveryOut, summary="Send a finished delivery again (admins)")
def redeliver(request: HttpRequest, delivery_id: PathId) -> dict[str, Any]:
    user = actor(request)
    row = actions.redeliver(user, actions.get_delivery(user, delivery_id))
    return delivery_out(actions.get_delivery(user, row.pk))
