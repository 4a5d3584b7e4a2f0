"""Sign-in, sign-out, password reset by mail and the language switch."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_case_insensitive_and_password(client, agent):
    response = client.post("/login/", {"username": "AGENT@support.example", "password": "password123"})
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    assert client.get("/inbox/").status_code == 200


def test_wrong_password_shows_error_and_stays_signed_out(client, agent):
    response = client.post("/login/", {"username": agent.email, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password." in response.content.decode()
    assert client.get("/inbox/").status_code == 302


def test_sign_in_ignores_offsite_next(client, agent):
    response = client.post("/login/", {"username": agent.email, "password": "password123", "next": "https://evil.example/"})
    assert response["Location"] == "/inbox/"


def test_sign_out_is_post_only(client, agent):
    client.force_login(agent)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/inbox/").status_code == 302


def test_password_reset_mail_and_new_password(client, agent):
    response = client.post("/password-reset/", {"email": agent.email})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Supportdesk password"
    link = re.search(r"http://testserver(/password-reset/[^/]+/[^/]+/)", str(mail.outbox[0].body))
    assert link
    form_url = client.get(link.group(1))["Location"]
    response = client.post(form_url, {"new_password1": "a-much-better-pass", "new_password2": "a-much-better-pass"})
    assert response["Location"] == "/password-reset/complete/"
    agent.refresh_from_db()
    assert agent.check_password("a-much-better-pass")
    # The link is single-use.
    assert "This link is invalid" in client.get(link.group(1), follow=True).content.decode()


def test_password_reset_answer_is_the_same_for_unknown_addresses(client):
    response = client.post("/password-reset/", {"email": "nobody@nowhere.example"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_language_switch_saves_user_language(client, agent):
    client.force_login(agent)
    response = client.post("/language/", {"language": "de", "next": "/inbox/"})
    assert response.status_code == 302
    assert response["Location"] == "/inbox/"
    agent.refresh_from_db()
    assert agent.language == "de"
    assert client.get("/inbox/").headers["Content-Language"] == "de"


def test_language_switch_for_anonymous_sets_cookie_only(client, settings):
    response = client.post("/language/", {"language": "hu", "next": "/login/"})
    assert response["Location"] == "/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hu"


def test_unknown_language_and_offsite_next_are_refused(client, agent):
    client.force_login(agent)
    assert client.post("/language/", {"language": "xx"}).status_code == 400
    agent.refresh_from_db()
    assert agent.language == ""
    response = client.post("/language/", {"language": "lv", "next": "https://evil.example/"})
    assert response["Location"] == "/"
