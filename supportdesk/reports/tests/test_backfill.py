"""Backfill builds the facts of tickets that never went through the queue; verify notices tampering."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.reports.backfill import backfill, verify
from supportdesk.reports.metrics import kpis
from supportdesk.reports.models import DailyFact, FactQueue, TicketDayFact
from supportdesk.reports.queries import ReportFilter, totals
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(make_ticket: Callable[..., Ticket], agent: User) -> list[Ticket]:
    """Three tickets made without delivering their events (as after an upgrade): nothing queued."""
    made = [make_ticket(subject=f"T{i}") for i in range(3)]
    add_article(agent, made[0], body_text="Answer")
    update_ticket(agent, made[0], {"state": "solved"})
    assert not FactQueue.objects.exists() and not TicketDayFact.objects.exists()
    return made


def today_filter() -> ReportFilter:
    today = timezone.localdate()
    return ReportFilter(start=today - timedelta(days=1), end=today + timedelta(days=1))


def test_backfill_builds_facts_and_rollups_and_is_idempotent(tickets: list[Ticket]) -> None:
    first = backfill(batch=2)
    assert first.tickets == 3 and first.days == {timezone.localdate()}
    figures = kpis(totals(today_filter()))
    assert (figures["created"], figures["solved"], figures["replies"], figures["fcr_rate"]) == (3, 1, 1, 100.0)
    rollup_rows = DailyFact.objects.count()
    second = backfill(batch=2)
    assert second.tickets == 3 and DailyFact.objects.count() == rollup_rows
    assert kpis(totals(today_filter()))["created"] == 3  # not doubled


def test_backfill_since_skips_older_tickets(tickets: list[Ticket]) -> None:
    Ticket.objects.filter(pk=tickets[2].pk).update(created_at=timezone.now() - timedelta(days=40))
    result = backfill(since=timezone.localdate() - timedelta(days=5))
    assert result.tickets == 2
    assert not TicketDayFact.objects.filter(ticket_id=tickets[2].pk).exists()


def test_verify_passes_after_backfill_and_names_a_tampered_ticket_and_day(tickets: list[Ticket]) -> None:
    backfill()
    assert verify(sample=10, seed=1).ok
    TicketDayFact.objects.filter(ticket_id=tickets[1].pk).update(created=5)
    result = verify(sample=10, seed=1)
    assert result.tickets_differing == [tickets[1].pk]
    assert result.days_differing == [timezone.localdate()]  # the rollup no longer sums its facts


def test_the_command_prints_a_summary_and_fails_loudly_on_bad_input(tickets: list[Ticket]) -> None:
    out, err = StringIO(), StringIO()
    call_command("reports", "backfill", stdout=out, stderr=err)
    assert out.getvalue().startswith("backfill: 3 tickets, 0 NPS invitations, 1 days rebuilt")
    assert "100%" in err.getvalue()  # the progress bar reached its end
    call_command("reports", "verify", "--sample", "5", stdout=out)
    assert "0 differ" in out.getvalue()
    with pytest.raises(CommandError, match="--since wants a date"):
        call_command("reports", "backfill", "--since", "yesterday")
    with pytest.raises(CommandError, match="--batch"):
        call_command("reports", "backfill", "--batch", "0")
    TicketDayFact.objects.filter(ticket_id=tickets[0].pk).delete()
    with pytest.raises(CommandError, match="facts differ"):
        call_command("reports", "verify", "--sample", "5", stdout=out)


def test_rollups_only_rebuilds_from_the_stored_fact_rows(tickets: list[Ticket]) -> None:
    backfill()
    DailyFact.objects.all().delete()
    assert kpis(totals(today_filter()))["created"] == 0
    result = backfill(rollups_only=True)
    assert result.tickets == 0 and result.days == {timezone.localdate()}
    assert kpis(totals(today_filter()))["created"] == 3
    with pytest.raises(CommandError, match="do not go together"):
        call_command("reports", "backfill", "--rollups-only", "--since", "2026-01-01")
