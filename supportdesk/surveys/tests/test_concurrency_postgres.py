"""Surveys under concurrency (PostgreSQL; SQLite's single write lock serialises everything):
two tickets of one customer solved at once make one NPS invitation; two planners of one ticket make
one CSAT invitation; two answers at once make one response; two sweeps send each mail once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from supportdesk.surveys.actions import do_record_answer
from supportdesk.surveys.choices import AnswerChannel, InvitationStatus, SurveyKind
from supportdesk.surveys.models import NpsSchedule, SurveyInvitation, SurveyResponse, SurveySettings
from supportdesk.surveys.scheduling import plan_for_tickets
from supportdesk.surveys.sweeps import run_survey_sweep
from supportdesk.testing.factories import CustomerFactory
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Ticket

WORKERS = 6


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: run with DATABASE_URL=postgres://...")


def in_parallel(jobs: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results.append(job())
        except BaseException as exc:  # surfaced in the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def solved_without_events(make_ticket: Callable[..., Ticket], **overrides: Any) -> Ticket:
    ticket = make_ticket(**overrides)
    Ticket.objects.filter(pk=ticket.pk).update(state=State.SOLVED)
    return ticket


@pytest.mark.django_db(transaction=True)
def test_tickets_of_one_customer_solved_at_once_make_one_nps_invitation(conf: SurveySettings, make_ticket: Callable[..., Ticket]) -> None:
    conf.nps_enabled = True
    conf.save()
    tickets = [solved_without_events(make_ticket, subject=f"T{n}") for n in range(WORKERS)]
    in_parallel([partial(plan_for_tickets, [ticket.pk]) for ticket in tickets])
    assert SurveyInvitation.objects.filter(kind=SurveyKind.CSAT).count() == WORKERS
    assert SurveyInvitation.objects.filter(kind=SurveyKind.NPS).count() == 1
    assert NpsSchedule.objects.count() == 1
    # And again once the interval has passed: still exactly one more.
    NpsSchedule.objects.update(last_invited_at=timezone.now() - timedelta(days=100))
    more = [solved_without_events(make_ticket, subject=f"U{n}") for n in range(WORKERS)]
    in_parallel([partial(plan_for_tickets, [ticket.pk]) for ticket in more])
    assert SurveyInvitation.objects.filter(kind=SurveyKind.NPS).count() == 2


@pytest.mark.django_db(transaction=True)
def test_one_ticket_planned_by_several_workers_gets_one_invitation(conf: SurveySettings, make_ticket: Callable[..., Ticket]) -> None:
    ticket = solved_without_events(make_ticket)
    in_parallel([lambda: plan_for_tickets([ticket.pk]) for _ in range(WORKERS)])
    assert SurveyInvitation.objects.filter(ticket=ticket).count() == 1


@pytest.mark.django_db(transaction=True)
def test_answers_at_once_make_one_response(conf: SurveySettings, make_ticket: Callable[..., Ticket]) -> None:
    ticket = solved_without_events(make_ticket)
    plan_for_tickets([ticket.pk])
    SurveyInvitation.objects.update(status=InvitationStatus.SENT, sent_at=timezone.now())
    invitation = SurveyInvitation.objects.get()
    outcomes = in_parallel(
        [
            partial(do_record_answer, invitation.pk, score=score, comment="", channel=AnswerChannel.EMAIL_LINK)
            for score in (1, 2, 3, 4, 5, 5)
        ]
    )
    assert SurveyResponse.objects.count() == 1
    assert sum(outcome.created for outcome in outcomes) == 1
    assert SurveyInvitation.objects.get().status == InvitationStatus.ANSWERED


@pytest.mark.django_db(transaction=True)
def test_sweeps_at_once_send_each_mail_once(conf: SurveySettings, make_ticket: Callable[..., Ticket]) -> None:
    for n in range(10):
        person = CustomerFactory.create(email=f"p{n}@customer.example")
        plan_for_tickets([solved_without_events(make_ticket, customer_email=person.email, subject=f"T{n}").pk])
    later = timezone.now() + timedelta(minutes=61)
    counts = in_parallel([lambda: run_survey_sweep(now=later, limit=4) for _ in range(4)])
    assert sum(counts) == 10
    assert len(mail.outbox) == 10
    assert sorted(message.to[0] for message in mail.outbox) == sorted(f"p{n}@customer.example" for n in range(10))
    assert set(SurveyInvitation.objects.values_list("status", flat=True)) == {InvitationStatus.SENT}
