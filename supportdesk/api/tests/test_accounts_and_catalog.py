"""Users, organizations, groups, custom field definitions and search through the API."""

from __future__ import annotations

import pytest

from supportdesk.accounts.models import GroupMembership, Organization, User
from supportdesk.accounts.tokens import create_token
from supportdesk.tickets.models import CustomFieldDefinition

pytestmark = pytest.mark.django_db


def test_admin_creates_and_updates_users(api_as, admin, group):
    client = api_as(admin)
    created = client.post("/api/v1/users", {"email": " New.Agent@Support.Example ", "full_name": "Nina", "role": "agent"})
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["email"], data["role"], data["is_active"]) == ("new.agent@support.example", "agent", True)
    duplicate = client.post("/api/v1/users", {"email": "new.agent@support.example"})
    assert duplicate.status_code == 409
    assert duplicate.json()["errors"] == {"email": "Already in use."}
    user = User.objects.get(pk=data["id"])
    assert not user.has_usable_password()
    assert client.put(f"/api/v1/groups/{group.pk}/members/{user.pk}", {"access": "write"}).status_code == 204
    assert GroupMembership.objects.get(user=user, group=group).access == "write"
    _token, key = create_token(user)
    demoted = client.patch(f"/api/v1/users/{user.pk}", {"role": "customer", "full_name": "Nina N"})
    assert (demoted.json()["role"], demoted.json()["full_name"]) == ("customer", "Nina N")
    assert api_as(None).client.get("/api/v1/me", headers={"Authorization": f"Token {key}"}).status_code == 401


def test_admin_cannot_lock_themselves_out(api_as, admin):
    response = api_as(admin).patch(f"/api/v1/users/{admin.pk}", {"is_active": False})
    assert response.status_code == 422
    admin.refresh_from_db()
    assert admin.is_active


def test_user_writes_are_admin_only(api_as, agent, customer):
    assert api_as(agent).post("/api/v1/users", {"email": "x@y.example"}).status_code == 403
    assert api_as(agent).patch(f"/api/v1/users/{customer.pk}", {"full_name": "x"}).status_code == 403
    assert not User.objects.filter(email="x@y.example").exists()


def test_user_visibility(api_as, agent, reader, outsider, customer, other_customer, ticket):
    ids = {u["id"] for u in api_as(agent).get("/api/v1/users").json()["items"]}
    assert ids == {agent.pk, reader.pk, customer.pk}
    assert api_as(agent).get(f"/api/v1/users/{other_customer.pk}").status_code == 404
    assert api_as(outsider).get(f"/api/v1/users/{customer.pk}").status_code == 404
    assert api_as(customer).get("/api/v1/users").status_code == 403
    assert api_as(customer).get(f"/api/v1/users/{other_customer.pk}").status_code == 404
    assert api_as(customer).get(f"/api/v1/users/{customer.pk}").json()["email"] == customer.email


def test_organizations(api_as, admin, agent, customer, make_ticket):
    client = api_as(admin)
    created = client.post("/api/v1/organizations", {"name": "<b>ACME</b>", "domains": ["ACME.example"], "shared": True})
    assert created.status_code == 201, created.content
    org = created.json()
    assert (org["name"], org["domains"], org["shared"]) == ("<b>ACME</b>", ["acme.example"], True)
    bad = client.post("/api/v1/organizations", {"name": "Other", "domains": ["not a domain"]})
    assert bad.status_code == 422
    assert api_as(agent).get(f"/api/v1/organizations/{org['id']}").status_code == 404
    customer.organizations.add(Organization.objects.get(pk=org["id"]))
    make_ticket()
    assert [o["id"] for o in api_as(agent).get("/api/v1/organizations").json()["items"]] == [org["id"]]
    assert api_as(customer).get(f"/api/v1/organizations/{org['id']}").json()["name"] == "<b>ACME</b>"
    renamed = client.patch(f"/api/v1/organizations/{org['id']}", {"name": "ACME Corp"})
    assert renamed.json()["name"] == "ACME Corp"


def test_groups(api_as, admin, agent, group, other_group, customer):
    client = api_as(admin)
    created = client.post("/api/v1/groups", {"name": "Sales", "email_address": "Sales@Support.Example"})
    assert created.status_code == 201
    assert created.json()["email_address"] == "sales@support.example"
    assert client.post("/api/v1/groups", {"name": "Sales"}).status_code == 409
    assert [g["name"] for g in api_as(agent).get("/api/v1/groups").json()["items"]] == ["Support"]
    assert api_as(agent).get(f"/api/v1/groups/{other_group.pk}").status_code == 404
    assert api_as(customer).get("/api/v1/groups").status_code == 403
    members = api_as(agent).get(f"/api/v1/groups/{group.pk}/members").json()
    assert members == [{"user": {"id": agent.pk, "name": "Alex Agent", "email": agent.email}, "access": "full"}]
    assert client.delete(f"/api/v1/groups/{group.pk}/members/{agent.pk}").status_code == 204
    assert not GroupMembership.objects.filter(user=agent).exists()


def test_custom_field_definitions(api_as, admin, agent, ticket):
    client = api_as(admin)
    created = client.post(
        "/api/v1/fields",
        {"key": "plan", "label": "Plan", "field_type": "select", "options": ["free", "pro"], "required_in_states": ["solved"]},
    )
    assert created.status_code == 201, created.content
    field = created.json()
    assert (field["key"], field["options"], field["required_in_states"]) == ("plan", ["free", "pro"], ["solved"])
    assert client.post("/api/v1/fields", {"key": "plan", "label": "Again", "field_type": "text"}).status_code == 409
    assert client.post("/api/v1/fields", {"key": "Bad Key", "label": "x", "field_type": "text"}).status_code == 422
    assert client.post("/api/v1/fields", {"key": "n", "label": "x", "field_type": "text", "options": ["a"]}).status_code == 422
    assert api_as(agent).post("/api/v1/fields", {"key": "z", "label": "z", "field_type": "text"}).status_code == 403
    assert [f["key"] for f in api_as(agent).get("/api/v1/fields").json()] == ["plan"]
    agent_client = api_as(agent)
    unsolvable = agent_client.patch(f"/api/v1/tickets/{ticket.pk}", {"state": "solved"})
    assert unsolvable.json()["errors"] == {"custom_fields.plan": "Required when the state is solved."}
    solved = agent_client.patch(f"/api/v1/tickets/{ticket.pk}", {"state": "solved", "custom_fields": {"plan": "pro"}})
    assert solved.json()["custom_fields"] == {"plan": "pro"}
    updated = client.patch(f"/api/v1/fields/{field['id']}", {"label": "Plan tier", "is_active": False, "key": "other"})
    assert updated.status_code == 422
    updated = client.patch(f"/api/v1/fields/{field['id']}", {"label": "Plan tier", "is_active": False})
    assert (updated.json()["label"], updated.json()["is_active"]) == ("Plan tier", False)
    assert CustomFieldDefinition.objects.get().key == "plan"


def test_search(api_as, agent, make_ticket):
    hit = make_ticket(subject="Printer jam on floor 3")
    make_ticket(subject="Coffee machine")
    client = api_as(agent)
    assert [t["id"] for t in client.get("/api/v1/search", {"q": "jam"}).json()["items"]] == [hit.pk]
    assert [t["id"] for t in client.get("/api/v1/search", {"q": f"#{hit.number}"}).json()["items"]] == [hit.pk]
    assert client.get("/api/v1/search").status_code == 422
    assert client.get("/api/v1/search", {"q": "x" * 501}).status_code == 422
