"""Schedulers (caps, audit, no double action) and macros (groups, permissions, bulk)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.automation.rules import manage
from supportdesk.automation.rules.macros import apply_macro, apply_macro_bulk, macros_for_ticket
from supportdesk.automation.rules.models import SchedulerRun
from supportdesk.automation.rules.schedulers import run_due_schedulers, run_scheduler
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket, TicketEvent


def _pending(agent: User, ticket: Ticket, *, days_ago: int) -> None:
    update_ticket(agent, ticket, {"state": "pending_reminder", "pending_until": timezone.now() + dt.timedelta(days=1)})
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now() - dt.timedelta(days=days_ago))


@pytest.fixture
def reminder(admin: User) -> int:
    scheduler = manage.create_scheduler(
        admin,
        {
            "name": "Remind after 3 days",
            "conditions": {
                "all": [
                    {"field": "state", "op": "is", "value": "pending_reminder"},
                    {"field": "updated_at", "op": "older_than", "value": 72},
                ]
            },
            "actions": [{"action": "add_note", "text": "Reminder for {{ticket.number}}"}, {"action": "add_tag", "value": "reminded"}],
            "max_per_run": 2,
            "every_minutes": 60,
        },
    )
    return scheduler.pk


def test_scheduler_caps_audits_and_never_acts_twice(agent: User, make_ticket: Callable[..., Ticket], reminder: int) -> None:
    tickets = [make_ticket(subject=f"T{i}") for i in range(4)]
    for ticket in tickets[:3]:
        _pending(agent, ticket, days_ago=4)
    _pending(agent, tickets[3], days_ago=1)
    now = timezone.now()
    run = run_scheduler(reminder, now=now)
    assert run is not None
    assert (run.matched, run.acted, run.errors) == (2, 2, 0)
    assert run_scheduler(reminder, now=now + dt.timedelta(minutes=5)) is None  # not due yet
    second = run_scheduler(reminder, now=now + dt.timedelta(minutes=61))
    assert second is not None
    assert (second.matched, second.acted) == (1, 1)
    third = run_scheduler(reminder, now=now + dt.timedelta(minutes=130))
    assert third is not None
    assert (third.matched, third.acted) == (0, 0)
    for ticket in tickets[:3]:
        notes = list(ticket.articles.filter(sender_type="system").values_list("body_text", flat=True))
        assert notes == [f"Reminder for {ticket.display_number}"]
        event = TicketEvent.objects.get(ticket=ticket, kind="tag_added")
        assert event.data == {"source": f"scheduler:{reminder}", "source_name": "Remind after 3 days"}
    assert not tickets[3].articles.filter(sender_type="system").exists()
    assert SchedulerRun.objects.filter(scheduler_id=reminder).count() == 3


def test_a_ticket_that_changes_again_is_acted_on_again(agent: User, customer: User, ticket: Ticket, reminder: int) -> None:
    _pending(agent, ticket, days_ago=4)
    now = timezone.now()
    assert run_scheduler(reminder, now=now).acted == 1  # type: ignore[union-attr]
    add_article(customer, ticket, body_text="still broken")  # reopens it: a change after the reminder
    update_ticket(agent, ticket, {"state": "pending_reminder", "pending_until": now + dt.timedelta(days=1)})
    assert run_scheduler(reminder, now=now + dt.timedelta(days=4)).acted == 1  # type: ignore[union-attr]
    assert ticket.articles.filter(sender_type="system").count() == 2


def test_once_per_ticket(admin: User, agent: User, customer: User, ticket: Ticket, reminder: int) -> None:
    manage.update_scheduler(admin, manage.get_scheduler(admin, reminder), {"once_per_ticket": True})
    _pending(agent, ticket, days_ago=4)
    now = timezone.now()
    assert run_scheduler(reminder, now=now).acted == 1  # type: ignore[union-attr]
    add_article(customer, ticket, body_text="still broken")
    update_ticket(agent, ticket, {"state": "pending_reminder", "pending_until": now + dt.timedelta(days=1)})
    assert run_scheduler(reminder, now=now + dt.timedelta(days=4)).acted == 0  # type: ignore[union-attr]


def test_sweep_runs_due_schedulers_only(admin: User, agent: User, ticket: Ticket, reminder: int) -> None:
    _pending(agent, ticket, days_ago=4)
    off = manage.create_scheduler(
        admin, {"name": "off", "conditions": {}, "actions": [{"action": "add_tag", "value": "x"}], "is_active": False}
    )
    assert run_due_schedulers() == 1
    assert run_due_schedulers() == 0
    assert not SchedulerRun.objects.filter(scheduler=off).exists()


def test_scheduler_conditions_are_ticket_only(admin: User) -> None:
    with pytest.raises(ValidationFailed) as info:
        manage.create_scheduler(
            admin,
            {"name": "x", "conditions": {"all": [{"field": "state", "op": "changed"}]}, "actions": [{"action": "add_tag", "value": "x"}]},
        )
    assert "conditions.all[0].op" in info.value.field_errors


# -- macros --------------------------------------------------------------------------------------


def test_macro_applies_as_the_agent(admin: User, agent: User, ticket: Ticket) -> None:
    macro = manage.create_macro(
        admin,
        {
            "name": "Take and wait",
            "actions": [
                {"action": "assign", "user_id": "current_agent"},
                {"action": "set_field", "field": "state", "value": "pending_reminder", "hours": 24},
                {"action": "add_tag", "value": "waiting"},
            ],
        },
    )
    apply_macro(agent, ticket.pk, macro.pk)
    ticket.refresh_from_db()
    assert (ticket.owner_id, ticket.state, set(ticket.tags.values_list("name", flat=True))) == (agent.pk, "pending_reminder", {"waiting"})
    assert set(TicketEvent.objects.filter(ticket=ticket, field="state").values_list("actor", flat=True)) == {agent.pk}


def test_macro_groups_and_permissions(admin: User, agent: User, reader: User, outsider: User, ticket: Ticket, other_group: Group) -> None:
    elsewhere = manage.create_macro(
        admin, {"name": "Billing only", "group_ids": [other_group.pk], "actions": [{"action": "add_tag", "value": "b"}]}
    )
    anywhere = manage.create_macro(admin, {"name": "Tag", "actions": [{"action": "add_tag", "value": "a"}]})
    assert list(macros_for_ticket(agent, ticket)) == [anywhere]
    with pytest.raises(NotFound):
        apply_macro(agent, ticket.pk, elsewhere.pk)
    with pytest.raises(PermissionDenied):
        apply_macro(reader, ticket.pk, anywhere.pk)
    with pytest.raises(NotFound):
        apply_macro(outsider, ticket.pk, anywhere.pk)
    assert ticket.tags.count() == 0


def test_a_refused_action_undoes_the_whole_macro(admin: User, agent: User, ticket: Ticket) -> None:
    macro = manage.create_macro(
        admin, {"name": "bad", "actions": [{"action": "add_tag", "value": "t"}, {"action": "assign", "user_id": admin.pk + 999}]}
    )
    with pytest.raises(ValidationFailed):
        apply_macro(agent, ticket.pk, macro.pk)
    assert ticket.tags.count() == 0


def test_bulk_macro(admin: User, agent: User, make_ticket: Callable[..., Ticket], outsider: User) -> None:
    macro = manage.create_macro(admin, {"name": "Tag", "actions": [{"action": "add_tag", "value": "bulk"}]})
    mine = [make_ticket(), make_ticket()]
    result = apply_macro_bulk(agent, [mine[0].pk, mine[1].pk, 999_999], macro.pk)
    assert result.applied == [mine[0].pk, mine[1].pk]
    assert list(result.failed) == [999_999]
    outsider_result = apply_macro_bulk(outsider, [mine[0].pk], macro.pk)
    assert list(outsider_result.failed) == [mine[0].pk]


def test_only_admins_manage_rules(agent: User) -> None:
    with pytest.raises(PermissionDenied):
        manage.create_macro(agent, {"name": "x", "actions": [{"action": "add_tag", "value": "x"}]})
    with pytest.raises(PermissionDenied):
        manage.create_trigger(agent, {"name": "x", "events": ["ticket.created"], "actions": [{"action": "add_tag", "value": "x"}]})


def test_dry_run_lists_matching_open_tickets_and_previews(admin: User, agent: User, make_ticket: Callable[..., Ticket]) -> None:
    hot = make_ticket(subject="Printer on fire", priority="urgent")
    make_ticket(subject="Invoice")
    solved = make_ticket(subject="Printer fixed", priority="urgent")
    update_ticket(agent, solved, {"state": "solved"})
    result = manage.dry_run(
        admin,
        {"all": [{"field": "priority", "op": "is", "value": "urgent"}, {"field": "article.body", "op": "contains", "value": "x"}]},
        [{"action": "add_tag", "value": "hot"}, {"action": "set_field", "field": "priority", "value": "high"}],
    )
    assert (result.count, [t.pk for t in result.tickets], result.ignored) == (1, [hot.pk], ["article.body contains"])
    assert result.previews[hot.pk] == ["would add tag hot", "would set priority = high"]
    assert hot.tags.count() == 0
