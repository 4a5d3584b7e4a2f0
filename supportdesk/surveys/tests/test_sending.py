"""Sending surveys: the sweep hands due invitations to the mail task; the mail is automatic, in the
customer's language, with one signed link per score; failures retry and end as failed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.email_gateway.models import AddressHealth
from supportdesk.email_gateway.sending import SendFailure
from supportdesk.surveys import mail as survey_mail
from supportdesk.surveys.choices import CsatScale, DeliveryChannel, InvitationStatus, SkipReason, SurveyKind
from supportdesk.surveys.models import SurveyInvitation, SurveySettings
from supportdesk.surveys.signing import read_token
from supportdesk.surveys.sweeps import run_survey_sweep
from supportdesk.surveys.tests.conftest import links_of
from supportdesk.surveys.texts import TABLES
from supportdesk.testing.factories import CustomerFactory
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

LIFETIME = timedelta(days=30)


def html_of(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    content = message.alternatives[0][0]
    assert isinstance(content, str)
    return content


def tokens(message: Any) -> list[tuple[int, int | None]]:
    found = []
    for token in links_of(message):
        data = read_token(token, max_age=LIFETIME)
        found.append((data.invitation_id, data.score))
    return found


def test_nothing_goes_out_before_the_delay(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any) -> None:
    solve(ticket)
    assert send_due(minutes=59) == 0
    assert mail.outbox == []
    assert SurveyInvitation.objects.get().status == InvitationStatus.PENDING


def test_the_csat_mail_is_automatic_in_english_with_a_signed_link_per_score(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, customer: User
) -> None:
    solve(ticket)
    assert send_due() == 1
    invitation = SurveyInvitation.objects.get()
    assert invitation.status == InvitationStatus.SENT and invitation.sent_at is not None and invitation.mail_attempts == 1
    assert invitation.expires_at is not None
    assert invitation.queued_at is not None
    assert invitation.expires_at - invitation.queued_at == LIFETIME  # from the moment the links went out
    [message] = mail.outbox
    assert message.to == [customer.email]
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["X-Auto-Response-Suppress"] == "All"
    assert message.extra_headers["Message-ID"] == f"<{invitation.message_id}>"
    assert f"How did we do with your request {ticket.display_number}?" in message.subject
    assert "How satisfied are you with the support you received?" in message.body
    assert tokens(message) == [(invitation.pk, score) for score in (1, 2, 3, 4, 5)]
    for label in ("Very dissatisfied", "Neutral", "Very satisfied"):
        assert label in message.body
    html = html_of(message)
    assert html.count('href="http://') == 5 and "Very satisfied" in html


@pytest.mark.parametrize(
    ("language", "subject_start", "question"),
    [
        ("de", "Wie zufrieden waren Sie", "Wie zufrieden sind Sie mit der Unterstützung"),
        ("hu", "Mennyire volt elégedett", "Mennyire elégedett a kapott segítséggel?"),
        ("lv", "Cik apmierināts esat", "Cik apmierināts esat ar saņemto atbalstu?"),
        ("en", "How did we do", "How satisfied are you"),
    ],
)
def test_the_mail_is_in_the_customers_language(
    conf: SurveySettings,
    make_ticket: Callable[..., Ticket],
    solve: Callable[..., Ticket],
    send_due: Any,
    language: str,
    subject_start: str,
    question: str,
) -> None:
    person = CustomerFactory.create(email=f"someone-{language}@customer.example", full_name="Zoë Ő", language=language)
    ticket = solve(make_ticket(customer_email=person.email))
    send_due()
    [message] = mail.outbox
    assert subject_start in message.subject and ticket.display_number in message.subject
    assert question in message.body
    assert TABLES[language]["csat_5"] in message.body
    assert TABLES[language]["greeting"].format(name="Zoë Ő") in message.body
    assert message.extra_headers["Content-Language"] == language


def test_csat_and_ces_of_a_ticket_come_in_one_mail_and_nps_in_its_own(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any
) -> None:
    conf.ces_enabled = conf.nps_enabled = True
    conf.save()
    solve(ticket)
    assert send_due() == 1  # NPS is due a day later
    [message] = mail.outbox
    csat = SurveyInvitation.objects.get(kind=SurveyKind.CSAT)
    ces = SurveyInvitation.objects.get(kind=SurveyKind.CES)
    assert tokens(message) == [(csat.pk, s) for s in range(1, 6)] + [(ces.pk, s) for s in range(1, 8)]
    assert "The company made it easy for me to handle my issue." in message.body
    assert "Strongly disagree" in message.body and "Strongly agree" in message.body
    assert csat.message_id == ces.message_id
    assert send_due(minutes=60 * 25) == 1
    nps = SurveyInvitation.objects.get(kind=SurveyKind.NPS)
    assert nps.status == InvitationStatus.SENT
    nps_mail = mail.outbox[1]
    assert nps_mail.subject == "Would you recommend us?"
    assert tokens(nps_mail) == [(nps.pk, s) for s in range(11)]
    assert "Not at all likely" in nps_mail.body and "Extremely likely" in nps_mail.body
    assert nps_mail.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_good_bad_scale_offers_good_first(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any) -> None:
    conf.csat_scale = CsatScale.GOOD_BAD
    conf.save()
    solve(ticket)
    send_due()
    invitation = SurveyInvitation.objects.get()
    assert invitation.scale == CsatScale.GOOD_BAD
    assert tokens(mail.outbox[0]) == [(invitation.pk, 1), (invitation.pk, 0)]
    assert "Good, I am satisfied" in mail.outbox[0].body


def test_the_subject_of_a_hostile_ticket_cannot_inject_headers(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], send_due: Any
) -> None:
    ticket = solve(make_ticket(subject="Help\r\nBcc: victim@evil.example <script>alert(1)</script>"))
    send_due()
    [message] = mail.outbox
    raw = message.message().as_string()
    assert "\nBcc:" not in raw
    assert message.bcc == [] and message.cc == []
    html = html_of(message)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ticket.display_number in message.subject


def test_a_reopen_after_planning_is_caught_by_the_sweep(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any
) -> None:
    solve(ticket)
    Ticket.objects.filter(pk=ticket.pk).update(state="open")  # a change whose event never arrived
    assert send_due() == 0
    assert mail.outbox == []
    assert SurveyInvitation.objects.get().status == InvitationStatus.CANCELLED


def test_a_reopen_between_sweep_and_task_sends_nothing(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], committed: Any
) -> None:
    solve(ticket)
    run_survey_sweep(now=timezone.now() + timedelta(minutes=61))  # queued; the task waits for the commit
    invitation = SurveyInvitation.objects.get()
    assert invitation.status == InvitationStatus.QUEUED
    Ticket.objects.filter(pk=ticket.pk).update(state="open")
    assert survey_mail.deliver_survey_mail([invitation.pk]) == "cancelled"
    assert mail.outbox == []


def test_the_task_is_idempotent(conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any) -> None:
    solve(ticket)
    send_due()
    invitation = SurveyInvitation.objects.get()
    assert survey_mail.deliver_survey_mail([invitation.pk]) == "skipped"
    assert len(mail.outbox) == 1


def test_portal_only_surveys_are_opened_without_mail(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any
) -> None:
    conf.channel = DeliveryChannel.PORTAL
    conf.save()
    solve(ticket)
    assert send_due() == 1
    invitation = SurveyInvitation.objects.get()
    assert invitation.status == InvitationStatus.SENT and invitation.sent_at is not None and invitation.expires_at is not None
    assert mail.outbox == []


def test_a_bounced_address_is_skipped(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, customer: User
) -> None:
    solve(ticket)
    AddressHealth.objects.create(address=customer.email, undeliverable=True)
    send_due()
    invitation = SurveyInvitation.objects.get()
    assert (invitation.status, invitation.skip_reason) == (InvitationStatus.SKIPPED, SkipReason.UNDELIVERABLE)
    assert mail.outbox == []


def test_a_customer_gets_at_most_three_survey_mails_a_day(
    conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], send_due: Any
) -> None:
    for n in range(5):
        solve(make_ticket(subject=f"Question {n}"))
    assert send_due() == 3
    assert len(mail.outbox) == 3
    skipped = SurveyInvitation.objects.filter(status=InvitationStatus.SKIPPED)
    assert skipped.count() == 2 and set(skipped.values_list("skip_reason", flat=True)) == {SkipReason.SEND_CAP}


def test_each_run_is_capped(conf: SurveySettings, make_ticket: Callable[..., Ticket], solve: Callable[..., Ticket], committed: Any) -> None:
    for n in range(4):
        person = CustomerFactory.create(email=f"person{n}@customer.example")
        solve(make_ticket(customer_email=person.email, subject=f"Question {n}"))
    later = timezone.now() + timedelta(minutes=61)
    with committed():
        assert run_survey_sweep(now=later, limit=3) == 3
    assert SurveyInvitation.objects.filter(status=InvitationStatus.PENDING).count() == 1
    with committed():
        assert run_survey_sweep(now=later, limit=3) == 1
    assert len(mail.outbox) == 4


def test_a_temporary_failure_retries_and_then_fails(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def refuse(message: Any) -> SendFailure:
        calls.append(1)
        return SendFailure("SMTP 451 try later", permanent=False)

    monkeypatch.setattr(survey_mail, "send_message", refuse)
    solve(ticket)
    send_due()
    invitation = SurveyInvitation.objects.get()
    # The immediate task backend of the tests cannot defer, so the retries run at once.
    assert len(calls) == survey_mail.MAX_ATTEMPTS
    assert (invitation.status, invitation.mail_attempts, invitation.mail_error) == ("failed", 5, "SMTP 451 try later")


def test_a_permanent_failure_fails_at_once(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(survey_mail, "send_message", lambda message: SendFailure("SMTP 550 no such user", permanent=True))
    solve(ticket)
    send_due()
    invitation = SurveyInvitation.objects.get()
    assert (invitation.status, invitation.mail_attempts) == ("failed", 1)


def test_a_lost_task_is_enqueued_again_after_an_hour(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any
) -> None:
    solve(ticket)
    run_survey_sweep(now=timezone.now() + timedelta(minutes=61))  # outside `committed`: the task never runs
    assert mail.outbox == [] and SurveyInvitation.objects.get().status == InvitationStatus.QUEUED
    send_due(minutes=61 + 30)
    assert mail.outbox == []
    send_due(minutes=61 + 61)
    assert len(mail.outbox) == 1 and SurveyInvitation.objects.get().status == InvitationStatus.SENT


def test_mail_goes_from_the_tickets_mailbox_with_its_reply_address(
    conf: SurveySettings, ticket: Ticket, solve: Callable[..., Ticket], send_due: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Support <help@support.example>"
    solve(ticket)
    send_due()
    [message] = mail.outbox
    assert message.from_email == "Support <help@support.example>"
    assert message.reply_to and message.reply_to[0].startswith(f"help+sd-{ticket.pk}-")
