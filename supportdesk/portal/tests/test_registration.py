"""Self-registration: on/off, same answer for new and existing addresses, verification before tickets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.portal import registration
from supportdesk.portal.branding import get_portal_settings
from supportdesk.portal.models import SignInLink, SignInPurpose
from supportdesk.testing.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def register(client: Client, capture: Capture, **data: str) -> Any:
    form = {"full_name": "Nina New", "email": "nina@newco.example", "password": "", "website": ""}
    form.update(data)
    with capture(execute=True):
        return client.post("/portal/register/", form)


def set_registration(on: bool) -> None:
    row = get_portal_settings()
    row.self_registration = on
    row.save()


def test_registration_off_is_a_404_everywhere(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    set_registration(False)
    assert client.get("/portal/register/").status_code == 404
    assert register(client, django_capture_on_commit_callbacks).status_code == 404
    assert not User.objects.filter(email="nina@newco.example").exists()
    assert "/portal/register/" not in client.get("/portal/login/").content.decode()


def test_new_customer_is_created_unverified_in_the_domain_organization(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    organization = OrganizationFactory.create(name="NewCo")
    organization.domains.create(domain="newco.example")
    german = Client(headers={"accept-language": "de"})
    response = register(german, django_capture_on_commit_callbacks, email="Nina@NewCo.example", password="correct-horse-battery")
    assert response.status_code == 303 and response["Location"] == "/portal/register/sent/"
    user = User.objects.get(email="nina@newco.example")
    assert (user.role, user.full_name, user.email_verified_at, user.language) == (Role.CUSTOMER, "Nina New", None, "de")
    assert list(user.organizations.all()) == [organization]
    assert user.check_password("correct-horse-battery")
    [message] = mail.outbox
    assert message.to == ["nina@newco.example"]
    assert "Dies ist eine automatische Nachricht." in str(message.body)  # the mail follows the registration's language
    assert SignInLink.objects.get(user=user).purpose == SignInPurpose.VERIFY


def test_new_customer_without_password_signs_in_by_link_only(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    register(client, django_capture_on_commit_callbacks)
    user = User.objects.get(email="nina@newco.example")
    assert not user.has_usable_password()


def test_verification_link_opens_the_portal(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    register(client, django_capture_on_commit_callbacks, password="correct-horse-battery")
    client.post("/portal/login/", {"username": "nina@newco.example", "password": "correct-horse-battery"})
    assert client.get("/portal/")["Location"] == "/portal/verify/"  # signed in, but no tickets yet
    path = re.search(r"http://127\.0\.0\.1:8000(/portal/link/\S+/)", str(mail.outbox[0].body))
    assert path
    assert "Confirm" in client.get(path.group(1)).content.decode()
    assert client.post(path.group(1))["Location"] == "/portal/"
    assert User.objects.get(email="nina@newco.example").email_verified_at is not None
    assert client.get("/portal/").status_code == 200


def test_existing_address_gets_the_same_answer_and_a_sign_in_link(
    client: Client, customer: User, agent: User, django_capture_on_commit_callbacks: Capture
) -> None:
    new = register(Client(), django_capture_on_commit_callbacks, email="fresh@nowhere.example")
    existing = register(
        Client(), django_capture_on_commit_callbacks, email=customer.email, full_name="Mallory", password="mallorys-password"
    )
    staff = register(Client(), django_capture_on_commit_callbacks, email=agent.email)
    assert new.status_code == existing.status_code == staff.status_code == 303
    assert new["Location"] == existing["Location"] == staff["Location"]
    assert new.content == existing.content == staff.content
    customer.refresh_from_db()
    assert customer.full_name == "Carla Customer"
    assert customer.check_password("password123")  # not overwritten
    assert User.objects.filter(email=customer.email).count() == 1
    assert [m.to for m in mail.outbox] == [["fresh@nowhere.example"], [customer.email]]
    assert SignInLink.objects.get(user=customer).purpose == SignInPurpose.SIGN_IN
    assert not SignInLink.objects.filter(user=agent).exists()


def test_weak_password_and_bad_address_are_form_errors(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    weak = register(client, django_capture_on_commit_callbacks, password="short")
    assert weak.status_code == 200
    assert "too short" in weak.content.decode()
    bad = register(client, django_capture_on_commit_callbacks, email="nina@newco.example\r\nBcc: x@evil.example")
    assert bad.status_code == 200
    assert not User.objects.exists()
    assert mail.outbox == []


def test_honeypot_answers_like_success_and_does_nothing(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    response = register(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response["Location"] == "/portal/register/sent/"
    assert not User.objects.exists()
    assert mail.outbox == []


def test_registration_is_rate_limited_per_ip(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    limit = registration.IP_LIMIT[0]
    for index in range(limit + 3):
        response = register(client, django_capture_on_commit_callbacks, email=f"bot{index}@spam.example")
        assert response["Location"] == "/portal/register/sent/"
    assert User.objects.filter(email__endswith="@spam.example").count() == limit
    assert len(mail.outbox) == limit


def test_self_registered_address_at_a_customers_domain_sees_no_organization_ticket(
    client: Client, customer: User, make_ticket: Callable[..., Any], django_capture_on_commit_callbacks: Capture
) -> None:
    """BAD-INPUTS 14: registering somebody@customer.example opens nothing until verified."""
    organization = OrganizationFactory.create(name="Customer Ltd", shared=True)
    organization.domains.create(domain="customer.example")
    customer.organizations.add(organization)
    ticket = make_ticket()
    register(client, django_capture_on_commit_callbacks, email="intruder@customer.example", password="a-long-pass-phrase")
    client.post("/portal/login/", {"username": "intruder@customer.example", "password": "a-long-pass-phrase"})
    for url in ("/portal/", f"/portal/tickets/{ticket.number}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/portal/verify/"
        assert ticket.subject.encode() not in response.content
