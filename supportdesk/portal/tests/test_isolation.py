"""Tenant isolation of the customer's side: portal pages, the ticket API with a customer token and the
attachment URLs answer 404 for everything that is not the customer's (BAD-INPUTS 30), internal notes
and their files never reach a customer, and a shared-organization colleague reads but cannot write."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.tokens import create_token
from supportdesk.portal.tests.portal_tickets_world import World, build_world, signed_in, verified
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'"X-CSRFToken": "[^"]*"')


@pytest.fixture
def world() -> World:
    return build_world()


def api(user: Any) -> Client:
    _token, key = create_token(user)
    return Client(headers={"Authorization": f"Token {key}"})


def ticket_url(ticket: Ticket, suffix: str = "") -> str:
    return f"/portal/tickets/{ticket.number}/{suffix}"


def test_another_customers_ticket_answers_exactly_like_a_missing_one(world: World) -> None:
    carol = signed_in(world.carol)
    missing_number = Ticket.objects.order_by("-number").first().number + 1000  # type: ignore[union-attr]
    forbidden = carol.get(ticket_url(world.alice_ticket))
    missing = carol.get(f"/portal/tickets/{missing_number}/")
    assert forbidden.status_code == missing.status_code == 404

    def normalized(content: bytes, number: int) -> str:
        return CSRF.sub("", content.decode()).replace(str(number), "N")

    assert normalized(forbidden.content, world.alice_ticket.number) == normalized(missing.content, missing_number)
    assert b"Alice printer jam" not in forbidden.content
    for suffix, data in (("reply/", {"body": "hijack"}), ("state/", {"action": "close"})):
        assert carol.post(ticket_url(world.alice_ticket, suffix), data).status_code == 404
    assert not Article.objects.filter(body_text="hijack").exists()
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.OPEN


def test_a_private_organization_does_not_share_tickets(world: World) -> None:
    dave = signed_in(world.dave)
    assert dave.get(ticket_url(world.carol_ticket)).status_code == 404
    for params in ({}, {"tab": "organization"}, {"status": "closed"}, {"tab": "organization", "status": "closed"}):
        page = dave.get("/portal/", params)
        assert page.status_code == 200
        assert b"Carol invoice question" not in page.content
        assert b"Alice printer jam" not in page.content
    assert b'data-testid="tab-organization"' not in dave.get("/portal/").content  # no shared organization: no tab


def test_lists_show_only_own_and_shared_tickets(world: World) -> None:
    carol_page = signed_in(world.carol).get("/portal/").content.decode()
    assert "Carol invoice question" in carol_page and "Alice printer jam" not in carol_page
    bob = signed_in(world.bob)
    assert "Alice printer jam" not in bob.get("/portal/").content.decode()  # Mine: Bob has none
    shared = bob.get("/portal/", {"tab": "organization"}).content.decode()
    assert "Alice printer jam" in shared and "Carol invoice question" not in shared


def test_attachment_urls_follow_the_ticket_and_never_serve_internal_files(world: World) -> None:
    def status(user: Any, attachment: Any) -> int:
        return signed_in(user).get(f"/attachments/{attachment.pk}/").status_code

    assert status(world.alice, world.alice_public_file) == 200
    assert status(world.bob, world.alice_public_file) == 200  # shared organization: readable
    assert status(world.carol, world.alice_public_file) == 404
    assert status(world.alice, world.alice_note_file) == 404  # an internal note's file
    assert status(world.bob, world.alice_note_file) == 404
    assert status(world.carol, world.carol_file) == 200
    assert status(world.dave, world.carol_file) == 404  # private organization
    assert status(world.alice, world.carol_file) == 404


def test_internal_notes_never_reach_portal_pages(world: World) -> None:
    for user in (world.alice, world.bob):
        page = signed_in(user).get(ticket_url(world.alice_ticket))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Please try the manual." in text and "manual.pdf" in text
        assert "INTERNAL" not in text and "watch list" not in text and "internal-log.txt" not in text
        assert f"/attachments/{world.alice_note_file.pk}/" not in text


def test_staff_see_internal_notes_in_the_workspace_but_never_in_the_portal(world: World) -> None:
    """An agent who is also the customer of a ticket sees it in the portal as a customer would."""
    verified(world.agent)
    agents_own = Ticket.objects.get(pk=world.alice_ticket.pk)
    Ticket.objects.filter(pk=agents_own.pk).update(customer=world.agent)
    page = signed_in(world.agent).get(ticket_url(agents_own)).content.decode()
    assert "Please try the manual." in page and "watch list" not in page
    # Tickets the agent works on as staff are not theirs in the portal.
    assert signed_in(world.agent).get(ticket_url(world.carol_ticket)).status_code == 404
    assert "Carol invoice question" not in signed_in(world.agent).get("/portal/").content.decode()


def test_customer_token_on_the_ticket_api(world: World) -> None:
    carol = api(world.carol)
    alice_id = world.alice_ticket.pk
    for path in (
        f"/api/v1/tickets/{alice_id}",
        f"/api/v1/tickets/{alice_id}/articles",
        f"/api/v1/tickets/{alice_id}/articles/{world.alice_reply.pk}",
    ):
        assert carol.get(path).status_code == 404
    assert carol.post(f"/api/v1/tickets/{alice_id}/articles", {"body": "x"}, content_type="application/json").status_code == 404
    assert carol.post(f"/api/v1/tickets/{alice_id}/close").status_code == 404
    for attachment in (world.alice_public_file, world.alice_note_file):
        assert carol.get(f"/api/v1/attachments/{attachment.pk}").status_code == 404
        assert carol.get(f"/api/v1/attachments/{attachment.pk}/content").status_code == 404
    listed = carol.get("/api/v1/tickets").json()["items"]
    assert [item["id"] for item in listed] == [world.carol_ticket.pk]
    assert carol.get("/api/v1/search", {"q": "printer"}).json()["items"] == []


def test_customer_api_never_shows_internal_notes_or_their_files(world: World) -> None:
    alice = api(world.alice)
    items = alice.get(f"/api/v1/tickets/{world.alice_ticket.pk}/articles").json()["items"]
    assert [item["id"] for item in items] == list(
        Article.objects.filter(ticket=world.alice_ticket, is_internal=False).order_by("created_at", "id").values_list("pk", flat=True)
    )
    assert all(not item["is_internal"] for item in items)
    assert "watch list" not in str(items) and "internal-log.txt" not in str(items)
    assert alice.get(f"/api/v1/tickets/{world.alice_ticket.pk}/articles/{world.alice_note.pk}").status_code == 404
    assert alice.get(f"/api/v1/attachments/{world.alice_note_file.pk}/content").status_code == 404
    # A word only an internal note contains finds nothing for the customer.
    assert alice.get("/api/v1/search", {"q": "watch"}).json()["items"] == []
    assert [t["id"] for t in alice.get("/api/v1/search", {"q": "manual"}).json()["items"]] == [world.alice_ticket.pk]


def test_shared_colleague_reads_but_cannot_reply_or_close(world: World) -> None:
    bob = signed_in(world.bob)
    page = bob.get(ticket_url(world.alice_ticket)).content.decode()
    assert 'data-testid="portal-read-only"' in page
    assert 'data-testid="portal-reply-form"' not in page and 'data-testid="portal-close"' not in page
    before = Article.objects.count()
    assert bob.post(ticket_url(world.alice_ticket, "reply/"), {"body": "colleague"}).status_code == 403
    assert bob.post(ticket_url(world.alice_ticket, "state/"), {"action": "close"}).status_code == 403
    assert Article.objects.count() == before
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.OPEN
    token = api(world.bob)
    assert token.get(f"/api/v1/tickets/{world.alice_ticket.pk}").status_code == 200
    assert (
        token.post(f"/api/v1/tickets/{world.alice_ticket.pk}/articles", {"body": "x"}, content_type="application/json").status_code == 403
    )
    assert token.post(f"/api/v1/tickets/{world.alice_ticket.pk}/close").status_code == 403
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.OPEN


def test_customers_cannot_open_the_topics_admin(world: World) -> None:
    assert signed_in(world.alice).get("/portal/topics/").status_code == 403
    assert api(world.alice).get("/api/v1/portal/admin/topics").status_code == 403
