"""Tickets through the API: create, read, update, list with filters and pagination, delete, bulk."""

from __future__ import annotations

import pytest

from supportdesk.tickets.actions import add_tags
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_create_ticket_as_agent_returns_201_with_number(api_as, agent, group):
    response = api_as(agent).post(
        "/api/v1/tickets",
        {
            "subject": "Cannot log in",
            "body": "Password reset mail never arrives.",
            "customer_email": "New.Person@Example.com",
            "group_id": group.pk,
            "priority": "high",
            "tags": ["Login", "vip"],
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    ticket = Ticket.objects.get(pk=data["id"])
    assert data["number"] == ticket.number == 10001
    assert data["display_number"] == "#10001"
    assert data["subject"] == "Cannot log in"
    assert data["state"] == "new"
    assert data["priority"] == "high"
    assert data["channel"] == "api"
    assert data["group"] == {"id": group.pk, "name": "Support"}
    assert data["customer"]["email"] == "new.person@example.com"
    assert data["tags"] == ["login", "vip"]
    assert data["permissions"] == {"can_reply": True, "can_note": True, "can_edit": True, "can_move": True, "can_delete": False}

    read = api_as(agent).get(f"/api/v1/tickets/{ticket.pk}")
    assert read.status_code == 200
    assert read.json()["id"] == ticket.pk
    assert read.json()["article_count"] == 1


def test_customer_creates_for_themselves_whatever_they_send(api_as, customer, other_customer, group):
    response = api_as(customer).post(
        "/api/v1/tickets", {"subject": "Help", "body": "Hi", "customer_email": other_customer.email, "priority": "urgent"}
    )
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.customer == customer
    assert ticket.priority == "normal"


def test_create_requires_subject_body_and_customer_for_staff(api_as, agent, group):
    client = api_as(agent)
    missing = client.post("/api/v1/tickets", {"body": "x", "customer_email": "a@b.example"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"subject": "Field required"}
    no_customer = client.post("/api/v1/tickets", {"subject": "s", "body": "x", "group_id": group.pk})
    assert no_customer.status_code == 422
    assert no_customer.json()["errors"] == {"customer_email": "A customer e-mail address is required."}
    bad_email = client.post("/api/v1/tickets", {"subject": "s", "body": "x", "customer_email": "no\r\nBcc: x@y.z"})
    assert bad_email.status_code == 422
    assert bad_email.json()["errors"] == {"email": "Invalid e-mail address."}


def test_update_ticket_fields_and_history(api_as, agent, ticket):
    response = api_as(agent).patch(f"/api/v1/tickets/{ticket.pk}", {"state": "open", "priority": "urgent", "owner_id": agent.pk})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["state"], data["priority"], data["owner"]["id"]) == ("open", "urgent", agent.pk)
    changes = list(TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CHANGED).values_list("field", "old_value", "new_value"))
    assert ("state", "new", "open") in changes
    assert ("priority", "normal", "urgent") in changes
    assert ("owner", None, agent.email) in changes
    unassign = api_as(agent).patch(f"/api/v1/tickets/{ticket.pk}", {"owner_id": None})
    assert unassign.json()["owner"] is None


def test_update_rejects_bad_values(api_as, agent, ticket):
    client = api_as(agent)
    bad_state = client.patch(f"/api/v1/tickets/{ticket.pk}", {"state": "merged"})
    assert bad_state.status_code == 422
    assert bad_state.json()["errors"] == {"state": "Unknown or not settable state."}
    pending = client.patch(f"/api/v1/tickets/{ticket.pk}", {"state": "pending_reminder"})
    assert pending.status_code == 422
    assert pending.json()["errors"] == {"pending_until": "Required for pending states."}
    ok = client.patch(f"/api/v1/tickets/{ticket.pk}", {"state": "pending_reminder", "pending_until": "2030-01-02T09:00:00Z"})
    assert ok.status_code == 200
    assert ok.json()["pending_until"] == "2030-01-02T09:00:00Z"


def test_list_filters_sort_and_cursor_pagination(api_as, agent, make_ticket):
    tickets = [make_ticket(subject=f"T{i}") for i in range(5)]
    add_tags(agent, tickets[1], ["vip"])
    client = api_as(agent)
    first = client.get("/api/v1/tickets", {"limit": 2, "sort": "number"})
    assert first.status_code == 200
    body = first.json()
    assert [t["subject"] for t in body["items"]] == ["T0", "T1"]
    second = client.get("/api/v1/tickets", {"limit": 2, "sort": "number", "cursor": body["next_cursor"]})
    assert [t["subject"] for t in second.json()["items"]] == ["T2", "T3"]
    third = client.get("/api/v1/tickets", {"limit": 2, "sort": "number", "cursor": second.json()["next_cursor"]})
    assert [t["subject"] for t in third.json()["items"]] == ["T4"]
    assert third.json()["next_cursor"] is None
    tagged = client.get("/api/v1/tickets", {"tag": "VIP"})
    assert [t["id"] for t in tagged.json()["items"]] == [tickets[1].pk]
    assert tagged.json()["items"][0]["tags"] == ["vip"]
    by_state = client.get("/api/v1/tickets", {"state": "open,solved"})
    assert by_state.json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"sort": "subject; DROP TABLE tickets_ticket"}, "sort"),
        ({"state": "nope"}, "state"),
        ({"group": "abc"}, "group"),
        ({"limit": "1000"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "!!!not-a-cursor"}, "cursor"),
        ({"cursor": "WzFd"}, "cursor"),
        ({"view": "everything"}, "view"),
    ],
)
def test_list_rejects_unknown_filters_and_bad_paging(api_as, agent, params, field):
    response = api_as(agent).get("/api/v1/tickets", params)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]


