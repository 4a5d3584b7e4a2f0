"""What the portal does, a customer's API token can do too: list, read public articles, create,
reply with attachments, close and reopen."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from supportdesk.accounts.tokens import create_token
from supportdesk.portal.tests.portal_tickets_world import World, build_world
from supportdesk.tickets.choices import Priority, SenderType, State
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def api(user: Any) -> Client:
    _token, key = create_token(user)
    return Client(headers={"Authorization": f"Token {key}"})


def post_json(client: Client, path: str, data: Any) -> Any:
    return client.post(path, json.dumps(data), content_type="application/json")


def test_a_customer_token_does_what_the_portal_does(world: World) -> None:
    client = api(world.carol)
    created = post_json(
        client, "/api/v1/tickets", {"subject": "Fax broken", "body": "No dial tone.", "priority": "urgent", "group_id": world.billing.pk}
    )
    assert created.status_code == 201
    ticket = Ticket.objects.get(pk=created.json()["id"])
    # Customers create for themselves, in the default group, at normal priority (docs/permissions.md).
    assert (ticket.customer_id, ticket.group_id, ticket.priority) == (world.carol.pk, world.support.pk, Priority.NORMAL)
    upload = client.post("/api/v1/attachments", {"file": SimpleUploadedFile("fax.jpg", b"\xff\xd8\xff jpeg", content_type="image/jpeg")})
    assert upload.status_code == 201
    reply = post_json(
        client, f"/api/v1/tickets/{ticket.pk}/articles", {"body": "A photo of the fax.", "attachment_ids": [upload.json()["id"]]}
    )
    assert reply.status_code == 201
    article = Article.objects.get(pk=reply.json()["id"])
    assert (article.sender_type, list(article.attachments.values_list("filename", flat=True))) == (SenderType.CUSTOMER, ["fax.jpg"])
    note = post_json(client, f"/api/v1/tickets/{ticket.pk}/articles", {"body": "sneaky", "is_internal": True})
    assert note.status_code == 403
    listed = client.get("/api/v1/tickets", {"state": "open_states"}).json()["items"]
    assert sorted(item["id"] for item in listed) == sorted([ticket.pk, world.carol_ticket.pk])
    assert client.post(f"/api/v1/tickets/{ticket.pk}/close").json()["state"] == State.SOLVED
    assert client.post(f"/api/v1/tickets/{ticket.pk}/reopen").json()["state"] == State.OPEN
    # Agents' state changes stay theirs: PATCH needs edit rights.
    assert client.patch(f"/api/v1/tickets/{ticket.pk}", json.dumps({"state": "closed"}), content_type="application/json").status_code == 403


def test_the_organization_tab_over_the_api(world: World) -> None:
    listed = api(world.bob).get("/api/v1/tickets", {"organization": world.shared_org.pk}).json()["items"]
    assert [item["id"] for item in listed] == [world.alice_ticket.pk]
    assert api(world.dave).get("/api/v1/tickets", {"organization": world.private_org.pk}).json()["items"] == []
