"""XOAUTH2 with a refresh token, against a local fake token endpoint (http.server on 127.0.0.1).

The IMAP side is a fake client that records the login: what matters here is which access token
reaches `oauth2_login`, what the token endpoint was sent, what was stored (encrypted), and that no
error, log line, page or API answer ever contains a token or the client secret.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from imapclient.exceptions import LoginError

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.core.crypto import decrypt_secret, encrypt_secret
from supportdesk.core.errors import ValidationFailed
from supportdesk.email_gateway import imap, oauth
from supportdesk.email_gateway.mailboxes import create_mailbox, update_mailbox
from supportdesk.email_gateway.models import Mailbox
from supportdesk.email_gateway.oauth import TokenRefreshFailed, check_token_url
from supportdesk.email_gateway.tests.dovecot import free_port

REFRESH = "1//refresh-Token-SECRET-a1"
CLIENT_SECRET = "client-Secret-XYZ-42"
SECRETS = (REFRESH, CLIENT_SECRET, "ya29.fresh-Access-1", "1//rotated-Refresh-b2")


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class TokenEndpoint:
    """A fake OAuth token endpoint: answers the queued replies in order, records each request."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, str]] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                endpoint.requests.append({"path": self.path, "content_type": self.headers.get("Content-Type", ""), **form})
                reply = endpoint.replies.pop(0) if endpoint.replies else Reply(500, b"no reply queued")
                time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/oauth2/v2.0/token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, payload: dict[str, Any] | None = None, *, status: int = 200, body: bytes | None = None, **kw: Any) -> None:
        self.replies.append(Reply(status=status, body=body if body is not None else json.dumps(payload or {}).encode(), **kw))


@pytest.fixture
def endpoint() -> Iterator[TokenEndpoint]:
    fake = TokenEndpoint()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


class FakeImap:
    """Records logins instead of talking IMAP; refuses the tokens listed in `refused`."""

    logins: list[tuple[str, str]] = []
    refused: set[str] = set()

    def __init__(self, host: str, port: int, ssl: bool, timeout: float) -> None:
        pass

    def oauth2_login(self, user: str, token: str) -> None:
        FakeImap.logins.append((user, token))
        if token in FakeImap.refused:
            raise LoginError("AUTHENTICATE failed")

    def login(self, user: str, password: str) -> None:
        raise AssertionError("password login used for an XOAUTH2 mailbox")

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        return {b"UIDVALIDITY": 1}

    def logout(self) -> None:
        pass


@pytest.fixture
def fake_imap(monkeypatch: pytest.MonkeyPatch) -> type[FakeImap]:
    FakeImap.logins, FakeImap.refused = [], set()
    monkeypatch.setattr(imap, "IMAPClient", FakeImap)
    return FakeImap


@pytest.fixture
def make_oauth_mailbox(admin: User, group: Group, endpoint: TokenEndpoint) -> Callable[..., Mailbox]:
    def make(**overrides: Any) -> Mailbox:
        values: dict[str, Any] = {
            "name": "M365",
            "email_address": "help@example.com",
            "group": group,
            "imap_host": "outlook.office365.com",
            "imap_username": "help@example.com",
            "auth_method": "xoauth2",
            "oauth_client_id": "client-id-123",
            "oauth_token_url": endpoint.url,
            "oauth_scope": "https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
        }
        values.update(overrides)
        return create_mailbox(admin, values, refresh_token=REFRESH, client_secret=CLIENT_SECRET)

    return make


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_an_expired_token_is_refreshed_before_login_and_the_new_one_is_stored(
    endpoint: TokenEndpoint, fake_imap: type[FakeImap], make_oauth_mailbox: Callable[..., Mailbox], caplog: pytest.LogCaptureFixture
) -> None:
    mailbox = make_oauth_mailbox()
    assert mailbox.oauth_access_expires_at is None and mailbox.imap_secret_encrypted == ""
    endpoint.answer({"access_token": "ya29.fresh-Access-1", "expires_in": 3599, "refresh_token": "1//rotated-Refresh-b2"})

    before = timezone.now()
    imap.close(imap.connect(mailbox))

    assert fake_imap.logins == [("help@example.com", "ya29.fresh-Access-1")]
    assert endpoint.requests == [
        {
            "path": "/oauth2/v2.0/token",
            "content_type": "application/x-www-form-urlencoded",
            "grant_type": "refresh_token",
            "refresh_token": REFRESH,
            "client_id": "client-id-123",
            "client_secret": CLIENT_SECRET,
            "scope": "https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
        }
    ]
    stored = Mailbox.objects.get(pk=mailbox.pk)
    assert decrypt_secret(stored.imap_secret_encrypted) == "ya29.fresh-Access-1"
    assert decrypt_secret(stored.oauth_refresh_token_encrypted) == "1//rotated-Refresh-b2"  # rotated
    assert stored.oauth_access_expires_at is not None
    assert before + timedelta(seconds=3598) <= stored.oauth_access_expires_at <= timezone.now() + timedelta(seconds=3600)
    assert_no_secret(stored.imap_secret_encrypted, stored.oauth_refresh_token_encrypted, caplog.text)

    imap.close(imap.connect(stored))  # still valid: no second request

    assert len(endpoint.requests) == 1
    assert fake_imap.logins[-1] == ("help@example.com", "ya29.fresh-Access-1")

    Mailbox.objects.filter(pk=mailbox.pk).update(oauth_access_expires_at=timezone.now() + timedelta(seconds=30))
    endpoint.answer({"access_token": "ya29.second-Access-2", "expires_in": 3600})  # Google keeps the refresh token
    imap.close(imap.connect(Mailbox.objects.get(pk=mailbox.pk)))  # about to expire: refreshed first

    assert endpoint.requests[-1]["refresh_token"] == "1//rotated-Refresh-b2"
    assert fake_imap.logins[-1] == ("help@example.com", "ya29.second-Access-2")
    assert decrypt_secret(Mailbox.objects.get(pk=mailbox.pk).oauth_refresh_token_encrypted) == "1//rotated-Refresh-b2"


