"""The portal's "my tickets" page: who gets in, tabs and filters, state labels, paging, query budget."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from supportdesk.portal.tests.portal_tickets_world import World, build_world, customer, signed_in, verified
from supportdesk.tickets.actions import NewTicket, create_ticket, customer_set_state, update_ticket
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_signed_out_visitors_go_to_the_portal_sign_in(client) -> None:
    response = client.get("/portal/?tab=mine")
    assert response.status_code == 302
    assert response["Location"] == "/portal/login/?next=%2Fportal%2F%3Ftab%3Dmine"


def test_unverified_customers_are_asked_to_verify_first(world: World) -> None:
    unverified = customer("new@shared.example", "New Person", world.shared_org, verify=False)
    response = signed_in(unverified).get("/portal/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/verify/"
    # Not even the shared organization's tickets before the address is proven (BAD-INPUTS 14).
    assert signed_in(unverified).get(f"/portal/tickets/{world.alice_ticket.number}/").status_code == 302


def test_the_list_shows_state_number_subject_and_last_update(world: World) -> None:
    page = signed_in(world.alice).get("/portal/")
    assert page.status_code == 200
    text = page.content.decode()
    assert world.alice_ticket.display_number in text
    assert f'href="/portal/tickets/{world.alice_ticket.number}/"' in text
    assert "Alice printer jam" in text
    assert "In progress" in text  # "open" in customer words (the agent replied)
    world.alice_ticket.refresh_from_db()
    assert f'datetime="{world.alice_ticket.updated_at.isoformat()}"' in text


def test_open_and_closed_filters(world: World) -> None:
    alice = world.alice
    solved = create_ticket(alice, NewTicket(subject="Old VPN question", body="How do I connect?"))
    customer_set_state(alice, solved, State.SOLVED)
    client = signed_in(alice)
    open_page = client.get("/portal/").content.decode()
    closed_page = client.get("/portal/", {"status": "closed"}).content.decode()
    assert "Alice printer jam" in open_page and "Old VPN question" not in open_page
    assert "Old VPN question" in closed_page and "Alice printer jam" not in closed_page
    assert "Solved" in closed_page


def test_the_organization_tab_only_for_members_of_a_shared_organization(world: World) -> None:
    bob = signed_in(world.bob)
    assert b'data-testid="tab-organization"' in bob.get("/portal/").content
    carol = signed_in(world.carol)
    assert b'data-testid="tab-organization"' not in carol.get("/portal/").content
    # Asking for the tab anyway shows the user's own tickets, nothing more.
    forced = carol.get("/portal/", {"tab": "organization"}).content.decode()
    assert "Carol invoice question" in forced


def test_unknown_tab_status_and_bad_cursor(world: World) -> None:
    client = signed_in(world.alice)
    assert client.get("/portal/", {"tab": "everyone", "status": "all"}).status_code == 200
    assert client.get("/portal/", {"cursor": "not-a-cursor"}).status_code == 400
    assert client.get("/portal/", {"cursor": "x" * 5000}).status_code == 400
    assert client.post("/portal/").status_code == 405


def test_cursor_paging_walks_every_ticket_once(world: World) -> None:
    alice = world.alice
    start = timezone.now() - timedelta(days=1)
    created = [create_ticket(alice, NewTicket(subject=f"Paged question {i:02d}", body="text")) for i in range(30)]
    for offset, ticket in enumerate(created):  # distinct update times, newest last
        Ticket.objects.filter(pk=ticket.pk).update(updated_at=start + timedelta(minutes=offset))
    client = signed_in(alice)
    seen: list[str] = []
    params: dict[str, str] = {}
    for _page in range(5):
        response = client.get("/portal/", params)
        text = response.content.decode()
        seen += [line.split("Paged question ")[1][:2] for line in text.splitlines() if "Paged question " in line]
        if "portal-next-page" not in text:
            break
        cursor = text.split("cursor=")[1].split('"')[0].replace("&amp;", "&")
        params = {"cursor": unquote(cursor)}
    assert seen == [f"{i:02d}" for i in reversed(range(30))]


def test_the_list_needs_a_fixed_number_of_queries(world: World) -> None:
    """session, user, shared organizations (tab), visible_tickets' organizations, the page, the
    portal settings (branding): the same with 3 tickets or 40."""
    alice = world.alice
    client = signed_in(alice)
    client.get("/portal/")  # warm up (settings row created on first read)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/portal/", {"tab": "organization"}).status_code == 200
        return len(captured)

    few = count()
    for i in range(40):
        create_ticket(alice, NewTicket(subject=f"More {i}", body="text"))
    assert count() == few
    assert few == 6


def test_staff_see_only_their_own_tickets_in_the_portal(world: World) -> None:
    verified(world.agent)
    page = signed_in(world.agent).get("/portal/").content.decode()
    assert "Alice printer jam" not in page and "Carol invoice question" not in page
    own = create_ticket(
        world.agent, NewTicket(subject="My laptop is slow", body="Help", customer_email=world.agent.email, group_id=world.support.pk)
    )
    update_ticket(world.agent, own, {"state": State.OPEN})
    assert "My laptop is slow" in signed_in(world.agent).get("/portal/").content.decode()
