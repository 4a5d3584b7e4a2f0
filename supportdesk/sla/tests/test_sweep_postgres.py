"""The SLA sweep on PostgreSQL: several workers sweeping the same due clocks fire each step exactly
once, and the due-clock query is served by the partial index sla_clock_next_check (EXPLAIN), so a
sweep's cost follows the due clocks, not the open tickets.

Run with DATABASE_URL=postgres://...; on SQLite these tests are skipped (the write lock serialises
sweeps there, and its planner is not the one production uses)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections, transaction

from supportdesk.accounts.models import User
from supportdesk.sla.choices import Metric
from supportdesk.sla.models import SlaClock, SlaFiring, SlaPolicy
from supportdesk.sla.sweep import due_clocks, run_sla_sweep
from supportdesk.sla.tests.test_sweep import ESCALATIONS, FRIDAY_1630_BUDAPEST, MONDAY, WARNINGS, Clock
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.models import Notification, Ticket, TicketEvent, TicketTag

WORKERS = 4
TICKETS = 24


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (FOR UPDATE SKIP LOCKED, EXPLAIN): run with DATABASE_URL=postgres://...")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from django.utils import timezone

    frozen = Clock(FRIDAY_1630_BUDAPEST)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def _sweep_in_parallel(now: Any) -> list[int]:
    """WORKERS threads, each with its own connection, sweep in small batches until nothing is left."""
    barrier = threading.Barrier(WORKERS)
    fired: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            while True:
                count = run_sla_sweep(now=now, limit=3)
                fired.append(count)
                if count == 0 and not SlaClock.objects.filter(next_check_at__lte=now).exists():
                    break
        except BaseException as exc:  # surfaced in the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return fired


@pytest.mark.django_db(transaction=True)
def test_several_workers_fire_each_step_exactly_once(
    clock: Clock, admin: User, agent: User, supervisor_factory: Callable[[], User], make_ticket: Callable[..., Ticket]
) -> None:
    from supportdesk.sla import actions as calendar_actions

    supervisor = supervisor_factory()
    calendar = calendar_actions.create_calendar(
        admin,
        {"name": "Budapest", "time_zone": "Europe/Budapest", "holiday_country": "HU", "week": dict.fromkeys(range(5), ((480, 1020),))},
    )
    SlaPolicy.objects.create(
        name="Standard", calendar=calendar, targets={"*": {"first_response": 240}}, warnings=WARNINGS, escalations=ESCALATIONS
    )
    tickets = [make_ticket(subject=f"Ticket {n}") for n in range(TICKETS)]
    for ticket in tickets:
        update_ticket(agent, ticket, {"owner_id": agent.pk})

    total = 0
    for hhmm in ("10:30", "11:15", "11:30", "12:00"):
        clock.at(hhmm)
        total += sum(_sweep_in_parallel(clock.now))
    assert total == TICKETS * 4  # two warnings, the breach, escalation level 0

    steps = Counter(SlaFiring.objects.values_list("clock__ticket_id", "step"))
    assert len(steps) == TICKETS * 4 and set(steps.values()) == {1}
    assert Notification.objects.filter(user=agent, kind="sla_warning").count() == TICKETS * 2
    assert Notification.objects.filter(user=supervisor, kind="sla_breach").count() == TICKETS
    assert Notification.objects.filter(user=supervisor, kind="sla_escalation").count() == TICKETS
    assert TicketEvent.objects.filter(kind=EventKind.SLA, data__what="breach").count() == TICKETS
    assert TicketEvent.objects.filter(kind=EventKind.CHANGED, field="priority", data__reason="sla_escalation").count() == TICKETS
    assert TicketTag.objects.filter(tag__name="escalated").count() == TICKETS
    assert not SlaClock.objects.filter(metric=Metric.FIRST_RESPONSE, next_check_at__isnull=False).exists()


@pytest.fixture
def supervisor_factory(group: Any) -> Callable[[], User]:
    from supportdesk.accounts.choices import GroupAccess, Role
    from supportdesk.testing.factories import AgentFactory, add_member

    def make() -> User:
        user = AgentFactory.create(email="sue@support.example", role=Role.SUPERVISOR)
        add_member(group, user, GroupAccess.FULL)
        return user

    return make


@pytest.mark.django_db
def test_the_due_clock_query_uses_the_partial_index(ticket: Ticket) -> None:
    """Thousands of clocks that are not due (or have nothing left to check) and a few that are: the
    planner must read the few through sla_clock_next_check instead of scanning the table."""
    now = MONDAY
    rows = [
        SlaClock(
            ticket=ticket,
            metric=Metric.NEXT_RESPONSE,
            cycle=cycle,
            target_seconds=3600,
            started_at=now - timedelta(days=1),
            running_since=now - timedelta(days=1),
            next_check_at=None if cycle % 3 == 0 else now + timedelta(minutes=cycle),
        )
        for cycle in range(1, 30_001)
    ]
    rows += [
        SlaClock(
            ticket=ticket,
            metric=Metric.RESOLUTION,
            cycle=cycle,
            target_seconds=60,
            started_at=now,
            next_check_at=now - timedelta(seconds=cycle),
        )
        for cycle in range(1, 6)
    ]
    SlaClock.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sla_slaclock")
    with transaction.atomic():
        plan = due_clocks(now).explain()
        assert len(list(due_clocks(now))) == 5
    assert "sla_clock_next_check" in plan, plan
    assert "Seq Scan" not in plan, plan
