"""Webhook delivery against a real local HTTP server: signing, retries with backoff, final failure,
redelivery, SSRF refusals at save and at send, redirects not followed."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.automation.registry import ActionContext, clean_action, run_action
from supportdesk.automation.webhooks import actions, delivery
from supportdesk.automation.webhooks.models import Delivery, DeliveryStatus, Webhook
from supportdesk.core import net_safety
from supportdesk.core.crypto import decrypt_secret
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.tickets.actions.update import update_ticket
from supportdesk.tickets.models import Ticket


class Receiver:
    """A local HTTP server answering with the queued status codes (default 204), recording requests."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        self.redirect_hits = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path == "/landed":
                    receiver.redirect_hits += 1
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                self.send_response(status)
                if status in (301, 302, 307, 308):
                    self.send_header("Location", f"http://127.0.0.1:{receiver.port}/landed")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.SUPPORTDESK_WEBHOOKS_ALLOW_LOOPBACK = True
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def make_hook(admin: User, url: str, events: list[str] | None = None) -> tuple[Webhook, str]:
    return actions.create_webhook(admin, {"name": "CRM", "url": url, "events": events or ["ticket.created", "ticket.updated"]})


def test_a_ticket_event_is_delivered_signed_with_the_webhook_secret(
    receiver: Receiver, admin: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any]
) -> None:
    hook, secret = make_hook(admin, receiver.url)
    with commit():
        ticket = make_ticket()
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.last_status_code, row.event) == (DeliveryStatus.SUCCEEDED, 1, 204, "ticket.created")
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request["headers"]["X-Supportdesk-Signature"], expected)
    assert request["headers"]["X-Supportdesk-Event"] == "ticket.created"
    assert request["headers"]["X-Supportdesk-Delivery"] == str(row.delivery_id)
    body = json.loads(request["body"])
    assert body["event"] == "ticket.created" and body["delivery_id"] == str(row.delivery_id)
    assert body["ticket"]["id"] == ticket.pk and body["ticket"]["subject"] == "Printer on fire"
    assert body["ticket"]["customer"]["email"] == "carla@customer.example"
    assert decrypt_secret(hook.secret_encrypted) == secret and secret not in hook.secret_encrypted


def test_only_subscribed_events_are_delivered_and_updates_name_the_changed_fields(
    receiver: Receiver, admin: User, agent: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any]
) -> None:
    ticket = make_ticket()  # before the webhook exists
    make_hook(admin, receiver.url, ["ticket.updated"])
    with commit():
        update_ticket(agent, ticket, {"priority": "high"})
    assert [json.loads(r["body"])["event"] for r in receiver.requests] == ["ticket.updated"]
    assert json.loads(receiver.requests[0]["body"])["changed"] == ["priority"]


def test_retries_follow_the_backoff_schedule_with_the_same_delivery_id_then_fail(
    receiver: Receiver, admin: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = {"now": timezone.now()}
    monkeypatch.setattr(delivery.timezone, "now", lambda: clock["now"])
    make_hook(admin, receiver.url)
    receiver.statuses = [500] * 10
    with commit():
        make_ticket()
    row = Delivery.objects.get()
    delays = []
    for attempt in range(1, 10):
        assert (row.status, row.attempts) == (DeliveryStatus.PENDING, attempt)
        assert row.next_attempt_at is not None
        delays.append((row.next_attempt_at - clock["now"]).total_seconds())
        clock["now"] = row.next_attempt_at - timedelta(seconds=1)
        with commit():
            assert delivery.run_webhook_sweep() == 0  # not due yet
        clock["now"] = row.next_attempt_at
        with commit():
            assert delivery.run_webhook_sweep() == 1
        row.refresh_from_db()
    assert delays == [15 * 2**n for n in range(9)]
    assert sum(delays) >= 2 * 3600  # at least 10 attempts over about two hours
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == (DeliveryStatus.FAILED, 10, 500, "HTTP 500")
    assert row.finished_at == clock["now"] and row.next_attempt_at is None
    assert len(receiver.requests) == 10
    assert {r["headers"]["X-Supportdesk-Delivery"] for r in receiver.requests} == {str(row.delivery_id)}
    assert len({r["body"] for r in receiver.requests}) == 1


def test_a_failed_delivery_can_be_redelivered_by_an_admin(
    receiver: Receiver, admin: User, agent: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any], settings: Any
) -> None:
    settings.SUPPORTDESK_WEBHOOKS_ATTEMPTS = 1
    make_hook(admin, receiver.url)
    receiver.statuses = [503]
    with commit():
        make_ticket()
    row = Delivery.objects.get()
    assert row.status == DeliveryStatus.FAILED
    with pytest.raises(PermissionDenied):
        actions.redeliver(agent, row)
    with commit():
        actions.redeliver(admin, row)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == (DeliveryStatus.SUCCEEDED, 1, 204, "")
    assert [r["headers"]["X-Supportdesk-Delivery"] for r in receiver.requests] == [str(row.delivery_id)] * 2


def test_a_lost_task_is_picked_up_by_the_sweep(receiver: Receiver, admin: User, commit: Callable[[], Any], ticket: Ticket) -> None:
    hook, _secret = make_hook(admin, receiver.url)
    row = delivery.queue_deliveries([hook], "ticket.created", {"ticket": {"id": ticket.pk}})[0]  # its task never ran
    assert receiver.requests == []
    with commit():
        assert delivery.run_webhook_sweep() == 1
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SUCCEEDED and len(receiver.requests) == 1
    with commit():
        assert delivery.run_webhook_sweep() == 0


