"""Two agents complete the two parallel steps at the same moment, on PostgreSQL: the run's row lock
serialises them, so the step depending on both opens exactly once. Skipped on SQLite (its write
lock serialises everything anyway)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import engine
from supportdesk.automation.processes.models import ProcessTask, ProcessTemplate
from supportdesk.automation.processes.tests.conftest import step
from supportdesk.testing.factories import AgentFactory, add_member
from supportdesk.tickets.models import Ticket, TicketEvent


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_parallel_completion_opens_the_joined_step_once(
    attempt: int, agent: User, group: Group, ticket: Ticket, make_template: Callable[..., ProcessTemplate]
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks): run with DATABASE_URL=postgres://...")
    second = AgentFactory.create(email=f"second{attempt}@support.example")
    add_member(group, second)
    template = make_template("Join", [step("left", group), step("right", group), step("join", group, "left", "right")])
    run = engine.check_start_process(agent, ticket.pk, template.pk).run
    tasks = {t.key: t.pk for t in ProcessTask.objects.filter(run=run)}
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def complete(user: User, key: str) -> None:
        try:
            barrier.wait()
            engine.check_complete_task(User.objects.get(pk=user.pk), tasks[key])
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete, args=(agent, "left")), threading.Thread(target=complete, args=(second, "right"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert dict(ProcessTask.objects.filter(run=run).values_list("key", "state")) == {"left": "done", "right": "done", "join": "open"}
    assert TicketEvent.objects.filter(ticket=ticket, data__action="opened", data__step="join").count() == 1
