"""Threading order (token, headers, subject for participants), policies for strangers, merged and
closed tickets (BAD-INPUTS 10, 11, 15)."""

from __future__ import annotations

import pytest

from supportdesk.accounts.models import User
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.identity import reply_token
from supportdesk.email_gateway.intake import IntakeResult
from supportdesk.email_gateway.models import ArticleEmail, TicketParticipant
from supportdesk.email_gateway.tests.mailfactory import deliver, make_mail
from supportdesk.email_gateway.threading import subject_numbers
from supportdesk.tickets.actions import add_article, merge_tickets
from supportdesk.tickets.choices import SenderType, State
from supportdesk.tickets.models import Article, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_ticket(group) -> Ticket:
    """A ticket opened by mail m1 from carla, with boss@ in Cc."""
    result = deliver(make_mail(extra={"Cc": "boss@customer.example"}))
    assert result.inbound.ticket_id is not None
    return Ticket.objects.get(pk=result.inbound.ticket_id or 0)


def reply(**kwargs: object) -> IntakeResult:
    defaults: dict[str, object] = {"subject": "Re: Printer on fire", "body": "Still burning.", "message_id": "<r1@customer.example>"}
    defaults.update(kwargs)
    return deliver(make_mail(**defaults))  # type: ignore[arg-type]


def test_subject_numbers() -> None:
    assert subject_numbers("Re: [Ticket#10042] printer") == [10042]
    assert subject_numbers("Re: printer #10043 and #10044") == [10043, 10044]
    assert subject_numbers("issue#10045 or # 10046 or C#10047") == []


def test_reply_by_in_reply_to_joins_and_reopens(mail_ticket: Ticket) -> None:
    Ticket.objects.filter(pk=mail_ticket.pk).update(state=State.CLOSED)
    result = reply(extra={"In-Reply-To": "<m1@customer.example>", "References": "<m1@customer.example>"})
    assert (result.inbound.status, result.inbound.ticket_id, result.created_ticket) == (InboundStatus.PROCESSED, mail_ticket.pk, False)
    assert result.inbound.reason == "reply (matched by headers)"
    mail_ticket.refresh_from_db()
    assert (mail_ticket.state, mail_ticket.article_count) == (State.OPEN, 2)
    mail = ArticleEmail.objects.get(article_id=result.inbound.article_id or 0)
    assert (mail.in_reply_to, mail.references) == ("m1@customer.example", "m1@customer.example")


def test_reply_to_our_outbound_message_id(mail_ticket: Ticket, agent: User) -> None:
    answer = add_article(agent, mail_ticket, body_text="Please unplug it.")
    ArticleEmail.objects.create(article=answer, message_id="article.abc@supportdesk.localhost", is_outbound=True)
    result = reply(extra={"References": "<m1@other.example> <article.abc@supportdesk.localhost>"})
    assert (result.inbound.ticket_id, Article.objects.filter(ticket=mail_ticket).count()) == (mail_ticket.pk, 3)


def test_reply_token_wins_and_forged_token_is_ignored(mail_ticket: Ticket, customer: User) -> None:
    other_id = deliver(make_mail(subject="Other problem", message_id="<m2@customer.example>", body="Other text")).inbound.ticket_id
    token = reply_token(mail_ticket.pk)
    result = reply(to=f"support+{token}@support.example", extra={"In-Reply-To": "<m2@customer.example>"})
    assert (result.inbound.ticket_id, result.inbound.reason) == (mail_ticket.pk, "reply (matched by token)")
    forged = f"sd-{mail_ticket.pk}-0000000000000000"
    result = reply(
        to=f"support+{forged}@support.example", message_id="<r2@customer.example>", extra={"In-Reply-To": "<m2@customer.example>"}
    )
    assert (result.inbound.ticket_id, result.inbound.reason) == (other_id, "reply (matched by headers)")


