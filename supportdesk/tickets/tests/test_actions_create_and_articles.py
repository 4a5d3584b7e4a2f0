"""Creating tickets and adding articles: numbers, customers, state changes, mentions, attachments."""

from __future__ import annotations

import pytest

from supportdesk.accounts.models import OrganizationDomain, User
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from supportdesk.testing.factories import AgentFactory, OrganizationFactory, add_member
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket, update_ticket
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.choices import EventKind, Priority, SenderType, State
from supportdesk.tickets.models import Article, Mention, Notification, TicketEvent, TicketWatcher


def test_numbers_increase_and_customer_is_created_once(make_ticket, agent):
    first = make_ticket(customer_email="New.Person@Example.org", customer_name="New Person")
    second = make_ticket(customer_email="new.person@example.org")
    assert (first.number, second.number) == (10001, 10002)
    assert first.display_number == "#10001"
    assert first.customer_id == second.customer_id
    customer = User.objects.get(email="new.person@example.org")
    assert customer.role == "customer"
    assert customer.full_name == "New Person"
    assert not customer.has_usable_password()


def test_new_customer_joins_organization_by_domain(make_ticket):
    org = OrganizationFactory.create(name="Acme GmbH")
    OrganizationDomain.objects.create(organization=org, domain="acme.de")
    ticket = make_ticket(customer_email="hans@acme.de")
    assert ticket.organization == org


def test_create_records_event_and_customer_article(ticket, agent, customer):
    article = ticket.articles.get()
    assert article.sender_type == SenderType.CUSTOMER
    assert article.from_address == customer.email
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True)) == [
        EventKind.CREATED,
        EventKind.ARTICLE_ADDED,
    ]


def test_subject_is_single_line_and_bounded(make_ticket):
    ticket = make_ticket(subject="  Line one\r\nBcc: victim@example.com\t" + "x" * 400)
    assert "\n" not in ticket.subject and "\r" not in ticket.subject
    assert ticket.subject.startswith("Line one Bcc: victim@example.com x")
    assert len(ticket.subject) == 250


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": "   "}, "subject"),
        ({"body": ""}, "body"),
        ({"priority": "critical"}, "priority"),
        ({"customer_email": "not-an-address"}, "email"),
        ({"customer_email": "a@b.com\r\nBcc: x@y.com"}, "email"),
    ],
)
def test_create_rejects_bad_input(make_ticket, overrides, field):
    with pytest.raises(ValidationFailed) as exc:
        make_ticket(**overrides)
    assert field in exc.value.field_errors


def test_agent_cannot_create_in_group_without_write(make_ticket, other_group, reader, group):
    with pytest.raises(NotFound):
        make_ticket(group_id=other_group.pk)
    with pytest.raises(NotFound):
        make_ticket(actor=reader, group_id=group.pk)


def test_customer_creates_for_themselves_with_normal_priority(customer, group):
    ticket = create_ticket(customer, NewTicket(subject="Help", body="Please", customer_email="someone@else.com", priority=Priority.URGENT))
    assert ticket.customer == customer
    assert ticket.priority == Priority.NORMAL


def test_agent_reply_opens_and_sets_first_response(ticket, agent):
    add_article(agent, ticket, body_text="We are on it.")
    ticket.refresh_from_db()
    assert ticket.state == State.OPEN
    assert ticket.first_response_at is not None
    assert ticket.article_count == 2


def test_internal_note_does_not_count_as_response(ticket, agent):
    add_article(agent, ticket, body_text="Checking logs", is_internal=True)
    ticket.refresh_from_db()
    assert ticket.state == State.NEW
    assert ticket.first_response_at is None


@pytest.mark.parametrize("state", [State.SOLVED, State.CLOSED, State.PENDING_CLOSE])
def test_customer_reply_reopens(ticket, agent, customer, state):
    changes = {"state": state}
    if state == State.PENDING_CLOSE:
        changes["pending_until"] = "2030-01-01T00:00:00Z"
    update_ticket(agent, ticket, changes)
    add_article(customer, ticket, body_text="Still broken")
    ticket.refresh_from_db()
    assert ticket.state == State.OPEN
    assert ticket.pending_until is None


def test_customer_cannot_write_internal_note(ticket, customer):
    with pytest.raises(PermissionDenied):
        add_article(customer, ticket, body_text="sneaky", is_internal=True)


def test_reader_cannot_reply_or_note(ticket, reader):
    with pytest.raises(PermissionDenied):
        add_article(reader, ticket, body_text="hi")
    with pytest.raises(PermissionDenied):
        add_article(reader, ticket, body_text="hi", is_internal=True)


def test_html_body_is_sanitized_and_text_derived(ticket, agent):
    article = add_article(
        agent,
        ticket,
        body_text="",
        body_html='<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror=alert(1)></p><iframe src="javascript:alert(1)"></iframe>',
    )
    assert "script" not in article.body_html
    assert "onerror" not in article.body_html
    assert "onclick" not in article.body_html
    assert "iframe" not in article.body_html
    assert article.body_text == "Hi"


def test_header_injection_in_addresses_is_refused(ticket, agent):
    with pytest.raises(ValidationFailed):
        add_article(agent, ticket, body_text="x", cc_addresses="a@b.com\r\nBcc: evil@x.com")


def test_mention_notifies_and_adds_watcher_only_for_agents_who_can_read(ticket, agent, group, outsider):
    colleague = AgentFactory.create(email="colleague@support.example")
    add_member(group, colleague, "read")
    article = add_article(agent, ticket, body_text="@colleague@support.example and @outsider@support.example please look")
    assert list(Mention.objects.filter(article=article).values_list("user__email", flat=True)) == ["colleague@support.example"]
    assert TicketWatcher.objects.filter(ticket=ticket, user=colleague).exists()
    assert Notification.objects.filter(user=colleague, kind="mention").count() == 1
    assert not Notification.objects.filter(user=outsider).exists()


def test_attachments_are_claimed_by_their_uploader_only(ticket, agent, reader):
    mine = create_attachment(chunks=[b"hello"], filename="a.txt", content_type="text/plain", uploaded_by_id=agent.pk)
    theirs = create_attachment(chunks=[b"x"], filename="b.txt", content_type="text/plain", uploaded_by_id=reader.pk)
    with pytest.raises(ValidationFailed):
        add_article(agent, ticket, body_text="see", attachment_ids=[theirs.pk])
    article = add_article(agent, ticket, body_text="see", attachment_ids=[mine.pk])
    assert list(article.attachments.values_list("filename", flat=True)) == ["a.txt"]
    with pytest.raises(ValidationFailed):  # already used
        add_article(agent, ticket, body_text="again", attachment_ids=[mine.pk])


def test_time_spent_is_recorded_and_bounded(ticket, agent):
    article = add_article(agent, ticket, body_text="call", time_spent_minutes=15)
    assert Article.objects.get(pk=article.pk).time_spent_minutes == 15
    with pytest.raises(ValidationFailed):
        add_article(agent, ticket, body_text="call", time_spent_minutes=100000)
