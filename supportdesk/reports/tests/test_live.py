"""Live tiles on small exact cases, counted from the Ticket table at the moment of asking: which
states are open, unassigned, at risk and breached, scoped to what the user may see, in one query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.reports.live import live_counts
from supportdesk.reports.queries import ReportFilter
from supportdesk.reports.scope import report_filter
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 6, 12, tzinfo=UTC)
ANY_DAY = ReportFilter(start=date(2026, 3, 6), end=date(2026, 3, 6))


@pytest.fixture
def tickets(make_ticket: Callable[..., Ticket], agent: User, admin: User, other_group: Group) -> dict[str, Ticket]:
    """new (unowned, at risk); open (owned by Alex, due an hour ago); pending (owned, its clock paused,
    which leaves it without a due time, as sla.tracking does);
    solved (due in the past, but done); a Billing ticket (unowned, overdue)."""
    made = {name: make_ticket(subject=name) for name in ("new", "open", "pending", "solved")}
    made["billing"] = make_ticket(admin, subject="billing", group_id=other_group.pk)
    update_ticket(agent, made["open"], {"owner_id": agent.pk, "state": "open"})
    update_ticket(agent, made["pending"], {"owner_id": agent.pk, "state": "pending_reminder", "pending_until": "2026-04-01T09:00:00Z"})
    update_ticket(agent, made["solved"], {"state": "solved"})
    past = NOW - timedelta(hours=1)
    Ticket.objects.filter(pk=made["new"].pk).update(sla_at_risk=True, sla_due_at=NOW + timedelta(hours=1))
    Ticket.objects.filter(pk=made["open"].pk).update(sla_due_at=past)
    Ticket.objects.filter(pk=made["pending"].pk).update(sla_due_at=None, sla_paused=True)
    Ticket.objects.filter(pk__in=[made["solved"].pk, made["billing"].pk]).update(sla_due_at=past)
    return made


def test_admin_counts_everything_open(tickets: dict[str, Ticket], admin: User) -> None:
    assert live_counts(admin, ANY_DAY, now=NOW) == {"open": 4, "unassigned": 2, "at_risk": 1, "breached": 2}


def test_filters_narrow_the_tiles(tickets: dict[str, Ticket], admin: User, group: Group, other_group: Group) -> None:
    support = ReportFilter(start=ANY_DAY.start, end=ANY_DAY.end, groups=(group.pk,))
    assert live_counts(admin, support, now=NOW) == {"open": 3, "unassigned": 1, "at_risk": 1, "breached": 1}
    phone = ReportFilter(start=ANY_DAY.start, end=ANY_DAY.end, channels=("phone",))
    assert live_counts(admin, phone, now=NOW) == {"open": 0, "unassigned": 0, "at_risk": 0, "breached": 0}
    later = NOW + timedelta(hours=2)  # the at-risk ticket's due time has passed too
    assert live_counts(admin, support, now=later)["breached"] == 2


def test_an_agent_sees_their_own_and_the_groups_unassigned(tickets: dict[str, Ticket], agent: User, outsider: User) -> None:
    own = report_filter(agent, {"from": "2026-03-06", "to": "2026-03-06"})
    assert live_counts(agent, own, now=NOW) == {"open": 2, "unassigned": 1, "at_risk": 0, "breached": 1}
    theirs = report_filter(outsider, {"from": "2026-03-06", "to": "2026-03-06"})
    assert live_counts(outsider, theirs, now=NOW) == {"open": 0, "unassigned": 1, "at_risk": 0, "breached": 0}


def test_visibility_applies_even_without_a_group_filter(tickets: dict[str, Ticket], outsider: User) -> None:
    # A filter built by hand without groups still counts only what the user may see (Billing).
    assert live_counts(outsider, ANY_DAY, now=NOW) == {"open": 1, "unassigned": 1, "at_risk": 0, "breached": 1}


def test_one_query(tickets: dict[str, Ticket], admin: User, django_assert_num_queries: Callable[..., object]) -> None:
    with django_assert_num_queries(1):  # type: ignore[attr-defined]
        live_counts(admin, ANY_DAY, now=NOW)
