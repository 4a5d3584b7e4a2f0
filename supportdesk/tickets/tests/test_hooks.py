"""Ticket hooks run in the change's transaction, and are skipped for changes they ignore."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from supportdesk.accounts.models import User
from supportdesk.tickets import hooks
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls() -> Iterator[list[list[int]]]:
    seen: list[list[int]] = []

    def hook(ids: list[int], now: datetime) -> None:
        seen.append(ids)

    hooks.register_ticket_hook("zz_test", hook, ignores={"owner_id", "subject"})
    yield seen
    del hooks._hooks["zz_test"]


def test_a_hook_runs_for_changes_it_depends_on_and_not_for_ignored_ones(
    calls: list[list[int]], make_ticket: Callable[..., Ticket], agent: User
) -> None:
    ticket = make_ticket()
    assert calls == [[ticket.pk]]  # creation: fields unknown, so every hook runs
    update_ticket(agent, ticket, {"owner_id": agent.pk})
    update_ticket(agent, ticket, {"subject": "Printer still on fire"})
    assert calls == [[ticket.pk]]
    update_ticket(agent, ticket, {"priority": "high", "subject": "Printer on fire again"})
    assert calls == [[ticket.pk], [ticket.pk]]


def test_unknown_changes_run_every_hook(calls: list[list[int]]) -> None:
    hooks.tickets_changed([7, 3, 7])
    hooks.tickets_changed([5], changed=[])
    assert calls == [[3, 7], [5]]
