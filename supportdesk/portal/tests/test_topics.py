"""New-ticket topics: the admin page, the rules of portal.topics, and the portal API (topics for
customers, admin CRUD, a ticket under a topic, close and reopen)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.accounts.tokens import create_token
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.portal import topics
from supportdesk.portal.models import Topic
from supportdesk.portal.tests.portal_tickets_world import World, build_world, make_topic, signed_in, upload
from supportdesk.testing.factories import AdminFactory, GroupFactory
from supportdesk.tickets.choices import Channel, FieldType, State
from supportdesk.tickets.models import CustomFieldDefinition, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = build_world()
    CustomFieldDefinition.objects.create(key="contract", label="Contract number", field_type=FieldType.TEXT, position=1)
    CustomFieldDefinition.objects.create(
        key="product", label="Product", field_type=FieldType.SELECT, options=["Phone", "Router"], position=2
    )
    CustomFieldDefinition.objects.create(key="old", label="Retired", field_type=FieldType.TEXT, is_active=False)
    return world


@pytest.fixture
def admin(db: None) -> User:
    return AdminFactory.create(email="boss@support.example", full_name="Bea Boss")


def api(user: User) -> Client:
    _token, key = create_token(user)
    return Client(headers={"Authorization": f"Token {key}"})


def send(client: Client, method: str, path: str, data: Any = None) -> Any:
    return getattr(client, method)(path, json.dumps(data) if data is not None else None, content_type="application/json")


# -- the rules ---------------------------------------------------------------------------------------------


def test_create_and_update_a_topic(world: World, admin: User) -> None:
    topic = topics.create_topic(
        admin,
        {
            "names": {"en": "  Billing  questions ", "de": "Abrechnung", "hu": ""},
            "group_id": world.billing.pk,
            "fields": ["contract", "product"],
            "required_fields": ["contract"],
        },
    )
    assert (topic.names, topic.group_id, topic.fields, topic.required_fields, topic.is_active) == (
        {"en": "Billing questions", "de": "Abrechnung"},
        world.billing.pk,
        ["contract", "product"],
        ["contract"],
        True,
    )
    assert topics.update_topic(admin, topic, {"fields": ["product"]}) == ["fields", "required_fields"]
    topic.refresh_from_db()
    assert topic.required_fields == []  # a field no longer asked is no longer required
    assert topics.update_topic(admin, topic, {"position": 3, "group_id": world.support.pk}) == ["group_id", "position"]
    assert topics.deactivate_topic(admin, topic) is True
    assert topics.deactivate_topic(admin, topic) is False
    assert topics.active_topics() == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"names": {}, "group_id": 1}, "names"),
        ({"names": {"xx": "Klingon"}}, "names.xx"),
        ({"names": {"en": "x" * 121}}, "names.en"),
        ({"names": "Billing"}, "names"),
        ({"names": {"en": "B"}, "group_id": 999999}, "group_id"),
        ({"names": {"en": "B"}, "group_id": True}, "group_id"),
        ({"names": {"en": "B"}, "fields": ["nope"]}, "fields"),
        ({"names": {"en": "B"}, "fields": ["old"]}, "fields"),  # an inactive definition
        ({"names": {"en": "B"}, "fields": ["contract"], "required_fields": ["product"]}, "required_fields"),
        ({"names": {"en": "B"}, "position": -1}, "position"),
        ({"names": {"en": "B"}, "is_active": "yes"}, "is_active"),
        ({"names": {"en": "B"}, "group": 1}, "group"),  # unknown key: refused, not ignored (BAD-INPUTS 33)
    ],
)
def test_topic_validation(world: World, admin: User, values: dict[str, Any], field: str) -> None:
    values = {"group_id": world.billing.pk, **values}
    with pytest.raises(ValidationFailed) as caught:
        topics.create_topic(admin, values)
    assert field in caught.value.field_errors
    assert not Topic.objects.exists()


def test_only_admins_change_topics(world: World) -> None:
    with pytest.raises(PermissionDenied):
        topics.create_topic(world.agent, {"names": {"en": "B"}, "group_id": world.billing.pk})


# -- the admin page ------------------------------------------------------------------------------------


def test_the_admin_page_lists_creates_edits_and_deactivates(world: World, admin: User) -> None:
    client = signed_in(admin)
    assert client.get("/portal/topics/").status_code == 200
    form = {
        "name_en": "Technical <b>problem</b>",
        "name_de": "Technisches Problem",
        "name_hu": "",
        "name_lv": "",
        "group": world.support.pk,
    }
    created = client.post(
        "/portal/topics/new/", {**form, "fields_asked": ["product"], "required_fields": ["product"], "position": 2, "is_active": "on"}
    )
    assert (created.status_code, created["Location"]) == (303, "/portal/topics/")
    topic = Topic.objects.get()
    assert (topic.names, topic.fields, topic.required_fields, topic.position) == (
        {"en": "Technical <b>problem</b>", "de": "Technisches Problem"},
        ["product"],
        ["product"],
        2,
    )
    listing = client.get("/portal/topics/").content.decode()
    assert "Technical &lt;b&gt;problem&lt;/b&gt;" in listing and "Product" in listing and "Retired" not in listing
    edit_page = client.get(f"/portal/topics/{topic.pk}/").content.decode()
    assert 'value="Technisches Problem"' in edit_page
    bad = client.post(f"/portal/topics/{topic.pk}/", {**form, "fields_asked": [], "required_fields": ["product"], "position": 2})
    assert bad.status_code == 422 and "A required field must also be one of the topic" in bad.content.decode()
    client.post(
        f"/portal/topics/{topic.pk}/", {**form, "group": world.billing.pk, "fields_asked": ["contract"], "position": 0, "is_active": "on"}
    )
    topic.refresh_from_db()
    assert (topic.group_id, topic.fields) == (world.billing.pk, ["contract"])
    assert client.post(f"/portal/topics/{topic.pk}/deactivate/").status_code == 303
    topic.refresh_from_db()
    assert topic.is_active is False
    assert client.get("/portal/topics/999999/").status_code == 404


def test_the_admin_page_is_for_admins(world: World, client: Client) -> None:
    assert client.get("/portal/topics/").status_code == 302  # signed out: sign in first
    assert signed_in(world.agent).get("/portal/topics/").status_code == 403
    assert signed_in(world.agent).post("/portal/topics/new/", {"name_en": "x", "group": world.support.pk, "position": 0}).status_code == 403
    assert not Topic.objects.exists()


# -- the API ----------------------------------------------------------------------------------------------------


def test_customers_read_active_topics_with_their_fields(world: World) -> None:
    billing = make_topic(
        world.billing, names={"en": "Billing", "de": "Abrechnung"}, fields=["contract", "old", "product"], required=["contract"]
    )
    gone = make_topic(world.support, names={"en": "Gone"})
    Topic.objects.filter(pk=gone.pk).update(is_active=False)
    response = api(world.alice).get("/api/v1/portal/topics", headers={"Accept-Language": "de"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": billing.pk,
            "name": "Abrechnung",
            "names": {"en": "Billing", "de": "Abrechnung"},
            "position": 0,
            "fields": [
                {"key": "contract", "label": "Contract number", "field_type": "text", "options": [], "required": True},
                {"key": "product", "label": "Product", "field_type": "select", "options": ["Phone", "Router"], "required": False},
            ],
        }
    ]
    assert Client().get("/api/v1/portal/topics").status_code == 401


def test_admin_crud_over_the_api(world: World, admin: User) -> None:
    client = api(admin)
    created = send(
        client, "post", "/api/v1/portal/admin/topics", {"names": {"en": "Billing"}, "group_id": world.billing.pk, "fields": ["contract"]}
    )
    assert created.status_code == 201
    topic_id = created.json()["id"]
    assert created.json() == {
        "id": topic_id,
        "names": {"en": "Billing"},
        "group_id": world.billing.pk,
        "fields": ["contract"],
        "required_fields": [],
        "position": 0,
        "is_active": True,
    }
    changed = send(client, "patch", f"/api/v1/portal/admin/topics/{topic_id}", {"required_fields": ["contract"], "is_active": False})
    assert changed.status_code == 200 and changed.json()["required_fields"] == ["contract"] and changed.json()["is_active"] is False
    assert [t["id"] for t in client.get("/api/v1/portal/admin/topics").json()] == [topic_id]
    assert send(client, "patch", f"/api/v1/portal/admin/topics/{topic_id}", {"group": 5}).status_code == 422  # mass assignment
    assert send(client, "post", "/api/v1/portal/admin/topics", {"names": {"en": "X"}, "group_id": 2**70}).status_code == 422
    assert client.delete(f"/api/v1/portal/admin/topics/{topic_id}").status_code == 204
    assert client.get(f"/api/v1/portal/admin/topics/{topic_id}").status_code == 404
    customer = api(world.alice)
    assert send(customer, "post", "/api/v1/portal/admin/topics", {"names": {"en": "B"}, "group_id": world.billing.pk}).status_code == 403
    assert customer.get("/api/v1/portal/admin/topics").status_code == 403


def test_a_ticket_under_a_topic_over_the_api(world: World) -> None:
    topic = make_topic(world.billing, fields=["contract"], required=["contract"])
    client = api(world.alice)
    missing = send(client, "post", "/api/v1/portal/tickets", {"topic_id": topic.pk, "subject": "Bill", "body": "Twice"})
    assert missing.status_code == 422 and missing.json()["errors"] == {"custom_fields.contract": "Please fill in this field."}
    no_topic = send(client, "post", "/api/v1/portal/tickets", {"subject": "Bill", "body": "Twice"})
    assert no_topic.status_code == 422 and "topic_id" in no_topic.json()["errors"]
    file = upload(world.alice, "bill.pdf")
    created = send(
        client,
        "post",
        "/api/v1/portal/tickets",
        {"topic_id": topic.pk, "subject": "Bill", "body": "Twice", "custom_fields": {"contract": "C-7"}, "attachment_ids": [file.pk]},
    )
    assert created.status_code == 201
    ticket = Ticket.objects.get(pk=created.json()["id"])
    assert (ticket.customer_id, ticket.group_id, ticket.channel, ticket.custom_fields) == (
        world.alice.pk,
        world.billing.pk,
        Channel.PORTAL,
        {"contract": "C-7"},
    )
    assert list(ticket.articles.get().attachments.values_list("pk", flat=True)) == [file.pk]
    # Someone else's upload cannot be attached (treated as unknown).
    foreign = upload(world.carol, "carol.pdf")
    stolen = send(
        client,
        "post",
        "/api/v1/portal/tickets",
        {"topic_id": topic.pk, "subject": "S", "body": "B", "custom_fields": {"contract": "1"}, "attachment_ids": [foreign.pk]},
    )
    assert stolen.status_code == 422
    assert (
        send(client, "post", "/api/v1/portal/tickets", {"topic_id": topic.pk, "subject": "S", "body": "B", "customer_id": 1}).status_code
        == 422
    )


def test_close_and_reopen_over_the_api(world: World) -> None:
    client = api(world.alice)
    ticket_id = world.alice_ticket.pk
    closed = client.post(f"/api/v1/tickets/{ticket_id}/close")
    assert closed.status_code == 200 and closed.json()["state"] == State.SOLVED
    again = client.post(f"/api/v1/tickets/{ticket_id}/close")
    assert again.status_code == 200 and again.json()["state"] == State.SOLVED
    reopened = client.post(f"/api/v1/tickets/{ticket_id}/reopen")
    assert reopened.status_code == 200 and reopened.json()["state"] == State.OPEN
    assert client.post("/api/v1/tickets/999999/close").status_code == 404


def test_a_topic_whose_group_was_deactivated_sends_tickets_to_the_default_group(world: World) -> None:
    closed_group = GroupFactory.create(name="Closed desk")
    topic = make_topic(closed_group)
    closed_group.is_active = False
    closed_group.save()
    response = send(api(world.alice), "post", "/api/v1/portal/tickets", {"topic_id": topic.pk, "subject": "S", "body": "B"})
    assert response.status_code == 201
    assert Ticket.objects.get(pk=response.json()["id"]).group_id == world.support.pk