def test_a_token_refused_before_its_expiry_is_refreshed_once(
    endpoint: TokenEndpoint, fake_imap: type[FakeImap], make_oauth_mailbox: Callable[..., Mailbox]
) -> None:
    mailbox = make_oauth_mailbox()
    Mailbox.objects.filter(pk=mailbox.pk).update(
        imap_secret_encrypted=encrypt_secret("ya29.revoked"), oauth_access_expires_at=timezone.now() + timedelta(hours=1)
    )
    mailbox.refresh_from_db()
    fake_imap.refused = {"ya29.revoked"}
    endpoint.answer({"access_token": "ya29.fresh-Access-1", "expires_in": 3600})

    imap.close(imap.connect(mailbox))

    assert [token for _user, token in fake_imap.logins] == ["ya29.revoked", "ya29.fresh-Access-1"]
    assert len(endpoint.requests) == 1

    fake_imap.refused.add("ya29.fresh-Access-1")
    endpoint.answer({"access_token": "ya29.fresh-Access-1", "expires_in": 3600})
    mailbox.refresh_from_db()
    with pytest.raises(LoginError):
        imap.connect(mailbox)  # refused again after one refresh: no loop
    assert len(endpoint.requests) == 2


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            Reply(400, b'{"error": "invalid_grant", "error_description": "AADSTS70000: token 1//refresh-Token-SECRET-a1 expired"}'),
            "The token endpoint 127.0.0.1 refused the refresh token (HTTP 400, invalid_grant): sign in again and store a new one.",
        ),
        (
            Reply(401, b'{"error": "invalid_client"}'),
            "The token endpoint 127.0.0.1 refused the client (HTTP 401, invalid_client): check the client ID and secret.",
        ),
        (
            Reply(400, b"<html>client-Secret-XYZ-42</html>"),
            "The token endpoint 127.0.0.1 refused the refresh token (HTTP 400): sign in again and store a new one.",
        ),
        (Reply(500, b'{"error": "Server <b>busy</b>"}'), "The token endpoint 127.0.0.1 answered HTTP 500."),
        (Reply(200, b"<html>not json</html>"), "The token endpoint 127.0.0.1 did not answer with valid JSON."),
        (Reply(200, b'["a list"]'), "The token endpoint 127.0.0.1 did not answer with valid JSON."),
        (Reply(200, b'{"token_type": "Bearer"}'), "The token endpoint 127.0.0.1 answered without an access token."),
        (Reply(302, b"", headers={"Location": "http://127.0.0.1:9/steal"}), "The token endpoint 127.0.0.1 answered HTTP 302."),
        (Reply(200, b'{"access_token": "late"}', delay=1.5), "The token endpoint 127.0.0.1 did not answer in time."),
    ],
)
def test_refresh_failures_give_clear_errors_without_secrets(
    endpoint: TokenEndpoint,
    fake_imap: type[FakeImap],
    make_oauth_mailbox: Callable[..., Mailbox],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    reply: Reply,
    message: str,
) -> None:
    monkeypatch.setattr(oauth, "TIMEOUT", 0.5)
    mailbox = make_oauth_mailbox()
    endpoint.replies.append(reply)

    result = imap.poll_mailbox(mailbox)

    assert result.error == message
    assert fake_imap.logins == []  # no login with a token we do not have
    assert len(endpoint.requests) == 1  # a redirect is not followed
    mailbox.refresh_from_db()
    assert (mailbox.last_error, mailbox.consecutive_failures, mailbox.imap_secret_encrypted) == (message, 1, "")
    assert_no_secret(result.error, caplog.text)
    assert imap.check_connection(mailbox) == "The token endpoint 127.0.0.1 answered HTTP 500."  # nothing queued any more


