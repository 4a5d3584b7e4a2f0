"""Predicted SLA risk (sla.risk): queue position, recent handling rate, agents on shift, business-time
projection; hand-computed cases, then the sweep end to end with a frozen clock: flags, numbers,
one warning per target to the manager and the group's supervisors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import Group, User
from supportdesk.sla import actions as calendar_actions
from supportdesk.sla.display import current_risk, risk_explanation
from supportdesk.sla.models import SlaFiring, SlaPolicy
from supportdesk.sla.risk import GroupLoad, Waiting, estimate, estimate_queues, run_risk_sweep, team_rate
from supportdesk.sla.spec import build_spec
from supportdesk.testing.factories import UserFactory, add_member
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Notification, Ticket

WORKDAY = ((8 * 60, 17 * 60),)
SPEC = build_spec(time_zone="Europe/Budapest", week=[WORKDAY] * 5 + [(), ()])
MONDAY = datetime(2026, 11, 23, tzinfo=UTC)  # 01:00 in Budapest (CET, UTC+1)
HOUR = 3600.0


def budapest(hhmm: str, day: datetime = MONDAY) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return day.replace(hour=hour - 1, minute=minute)


# Over the 14 days before Monday 23 November 09:00 the calendar is open 90 hours: Monday 9th
# 09:00-17:00 (8), four days of 9 (36), a week of 9 (45) and Monday 23rd 08:00-09:00 (1).
NINETY_HOURS = 90 * HOUR


def queue(*dues: str) -> list[Waiting]:
    return [Waiting(ticket_id=n, group_id=1, policy_id=1, due_at=budapest(due)) for n, due in enumerate(dues, start=1)]


def test_six_in_queue_at_two_an_hour_with_one_agent_puts_position_five_two_and_a_half_hours_out() -> None:
    load = GroupLoad(responses=180, members=1)  # 180 replies in 90 business hours: 2 an hour
    assert team_rate(load, NINETY_HOURS, 1) == 2.0
    now = budapest("09:00")
    results = estimate_queues(
        queue("10:00", "10:10", "10:20", "10:30", "10:40", "10:50"),
        loads={1: load},
        specs={1: SPEC},
        history={1: NINETY_HOURS},
        now=now,
    )
    # Position k is answered k / 2 hours from 09:00: 09:30, 10:00, 10:30, 11:00, 11:30, 12:00.
    assert [results[n].at_risk for n in range(1, 7)] == [False, False, True, True, True, True]
    fifth = results[5].numbers
    assert fifth == {
        "position": 5,
        "backlog": 6,
        "rate_per_hour": 2.0,
        "agents_on_shift": 1,
        "expected_at": budapest("11:30").isoformat(),
        "due_at": budapest("10:40").isoformat(),
        "explanation": "queue",
    }
    assert results[1].numbers == {}  # not at risk: nothing stored


def test_the_expected_wait_counts_business_hours_only() -> None:
    # Friday 16:00, position 4 at 2 an hour: 2 hours of business time is Friday 16:00-17:00 and Monday 08:00-09:00.
    friday = MONDAY - timedelta(days=3)
    item = Waiting(ticket_id=1, group_id=1, policy_id=1, due_at=budapest("08:30"))
    result = estimate(
        item,
        position=4,
        backlog=4,
        load=GroupLoad(responses=180, members=1),
        history_seconds=NINETY_HOURS,
        now=budapest("16:00", friday),
        spec=SPEC,
    )
    assert result.at_risk and result.numbers["expected_at"] == budapest("09:00").isoformat()


def test_before_opening_nobody_is_on_shift_and_the_answer_waits_for_the_team() -> None:
    item = Waiting(ticket_id=1, group_id=1, policy_id=1, due_at=budapest("08:20"))
    result = estimate(
        item,
        position=1,
        backlog=1,
        load=GroupLoad(responses=360, members=2),
        history_seconds=NINETY_HOURS,
        now=budapest("07:00"),
        spec=SPEC,
    )
    # Two agents at 2 replies an hour each from 08:00: the first answer at 08:15, before 08:20.
    assert not result.at_risk
    late = estimate(
        Waiting(ticket_id=1, group_id=1, policy_id=1, due_at=budapest("08:10")),
        position=1,
        backlog=1,
        load=GroupLoad(responses=360, members=2),
        history_seconds=NINETY_HOURS,
        now=budapest("07:00"),
        spec=SPEC,
    )
    assert late.at_risk
    assert late.numbers["agents_on_shift"] == 0 and late.numbers["rate_per_hour"] == 4.0
    assert late.numbers["expected_at"] == budapest("08:15").isoformat()


@pytest.mark.parametrize(
    ("load", "due", "at_risk", "explanation"),
    [
        (GroupLoad(responses=0, members=3), "10:00", False, None),  # no history: no prediction
        (GroupLoad(responses=50, members=0), "10:00", True, "no_agents"),  # nobody can answer
        (GroupLoad(responses=1, members=1), "08:30", False, None),  # already overdue: the breach is the sweep's
    ],
)
def test_no_history_no_agents_and_overdue(load: GroupLoad, due: str, at_risk: bool, explanation: str | None) -> None:
    item = Waiting(ticket_id=1, group_id=1, policy_id=1, due_at=budapest(due))
    result = estimate(item, position=1, backlog=1, load=load, history_seconds=NINETY_HOURS, now=budapest("09:00"), spec=SPEC)
    assert result.at_risk is at_risk
    assert result.numbers.get("explanation") == explanation


def test_explanation_is_written_from_the_numbers_in_the_readers_language() -> None:
    from zoneinfo import ZoneInfo

    from django.utils import translation

    numbers = {
        "position": 5,
        "backlog": 6,
        "rate_per_hour": 2.0,
        "agents_on_shift": 1,
        "expected_at": budapest("11:30").isoformat(),
        "due_at": budapest("10:40").isoformat(),
        "explanation": "queue",
    }
    with translation.override("en"):
        text = risk_explanation(numbers, ZoneInfo("Europe/Budapest"))
    assert text == (
        "Position 5 of 6 in the group's queue · about 2.0 replies per business hour with 1 agent on shift"
        " · expected wait 2 h 30 min (answer around 11/23/2026 11:30 a.m.) · due 11/23/2026 10:40 a.m."
    )
    closed = {**numbers, "agents_on_shift": 0}
    with translation.override("en"):
        assert "nobody on shift now; about 2.0 replies per business hour once the team is in" in risk_explanation(closed, ZoneInfo("UTC"))
    nobody = {"position": 1, "backlog": 2, "due_at": budapest("10:40").isoformat(), "explanation": "no_agents"}
    with translation.override("en"):
        assert (
            risk_explanation(nobody, ZoneInfo("UTC"))
            == "Position 1 of 2 in the group's queue · no agent of the group can answer · due 11/23/2026 9:40 a.m."
        )


# -- the sweep, end to end -----------------------------------------------------------------------------


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock(budapest("08:00"))
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    yield frozen


@pytest.fixture
def policy(admin: User) -> SlaPolicy:
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest office", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), WORKDAY)},
    )
    return SlaPolicy.objects.create(
        name="Standard", calendar=calendar, manager=admin, targets={"*": {"first_response": 120, "resolution": 1080}}
    )


@pytest.fixture
def supervisor(group: Group) -> User:
    """Reads the group (so is told about risks) but does not answer in it: the queue has one agent."""
    user = UserFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, user, GroupAccess.READ)
    return user


def _history(ticket: Ticket, agent: User, count: int, *, since: datetime, until: datetime) -> None:
    """Public agent replies spread over the window (plain rows: the rate reads only their time and kind)."""
    step = (until - since) / count
    Article.objects.bulk_create(
        Article(
            ticket=ticket, author=agent, sender_type=SenderType.AGENT, body_text="done", created_at=since + step * n + timedelta(seconds=1)
        )
        for n in range(count)
    )


def test_sweep_flags_the_tickets_the_queue_cannot_reach_and_warns_once(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User, admin: User, supervisor: User, group: Group
) -> None:
    clock.now = budapest("10:00", MONDAY - timedelta(days=21))
    old = make_ticket(subject="Last month")
    add_article(agent, old, body_text="Answered.")  # leaves the queue; its reply is before the window
    now = budapest("09:00")
    _history(old, agent, 180, since=now - timedelta(days=14), until=now)
    Article.objects.create(ticket=old, author=agent, sender_type=SenderType.AGENT, body_text="x", created_at=now - timedelta(days=15))
    Article.objects.create(
        ticket=old, author=agent, sender_type=SenderType.AGENT, is_internal=True, body_text="x", created_at=now - timedelta(hours=2)
    )
    old.refresh_from_db()
    tickets = []
    for minute in range(0, 60, 10):  # due 10:00, 10:10, ... 10:50 (two business hours each)
        clock.now = budapest(f"08:{minute:02d}")
        tickets.append(make_ticket(subject=f"Queue {minute}"))
    clock.now = now

    assert run_risk_sweep() == 4
    flags = {t.subject: (t.sla_at_risk, t.sla_risk.get("position")) for t in Ticket.objects.filter(pk__in=[t.pk for t in tickets])}
    assert flags == {
        "Queue 0": (False, None),
        "Queue 10": (False, None),
        "Queue 20": (True, 3),
        "Queue 30": (True, 4),
        "Queue 40": (True, 5),
        "Queue 50": (True, 6),
    }
    fifth = Ticket.objects.get(subject="Queue 40")
    assert fifth.sla_risk["expected_at"] == budapest("11:30").isoformat()
    assert fifth.sla_risk["rate_per_hour"] == 2.0 and fifth.sla_risk["agents_on_shift"] == 1
    assert current_risk(fifth) == fifth.sla_risk
    assert SlaFiring.objects.filter(step="risk").count() == 4
    risk_notes = Notification.objects.filter(kind="sla_risk")
    assert sorted(risk_notes.values_list("user__email", flat=True)) == sorted([admin.email, supervisor.email] * 4)

    # Again a minute later: the same flags, and nobody is told twice.
    clock.now = now + timedelta(minutes=1)
    assert run_risk_sweep() == 4
    assert SlaFiring.objects.filter(step="risk").count() == 4 and risk_notes.count() == 8

    # Answering the third moves the others up; the answered one loses its flag.
    add_article(agent, tickets[2], body_text="On it.")
    clock.now = now + timedelta(minutes=2)
    run_risk_sweep()
    third = Ticket.objects.get(pk=tickets[2].pk)
    assert (third.sla_at_risk, third.sla_risk) == (False, {})
    assert Ticket.objects.get(subject="Queue 40").sla_risk["position"] == 4


def test_a_flag_is_cleared_once_the_target_it_was_about_is_met(
    clock: Clock, policy: SlaPolicy, make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    ticket.refresh_from_db()
    assert ticket.first_response_due_at is not None
    risk: dict[str, Any] = {"position": 1, "backlog": 1, "due_at": ticket.first_response_due_at.isoformat(), "explanation": "no_agents"}
    Ticket.objects.filter(pk=ticket.pk).update(sla_at_risk=True, sla_risk=risk)
    ticket.refresh_from_db()
    assert current_risk(ticket) == risk
    add_article(agent, ticket, body_text="Hello")
    ticket.refresh_from_db()
    assert not ticket.sla_at_risk and current_risk(ticket) is None  # the SLA hook voids the prediction with the reply
