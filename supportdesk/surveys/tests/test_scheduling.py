"""Planning surveys: a solved ticket gets its invitations after the delay; a reopen before sending
cancels them; a ticket is asked once; who must not be asked is skipped; NPS is throttled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Organization, User
from supportdesk.surveys.choices import DeliveryChannel, InvitationStatus, SkipReason, SurveyKind
from supportdesk.surveys.models import NpsSchedule, SurveyInvitation, SurveySettings
from supportdesk.surveys.scheduling import claim_nps, plan_for_tickets
from supportdesk.testing.factories import CustomerFactory
from supportdesk.tickets.actions import merge_tickets, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_solving_plans_a_csat_invitation_after_the_delay(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], agent: User
) -> None:
    before = timezone.now()
    solve(ticket)
    invitation = SurveyInvitation.objects.get(ticket=ticket)
    assert (invitation.kind, invitation.status, invitation.scale, invitation.channel) == ("csat", "pending", "five_point", "both")
    assert before + timedelta(minutes=60) <= invitation.send_after <= timezone.now() + timedelta(minutes=60)
    # Denormalized for reports: the owner when solved, the group, the customer and the ticket's channel.
    assert (invitation.agent_id, invitation.group_id, invitation.customer_id) == (agent.pk, ticket.group_id, ticket.customer_id)
    assert invitation.ticket_channel == ticket.channel
    assert invitation.language == "en"
    assert len(invitation.key) >= 20 and invitation.sent_at is None


def test_nothing_is_planned_while_surveys_are_off(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    conf.csat_enabled = False
    conf.save()
    solve(ticket)
    assert not SurveyInvitation.objects.exists()


def test_ces_is_planned_next_to_csat_when_enabled(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    conf.ces_enabled = True
    conf.save()
    solve(ticket)
    assert sorted(SurveyInvitation.objects.filter(ticket=ticket).values_list("kind", "scale")) == [("ces", ""), ("csat", "five_point")]


def test_the_language_is_the_customers(conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket]) -> None:
    german = CustomerFactory.create(email="anna@kunde.example", language="de")
    solve(make_ticket(customer_email=german.email))
    assert SurveyInvitation.objects.get().language == "de"


def test_a_reopen_before_sending_cancels_and_a_second_solve_does_not_ask_again(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]
) -> None:
    solve(ticket)
    solve(ticket, "open")
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.CANCELLED
    solve(ticket)
    solve(ticket, "closed")
    assert list(SurveyInvitation.objects.filter(ticket=ticket).values_list("status", flat=True)) == ["cancelled"]


def test_a_customer_reply_reopening_the_ticket_cancels(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], customer_reply: Callable[..., None]
) -> None:
    solve(ticket)
    customer_reply(ticket)
    ticket.refresh_from_db()
    assert ticket.state == "open"
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.CANCELLED


def test_a_sent_invitation_is_not_cancelled_by_a_reopen(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Callable[..., int]
) -> None:
    solve(ticket)
    assert send_due() == 1
    solve(ticket, "open")
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.SENT


def test_closing_a_solved_ticket_keeps_its_one_invitation(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    solve(ticket)
    first = SurveyInvitation.objects.get(ticket=ticket)
    solve(ticket, "closed")
    assert list(SurveyInvitation.objects.filter(ticket=ticket)) == [first]
    assert SurveyInvitation.objects.get().status == InvitationStatus.PENDING


def test_closing_directly_also_plans(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    solve(ticket, "closed")
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.PENDING


def test_merging_a_solved_ticket_away_cancels_its_survey(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], agent: User, committed: Any
) -> None:
    source, target = make_ticket(subject="Duplicate"), make_ticket(subject="Original")
    solve(source)
    with committed():
        merge_tickets(agent, source, target)
    assert SurveyInvitation.objects.get(ticket=source).status == InvitationStatus.CANCELLED


def test_planning_twice_is_idempotent(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    solve(ticket)
    plan_for_tickets([ticket.pk])
    plan_for_tickets([ticket.pk])
    assert SurveyInvitation.objects.filter(ticket=ticket).count() == 1


@pytest.mark.parametrize(
    ("email", "role", "active", "reason"),
    [
        ("mailer-daemon@customer.example", Role.CUSTOMER, True, SkipReason.ROBOT),
        ("no-reply@shop.example", Role.CUSTOMER, True, SkipReason.ROBOT),
        ("noreply+bounce@shop.example", Role.CUSTOMER, True, SkipReason.ROBOT),
        ("colleague@support.example", Role.AGENT, True, SkipReason.STAFF),
        ("gone@customer.example", Role.CUSTOMER, False, SkipReason.INACTIVE),
    ],
)
def test_customers_who_must_not_be_asked_are_skipped_with_the_reason(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], email: str, role: str, active: bool, reason: str
) -> None:
    person = CustomerFactory.create(email=email, role=role)
    ticket = make_ticket(customer_email=person.email)
    User.objects.filter(pk=person.pk).update(is_active=active)
    solve(ticket)
    invitation = SurveyInvitation.objects.get(ticket=ticket)
    assert (invitation.status, invitation.skip_reason) == (InvitationStatus.SKIPPED, reason)


def test_a_customer_without_a_usable_address_is_skipped(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], customer: User
) -> None:
    User.objects.filter(pk=customer.pk).update(email="not an address\r\nBcc: x@evil.example")
    solve(ticket)
    assert SurveyInvitation.objects.get(ticket=ticket).skip_reason == SkipReason.NO_ADDRESS


def test_the_organization_is_recorded(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], customer: User
) -> None:
    organization = Organization.objects.create(name="Harwood & Lane")
    customer.organizations.add(organization)
    ticket = make_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(organization=organization)
    ticket.refresh_from_db()
    solve(ticket)
    assert SurveyInvitation.objects.get().organization_id == organization.pk


# -- NPS ---------------------------------------------------------------------------------------


@pytest.fixture
def nps_on(conf: SurveySettings) -> SurveySettings:
    conf.nps_enabled = True
    conf.save()
    return conf


def test_nps_is_planned_with_the_first_csat_of_a_customer_a_day_later(
    nps_on: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]
) -> None:
    solve(ticket)
    csat = SurveyInvitation.objects.get(kind=SurveyKind.CSAT)
    nps = SurveyInvitation.objects.get(kind=SurveyKind.NPS)
    assert nps.ticket_id is None and nps.customer_id == ticket.customer_id and nps.channel == DeliveryChannel.EMAIL
    assert nps.group_id == ticket.group_id
    assert timedelta(hours=23, minutes=59) < nps.send_after - csat.send_after < timedelta(days=1, minutes=1)


def test_nps_is_asked_at_most_once_per_interval(
    nps_on: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], customer: User
) -> None:
    solve(make_ticket(subject="First"))
    solve(make_ticket(subject="Second"))
    assert SurveyInvitation.objects.filter(kind=SurveyKind.NPS).count() == 1
    assert SurveyInvitation.objects.filter(kind=SurveyKind.CSAT).count() == 2
    # Once the interval has passed, the next solved ticket asks again.
    NpsSchedule.objects.filter(customer=customer).update(last_invited_at=timezone.now() - timedelta(days=91))
    solve(make_ticket(subject="Third"))
    assert SurveyInvitation.objects.filter(kind=SurveyKind.NPS).count() == 2


def test_nps_of_different_customers_is_independent(
    nps_on: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], other_customer: User
) -> None:
    solve(make_ticket())
    solve(make_ticket(customer_email=other_customer.email))
    assert SurveyInvitation.objects.filter(kind=SurveyKind.NPS).count() == 2


def test_nps_is_not_asked_of_a_skipped_customer(
    nps_on: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket]
) -> None:
    robot = CustomerFactory.create(email="no-reply@shop.example")
    solve(make_ticket(customer_email=robot.email))
    assert not SurveyInvitation.objects.filter(kind=SurveyKind.NPS).exists()


def test_nps_alone_is_planned_when_ticket_surveys_are_off(nps_on: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket]) -> None:
    nps_on.csat_enabled = False
    nps_on.save()
    solve(ticket)
    assert list(SurveyInvitation.objects.values_list("kind", flat=True)) == ["nps"]


def test_claim_nps_takes_the_turn_once_per_interval(customer: User) -> None:
    now = timezone.now()
    interval = timedelta(days=90)
    assert claim_nps(customer.pk, interval=interval, now=now) is True
    assert claim_nps(customer.pk, interval=interval, now=now + timedelta(days=89)) is False
    assert claim_nps(customer.pk, interval=interval, now=now + timedelta(days=90)) is True
    assert NpsSchedule.objects.get(customer=customer).last_invited_at == now + timedelta(days=90)


def test_a_customer_reply_batch_with_many_tickets_costs_a_fixed_number_of_queries(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], django_assert_max_num_queries: Any
) -> None:
    from supportdesk.core.events import DomainEvent
    from supportdesk.surveys.scheduling import on_articles_added

    tickets = [solve(make_ticket(subject=f"T{n}")) for n in range(12)]
    Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(state="open")
    events = [
        DomainEvent("article.added", {"ticket_id": t.pk, "sender": "customer", "internal": False, "creating": False}) for t in tickets
    ]
    with django_assert_max_num_queries(3):
        on_articles_added(events)
    assert set(SurveyInvitation.objects.values_list("status", flat=True)) == {"cancelled"}


def test_agent_replies_do_not_touch_surveys(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], agent: User, committed: Any
) -> None:
    from supportdesk.tickets.actions import add_article

    solve(ticket)
    with committed():
        add_article(agent, ticket, body_text="One more hint.")
        update_ticket(agent, ticket, {"priority": "high"})
    assert SurveyInvitation.objects.get(ticket=ticket).status == InvitationStatus.PENDING
