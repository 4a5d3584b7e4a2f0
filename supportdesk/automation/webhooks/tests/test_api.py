"""The webhooks API: admins only, the secret shown once, SSRF refusals, the delivery log and redelivery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.automation.webhooks.models import Delivery, DeliveryStatus, Webhook
from supportdesk.core import net_safety
from supportdesk.core.crypto import decrypt_secret

Api = Callable[[User | None], ApiClient]


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"hooks.example.com": ["93.184.216.34"], "internal.example.com": ["192.168.7.7"]}
    monkeypatch.setattr(net_safety, "resolve_host", lambda host, port: table[host])


def test_crud_secret_once_and_admin_only(api_as: Api, admin: User, agent: User) -> None:
    body = {"name": "CRM", "url": "https://hooks.example.com/in", "events": ["ticket.created", "article.added"]}
    assert api_as(agent).post("/api/v1/webhooks", body).status_code == 403
    created = api_as(admin).post("/api/v1/webhooks", body)
    assert created.status_code == 201
    data = created.json()
    assert decrypt_secret(Webhook.objects.get().secret_encrypted) == data["secret"]
    read = api_as(admin).get(f"/api/v1/webhooks/{data['id']}").json()
    assert "secret" not in read and read["events"] == ["ticket.created", "article.added"]
    new = api_as(admin).post(f"/api/v1/webhooks/{data['id']}/secret").json()["secret"]
    assert new != data["secret"] and decrypt_secret(Webhook.objects.get().secret_encrypted) == new
    assert api_as(admin).patch(f"/api/v1/webhooks/{data['id']}", {"is_active": False}).json()["is_active"] is False
    assert api_as(admin).post("/api/v1/webhooks", {**body, "events": ["ticket.deleted"]}).status_code == 422
    assert api_as(admin).delete(f"/api/v1/webhooks/{data['id']}").status_code == 204


@pytest.mark.parametrize(
    "url", ["https://internal.example.com/x", "http://169.254.169.254/latest", "gopher://hooks.example.com/", "http://[::1]:8080/"]
)
def test_unsafe_urls_are_422(api_as: Api, admin: User, url: str) -> None:
    response = api_as(admin).post("/api/v1/webhooks", {"name": "x", "url": url, "events": ["ticket.created"]})
    assert response.status_code == 422
    assert "url" in response.content.decode()


def test_delivery_log_filters_and_redelivery(api_as: Api, admin: User, django_capture_on_commit_callbacks: Any) -> None:
    hook_id = (
        api_as(admin)
        .post("/api/v1/webhooks", {"name": "CRM", "url": "https://hooks.example.com/in", "events": ["sla.breach"]})
        .json()["id"]
    )
    failed = Delivery.objects.create(
        webhook_id=hook_id, event="sla.breach", payload={"ticket": {"id": 1}}, status=DeliveryStatus.FAILED, attempts=10
    )
    Delivery.objects.create(webhook_id=hook_id, event="sla.breach", payload={}, status=DeliveryStatus.SUCCEEDED, attempts=1)
    log = api_as(admin).get("/api/v1/webhook-deliveries", {"status": "failed", "webhook": hook_id}).json()["items"]
    assert [row["id"] for row in log] == [failed.pk]
    assert api_as(admin).get("/api/v1/webhook-deliveries", {"status": "bogus"}).status_code == 422
    sent: list[Any] = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = api_as(admin).post(f"/api/v1/webhook-deliveries/{failed.pk}/redeliver")
    sent.extend(callbacks)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["attempts"], response.json()["delivery_id"]) == (
        "pending",
        0,
        str(failed.delivery_id),
    )
    assert len(sent) == 1  # the attempt is enqueued after commit, never run in the request
    assert api_as(admin).post(f"/api/v1/webhook-deliveries/{failed.pk}/redeliver").status_code == 409
