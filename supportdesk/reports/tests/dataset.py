"""A small helpdesk history with hand-computed report figures, built with the real actions at set
moments (timezone.now is patched) and refreshed through the fact queue, for the reports API tests.

All times UTC (the test instance's zone). "Previous" is the week of 23 February - 1 March, "the
week" 2-8 March 2026.

Previous week:
- T5 Support, email, Carla (Acme), owner Alex: created Wed 25 Feb 09:00, reply 10:00, solved 12:00.
- T6 Billing, web, Dora (Globex), unowned: created Thu 26 Feb 10:00, still open.
The week:
- T1 Support, email, Carla (Acme), owner Alex: created Mon 2 Mar 09:00, reply 09:30 (10 min tracked),
  solved 11:00. First contact resolution.
- T2 Support, web, Carla (Acme), owner Alex: created Mon 10:00, replies Tue 10:00 (20 min tracked)
  and 12:00, solved Tue 13:00.
- T3 Support, phone, Bert (no organization), unowned, subject "=HYPERLINK(...)": created Tue 08:00,
  open.
- T4 Billing, email, Bert, owner Oscar, subject "+cmd...": created Wed 4 Mar 09:00, reply 09:10,
  solved 10:00, reopened by Bert's reply Thu 09:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Group, Organization, User
from supportdesk.reports import refresh
from supportdesk.reports.models import FactQueue
from supportdesk.testing.factories import AgentFactory, CustomerFactory, add_member
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket, update_ticket
from supportdesk.tickets.models import Ticket

WEEK_START = date(2026, 3, 2)
WEEK_END = date(2026, 3, 8)
WEEK = "from=2026-03-02&to=2026-03-08"
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
CMD = "+cmd|' /C calc'!A0"


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


class Clock:
    """A settable clock patched over django.utils.timezone.now, which the actions read."""

    def __init__(self, now: datetime) -> None:
        self.now = now


def patch_clock(monkeypatch: pytest.MonkeyPatch, start: datetime) -> Clock:
    clock = Clock(start)
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


@dataclass
class Dataset:
    admin: User
    agent: User
    outsider: User
    supervisor: User
    carla: User
    bert: User
    dora: User
    support: Group
    billing: Group
    acme: Organization
    globex: Organization
    t1: Ticket
    t2: Ticket
    t3: Ticket
    t4: Ticket
    t5: Ticket
    t6: Ticket


def build(clock: Clock, *, admin: User, agent: User, outsider: User, group: Group, other_group: Group, customer: User) -> Dataset:
    """The history of the module docstring, refreshed into facts; the clock ends Fri 6 Mar 12:00."""
    supervisor = AgentFactory.create(email="sue@support.example", full_name="Sue Supervisor", role=Role.SUPERVISOR)
    add_member(group, supervisor)
    acme = Organization.objects.create(name="Acme")
    globex = Organization.objects.create(name="Globex")
    customer.organizations.add(acme)
    bert = CustomerFactory.create(email="bert@other.example", full_name="Bert Other")
    dora = CustomerFactory.create(email="dora@globex.example", full_name="Dora Globex")
    dora.organizations.add(globex)

    def new(moment: datetime, subject: str, who: User, where: Group, channel: str, owner: User | None = None) -> Ticket:
        clock.now = moment
        data = NewTicket(subject=subject, body="Help", customer_email=who.email, group_id=where.pk, channel=channel,
                         owner_id=owner.pk if owner else None)  # fmt: skip
        return create_ticket(admin, data)

    def reply(moment: datetime, author: User, ticket: Ticket, minutes: int = 0) -> None:
        clock.now = moment
        add_article(author, ticket, body_text="Answer", time_spent_minutes=minutes)

    def solve(moment: datetime, actor: User, ticket: Ticket) -> None:
        clock.now = moment
        update_ticket(actor, ticket, {"state": "solved"})

    t5 = new(at(25, 9, month=2), "Old question", customer, group, "email", agent)
    reply(at(25, 10, month=2), agent, t5)
    solve(at(25, 12, month=2), agent, t5)
    t6 = new(at(26, 10, month=2), "Globex invoice", dora, other_group, "web")
    t1 = new(at(2, 9), "Printer on fire", customer, group, "email", agent)
    t2 = new(at(2, 10), "Mail quota", customer, group, "web", agent)
    reply(at(2, 9, 30), agent, t1, minutes=10)
    solve(at(2, 11), agent, t1)
    reply(at(3, 10), agent, t2, minutes=20)
    reply(at(3, 12), agent, t2)
    solve(at(3, 13), agent, t2)
    t3 = new(at(3, 8), HYPERLINK, bert, group, "phone")
    t4 = new(at(4, 9), CMD, bert, other_group, "email", outsider)
    reply(at(4, 9, 10), outsider, t4)
    solve(at(4, 10), outsider, t4)
    reply(at(5, 9), bert, t4)
    clock.now = at(6, 12)
    refresh_all()
    tickets = {t.pk: t for t in Ticket.objects.all()}
    return Dataset(
        admin, agent, outsider, supervisor, customer, bert, dora, group, other_group, acme, globex,
        *(tickets[t.pk] for t in (t1, t2, t3, t4, t5, t6)),
    )  # fmt: skip


def refresh_all() -> None:
    """Queue every ticket and run the refresh, as the worker's sweep does."""
    refresh.enqueue(FactQueue.Kind.TICKET, Ticket.objects.values_list("pk", flat=True))
    while refresh.process_queue():
        pass


def week_params(**extra: Any) -> dict[str, Any]:
    return {"from": "2026-03-02", "to": "2026-03-08", **extra}