def test_subject_number_from_participants_joins(mail_ticket: Ticket, agent: User) -> None:
    number = mail_ticket.display_number
    assert reply(subject=f"Re: [Ticket#{mail_ticket.number}] fire").inbound.ticket_id == mail_ticket.pk
    assert reply(sender="boss@customer.example", subject=f"Re: {number}", message_id="<r2@x.example>").inbound.ticket_id == mail_ticket.pk
    result = reply(sender=agent.email, subject=f"Re: {number}", message_id="<r3@x.example>")
    assert result.inbound.ticket_id == mail_ticket.pk
    article = Article.objects.get(pk=result.inbound.article_id or 0)
    assert (article.sender_type, article.author_id) == (SenderType.CUSTOMER, agent.pk)  # never an agent reply
    assert Article.objects.filter(ticket=mail_ticket, sender_type=SenderType.CUSTOMER).count() == 4


def test_cc_participant_reply_is_searchable_external_message(mail_ticket: Ticket) -> None:
    result = reply(sender="Boss <boss@customer.example>", body="Zebra unicorn", extra={"In-Reply-To": "<m1@customer.example>"})
    article = Article.objects.get(pk=result.inbound.article_id or 0)
    assert (article.ticket_id, article.from_address, article.sender_type) == (mail_ticket.pk, "boss@customer.example", SenderType.CUSTOMER)
    assert "Zebra unicorn" in mail_ticket.search_document.content


def test_non_participant_with_subject_number_opens_a_new_ticket(mail_ticket: Ticket) -> None:
    Ticket.objects.filter(pk=mail_ticket.pk).update(state=State.SOLVED)
    result = reply(sender="mallory@evil.example", subject=f"Re: [Ticket#{mail_ticket.number}]")
    assert result.created_ticket and result.inbound.ticket_id != mail_ticket.pk
    mail_ticket.refresh_from_db()
    assert (mail_ticket.state, mail_ticket.article_count) == (State.SOLVED, 1)
    assert Ticket.objects.get(pk=result.inbound.ticket_id or 0).customer.email == "mallory@evil.example"


def test_forged_agent_with_copied_headers_from_other_group_is_not_a_reply(mail_ticket: Ticket, outsider: User) -> None:
    result = reply(sender=outsider.email, extra={"In-Reply-To": "<m1@customer.example>"})
    assert result.created_ticket
    assert Article.objects.filter(ticket=mail_ticket).count() == 1
    assert Article.objects.get(pk=result.inbound.article_id or 0).sender_type == SenderType.CUSTOMER


def test_review_policy_for_non_participants(settings, mail_ticket: Ticket) -> None:
    settings.SUPPORTDESK_MAIL_NON_PARTICIPANT_POLICY = "review"
    result = reply(sender="mallory@evil.example", extra={"In-Reply-To": "<m1@customer.example>"})
    assert (result.inbound.status, result.inbound.ticket_id, result.inbound.article_id) == (InboundStatus.REVIEW, mail_ticket.pk, None)
    assert result.inbound.reason == f"sender is not a participant of ticket {mail_ticket.display_number}"
    assert (Ticket.objects.count(), Article.objects.count()) == (1, 1)


def test_reply_to_merged_ticket_goes_to_survivor(mail_ticket: Ticket, agent: User, make_ticket) -> None:
    survivor = make_ticket()
    merge_tickets(agent, mail_ticket, survivor)
    result = reply(extra={"In-Reply-To": "<m1@customer.example>"})
    assert result.inbound.ticket_id == survivor.pk
    assert Article.objects.filter(ticket=survivor).count() == 3


def test_closed_ticket_policy_new_ticket(settings, mail_ticket: Ticket) -> None:
    settings.SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY = "new_ticket"
    Ticket.objects.filter(pk=mail_ticket.pk).update(state=State.CLOSED)
    result = reply(extra={"In-Reply-To": "<m1@customer.example>"})
    assert result.created_ticket and result.inbound.ticket_id != mail_ticket.pk
    mail_ticket.refresh_from_db()
    assert mail_ticket.state == State.CLOSED


def test_reply_adds_new_cc_participants(mail_ticket: Ticket) -> None:
    reply(extra={"In-Reply-To": "<m1@customer.example>", "Cc": "lawyer@customer.example, boss@customer.example"})
    assert sorted(TicketParticipant.objects.values_list("address", flat=True)) == ["boss@customer.example", "lawyer@customer.example"]
