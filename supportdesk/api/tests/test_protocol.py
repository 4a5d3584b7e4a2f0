"""Cross-cutting behaviour: authentication, problem+json errors, bad input, mass assignment, idempotency."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.tokens import create_token, revoke_all_tokens
from supportdesk.api.models import IdempotencyRecord
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail", "errors"}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status
    assert "Traceback" not in response.content.decode()
    return body


def test_anonymous_and_bad_tokens_get_401(api_as, agent):
    assert_problem(api_as(None).get("/api/v1/me"), 401)
    client = Client()
    for header in ("Token sd_wrong", "Bearer sd_wrong", "Token ", "Token " + "x" * 5000, "garbage"):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        body = assert_problem(response, 401)
        assert body["title"] == "Unauthorized"
        assert response["WWW-Authenticate"] == 'Token realm="api"'
    assert_problem(Client().post("/api/v1/tickets", "{}", content_type="application/json"), 401)


def test_token_rejected_after_password_change_deactivation_or_revocation(api_as, agent):
    client = api_as(agent)
    assert client.get("/api/v1/me").json()["email"] == "agent@support.example"
    agent.set_password("a new long password")
    agent.save()
    assert_problem(client.get("/api/v1/me"), 401)
    fresh = api_as(agent)
    assert fresh.get("/api/v1/me").status_code == 200
    agent.is_active = False
    agent.save()
    assert_problem(fresh.get("/api/v1/me"), 401)
    agent.is_active = True
    agent.save()
    revoke_all_tokens(agent)
    assert_problem(fresh.get("/api/v1/me"), 401)


def test_session_auth_enforces_csrf_on_unsafe_methods(agent, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    assert client.get("/api/v1/me").json()["email"] == agent.email
    payload = '{"subject": "s", "body": "b", "customer_email": "c@d.example"}'
    denied = client.post("/api/v1/tickets", payload, content_type="application/json")
    assert_problem(denied, 403)
    assert Ticket.objects.count() == 0
    client.get("/api/docs")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    allowed = client.post("/api/v1/tickets", payload, content_type="application/json", headers={"X-CSRFToken": token})
    assert allowed.status_code == 201, allowed.content


def test_me_describes_the_caller(api_as, reader, group):
    data = api_as(reader).get("/api/v1/me").json()
    assert data["email"] == "reader@support.example"
    assert data["role"] == "agent"
    assert data["groups"] == [{"group_id": group.pk, "group_name": "Support", "access": "read"}]


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("subject=a&body=b", "application/x-www-form-urlencoded", 400),
        ("[1, 2]", "application/json", 422),
        ('"just a string"', "application/json", 422),
        ('{"subject": 5, "body": ["x"], "customer_email": null}', "application/json", 422),
        ('{"subject": "s", "body": "b", "customer_email": "a@b.example", "group_id": 99999999999999999999999}', "application/json", 422),
        ('{"subject": "s", "body": "b", "customer_email": "a@b.example", "group_id": -1}', "application/json", 422),
        ('{"subject": "' + "x" * 5000 + '", "body": "b", "customer_email": "a@b.example"}', "application/json", 422),
        ('{"subject": "s", "body": "b", "customer_email": "a@b.example", "priority": "asap"}', "application/json", 422),
        ('{"subject": "s", "body": "b", "customer_email": "a@b.example", "custom_fields": {"nope": 1}}', "application/json", 422),
    ],
)
def test_bad_create_bodies_never_500(api_as, agent, body, content_type, status):
    response = api_as(agent).post("/api/v1/tickets", body, content_type=content_type)
    assert_problem(response, status)
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/tickets/99999999999999999999999",
        "/api/v1/tickets/0",
        "/api/v1/tickets/-5",
        "/api/v1/attachments/99999999999999999999/content",
        "/api/v1/users/18446744073709551616",
    ],
)
def test_out_of_range_ids_are_client_errors(api_as, agent, path):
    response = api_as(agent).get(path)
    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_ticket_is_problem_404(api_as, agent):
    body = assert_problem(api_as(agent).get("/api/v1/tickets/424242"), 404)
    assert body == {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Ticket not found.", "errors": {}}


@pytest.mark.parametrize("field", ["role", "is_admin", "group_ids", "customer_id", "organization_id", "created_by_id", "number"])
def test_mass_assignment_is_refused(api_as, agent, customer, ticket, field):
    client = api_as(customer)
    created = client.post("/api/v1/tickets", {"subject": "s", "body": "b", field: 1})
    assert assert_problem(created, 422)["errors"] == {field: "Extra inputs are not permitted"}
    updated = api_as(agent).patch(f"/api/v1/tickets/{ticket.pk}", {field: 1})
    assert assert_problem(updated, 422)["errors"] == {field: "Extra inputs are not permitted"}
    article = client.post(f"/api/v1/tickets/{ticket.pk}/articles", {"body": "b", field: 1, "sender_type": "agent"})
    assert set(assert_problem(article, 422)["errors"]) == {field, "sender_type"}
    assert Ticket.objects.count() == 1
    assert Article.objects.count() == 1


def test_customer_cannot_escalate_through_users_endpoint(api_as, customer):
    response = api_as(customer).patch(f"/api/v1/users/{customer.pk}", {"role": "admin"})
    assert_problem(response, 403)
    customer.refresh_from_db()
    assert customer.role == "customer"


def test_articles_are_append_only(api_as, agent, ticket):
    article = ticket.articles.get()
    path = f"/api/v1/tickets/{ticket.pk}/articles/{article.pk}"
    for method in ("put", "patch", "delete"):
        response = api_as(agent)._call(method, path, {"body_text": "rewritten"})
        body = assert_problem(response, 405)
        assert body["title"] == "Method Not Allowed"
        assert response["Allow"] == "GET"
    article.refresh_from_db()
    assert article.body_text == "The printer in room 4 is on fire."


def test_idempotency_key_replays_the_same_response(api_as, agent, group):
    client = api_as(agent)
    payload = {"subject": "Once", "body": "only once", "customer_email": "x@y.example", "group_id": group.pk}
    first = client.post("/api/v1/tickets", payload, headers={"Idempotency-Key": "abc-1"})
    second = client.post("/api/v1/tickets", payload, headers={"Idempotency-Key": "abc-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Ticket.objects.count() == 1
    different = client.post("/api/v1/tickets", {**payload, "subject": "Twice"}, headers={"Idempotency-Key": "abc-1"})
    assert assert_problem(different, 422)["errors"] == {"Idempotency-Key": "Already used with another body or path."}
    other_key = client.post("/api/v1/tickets", payload, headers={"Idempotency-Key": "abc-2"})
    assert other_key.status_code == 201
    assert Ticket.objects.count() == 2


def test_idempotency_keys_are_per_user_and_failures_are_not_stored(api_as, agent, admin, group):
    payload = {"subject": "Once", "body": "b", "customer_email": "x@y.example", "group_id": group.pk}
    bad = api_as(agent).post("/api/v1/tickets", {**payload, "subject": ""}, headers={"Idempotency-Key": "k"})
    assert bad.status_code == 422
    assert IdempotencyRecord.objects.count() == 0
    assert api_as(agent).post("/api/v1/tickets", payload, headers={"Idempotency-Key": "k"}).status_code == 201
    assert api_as(admin).post("/api/v1/tickets", payload, headers={"Idempotency-Key": "k"}).status_code == 201
    assert Ticket.objects.count() == 2
    assert_problem(api_as(agent).post("/api/v1/tickets", payload, headers={"Idempotency-Key": "x" * 201}), 422)


def test_idempotency_on_article_post(api_as, agent, ticket):
    client = api_as(agent)
    for _ in range(3):
        response = client.post(f"/api/v1/tickets/{ticket.pk}/articles", {"body": "retry me"}, headers={"Idempotency-Key": "art"})
        assert response.status_code == 201
    assert ticket.articles.count() == 2


def test_token_command_creates_and_revokes(agent, capsys):
    from django.core.management import call_command

    call_command("token", "create", "AGENT@support.example", "--name", "ci")
    key = capsys.readouterr().out.strip()
    assert key.startswith("sd_")
    client = Client()
    assert client.get("/api/v1/me", headers={"Authorization": f"Token {key}"}).json()["id"] == agent.pk
    call_command("token", "revoke", "agent@support.example")
    assert capsys.readouterr().out.strip() == "Revoked 1 token(s) of agent@support.example."
    assert client.get("/api/v1/me", headers={"Authorization": f"Token {key}"}).status_code == 401
    _t, other = create_token(agent)
    assert client.get("/api/v1/me", headers={"Authorization": f"Token {other}"}).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": "big"}])
def test_oversized_body_is_a_problem_not_a_crash(api_as, agent, headers):
    body = '{"subject": "s", "body": "' + "x" * (6 * 1024 * 1024) + '", "customer_email": "a@b.example"}'
    response = api_as(agent).post("/api/v1/tickets", body, headers=headers)
    assert response.status_code in (400, 413)
    assert response["Content-Type"] == "application/problem+json"
    assert Ticket.objects.count() == 0
