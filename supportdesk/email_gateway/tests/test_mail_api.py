"""The mail API: admin-only mailbox CRUD with a write-only secret, held mail list, reprocess, raw."""

from __future__ import annotations

from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.core.crypto import decrypt_secret
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.mailboxes import create_mailbox
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.tests.dovecot import free_port

SECRET = "Api-Imap-S3cret"
PROBLEM = "application/problem+json"


@pytest.fixture
def as_admin(admin: User) -> ApiClient:
    return ApiClient(admin)


@pytest.fixture
def mailbox(admin: User, group: Group) -> Mailbox:
    values = {
        "name": "Support",
        "email_address": "support@example.com",
        "group": group,
        "imap_host": "127.0.0.1",
        "imap_port": free_port(),
        "imap_tls": False,
        "imap_username": "support",
    }
    return create_mailbox(admin, values, secret=SECRET)


def held(status: str, reason: str = "") -> InboundMessage:
    inbound = store_raw(f"Subject: {status}\r\n\r\nbody\r\n".encode(), source="imap", source_ref=f"1:{status}")
    InboundMessage.objects.filter(pk=inbound.pk).update(status=status, reason=reason, attempts=1)
    return InboundMessage.objects.get(pk=inbound.pk)


def test_create_read_and_list_never_return_the_secret(as_admin: ApiClient, group: Group) -> None:
    body = {
        "name": "Sales",
        "email_address": "sales@example.com",
        "group_id": group.pk,
        "imap_host": "imap.example.com",
        "imap_username": "sales",
        "password": "Created-Secret-9",
    }

    created = as_admin.post("/api/v1/mailboxes", body)

    assert created.status_code == 201, created.content
    data = created.json()
    mailbox = Mailbox.objects.get(pk=data["id"])
    assert decrypt_secret(mailbox.imap_secret_encrypted) == "Created-Secret-9"
    assert data == {
        "id": mailbox.pk,
        "name": "Sales",
        "email_address": "sales@example.com",
        "group_id": group.pk,
        "is_active": True,
        "send_acknowledgement": True,
        "imap_host": "imap.example.com",
        "imap_port": 993,
        "imap_tls": True,
        "imap_username": "sales",
        "auth_method": "password",
        "imap_folder": "INBOX",
        "poll_interval_seconds": 60,
        "use_idle": True,
        "after_import": "seen",
        "move_folder": "",
        "language": "en",
        "oauth_client_id": "",
        "oauth_token_url": "",
        "oauth_scope": "",
        "has_secret": True,
        "has_refresh_token": False,
        "has_client_secret": False,
        "oauth_access_expires_at": None,
        "last_polled_at": None,
        "last_error": "",
        "consecutive_failures": 0,
        "failure_alerted_at": None,
        "idle_watched": False,
    }
    for response in (as_admin.get(f"/api/v1/mailboxes/{mailbox.pk}"), as_admin.get("/api/v1/mailboxes")):
        assert response.status_code == 200
        assert b"Created-Secret-9" not in response.content and mailbox.imap_secret_encrypted.encode() not in response.content
    assert [m["name"] for m in as_admin.get("/api/v1/mailboxes").json()["items"]] == ["Sales"]


def test_patch_keeps_the_secret_unless_a_new_one_is_given(as_admin: ApiClient, mailbox: Mailbox) -> None:
    response = as_admin.patch(f"/api/v1/mailboxes/{mailbox.pk}", {"imap_folder": "Support/Inbox", "password": ""})

    mailbox.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["imap_folder"] == "Support/Inbox"
    assert decrypt_secret(mailbox.imap_secret_encrypted) == SECRET

    as_admin.patch(f"/api/v1/mailboxes/{mailbox.pk}", {"password": "Rotated-1"})
    mailbox.refresh_from_db()
    assert decrypt_secret(mailbox.imap_secret_encrypted) == "Rotated-1"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"imap_secret_encrypted": "x"}, "imap_secret_encrypted"),
        ({"last_error": ""}, "last_error"),
        ({"imap_uidvalidity": 1}, "imap_uidvalidity"),
        ({"imap_host": "evil.example\r\nX: y"}, "imap_host"),
        ({"poll_interval_seconds": 1}, "poll_interval_seconds"),
        ({"group_id": 999999}, "group_id"),
        ({"auth_method": "kerberos"}, "auth_method"),
    ],
)
def test_extra_and_bad_fields_are_refused_with_problem_json(
    as_admin: ApiClient, mailbox: Mailbox, body: dict[str, Any], field: str
) -> None:
    response = as_admin.patch(f"/api/v1/mailboxes/{mailbox.pk}", body)

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert list(response.json()["errors"]) == [field]
    mailbox.refresh_from_db()
    assert (mailbox.imap_host, mailbox.poll_interval_seconds, mailbox.last_error) == ("127.0.0.1", 60, "")