def test_a_running_attempt_is_not_sent_twice(receiver: Receiver, admin: User, ticket: Ticket) -> None:
    hook, _secret = make_hook(admin, receiver.url)
    row = Delivery.objects.create(webhook=hook, event="ticket.created", payload={}, next_attempt_at=timezone.now())
    Delivery.objects.filter(pk=row.pk).update(claimed_until=timezone.now() + timedelta(seconds=30))
    assert delivery.attempt(row.pk) == "skipped"
    assert receiver.requests == []


def test_redirects_are_not_followed(receiver: Receiver, admin: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any]) -> None:
    make_hook(admin, receiver.url)
    receiver.statuses = [302]
    with commit():
        make_ticket()
    row = Delivery.objects.get()
    assert (row.status, row.last_status_code) == (DeliveryStatus.PENDING, 302)
    assert "redirects are not followed" in row.last_error
    assert receiver.redirect_hits == 0 and len(receiver.requests) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.8/hook",
        "http://192.168.1.1/hook",
        "file:///etc/passwd",
        "gopher://hooks.example.com/",
        "https://user:pw@hooks.example.com/",
    ],
)
def test_unsafe_urls_are_refused_at_save(admin: User, url: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        make_hook(admin, url)
    assert "url" in raised.value.field_errors
    assert not Webhook.objects.exists()


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]]) -> None:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]

    monkeypatch.setattr(net_safety, "resolve_host", resolve)


def test_a_name_resolving_to_a_private_address_is_refused_at_save(admin: User, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"intranet.example.com": ["10.1.2.3"], "mixed.example.com": ["93.184.216.34", "127.0.0.1"]})
    for url in ("https://intranet.example.com/hook", "https://mixed.example.com/hook"):
        with pytest.raises(ValidationFailed) as raised:
            make_hook(admin, url)
        assert "addresses" in raised.value.field_errors["url"]


def test_a_name_that_turns_private_after_save_is_refused_at_send(
    admin: User, make_ticket: Callable[..., Ticket], commit: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = {"hooks.example.com": ["93.184.216.34"]}
    fake_dns(monkeypatch, table)
    make_hook(admin, "https://hooks.example.com/hook")
    table["hooks.example.com"] = ["169.254.169.254"]  # DNS rebinding
    connections: list[Any] = []
    monkeypatch.setattr(net_safety, "pinned_connection", lambda *args, **kwargs: connections.append(args))
    with commit():
        make_ticket()
    row = Delivery.objects.get()
    assert row.status == DeliveryStatus.FAILED and row.last_error.startswith("refused:")
    assert "169.254.169.254" in row.last_error and connections == []


def test_the_connection_goes_to_the_checked_address(admin: User, monkeypatch: pytest.MonkeyPatch, ticket: Ticket) -> None:
    fake_dns(monkeypatch, {"hooks.example.com": ["93.184.216.34"]})
    hook, _secret = make_hook(admin, "https://hooks.example.com:8443/in?token=x")
    seen: list[net_safety.Target] = []

    def connect(target: net_safety.Target, *, timeout: float) -> Any:
        seen.append(target)
        raise OSError("stop here")

    monkeypatch.setattr(net_safety, "pinned_connection", connect)
    row = Delivery.objects.create(webhook=hook, event="ticket.created", payload={}, next_attempt_at=timezone.now())
    assert delivery.attempt(row.pk) == "retry"
    assert [(t.address, t.host_header, t.path) for t in seen] == [("93.184.216.34", "hooks.example.com:8443", "/in?token=x")]
    row.refresh_from_db()
    assert row.last_error == "OSError" and "token" not in row.last_error


def test_admin_actions(admin: User, agent: User, receiver: Receiver) -> None:
    with pytest.raises(PermissionDenied):
        make_hook(agent, receiver.url)
    hook, secret = make_hook(admin, receiver.url)
    with pytest.raises(ValidationFailed) as raised:
        actions.update_webhook(admin, hook, {"events": ["ticket.deleted"]})
    assert "ticket.deleted" in raised.value.field_errors["events"]
    actions.update_webhook(admin, hook, {"events": ["sla.breach", "ticket.created"], "is_active": False})
    hook.refresh_from_db()
    assert (hook.events, hook.is_active) == (["ticket.created", "sla.breach"], False)
    new = actions.regenerate_secret(admin, hook)
    hook.refresh_from_db()
    assert new != secret and decrypt_secret(hook.secret_encrypted) == new


def test_the_webhook_action_delivers_the_ticket_from_a_trigger(
    receiver: Receiver, admin: User, ticket: Ticket, commit: Callable[[], Any], django_capture_on_commit_callbacks: Any
) -> None:
    hook, _secret = make_hook(admin, receiver.url, ["sla.breach"])
    action = clean_action({"action": "webhook", "webhook": hook.pk})
    assert action == {"action": "webhook", "webhook": hook.pk}
    with pytest.raises(ValidationFailed) as raised:
        clean_action({"action": "webhook", "webhook": hook.pk + 1})
    assert "actions.webhook" in raised.value.field_errors
    dry = ActionContext(ticket=ticket, actor=None, source="trigger:1", dry_run=True)
    run_action(dry, action)
    assert not Delivery.objects.exists() and dry.notes == [f"would deliver to webhook {hook.pk}"]
    with commit():
        run_action(ActionContext(ticket=ticket, actor=None, source="trigger:1"), action)
    body = json.loads(receiver.requests[0]["body"])
    assert (body["event"], body["source"], body["ticket"]["id"]) == ("ticket.trigger", "trigger:1", ticket.pk)


def test_backoff_defaults_cover_two_hours(settings: Any) -> None:
    assert settings.SUPPORTDESK_WEBHOOKS_ATTEMPTS >= 10
    total = sum(delivery.backoff_seconds(n) for n in range(1, settings.SUPPORTDESK_WEBHOOKS_ATTEMPTS))
    assert timedelta(seconds=total) >= timedelta(hours=2)