def test_delete_is_for_admins_only(api_as, admin, agent, ticket):
    assert api_as(agent).delete(f"/api/v1/tickets/{ticket.pk}").status_code == 403
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert api_as(admin).delete(f"/api/v1/tickets/{ticket.pk}").status_code == 204
    assert not Ticket.objects.filter(pk=ticket.pk).exists()
    assert api_as(admin).get(f"/api/v1/tickets/{ticket.pk}").status_code == 404


def test_bulk_update_reports_invisible_tickets_as_not_found(api_as, agent, make_ticket, outsider, other_group):
    mine = [make_ticket(), make_ticket()]
    foreign = make_ticket(actor=outsider, group_id=other_group.pk)
    response = api_as(agent).post(
        "/api/v1/tickets/bulk", {"ticket_ids": [mine[0].pk, mine[1].pk, foreign.pk], "changes": {"state": "solved"}, "tags": ["bulk"]}
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"updated": [mine[0].pk, mine[1].pk], "failed": {str(foreign.pk): "Ticket not found."}}
    assert set(Ticket.objects.filter(pk__in=[t.pk for t in mine]).values_list("state", flat=True)) == {State.SOLVED}
    assert Ticket.objects.get(pk=foreign.pk).state == State.NEW


def test_bulk_rejects_unknown_change_fields(api_as, agent, ticket):
    response = api_as(agent).post("/api/v1/tickets/bulk", {"ticket_ids": [ticket.pk], "changes": {"customer_id": 1}})
    assert response.status_code == 422
    assert response.json()["errors"] == {"changes.customer_id": "Extra inputs are not permitted"}


def test_list_walks_updated_order_with_ties_and_loads_relations_from_the_id_page(api_as, agent, make_ticket, outsider, other_group):
    """The list selects a page of ids from the ticket table alone, then loads those rows: order, ties
    on updated_at, cursors and scoping must be exactly those of one plain query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = [make_ticket(subject=f"T{i}", tags=[f"t{i}"]) for i in range(5)]
    make_ticket(actor=outsider, subject="Foreign", group_id=other_group.pk)
    same = made[0].updated_at
    Ticket.objects.filter(pk__in=[made[1].pk, made[3].pk]).update(updated_at=same)  # three tickets tie on updated_at
    expected = list(Ticket.objects.filter(group__name="Support").order_by("-updated_at", "-id").values_list("pk", flat=True))
    client = api_as(agent)
    seen, cursor = [], None
    with CaptureQueriesContext(connection) as ctx:
        while True:
            body = client.get("/api/v1/tickets", {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
            seen += [(t["id"], t["subject"], t["tags"], t["customer"]["email"]) for t in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
    subjects = {t.pk: t.subject for t in made}
    assert seen == [(pk, subjects[pk], [f"t{subjects[pk][1:]}"], "carla@customer.example") for pk in expected]
    keyset = [q["sql"] for q in ctx.captured_queries if 'FROM "tickets_ticket"' in q["sql"] and "LIMIT 3" in q["sql"]]
    assert len(keyset) == 3
    assert all("JOIN" not in sql for sql in keyset)