def test_duplicate_name_is_a_conflict(as_admin: ApiClient, mailbox: Mailbox, group: Group) -> None:
    response = as_admin.post("/api/v1/mailboxes", {"name": "Support", "email_address": "x@example.com", "group_id": group.pk})
    assert response.status_code == 422
    assert response.json()["errors"] == {"name": "Mailbox with this Name already exists."}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/mailboxes"),
        ("get", "/api/v1/mailboxes/{mailbox}"),
        ("patch", "/api/v1/mailboxes/{mailbox}"),
        ("delete", "/api/v1/mailboxes/{mailbox}"),
        ("post", "/api/v1/mailboxes/{mailbox}/test"),
        ("get", "/api/v1/inbound-messages"),
        ("get", "/api/v1/inbound-messages/{inbound}"),
        ("post", "/api/v1/inbound-messages/{inbound}/reprocess"),
        ("get", "/api/v1/inbound-messages/{inbound}/raw"),
    ],
)
def test_non_admins_get_404(agent: User, customer: User, mailbox: Mailbox, method: str, path: str) -> None:
    inbound = held(InboundStatus.QUARANTINED)
    url = path.format(mailbox=mailbox.pk, inbound=inbound.pk)
    for user in (agent, customer):
        client = ApiClient(user)
        response = getattr(client, method)(url, {"name": "Hijacked"}) if method == "patch" else getattr(client, method)(url)
        assert response.status_code == 404, (user.email, url)
        assert response["Content-Type"] == PROBLEM
    assert getattr(ApiClient(None), method)(url).status_code == 401
    mailbox.refresh_from_db()
    assert mailbox.name == "Support"
    assert InboundMessage.objects.get(pk=inbound.pk).status == InboundStatus.QUARANTINED


def test_connection_test_and_delete(as_admin: ApiClient, mailbox: Mailbox) -> None:
    tested = as_admin.post(f"/api/v1/mailboxes/{mailbox.pk}/test")
    assert tested.json() == {"ok": False, "error": f"Connection to 127.0.0.1:{mailbox.imap_port} was refused."}

    assert as_admin.delete(f"/api/v1/mailboxes/{mailbox.pk}").status_code == 204
    assert as_admin.get(f"/api/v1/mailboxes/{mailbox.pk}").status_code == 404


def test_inbound_list_filters_and_pages(as_admin: ApiClient) -> None:
    first = held(InboundStatus.QUARANTINED, "too deep")
    review = held(InboundStatus.REVIEW, "not a participant")
    last = held(InboundStatus.REJECTED, "too big")
    held(InboundStatus.PROCESSED)

    page = as_admin.get("/api/v1/inbound-messages", {"limit": 2}).json()
    rest = as_admin.get("/api/v1/inbound-messages", {"limit": 2, "cursor": page["next_cursor"]}).json()
    only_review = as_admin.get("/api/v1/inbound-messages", {"status": "review"}).json()

    assert [m["id"] for m in page["items"]] == [last.pk, review.pk]
    assert [m["id"] for m in rest["items"]] == [first.pk] and rest["next_cursor"] is None
    assert [(m["id"], m["reason"], m["attempts"]) for m in only_review["items"]] == [(review.pk, "not a participant", 1)]
    bad = as_admin.get("/api/v1/inbound-messages", {"status": "processed"})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["status"]


def test_reprocess_and_raw(as_admin: ApiClient, monkeypatch: pytest.MonkeyPatch) -> None:
    inbound = held(InboundStatus.QUARANTINED, "parser bug")

    def fixed_intake(inbound_id: int) -> InboundMessage:
        InboundMessage.objects.filter(pk=inbound_id).update(status=InboundStatus.PROCESSED, reason="")
        return InboundMessage.objects.get(pk=inbound_id)

    monkeypatch.setattr("supportdesk.email_gateway.intake.process_inbound", fixed_intake)

    raw = as_admin.get(f"/api/v1/inbound-messages/{inbound.pk}/raw")
    assert b"".join(raw.streaming_content) == b"Subject: quarantined\r\n\r\nbody\r\n"
    assert raw["X-Content-Type-Options"] == "nosniff"
    assert raw["Content-Disposition"] == f'attachment; filename="message-{inbound.pk}.eml"'

    response = as_admin.post(f"/api/v1/inbound-messages/{inbound.pk}/reprocess")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == ("processed", "")

    again = as_admin.post(f"/api/v1/inbound-messages/{inbound.pk}/reprocess")
    assert again.status_code == 409 and again["Content-Type"] == PROBLEM
