"""Tags, watchers, links, merge, split, bulk update and delete."""

from __future__ import annotations

import pytest

from supportdesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from supportdesk.tickets.actions import (
    add_article,
    add_tags,
    add_watcher,
    bulk_update,
    delete_ticket,
    link_tickets,
    merge_tickets,
    remove_tags,
    split_ticket,
    unlink_tickets,
)
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.models import Article, Ticket, TicketEvent, TicketLink


def event_kinds(ticket):
    return list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True))


def test_tags_are_normalised_deduplicated_and_logged(ticket, agent):
    assert add_tags(agent, ticket, ["  VIP ", "vip", "Refund   Request"]) == ["refund request", "vip"]
    assert add_tags(agent, ticket, ["VIP"]) == []
    assert remove_tags(agent, ticket, ["vip", "unknown"]) == ["vip"]
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["refund request"]
    assert event_kinds(ticket).count(EventKind.TAG_ADDED) == 2
    assert event_kinds(ticket).count(EventKind.TAG_REMOVED) == 1


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "\x00\x01"])
def test_invalid_tags_are_refused(ticket, agent, name):
    with pytest.raises(ValidationFailed):
        add_tags(agent, ticket, [name])


def test_reader_cannot_tag_link_or_watch_others(ticket, reader, agent, make_ticket):
    other = make_ticket()
    with pytest.raises(PermissionDenied):
        add_tags(reader, ticket, ["x"])
    with pytest.raises(PermissionDenied):
        link_tickets(reader, ticket, other, "related")
    with pytest.raises(PermissionDenied):
        add_watcher(reader, ticket, agent)
    assert add_watcher(reader, ticket, reader) is True  # watching oneself needs only read access


def test_links_are_recorded_on_both_sides_and_removable(ticket, agent, make_ticket):
    child = make_ticket(subject="Child")
    link = link_tickets(agent, ticket, child, "parent_child")
    assert link_tickets(agent, ticket, child, "parent_child").pk == link.pk
    with pytest.raises(Conflict):
        link_tickets(agent, ticket, ticket, "related")
    with pytest.raises(ValidationFailed):
        link_tickets(agent, ticket, child, "sibling")
    assert EventKind.LINKED in event_kinds(ticket) and EventKind.LINKED in event_kinds(child)
    unlink_tickets(agent, link)
    assert not TicketLink.objects.exists()
    assert EventKind.UNLINKED in event_kinds(child)


def test_cannot_link_to_a_ticket_of_another_group(ticket, agent, outsider, other_group, customer):
    from supportdesk.tickets.actions import NewTicket, create_ticket

    foreign = create_ticket(outsider, NewTicket(subject="Theirs", body="b", customer_email=customer.email, group_id=other_group.pk))
    with pytest.raises(PermissionDenied):
        link_tickets(agent, ticket, foreign, "related")


def test_merge_moves_everything_and_points_at_survivor(ticket, agent, make_ticket, customer):
    source = make_ticket(subject="Duplicate")
    add_article(agent, source, body_text="Reply on the duplicate")
    add_tags(agent, source, ["dup-tag"])
    add_watcher(agent, source, agent)
    merge_tickets(agent, source, ticket)
    source.refresh_from_db()
    ticket.refresh_from_db()
    assert source.state == State.MERGED
    assert source.merged_into == ticket
    assert source.article_count == 0
    assert ticket.article_count == 3
    assert list(Article.objects.filter(ticket=source)) == []
    assert "dup-tag" in ticket.tags.values_list("name", flat=True)
    assert ticket.watchers.filter(pk=agent.pk).exists()
    assert EventKind.MERGED_FROM in event_kinds(ticket)
    assert EventKind.MERGED_INTO in event_kinds(source)
    with pytest.raises(Conflict):
        merge_tickets(agent, source, ticket)
    with pytest.raises(ValidationFailed):
        add_article(customer, source, body_text="late reply")


def test_merge_needs_full_access(ticket, reader, make_ticket):
    other = make_ticket()
    with pytest.raises(PermissionDenied):
        merge_tickets(reader, other, ticket)


def test_split_moves_selected_articles(ticket, agent):
    second = add_article(agent, ticket, body_text="Another topic entirely")
    new = split_ticket(agent, ticket, [second.pk], subject="Another topic")
    ticket.refresh_from_db()
    assert new.subject == "Another topic"
    assert list(new.articles.values_list("pk", flat=True)) == [second.pk]
    assert (ticket.article_count, new.article_count) == (1, 1)
    assert new.customer_id == ticket.customer_id and new.group_id == ticket.group_id
    assert EventKind.SPLIT_TO in event_kinds(ticket)
    with pytest.raises(ValidationFailed):  # the last article must stay
        split_ticket(agent, ticket, list(ticket.articles.values_list("pk", flat=True)))
    with pytest.raises(ValidationFailed):  # article of another ticket
        split_ticket(agent, ticket, [second.pk])


def test_bulk_update_reports_each_ticket(ticket, agent, make_ticket, outsider, other_group, customer):
    from supportdesk.tickets.actions import NewTicket, create_ticket

    mine = make_ticket()
    foreign = create_ticket(outsider, NewTicket(subject="Theirs", body="b", customer_email=customer.email, group_id=other_group.pk))
    result = bulk_update(agent, [ticket.pk, mine.pk, foreign.pk, 999999], changes={"priority": "urgent"}, tags=["bulk"])
    assert result.updated == [ticket.pk, mine.pk]
    assert result.failed == {foreign.pk: "Ticket not found.", 999999: "Ticket not found."}
    assert set(Ticket.objects.filter(priority="urgent").values_list("pk", flat=True)) == {ticket.pk, mine.pk}
    foreign.refresh_from_db()
    assert foreign.priority == "normal"


def test_bulk_update_one_refusal_keeps_the_others(ticket, agent, make_ticket):
    other = make_ticket()
    result = bulk_update(agent, [ticket.pk, other.pk], changes={"state": "pending_reminder"})
    assert result.updated == []
    assert set(result.failed) == {ticket.pk, other.pk}


def test_only_admin_deletes(ticket, agent, admin):
    with pytest.raises(PermissionDenied):
        delete_ticket(agent, ticket)
    delete_ticket(admin, ticket)
    assert not Ticket.objects.filter(pk=ticket.pk).exists()
