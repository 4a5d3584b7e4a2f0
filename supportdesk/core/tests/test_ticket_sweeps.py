"""Ticket sweeps: pending reminders notify once per reminder, pending close closes as the system."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.choices import EventKind, State
from supportdesk.tickets.models import Notification, Ticket, TicketEvent
from supportdesk.tickets.sweeps import close_pending_tickets, notify_pending_reminders


def test_reached_reminder_notifies_the_owner_once(agent: User, ticket: Ticket) -> None:
    now = timezone.now()
    update_ticket(agent, ticket, {"state": State.PENDING_REMINDER, "pending_until": now - timedelta(minutes=1), "owner_id": agent.pk})

    assert notify_pending_reminders(now=now) == 1
    assert notify_pending_reminders(now=now + timedelta(minutes=5)) == 0

    notification = Notification.objects.get(kind="pending_reminder")
    assert (notification.user_id, notification.ticket_id) == (agent.pk, ticket.pk)
    assert notification.text == f"Reminder reached on {ticket.display_number}: Printer on fire"
    ticket.refresh_from_db()
    assert ticket.state == State.PENDING_REMINDER  # a reminder informs; it does not change the ticket


def test_a_new_reminder_time_rearms_the_reminder(agent: User, ticket: Ticket) -> None:
    now = timezone.now()
    update_ticket(agent, ticket, {"state": State.PENDING_REMINDER, "pending_until": now - timedelta(hours=2), "owner_id": agent.pk})
    assert notify_pending_reminders(now=now - timedelta(hours=1)) == 1

    update_ticket(agent, ticket, {"pending_until": now - timedelta(minutes=30)})
    assert notify_pending_reminders(now=now) == 1
    assert notify_pending_reminders(now=now) == 0
    assert Notification.objects.filter(kind="pending_reminder", user=agent).count() == 2


def test_reminders_not_reached_or_unowned_notify_nobody(agent: User, make_ticket: Callable[..., Ticket]) -> None:
    now = timezone.now()
    future, unowned = make_ticket(), make_ticket()
    update_ticket(agent, future, {"state": State.PENDING_REMINDER, "pending_until": now + timedelta(hours=1), "owner_id": agent.pk})
    update_ticket(agent, unowned, {"state": State.PENDING_REMINDER, "pending_until": now - timedelta(hours=1)})

    assert notify_pending_reminders(now=now) == 0
    assert Notification.objects.filter(kind="pending_reminder").count() == 0


def test_reached_pending_close_closes_the_ticket_as_the_system(agent: User, make_ticket: Callable[..., Ticket]) -> None:
    now = timezone.now()
    due, later = make_ticket(), make_ticket()
    update_ticket(agent, due, {"state": State.PENDING_CLOSE, "pending_until": now - timedelta(seconds=1)})
    update_ticket(agent, later, {"state": State.PENDING_CLOSE, "pending_until": now + timedelta(days=1)})

    assert close_pending_tickets(now=now) == 1
    assert close_pending_tickets(now=now) == 0

    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.state, due.pending_until, due.closed_at) == (State.CLOSED, None, now)
    assert later.state == State.PENDING_CLOSE
    system_events = list(
        TicketEvent.objects.filter(ticket=due, actor=None, kind=EventKind.CHANGED).values_list("field", "old_value", "new_value", "data")
    )
    assert system_events == [
        ("state", "pending_close", "closed", {"reason": "pending_close_reached"}),
        ("pending_until", (now - timedelta(seconds=1)).isoformat(), None, {}),
    ]


def test_batch_limit_caps_one_run(agent: User, make_ticket: Callable[..., Ticket]) -> None:
    now = timezone.now()
    for _ in range(3):
        update_ticket(agent, make_ticket(), {"state": State.PENDING_CLOSE, "pending_until": now - timedelta(minutes=1)})

    assert close_pending_tickets(now=now, limit=2) == 2
    assert close_pending_tickets(now=now, limit=2) == 1
    assert Ticket.objects.filter(state=State.CLOSED).count() == 3
