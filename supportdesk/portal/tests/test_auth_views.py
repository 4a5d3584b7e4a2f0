"""Portal sign-in pages: password, mailed links, verification gate, safe `next`, account, sign-out."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import authenticate_token, create_token
from supportdesk.email_gateway.tests.smtp_server import SmtpServer
from supportdesk.portal import auth_links
from supportdesk.portal.auth_links import issue_link
from supportdesk.portal.models import SignInLink, SignInPurpose
from supportdesk.testing.factories import CustomerFactory

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def verify(user: User) -> User:
    User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now())
    user.refresh_from_db()
    return user


def mailed_path(message: Any) -> str:
    found = re.search(r"http://127\.0\.0\.1:8000(/portal/link/[A-Za-z0-9_-]{43}/(?:\?next=\S+)?)", str(message.body))
    assert found, message.body
    return found.group(1)


def ask_link(client: Client, capture: Capture, email: str, **extra: str) -> Any:
    with capture(execute=True):
        return client.post("/portal/link/", {"email": email, **extra})


def signed_in_user(client: Client) -> Any:
    return client.get("/portal/account/").wsgi_request.user


# -- the sign-in page and password sign-in ------------------------------------------------------


def test_login_page_offers_link_and_password_and_loads_the_brand(client: Client) -> None:
    body = client.get("/portal/login/").content.decode()
    assert 'action="/portal/link/"' in body
    assert 'action="/portal/login/"' in body
    assert re.search(r'href="/portal/brand\.css\?v=\d+"', body)
    assert "<style" not in body and " style=" not in body


def test_password_sign_in_of_a_verified_customer_goes_home(client: Client, customer: User) -> None:
    verify(customer)
    response = client.post("/portal/login/", {"username": customer.email.upper(), "password": "password123"})
    assert response.status_code == 303
    assert response["Location"] == "/portal/"


def test_password_sign_in_of_an_unverified_customer_lands_on_verify_pending(client: Client, customer: User) -> None:
    response = client.post("/portal/login/", {"username": customer.email, "password": "password123", "next": "/portal/new/"})
    assert response["Location"] == "/portal/verify/"
    page = client.get("/portal/verify/")
    assert page.status_code == 200
    assert customer.email in page.content.decode()


def test_wrong_password_stays_signed_out(client: Client, customer: User) -> None:
    response = client.post("/portal/login/", {"username": customer.email, "password": "nope"})
    assert response.status_code == 200
    assert "correct e-mail address and password" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_password_sign_in_is_throttled(client: Client, customer: User) -> None:
    for _ in range(10):
        client.post("/portal/login/", {"username": customer.email, "password": "nope"})
    response = client.post("/portal/login/", {"username": customer.email, "password": "password123"})
    assert response.status_code == 429
    assert not signed_in_user(client).is_authenticated


@pytest.mark.parametrize(
    ("next_value", "expected"),
    [
        ("/portal/tickets/10001/", "/portal/tickets/10001/"),
        ("//evil.com/x", "/portal/"),
        ("https://evil.com/", "/portal/"),
        ("javascript:alert(1)", "/portal/"),
        ("/\\evil.com", "/portal/"),
        ("http://testserver/portal/new/", "/portal/"),
        ("", "/portal/"),
    ],
)
def test_password_sign_in_keeps_only_a_safe_next(client: Client, customer: User, next_value: str, expected: str) -> None:
    verify(customer)
    response = client.post("/portal/login/", {"username": customer.email, "password": "password123", "next": next_value})
    assert response["Location"] == expected


def test_signed_in_visitor_of_the_login_page_goes_on(client: Client, customer: User) -> None:
    client.force_login(verify(customer))
    assert client.get("/portal/login/?next=/portal/new/")["Location"] == "/portal/new/"


# -- asking for a link: the same answer for everybody ---------------------------------------------


def _comparable(response: Any) -> tuple[int, bytes, dict[str, str]]:
    headers = {k: v for k, v in response.headers.items() if k.lower() not in {"set-cookie", "date"}}
    return response.status_code, response.content, headers


def test_link_request_answers_identically_for_every_kind_of_address(
    client: Client, customer: User, agent: User, django_capture_on_commit_callbacks: Capture
) -> None:
    inactive = CustomerFactory.create(email="gone@customer.example", is_active=False)
    answers = {
        name: _comparable(ask_link(Client(), django_capture_on_commit_callbacks, email))
        for name, email in {
            "known": customer.email,
            "unknown": "nobody@nowhere.example",
            "inactive": inactive.email,
            "staff": agent.email,
            "known, other case": customer.email.upper(),
        }.items()
    }
    assert len(set(map(repr, answers.values()))) == 1, answers
    status, _body, headers = answers["known"]
    assert status == 303 and headers["Location"] == "/portal/link/sent/"
    # Only the active customer got mail (twice: the address in two spellings); staff get none.
    assert [m.to for m in mail.outbox] == [[customer.email], [customer.email]]
    assert SignInLink.objects.filter(user__in=[agent, inactive]).count() == 0


def test_link_mail_is_automatic_text_and_html_in_the_users_language(
    client: Client, customer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    User.objects.filter(pk=customer.pk).update(language="de", full_name="")
    ask_link(client, django_capture_on_commit_callbacks, customer.email)
    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    html, html_type = message.alternatives[0]
    assert html_type == "text/html"
    path = mailed_path(message)
    assert path in str(html)
    assert str(message.body).startswith("Guten Tag,")  # rendered in German (strings the catalogue has today)
    assert "Dies ist eine automatische Nachricht." in str(html)


def test_link_request_over_the_limit_answers_the_same_and_mails_nothing(
    client: Client, customer: User, django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    first = _comparable(ask_link(client, django_capture_on_commit_callbacks, customer.email))
    for _ in range(auth_links.ADDRESS_LIMIT[0] - 1):
        ask_link(client, django_capture_on_commit_callbacks, customer.email)
    assert len(mail.outbox) == auth_links.ADDRESS_LIMIT[0]
    with caplog.at_level(logging.WARNING, logger="supportdesk.portal.auth_links"):
        over = _comparable(ask_link(client, django_capture_on_commit_callbacks, customer.email))
    assert over == first
    assert len(mail.outbox) == auth_links.ADDRESS_LIMIT[0]
    assert "over the rate limit" in caplog.text


def test_thousand_requests_from_one_ip_mail_at_most_a_few(
    client: Client, customer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    for index in range(60):
        target = customer.email if index % 2 else f"x{index}@nowhere.example"
        ask_link(client, django_capture_on_commit_callbacks, target)
    assert 0 < len(mail.outbox) <= auth_links.ADDRESS_LIMIT[0]


def test_a_failing_mail_server_changes_neither_answer_nor_logs_a_token(
    customer: User, settings: Any, django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    """BAD-INPUTS 39 and 44: SMTP refusing the mail for a known address must not turn into a
    different answer (an oracle) nor put the link into the logs."""
    with SmtpServer() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", sink.port, 5
        sink.reply = "451 4.3.0 Try later"
        with caplog.at_level(logging.DEBUG):
            known = _comparable(ask_link(Client(), django_capture_on_commit_callbacks, customer.email))
        unknown = _comparable(ask_link(Client(), django_capture_on_commit_callbacks, "nobody@nowhere.example"))
    assert known == unknown
    assert sink.messages == []
    assert SignInLink.objects.filter(user=customer).count() == 1
    ours = [r.getMessage() for r in caplog.records if r.name.split(".")[0] in {"supportdesk", "django", "django_tasks"}]
    assert ours and not [line for line in ours if "/portal/link/" in line]  # (the test SMTP server's own debug log aside)


def test_malformed_address_is_a_form_error_without_mail(client: Client, django_capture_on_commit_callbacks: Capture) -> None:
    response = ask_link(client, django_capture_on_commit_callbacks, "not an address\r\nBcc: x@y.example")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []


# -- opening a link -------------------------------------------------------------------------------


def test_link_page_get_changes_nothing_and_post_signs_in(
    client: Client, customer: User, django_capture_on_commit_callbacks: Capture
) -> None:
    ask_link(client, django_capture_on_commit_callbacks, customer.email)
    path = mailed_path(mail.outbox[0])
    for _ in range(3):  # a mail scanner prefetching the link
        page = client.get(path)
        assert page.status_code == 200
        assert 'method="post"' in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert SignInLink.objects.get().used_at is None
    assert not signed_in_user(client).is_authenticated
    response = client.post(path)
    assert response.status_code == 303 and response["Location"] == "/portal/"
    assert signed_in_user(client) == customer
    customer.refresh_from_db()
    assert customer.email_verified_at is not None
    again = Client().post(path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def test_link_keeps_a_safe_next_from_the_request(client: Client, customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    ask_link(client, django_capture_on_commit_callbacks, customer.email, next="/portal/tickets/10001/")
    path = mailed_path(mail.outbox[0])
    assert "next=%2Fportal%2Ftickets%2F10001%2F" in path
    token_path, _query = path.split("?")
    assert client.post(token_path, {"next": "/portal/tickets/10001/"})["Location"] == "/portal/tickets/10001/"


@pytest.mark.parametrize("bad_next", ["//evil.com", "https://evil.com", "javascript:alert(1)", "/\\evil.com", " //evil.com"])
def test_link_refuses_open_redirects(client: Client, customer: User, bad_next: str, django_capture_on_commit_callbacks: Capture) -> None:
    ask_link(client, django_capture_on_commit_callbacks, customer.email, next=bad_next)
    path = mailed_path(mail.outbox[0])
    assert "next=" not in path
    assert client.post(path, {"next": bad_next})["Location"] == "/portal/"


def test_bad_links_show_a_friendly_page_and_change_nothing(client: Client, customer: User) -> None:
    now = timezone.now()
    expired = issue_link(customer, now=now - timedelta(hours=2))
    used = issue_link(customer)
    auth_links.consume(used)
    verified_at = User.objects.get(pk=customer.pk).email_verified_at
    fresh_client = Client()
    cases = {"A" * 43: 404, expired: 410, used: 410, expired[:-1]: 404}
    for token, status in cases.items():
        for method in (fresh_client.get, fresh_client.post):
            response = method(f"/portal/link/{token}/")
            assert response.status_code == status, token
            assert 'data-testid="link-bad"' in response.content.decode()
    assert not signed_in_user(fresh_client).is_authenticated
    assert SignInLink.objects.filter(used_at__isnull=True).count() == 0  # the expired one was older than `used`
    assert User.objects.get(pk=customer.pk).email_verified_at == verified_at


def test_staff_verification_link_confirms_but_does_not_sign_in(client: Client, agent: User) -> None:
    token = issue_link(agent, SignInPurpose.VERIFY)
    response = client.post(f"/portal/link/{token}/")
    assert response["Location"] == "/portal/login/"
    assert not signed_in_user(client).is_authenticated
    agent.refresh_from_db()
    assert agent.email_verified_at is not None


# -- verification gate and resend -----------------------------------------------------------------


def test_unverified_customer_sees_no_ticket_page(client: Client, customer: User, make_ticket: Callable[..., Any]) -> None:
    ticket = make_ticket()
    client.force_login(customer)
    for url in ("/portal/", f"/portal/tickets/{ticket.number}/", "/portal/account/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/portal/verify/", url
    verify(customer)
    assert client.get(f"/portal/tickets/{ticket.number}/").status_code == 200


def test_verify_pending_resends_within_the_limit(client: Client, customer: User, django_capture_on_commit_callbacks: Capture) -> None:
    assert client.get("/portal/verify/")["Location"] == "/portal/login/"
    client.force_login(customer)
    for _ in range(auth_links.ADDRESS_LIMIT[0] + 2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/portal/verify/")["Location"] == "/portal/verify/"
    assert len(mail.outbox) == auth_links.ADDRESS_LIMIT[0]
    assert SignInLink.objects.filter(purpose=SignInPurpose.VERIFY).count() == auth_links.ADDRESS_LIMIT[0]
    assert "Too many mails" in client.get("/portal/verify/").content.decode()
    client.post(mailed_path(mail.outbox[-1]))
    assert client.get("/portal/verify/")["Location"] == "/portal/"


# -- sign-out, account ----------------------------------------------------------------------------


def test_sign_out_is_post_only(client: Client, customer: User) -> None:
    client.force_login(verify(customer))
    assert client.get("/portal/logout/").status_code == 405
    assert client.post("/portal/logout/")["Location"] == "/portal/login/"
    assert not signed_in_user(client).is_authenticated


def test_account_saves_name_language_and_time_zone(client: Client, customer: User) -> None:
    client.force_login(verify(customer))
    response = client.post("/portal/account/", {"form": "profile", "full_name": "Carla C.", "language": "lv", "time_zone": "Europe/Riga"})
    assert response["Location"] == "/portal/account/"
    customer.refresh_from_db()
    assert (customer.full_name, customer.language, customer.time_zone) == ("Carla C.", "lv", "Europe/Riga")
    bad = client.post("/portal/account/", {"form": "profile", "full_name": "x", "language": "xx", "time_zone": "Mars/Base"})
    assert bad.status_code == 200
    customer.refresh_from_db()
    assert customer.time_zone == "Europe/Riga"


def test_password_change_keeps_this_session_and_stops_old_tokens(client: Client, customer: User) -> None:
    client.force_login(verify(customer))
    _token, key = create_token(customer)
    other = Client()
    other.force_login(customer)
    response = client.post(
        "/portal/account/",
        {"form": "password", "old_password": "password123", "new_password1": "a-new-long-phrase", "new_password2": "a-new-long-phrase"},
    )
    assert response["Location"] == "/portal/account/"
    customer.refresh_from_db()
    assert customer.check_password("a-new-long-phrase")
    assert signed_in_user(client) == customer
    assert not signed_in_user(other).is_authenticated
    assert authenticate_token(key) is None


def test_link_only_customer_can_set_a_first_password(client: Client, db: None) -> None:
    user = User.objects.create_user("linkonly@customer.example", None, email_verified_at=timezone.now())
    client.force_login(user)
    response = client.post(
        "/portal/account/", {"form": "password", "new_password1": "first-pass-phrase", "new_password2": "first-pass-phrase"}
    )
    assert response["Location"] == "/portal/account/"
    user.refresh_from_db()
    assert user.check_password("first-pass-phrase")


# -- the agent sign-in page sends customers to the portal -----------------------------------------


def test_customer_signing_in_on_the_agent_page_goes_to_the_portal(client: Client, customer: User, agent: User) -> None:
    response = client.post("/login/", {"username": customer.email, "password": "password123"})
    assert response["Location"] == "/portal/"
    kept = Client().post("/login/", {"username": customer.email, "password": "password123", "next": "/portal/new/"})
    assert kept["Location"] == "/portal/new/"
    evil = Client().post("/login/", {"username": customer.email, "password": "password123", "next": "//evil.com"})
    assert evil["Location"] == "/portal/"
    staff = Client().post("/login/", {"username": agent.email, "password": "password123"})
    assert staff["Location"] == "/inbox/"
