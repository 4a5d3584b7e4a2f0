"""SLA clocks follow the ticket through the ticket actions: the Budapest Friday case of issue 4,
pausing, meeting, next-response cycles, solving and reopening, re-targeting, no policy at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla.choices import Metric, Outcome
from supportdesk.sla.models import SlaClock, SlaPolicy
from supportdesk.sla.tracking import sync_tickets
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.choices import EventKind, Priority, State
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db

FRIDAY_1630_BUDAPEST = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)  # 01:00 in Budapest
WORKDAY = ((8 * 60, 17 * 60),)  # 08:00-17:00, as in the issue


class Clock:
    """A settable clock patched over django.utils.timezone.now, which the ticket actions read."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def at_budapest(self, day: datetime, hhmm: str) -> None:
        hour, minute = map(int, hhmm.split(":"))
        self.now = day.replace(hour=hour - 1, minute=minute)  # CET is UTC+1 in November


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock(FRIDAY_1630_BUDAPEST)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    yield frozen


@pytest.fixture
def policy(admin: User) -> SlaPolicy:
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest office", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), WORKDAY)},
    )
    return SlaPolicy.objects.create(
        name="Standard",
        calendar=calendar,
        targets={"*": {"first_response": 240, "next_response": 120, "resolution": 1080}, "urgent": {"first_response": 60}},
    )


def clocks(ticket: Ticket, metric: str) -> list[SlaClock]:
    return list(SlaClock.objects.filter(ticket=ticket, metric=metric).order_by("cycle"))


def sla_events(ticket: Ticket) -> list[dict[str, Any]]:
    return [event.data for event in TicketEvent.objects.filter(ticket=ticket, kind=EventKind.SLA).order_by("id")]


def test_friday_afternoon_ticket_is_due_monday_1130_and_a_reply_meets_it(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    ticket.refresh_from_db()
    assert ticket.sla_policy_id == policy.pk
    assert ticket.first_response_due_at == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # Monday 11:30 Budapest
    assert ticket.sla_due_at == ticket.first_response_due_at
    assert ticket.next_response_due_at is None  # nothing to answer again yet
    assert sla_events(ticket)[0] == {"what": "policy", "policy": "Standard", "policy_id": policy.pk}

    clock.at_budapest(MONDAY, "10:00")
    add_article(agent, ticket, body_text="We are on it.")
    ticket.refresh_from_db()
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.outcome == Outcome.MET
    assert first.business_seconds == 30 * 60 + 2 * 3600  # Friday 16:30-17:00, Monday 08:00-10:00
    assert first.wall_seconds == int((clock.now - FRIDAY_1630_BUDAPEST).total_seconds())
    assert first.next_check_at is None and first.due_at is None
    assert ticket.first_response_due_at is None
    assert ticket.sla_due_at == ticket.resolution_due_at
    met = sla_events(ticket)[-1]
    assert met["what"] == "met" and met["metric"] == "first_response" and met["by_seconds"] == 90 * 60


def test_a_pending_state_pauses_every_clock_and_records_the_paused_time(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "09:00")
    update_ticket(agent, ticket, {"state": State.PENDING_REMINDER, "pending_until": "2026-12-01T09:00:00Z"})
    ticket.refresh_from_db()
    assert ticket.sla_paused and ticket.first_response_due_at is None and ticket.sla_due_at is None
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.running_since is None and first.consumed_seconds == 90 * 60 and first.next_check_at is None

    clock.at_budapest(MONDAY, "10:00")
    update_ticket(agent, ticket, {"state": State.OPEN})
    ticket.refresh_from_db()
    assert not ticket.sla_paused
    assert ticket.first_response_due_at == datetime(2026, 11, 23, 11, 30, tzinfo=UTC)  # an hour later: 12:30 Budapest
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.paused_seconds == 3600


def test_late_reply_is_a_breach_by_how_much(clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "13:00")
    add_article(agent, ticket, body_text="Sorry for the wait.")
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.outcome == Outcome.BREACHED
    assert sla_events(ticket)[-1]["by_seconds"] == 90 * 60  # due 11:30, answered 13:00


def test_each_unanswered_customer_message_starts_a_next_response_cycle(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User, customer: User
) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "09:00")
    add_article(agent, ticket, body_text="Which printer?")
    clock.at_budapest(MONDAY, "09:30")
    add_article(customer, ticket, body_text="Room 4.")
    clock.at_budapest(MONDAY, "09:40")
    add_article(customer, ticket, body_text="Hurry please.")  # still the same unanswered cycle
    ticket.refresh_from_db()
    (cycle,) = clocks(ticket, Metric.NEXT_RESPONSE)
    assert cycle.started_at == datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
    assert ticket.next_response_due_at == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)

    clock.at_budapest(MONDAY, "10:00")
    add_article(agent, ticket, body_text="Technician is on the way.")
    clock.at_budapest(MONDAY, "10:05")
    add_article(customer, ticket, body_text="Thanks!")
    first, second = clocks(ticket, Metric.NEXT_RESPONSE)
    assert first.outcome == Outcome.MET and first.business_seconds == 30 * 60
    assert second.cycle == 2 and not second.outcome


def test_internal_notes_do_not_answer_the_customer(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "09:00")
    add_article(agent, ticket, body_text="Looking into it", is_internal=True)
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert not first.outcome


