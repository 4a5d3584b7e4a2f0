"""The permission matrix through the API: role x group access x action.

Who may not see a ticket gets 404 (the same as a missing id) and no data; who may see but not act
gets 403. Every denied write leaves the ticket unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportdesk.tickets.actions import add_article
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.models import Article, Ticket, TicketTag

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, HIDDEN = "ok", 403, 404
USERS = ["admin", "agent", "reader", "outsider", "customer", "other_customer"]

# action -> expected outcome per user, in USERS order
MATRIX: dict[str, list[Any]] = {
    "read": [OK, OK, OK, HIDDEN, OK, HIDDEN],
    "reply": [OK, OK, FORBIDDEN, HIDDEN, OK, HIDDEN],
    "note": [OK, OK, FORBIDDEN, HIDDEN, FORBIDDEN, HIDDEN],
    "change_state": [OK, OK, FORBIDDEN, HIDDEN, FORBIDDEN, HIDDEN],
    "tag": [OK, OK, FORBIDDEN, HIDDEN, FORBIDDEN, HIDDEN],
    "merge": [OK, OK, FORBIDDEN, HIDDEN, FORBIDDEN, HIDDEN],
    "delete": [OK, FORBIDDEN, FORBIDDEN, HIDDEN, FORBIDDEN, HIDDEN],
    "download_public": [OK, OK, OK, HIDDEN, OK, HIDDEN],
    "download_internal": [OK, OK, OK, HIDDEN, HIDDEN, HIDDEN],
    "events": [OK, OK, OK, HIDDEN, FORBIDDEN, HIDDEN],
}


def _attachment_on(actor, ticket: Ticket, *, internal: bool) -> int:
    upload = create_attachment(chunks=[b"secret"], filename="a.txt", content_type="text/plain", uploaded_by_id=actor.pk)
    add_article(actor, ticket, body_text="with file", is_internal=internal, attachment_ids=[upload.pk])
    return upload.pk


def _perform(action: str, client: Any, ticket: Ticket, ctx: dict[str, Any]) -> Any:
    base = f"/api/v1/tickets/{ticket.pk}"
    calls: dict[str, Callable[[], Any]] = {
        "read": lambda: client.get(base),
        "reply": lambda: client.post(f"{base}/articles", {"body": "reply"}),
        "note": lambda: client.post(f"{base}/articles", {"body": "note", "is_internal": True}),
        "change_state": lambda: client.patch(base, {"state": "solved"}),
        "tag": lambda: client.post(f"{base}/tags", {"tags": ["x"]}),
        "merge": lambda: client.post(f"{base}/merge", {"target_id": ctx["target"].pk}),
        "delete": lambda: client.delete(base),
        "download_public": lambda: client.get(f"/api/v1/attachments/{ctx['public_file']}/content"),
        "download_internal": lambda: client.get(f"/api/v1/attachments/{ctx['internal_file']}/content"),
        "events": lambda: client.get(f"{base}/events"),
    }
    return calls[action]()


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("who", USERS)
def test_permission_matrix(request, api_as, make_ticket, agent, admin, who, action):
    user = request.getfixturevalue(who)
    ticket = make_ticket(subject="Confidential subject")
    # The merge target must be editable by anyone allowed to merge, so it is in the same group.
    ctx = {
        "target": make_ticket(subject="Merge target"),
        "public_file": _attachment_on(agent, ticket, internal=False),
        "internal_file": _attachment_on(agent, ticket, internal=True),
    }
    before = (Article.objects.filter(ticket=ticket).count(), TicketTag.objects.filter(ticket=ticket).count())
    ticket.refresh_from_db()
    state_before = ticket.state
    response = _perform(action, api_as(user), ticket, ctx)
    expected = MATRIX[action][USERS.index(who)]
    if expected == OK:
        assert response.status_code in (200, 201, 204), response.content
        return
    assert response.status_code == expected, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.content.decode()
    assert "Confidential subject" not in body and "secret" not in body
    if expected == HIDDEN and action.startswith("download"):
        assert response.json()["detail"] == "Attachment not found."
    elif expected == HIDDEN:
        assert response.json()["detail"] == "Ticket not found."
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    ticket.refresh_from_db()
    assert ticket.state == state_before
    assert (Article.objects.filter(ticket=ticket).count(), TicketTag.objects.filter(ticket=ticket).count()) == before


def test_missing_and_forbidden_ticket_look_the_same(api_as, make_ticket, customer, other_customer):
    ticket = make_ticket()
    forbidden = api_as(other_customer).get(f"/api/v1/tickets/{ticket.pk}")
    missing = api_as(other_customer).get(f"/api/v1/tickets/{ticket.pk + 1000}")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_lists_and_search_never_show_other_tenants(api_as, make_ticket, outsider, other_customer):
    ticket = make_ticket(subject="Quarterly invoice dispute")
    for user in (outsider, other_customer):
        client = api_as(user)
        assert client.get("/api/v1/tickets").json()["items"] == []
        assert client.get("/api/v1/search", {"q": "invoice"}).json()["items"] == []
        assert client.get("/api/v1/search", {"q": str(ticket.number)}).json()["items"] == []
        assert client.get(f"/api/v1/tickets/{ticket.pk}/articles").status_code == 404


def test_customer_never_sees_internal_notes_or_their_files(api_as, ticket, agent, customer):
    upload = create_attachment(chunks=[b"internal"], filename="notes.txt", content_type="text/plain", uploaded_by_id=agent.pk)
    note = add_article(agent, ticket, body_text="Customer is difficult", is_internal=True, attachment_ids=[upload.pk])
    client = api_as(customer)
    listing = client.get(f"/api/v1/tickets/{ticket.pk}/articles")
    assert [a["is_internal"] for a in listing.json()["items"]] == [False]
    assert "difficult" not in listing.content.decode()
    assert client.get(f"/api/v1/tickets/{ticket.pk}/articles/{note.pk}").status_code == 404
    assert client.get(f"/api/v1/attachments/{upload.pk}").status_code == 404
    assert client.get(f"/api/v1/attachments/{upload.pk}/content").status_code == 404
    staff = api_as(agent).get(f"/api/v1/tickets/{ticket.pk}/articles")
    assert [a["is_internal"] for a in staff.json()["items"]] == [False, True]


def test_outsider_cannot_move_or_link_across_groups(api_as, make_ticket, outsider, other_group):
    ticket = make_ticket()
    theirs = make_ticket(actor=outsider, group_id=other_group.pk)
    client = api_as(outsider)
    assert client.post(f"/api/v1/tickets/{theirs.pk}/links", {"target_id": ticket.pk, "kind": "related"}).status_code == 404
    assert client.post(f"/api/v1/tickets/{theirs.pk}/merge", {"target_id": ticket.pk}).status_code == 404
    assert client.post("/api/v1/tickets/bulk", {"ticket_ids": [ticket.pk], "changes": {"state": "solved"}}).json()["failed"] == {
        str(ticket.pk): "Ticket not found."
    }
    ticket.refresh_from_db()
    assert (ticket.state, ticket.merged_into_id) == ("new", None)
