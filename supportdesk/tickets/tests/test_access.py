"""The access gate: who sees which ticket, and that missing and forbidden look the same."""

from __future__ import annotations

import pytest

from supportdesk.accounts.models import User
from supportdesk.core.errors import PermissionDenied
from supportdesk.testing.factories import AgentFactory, OrganizationFactory, add_member
from supportdesk.tickets.access import TicketNotFound, access_ticket, ticket_permissions, visible_tickets
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket
from supportdesk.tickets.selectors import ticket_articles, ticket_timeline


def test_visibility_matrix(ticket, admin, agent, reader, outsider, customer, other_customer):
    assert list(visible_tickets(admin)) == [ticket]
    assert list(visible_tickets(agent)) == [ticket]
    assert list(visible_tickets(reader)) == [ticket]
    assert list(visible_tickets(customer)) == [ticket]
    assert list(visible_tickets(outsider)) == []
    assert list(visible_tickets(other_customer)) == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", (True, True, True, True, True, True, True)),
        ("agent", (True, True, True, True, True, True, False)),
        ("reader", (True, True, False, False, False, False, False)),
        ("customer", (True, False, True, False, False, False, False)),
        ("outsider", (False, False, False, False, False, False, False)),
        ("other_customer", (False, False, False, False, False, False, False)),
    ],
)
def test_permission_flags(request, ticket, who, expected):
    user = request.getfixturevalue(who)
    perms = ticket_permissions(user, ticket)
    assert (
        perms.can_read,
        perms.is_staff_view,
        perms.can_reply,
        perms.can_note,
        perms.can_edit,
        perms.can_move,
        perms.can_delete,
    ) == expected


def test_missing_and_forbidden_are_the_same_error(ticket, outsider, agent):
    with pytest.raises(TicketNotFound) as forbidden:
        access_ticket(outsider, ticket.pk)
    with pytest.raises(TicketNotFound) as missing:
        access_ticket(agent, 987654)
    assert str(forbidden.value) == str(missing.value) == "Ticket not found."


def test_read_only_agent_gets_403_for_write(ticket, reader):
    assert access_ticket(reader, ticket.pk) == ticket
    with pytest.raises(PermissionDenied):
        access_ticket(reader, ticket.pk, for_write=True)


def test_inactive_user_sees_nothing(ticket, agent):
    User.objects.filter(pk=agent.pk).update(is_active=False)
    agent.refresh_from_db()
    assert list(visible_tickets(agent)) == []
    with pytest.raises(TicketNotFound):
        access_ticket(agent, ticket.pk)


def test_supervisor_has_full_access_to_own_groups_only(ticket, group, other_group):
    supervisor = AgentFactory.create(email="sup@support.example", role="supervisor")
    add_member(group, supervisor, "read")
    assert ticket_permissions(supervisor, ticket).can_move is True
    assert list(visible_tickets(supervisor)) == [ticket]


def test_shared_organization_members_see_each_others_tickets_read_only(agent, group):
    org = OrganizationFactory.create(name="Shared AG", shared=True)
    alice = User.objects.create_user("alice@shared.example", "pw-123456789")
    bob = User.objects.create_user("bob@shared.example", "pw-123456789")
    alice.organizations.add(org)
    bob.organizations.add(org)
    ticket = create_ticket(agent, NewTicket(subject="Org", body="b", customer_email=alice.email, group_id=group.pk))
    assert list(visible_tickets(bob)) == [ticket]
    assert ticket_permissions(bob, ticket).can_reply is False
    org.shared = False
    org.save()
    bob = User.objects.get(pk=bob.pk)
    assert list(visible_tickets(bob)) == []


def test_customers_never_see_internal_notes(ticket, agent, customer):
    add_article(agent, ticket, body_text="secret note", is_internal=True)
    add_article(agent, ticket, body_text="public reply")
    assert [a.body_text for a in ticket_articles(customer, ticket)] == ["The printer in room 4 is on fire.", "public reply"]
    customer_timeline = ticket_timeline(customer, ticket)
    assert all(entry.event is None for entry in customer_timeline)
    assert len([e for e in ticket_timeline(agent, ticket) if e.article]) == 3


def test_agent_who_is_also_customer_sees_own_ticket_without_notes(agent, group, other_group, outsider):
    ticket = create_ticket(outsider, NewTicket(subject="My laptop", body="broken", customer_email=agent.email, group_id=other_group.pk))
    add_article(outsider, ticket, body_text="internal", is_internal=True)
    assert ticket in visible_tickets(agent)
    assert [a.body_text for a in ticket_articles(agent, ticket)] == ["broken"]