def test_solving_stops_resolution_and_reopening_resumes_it(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User, customer: User
) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "09:00")
    add_article(agent, ticket, body_text="Fixed.")
    update_ticket(agent, ticket, {"state": State.SOLVED})
    ticket.refresh_from_db()
    (resolution,) = clocks(ticket, Metric.RESOLUTION)
    assert resolution.outcome == Outcome.MET and resolution.business_seconds == 90 * 60
    assert ticket.sla_due_at is None

    clock.at_budapest(MONDAY, "11:00")
    add_article(customer, ticket, body_text="It is burning again.")
    ticket.refresh_from_db()
    (resolution,) = clocks(ticket, Metric.RESOLUTION)
    assert ticket.state == State.OPEN and not resolution.outcome and resolution.consumed_seconds == 90 * 60
    # 18 business hours in all, 1.5 used: 16.5 left from Monday 11:00 -> Tuesday 17:00 is 15, Wednesday 09:30.
    assert ticket.resolution_due_at == datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    assert [event["what"] for event in sla_events(ticket)][-1] == "resumed"


def test_priority_with_its_own_target_retargets_the_running_clock(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    clock.at_budapest(MONDAY, "08:00")
    update_ticket(agent, ticket, {"priority": Priority.URGENT})
    ticket.refresh_from_db()
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.target_seconds == 3600
    assert ticket.first_response_due_at == datetime(2026, 11, 23, 7, 30, tzinfo=UTC)  # 30 min Friday + 30 min Monday


def test_policies_apply_in_order_and_conditions_select(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User, group: Any
) -> None:
    vip = SlaPolicy.objects.create(
        name="VIP",
        position=0,
        conditions=[{"field": "priority", "op": "in", "value": ["high", "urgent"]}],
        targets={"*": {"resolution": 60}},
    )
    policy.position = 1
    policy.save()
    normal = make_ticket()
    high = make_ticket(priority=Priority.HIGH)
    normal.refresh_from_db()
    high.refresh_from_db()
    assert normal.sla_policy_id == policy.pk and high.sla_policy_id == vip.pk
    assert high.resolution_due_at == FRIDAY_1630_BUDAPEST + timedelta(hours=1)  # VIP has no calendar and no default: 24/7
    assert not clocks(high, Metric.FIRST_RESPONSE)


def test_without_policies_nothing_is_tracked(clock: Clock, make_ticket: Callable[..., Ticket], agent: User) -> None:
    ticket = make_ticket()
    add_article(agent, ticket, body_text="Hello")
    ticket.refresh_from_db()
    assert not SlaClock.objects.exists() and ticket.sla_policy_id is None and ticket.sla_due_at is None


def test_deactivating_the_policy_cancels_running_clocks_on_the_next_change(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    SlaPolicy.objects.filter(pk=policy.pk).update(is_active=False)
    update_ticket(agent, ticket, {"priority": Priority.HIGH})
    ticket.refresh_from_db()
    assert ticket.sla_policy_id is None and ticket.sla_due_at is None
    assert {clock.outcome for clock in SlaClock.objects.filter(ticket=ticket)} == {Outcome.CANCELLED}


def test_a_conversation_the_team_opened_has_no_first_response_target_but_replies_to_it_do(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], customer: User
) -> None:
    ticket = make_ticket(first_article_from_customer=False, body="Your order has shipped.")
    assert not clocks(ticket, Metric.FIRST_RESPONSE)
    clock.at_budapest(MONDAY, "09:00")
    add_article(customer, ticket, body_text="It has not arrived.")
    ticket.refresh_from_db()
    assert not clocks(ticket, Metric.FIRST_RESPONSE)
    (cycle,) = clocks(ticket, Metric.NEXT_RESPONSE)
    assert cycle.started_at == clock.now
    assert ticket.next_response_due_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # 2 business hours: 11:00 Budapest


def test_a_reply_clears_the_risk_prediction_of_the_answered_target(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    Ticket.objects.filter(pk=ticket.pk).update(sla_at_risk=True, sla_risk={"position": 3, "backlog": 5})
    clock.at_budapest(MONDAY, "09:00")
    update_ticket(agent, ticket, {"priority": Priority.HIGH})  # the first response still runs: kept
    ticket.refresh_from_db()
    assert ticket.sla_at_risk and ticket.sla_risk == {"position": 3, "backlog": 5}
    add_article(agent, ticket, body_text="Answered.")
    ticket.refresh_from_db()
    assert not ticket.sla_at_risk and ticket.sla_risk == {}


def test_judging_history_marks_passed_steps_done_without_firing(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket]
) -> None:
    policy.warnings = [{"percent": 50, "audience": ["owner"], "channels": ["in_app"]}]
    policy.save()
    SlaPolicy.objects.filter(pk=policy.pk).update(is_active=False)
    ticket = make_ticket()
    SlaPolicy.objects.filter(pk=policy.pk).update(is_active=True)
    clock.at_budapest(MONDAY, "12:00")  # half-time was 10:00 Monday, due 11:30: both passed
    sync_tickets([ticket.pk], clock.now, judge_past=True)
    (first,) = clocks(ticket, Metric.FIRST_RESPONSE)
    assert first.fired_steps == ["warn:50%", "breach"] and first.breached_at == datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
    assert first.next_check_at is None and not first.firings.exists()
    assert sla_events(ticket)[0]["what"] == "policy"
    assert TicketEvent.objects.get(ticket=ticket, kind=EventKind.SLA, data__what="policy").created_at == FRIDAY_1630_BUDAPEST
