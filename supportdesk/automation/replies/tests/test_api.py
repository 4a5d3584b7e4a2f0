"""The reply templates API: CRUD for admins, the rendered composer search for staff, 404 for customers."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import Group, User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.tickets.models import Ticket

Api = Callable[[User | None], ApiClient]


def test_crud_and_permissions(api_as: Api, admin: User, agent: User, customer: User, group: Group) -> None:
    body = {"name": "Thanks", "body": "Hi {{ customer.first_name }}", "group_ids": [group.pk], "language": "en"}
    assert api_as(agent).post("/api/v1/reply-templates", body).status_code == 403
    created = api_as(admin).post("/api/v1/reply-templates", body)
    assert created.status_code == 201, created.content
    template_id = created.json()["id"]
    assert created.json()["group_ids"] == [group.pk]
    assert api_as(agent).get(f"/api/v1/reply-templates/{template_id}").json()["body"] == "Hi {{ customer.first_name }}"
    assert api_as(customer).get(f"/api/v1/reply-templates/{template_id}").status_code == 404
    bad = api_as(admin).patch(f"/api/v1/reply-templates/{template_id}", {"body": "Hi {{ customer.password }}"})
    assert bad.status_code == 422
    assert "{{ customer.password }}" in bad.content.decode() and "{{ ticket.number }}" in bad.content.decode()
    assert api_as(admin).patch(f"/api/v1/reply-templates/{template_id}", {"name": "Thank you"}).json()["name"] == "Thank you"
    assert api_as(admin).post("/api/v1/reply-templates", {**body, "secret": 1}).status_code == 422
    assert api_as(admin).delete(f"/api/v1/reply-templates/{template_id}").status_code == 204
    assert api_as(admin).get(f"/api/v1/reply-templates/{template_id}").status_code == 404


def test_ticket_search_returns_rendered_previews(api_as: Api, admin: User, agent: User, outsider: User, ticket: Ticket) -> None:
    as_admin = api_as(admin)
    as_admin.post(
        "/api/v1/reply-templates", {"name": "Thanks", "subject": "Re {{ ticket.number }}", "body": "Hi {{ customer.first_name }}"}
    )
    as_admin.post("/api/v1/reply-templates", {"name": "Refund", "body": "Refund for {{ customer.name }}"})
    response = api_as(agent).get(f"/api/v1/tickets/{ticket.pk}/reply-templates", {"q": "thanks"})
    assert response.status_code == 200
    assert [(r["name"], r["subject"], r["text"]) for r in response.json()] == [("Thanks", f"Re {ticket.display_number}", "Hi Carla")]
    assert api_as(outsider).get(f"/api/v1/tickets/{ticket.pk}/reply-templates").status_code == 404


def test_list_has_a_query_budget(api_as: Api, admin: User, group: Group) -> None:
    client = api_as(admin)
    for n in range(5):
        client.post("/api/v1/reply-templates", {"name": f"T{n}", "body": "x", "group_ids": [group.pk]})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/reply-templates")
    assert len(response.json()["items"]) == 5
    assert len(queries) <= 6  # auth (token, user) + page + groups prefetch, independent of the page size
