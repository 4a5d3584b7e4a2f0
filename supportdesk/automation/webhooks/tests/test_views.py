"""The webhook admin pages: admins only, the secret shown once, SSRF errors on the form, the log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.automation.webhooks.models import Delivery, DeliveryStatus, Webhook
from supportdesk.core import net_safety
from supportdesk.core.crypto import decrypt_secret


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(net_safety, "resolve_host", lambda host, port: {"hooks.example.com": ["93.184.216.34"]}.get(host, ["10.0.0.1"]))


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_are_for_admins(agent: User, admin: User) -> None:
    for url in ("/settings/webhooks/", "/settings/webhooks/new/", "/settings/webhook-deliveries/"):
        assert login(agent).get(url).status_code == 403
        assert login(admin).get(url).status_code == 200


def test_create_shows_the_secret_once(admin: User) -> None:
    client = login(admin)
    response = client.post("/settings/webhooks/new/", {"name": "CRM", "url": "https://hooks.example.com/x", "events": ["ticket.created"]})
    assert response.status_code == 200
    secret = decrypt_secret(Webhook.objects.get().secret_encrypted)
    assert secret in response.content.decode()
    edit = client.get(f"/settings/webhooks/{Webhook.objects.get().pk}/")
    assert secret not in edit.content.decode()


def test_a_private_url_is_refused_on_the_form(admin: User) -> None:
    response = login(admin).post(
        "/settings/webhooks/new/", {"name": "x", "url": "https://intranet.example.com/", "events": ["ticket.created"]}
    )
    assert response.status_code == 200 and "10.0.0.1" in response.content.decode()
    assert not Webhook.objects.exists()


def test_log_filters_and_redeliver(admin: User, django_capture_on_commit_callbacks: Any) -> None:
    hook = Webhook.objects.create(name="CRM", url="https://hooks.example.com/x", secret_encrypted="", events=["sla.breach"])
    failed = Delivery.objects.create(webhook=hook, event="sla.breach", status=DeliveryStatus.FAILED, last_error="HTTP 500")
    Delivery.objects.create(webhook=hook, event="ticket.created", status=DeliveryStatus.SUCCEEDED)
    client = login(admin)
    page = client.get("/settings/webhook-deliveries/", {"status": "failed"}).content.decode()
    assert "HTTP 500" in page and "ticket.created" not in page.split("<tbody>")[1]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/settings/webhook-deliveries/{failed.pk}/redeliver/")
    assert response.status_code == 303 and len(callbacks) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (DeliveryStatus.PENDING, 0)