def test_an_unreachable_endpoint_is_reported(fake_imap: type[FakeImap], make_oauth_mailbox: Callable[..., Mailbox]) -> None:
    mailbox = make_oauth_mailbox(oauth_token_url=f"http://127.0.0.1:{free_port()}/token")

    with pytest.raises(TokenRefreshFailed) as failed:
        oauth.access_token(mailbox)

    assert str(failed.value) == "The token endpoint 127.0.0.1 could not be reached."


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://login.microsoftonline.com/common/oauth2/v2.0/token", ""),
        ("https://oauth2.googleapis.com/token", ""),
        ("http://127.0.0.1:8080/token", ""),
        ("http://login.microsoftonline.com/common/oauth2/v2.0/token", "The token endpoint must use https."),
        ("http://localhost:8080/token", "The token endpoint must use https."),
        ("http://127.0.0.2/token", "The token endpoint must use https."),
        ("file:///etc/passwd", "Enter a valid URL."),
        ("ftp://example.com/token", "The token endpoint must use https."),
        ("https://user:pass@example.com/token", "The URL must not contain a user name or password."),
        ("https:///token", "Enter a valid URL."),
        ("https://example.com/a b", "Enter a valid URL."),
    ],
)
def test_token_endpoint_must_be_https(url: str, problem: str) -> None:
    assert check_token_url(url) == problem


def test_settings_refuse_a_plain_http_endpoint_and_a_refresh_token_without_client(admin: User, group: Group) -> None:
    values = {"name": "G", "email_address": "g@example.com", "group": group, "imap_host": "imap.gmail.com", "auth_method": "xoauth2"}

    with pytest.raises(ValidationFailed) as insecure:
        create_mailbox(admin, {**values, "oauth_token_url": "http://oauth2.googleapis.com/token"})
    with pytest.raises(ValidationFailed) as incomplete:
        create_mailbox(admin, values, refresh_token=REFRESH)

    assert insecure.value.field_errors == {"oauth_token_url": "The token endpoint must use https."}
    assert incomplete.value.field_errors == {
        "oauth_client_id": "Required to refresh the access token.",
        "oauth_token_url": "Required to refresh the access token.",
    }
    assert Mailbox.objects.count() == 0


def test_a_stored_insecure_endpoint_is_never_called(endpoint: TokenEndpoint, make_oauth_mailbox: Callable[..., Mailbox]) -> None:
    mailbox = make_oauth_mailbox()
    Mailbox.objects.filter(pk=mailbox.pk).update(oauth_token_url="http://oauth.example.com/token")  # bypassing the checks
    mailbox.refresh_from_db()

    with pytest.raises(TokenRefreshFailed) as failed:
        oauth.refresh(mailbox)

    assert str(failed.value) == "The token endpoint must use https."
    assert endpoint.requests == []


def test_new_credentials_force_a_refresh_and_switching_to_password_forgets_them(
    admin: User, endpoint: TokenEndpoint, make_oauth_mailbox: Callable[..., Mailbox]
) -> None:
    mailbox = make_oauth_mailbox()
    Mailbox.objects.filter(pk=mailbox.pk).update(oauth_access_expires_at=timezone.now() + timedelta(hours=1))
    mailbox.refresh_from_db()

    assert update_mailbox(admin, mailbox, {}, refresh_token="1//new-Refresh") == ["refresh_token"]
    assert mailbox.oauth_access_expires_at is None  # the next login fetches a token with the new one

    changed = update_mailbox(admin, mailbox, {"auth_method": "password"}, secret="Imap-Passw0rd")
    mailbox.refresh_from_db()
    assert changed == ["auth_method", "secret"]
    assert (mailbox.oauth_refresh_token_encrypted, mailbox.oauth_client_secret_encrypted) == ("", "")


def test_oauth_secrets_are_write_only_in_the_settings_page_and_the_api(
    admin: User, client: Client, make_oauth_mailbox: Callable[..., Mailbox]
) -> None:
    mailbox = make_oauth_mailbox()
    client.force_login(admin)

    page = client.get(reverse("mail-mailbox-edit", args=[mailbox.pk])).content.decode()
    api = ApiClient(admin).get(f"/api/v1/mailboxes/{mailbox.pk}")

    assert "An OAuth refresh token is stored." in page and "An OAuth client secret is stored." in page
    assert 'name="oauth_refresh_token"' in page and 'name="oauth_client_secret"' in page
    data = api.json()
    assert (data["has_refresh_token"], data["has_client_secret"], data["oauth_client_id"]) == (True, True, "client-id-123")
    assert_no_secret(page, api.content.decode())
    assert mailbox.oauth_refresh_token_encrypted not in page + api.content.decode()

    patched = ApiClient(admin).patch(f"/api/v1/mailboxes/{mailbox.pk}", {"oauth_refresh_token": "1//via-Api", "oauth_client_secret": ""})
    mailbox.refresh_from_db()
    assert patched.status_code == 200 and "1//via-Api" not in patched.content.decode()
    assert decrypt_secret(mailbox.oauth_refresh_token_encrypted) == "1//via-Api"
    assert decrypt_secret(mailbox.oauth_client_secret_encrypted) == CLIENT_SECRET  # blank keeps it
