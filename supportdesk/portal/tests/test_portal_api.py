"""The portal's REST API: public sign-in links, registration, link redemption and status check;
the customer's password; admin settings and logo. Responses are checked against openapi.json."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import authenticate_token
from supportdesk.api.management.commands.openapi import render_schema
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.portal import auth_links
from supportdesk.portal.auth_links import issue_link
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInLink, SignInPurpose
from supportdesk.portal.status_check import ticket_secret
from supportdesk.portal.tests.test_branding import PNG, SVG
from supportdesk.testing.factories import CustomerFactory

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return dict(json.loads(render_schema()))


def required(schema: dict[str, Any], name: str) -> set[str]:
    return set(schema["components"]["schemas"][name]["required"])


def anonymous() -> ApiClient:
    return ApiClient(None)


def test_operations_are_documented_and_public_ones_need_no_auth(schema: dict[str, Any]) -> None:
    paths = schema["paths"]
    public = [
        ("/api/v1/portal/sign-in-links", "post"),
        ("/api/v1/portal/sign-in-links/redeem", "post"),
        ("/api/v1/portal/registrations", "post"),
        ("/api/v1/portal/status", "post"),
    ]
    for path, method in public:
        assert not paths[path][method].get("security"), path
    for path, method in [("/api/v1/portal/settings", "get"), ("/api/v1/portal/settings", "put"), ("/api/v1/portal/settings/logo", "post")]:
        assert paths[path][method]["security"], path
    assert "/api/v1/portal/account/password" in paths
    assert "/api/v1/portal/verification-mails" in paths


def test_sign_in_link_answer_is_identical_for_every_address(
    customer: User, agent: User, schema: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    inactive = CustomerFactory.create(email="gone@customer.example", is_active=False)
    answers = []
    for email in (customer.email, "nobody@nowhere.example", inactive.email, agent.email):
        with django_capture_on_commit_callbacks(execute=True):
            response = anonymous().post("/api/v1/portal/sign-in-links", {"email": email})
        headers = {k: v for k, v in response.headers.items() if k.lower() not in {"date", "set-cookie"}}
        answers.append((response.status_code, response.content, headers))
    assert len({repr(answer) for answer in answers}) == 1
    assert answers[0][0] == 202
    assert set(json.loads(answers[0][1])) == required(schema, "PortalAcceptedOut")
    assert [m.to for m in mail.outbox] == [[customer.email]]


def test_sign_in_link_over_the_limit_is_still_202_without_mail(customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    for _ in range(auth_links.ADDRESS_LIMIT[0] + 3):
        with django_capture_on_commit_callbacks(execute=True):
            assert anonymous().post("/api/v1/portal/sign-in-links", {"email": customer.email}).status_code == 202
    assert len(mail.outbox) == auth_links.ADDRESS_LIMIT[0]


@pytest.mark.parametrize("body", [{}, {"email": "a@b.example", "role": "admin"}, {"email": "x\r\nBcc: y@z.example"}, {"email": "a" * 300}])
def test_bad_sign_in_link_bodies_are_422(body: dict[str, Any]) -> None:
    response = anonymous().post("/api/v1/portal/sign-in-links", body)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM


def test_redeem_uses_the_link_once_for_a_working_token(customer: User, schema: dict[str, Any]) -> None:
    token = issue_link(customer)
    response = anonymous().post("/api/v1/portal/sign-in-links/redeem", {"token": token})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == required(schema, "PortalTokenOut")
    assert body["user_id"] == customer.pk
    assert authenticate_token(body["token"]) == customer
    assert User.objects.get(pk=customer.pk).email_verified_at is not None
    again = anonymous().post("/api/v1/portal/sign-in-links/redeem", {"token": token})
    assert again.status_code == 404
    assert again["Content-Type"] == PROBLEM
    assert anonymous().post("/api/v1/portal/sign-in-links/redeem", {"token": "x" * 43}).status_code == 404


def test_redeem_gives_staff_no_token(agent: User) -> None:
    token = issue_link(agent, SignInPurpose.VERIFY)
    response = anonymous().post("/api/v1/portal/sign-in-links/redeem", {"token": token})
    assert response.status_code == 403
    assert agent.api_tokens.count() == 0


def test_registration_same_answer_and_404_when_off(customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        new = anonymous().post("/api/v1/portal/registrations", {"full_name": "Nina", "email": "nina@newco.example", "language": "hu"})
        old = anonymous().post("/api/v1/portal/registrations", {"full_name": "Nina", "email": customer.email})
    assert new.status_code == old.status_code == 202
    assert new.content == old.content
    nina = User.objects.get(email="nina@newco.example")
    assert (nina.email_verified_at, nina.language) == (None, "hu")
    assert SignInLink.objects.get(user=nina).purpose == SignInPurpose.VERIFY
    weak = anonymous().post("/api/v1/portal/registrations", {"full_name": "W", "email": "w@newco.example", "password": "123"})
    assert weak.status_code == 422 and "password" in weak.json()["errors"]
    row = get_portal_settings()
    row.self_registration = False
    row.save()
    off = anonymous().post("/api/v1/portal/registrations", {"full_name": "Nina", "email": "other@newco.example"})
    assert off.status_code == 404
    assert not User.objects.filter(email="other@newco.example").exists()


def test_resend_verification_needs_auth_and_is_limited(customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    assert anonymous().post("/api/v1/portal/verification-mails").status_code == 401
    client = ApiClient(customer)
    statuses = []
    for _ in range(auth_links.ADDRESS_LIMIT[0] + 1):
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(client.post("/api/v1/portal/verification-mails").status_code)
    assert statuses == [202] * auth_links.ADDRESS_LIMIT[0] + [429]
    assert len(mail.outbox) == auth_links.ADDRESS_LIMIT[0]


def test_status_check(make_ticket: Callable[..., Any], schema: dict[str, Any]) -> None:
    ticket = make_ticket()
    right = anonymous().post("/api/v1/portal/status", {"number": str(ticket.number), "secret": ticket_secret(ticket)})
    assert right.status_code == 200
    assert set(right.json()) == required(schema, "PortalStatusOut")
    assert right.json()["subject"] == ticket.subject
    wrong = anonymous().post("/api/v1/portal/status", {"number": str(ticket.number), "secret": "AAAAAAAAAAAA"})
    missing = anonymous().post("/api/v1/portal/status", {"number": "999999", "secret": ticket_secret(ticket)})
    assert wrong.status_code == missing.status_code == 404
    assert wrong.content == missing.content


def test_status_check_rate_limit_is_429(make_ticket: Callable[..., Any]) -> None:
    ticket = make_ticket()
    statuses = {
        anonymous().post("/api/v1/portal/status", {"number": str(ticket.number), "secret": "WRONGWRONGWR"}).status_code for _ in range(25)
    }
    assert statuses == {404, 429}
    final = anonymous().post("/api/v1/portal/status", {"number": str(ticket.number), "secret": ticket_secret(ticket)})
    assert final.status_code == 429


def test_password_change_returns_a_new_token_and_stops_the_old_one(customer: User) -> None:
    client = ApiClient(customer)
    old_key = client.headers["Authorization"].split()[1]
    wrong = client.put("/api/v1/portal/account/password", {"current_password": "nope", "new_password": "a-new-long-phrase"})
    assert wrong.status_code == 422
    response = client.put("/api/v1/portal/account/password", {"current_password": "password123", "new_password": "a-new-long-phrase"})
    assert response.status_code == 200
    assert authenticate_token(old_key) is None
    assert authenticate_token(response.json()["token"]) == customer
    assert User.objects.get(pk=customer.pk).check_password("a-new-long-phrase")


def test_settings_are_for_admins(admin: User, agent: User, customer: User, schema: dict[str, Any]) -> None:
    assert anonymous().get("/api/v1/portal/settings").status_code == 401
    for user in (agent, customer):
        assert ApiClient(user).get("/api/v1/portal/settings").status_code == 403
        assert ApiClient(user).put("/api/v1/portal/settings", {"brand_name": "x"}).status_code == 403
    client = ApiClient(admin)
    body = client.get("/api/v1/portal/settings").json()
    assert set(body) == required(schema, "PortalSettingsOut")
    changed = client.put("/api/v1/portal/settings", {"brand_name": "Acme Help", "primary_colour": "#00AA00", "sign_in_link_minutes": 5})
    assert changed.status_code == 200
    assert (changed.json()["brand_name"], changed.json()["primary_colour"], changed.json()["self_registration"]) == (
        "Acme Help",
        "#00aa00",
        True,
    )
    assert get_portal_settings().sign_in_link_minutes == 5


@pytest.mark.parametrize(
    "body",
    [{"primary_colour": "red"}, {"accent_colour": "#12345g"}, {"sign_in_link_minutes": 0}, {"logo_id": 1}, {"brand_name": "a\nb"}],
)
def test_bad_settings_are_422(admin: User, body: dict[str, Any]) -> None:
    response = ApiClient(admin).put("/api/v1/portal/settings", body)
    assert response.status_code == 422
    assert get_portal_settings().primary_colour == "#1f5fbf"


def test_logo_upload_and_removal(admin: User) -> None:
    client = ApiClient(admin)

    def upload(content: bytes, name: str) -> Any:
        file = SimpleUploadedFile(name, content, content_type="image/png")
        return client.client.post("/api/v1/portal/settings/logo", data={"file": file}, headers=client.headers)

    refused = upload(SVG, "logo.svg")
    assert refused.status_code == 422
    assert get_portal_settings().logo_id is None
    accepted = upload(PNG, "logo.png")
    assert accepted.status_code == 200
    assert (accepted.json()["has_logo"], accepted.json()["logo_content_type"]) == (True, "image/png")
    removed = client.delete("/api/v1/portal/settings/logo")
    assert removed.json()["has_logo"] is False


def test_mailed_link_token_is_the_redeemable_token(customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        anonymous().post("/api/v1/portal/sign-in-links", {"email": customer.email})
    found = re.search(r"/portal/link/([A-Za-z0-9_-]{43})/", str(mail.outbox[0].body))
    assert found
    assert anonymous().post("/api/v1/portal/sign-in-links/redeem", {"token": found.group(1)}).status_code == 201
    used_at = SignInLink.objects.get().used_at
    assert used_at is not None and used_at <= timezone.now()
