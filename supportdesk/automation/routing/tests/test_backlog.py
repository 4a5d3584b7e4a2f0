"""Automatic routing: on create, when capacity frees up, draining the backlog in order, absences
(delegate and re-route) through the sweep, and the "route" action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from supportdesk.automation.registry import ActionContext, clean_action, run_action
from supportdesk.automation.routing import actions
from supportdesk.automation.routing.backlog import drain_group, hand_over_absence, run_routing_sweep
from supportdesk.automation.routing.choices import AbsenceHandling, AgentStatus, Chooser
from supportdesk.automation.routing.models import AgentRouting
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.actions import update_ticket
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_a_new_ticket_is_assigned_on_create_by_an_auto_assign_rule(
    agents, make_rule, make_ticket, django_capture_on_commit_callbacks
) -> None:
    make_rule(chooser=Chooser.LEAST_LOADED)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket()
    ticket.refresh_from_db()
    assert ticket.owner_id == agents[0].pk
    assert TicketEvent.objects.get(ticket=ticket, field="owner").data["source"] == "ticket.created"


def test_no_auto_assign_rule_or_an_owner_set_means_no_routing(agents, make_rule, make_ticket, django_capture_on_commit_callbacks) -> None:
    make_rule(auto_assign=False)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = make_ticket()
    ticket.refresh_from_db()
    assert ticket.owner_id is None


def test_solving_a_ticket_drains_the_backlog(agents, make_rule, make_ticket, django_capture_on_commit_callbacks) -> None:
    a1 = agents[0]
    for other in agents[1:]:
        AgentRouting.objects.create(user=other, status=AgentStatus.OFFLINE)
    AgentRouting.objects.create(user=a1, max_open_tickets=1)
    make_rule(filters=[{"filter": "online"}, {"filter": "under_capacity"}])
    with django_capture_on_commit_callbacks(execute=True):
        first = make_ticket()
        waiting = make_ticket()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.owner_id, waiting.owner_id) == (a1.pk, None)
    with django_capture_on_commit_callbacks(execute=True):
        update_ticket(a1, first, {"state": "solved"})
    waiting.refresh_from_db()
    assert waiting.owner_id == a1.pk
    assert TicketEvent.objects.get(ticket=waiting, field="owner").data["source"] == "backlog"


def test_backlog_drains_by_priority_then_sla_due_time(agents, make_rule, make_ticket) -> None:
    a1 = agents[0]
    for other in agents[1:]:
        AgentRouting.objects.create(user=other, status=AgentStatus.OFFLINE)
    AgentRouting.objects.create(user=a1, max_open_tickets=3)
    make_rule(filters=[{"filter": "online"}, {"filter": "under_capacity"}])
    now = timezone.now()
    low = make_ticket(subject="low", priority="low")
    normal_late = make_ticket(subject="normal, due later", priority="normal")
    normal_soon = make_ticket(subject="normal, due soon", priority="normal")
    normal_none = make_ticket(subject="normal, no SLA", priority="normal")
    urgent = make_ticket(subject="urgent", priority="urgent")
    Ticket.objects.filter(pk=normal_late.pk).update(sla_due_at=now + timedelta(hours=5))
    Ticket.objects.filter(pk=normal_soon.pk).update(sla_due_at=now + timedelta(hours=1))
    Ticket.objects.filter(pk=normal_none.pk).update(sla_due_at=None)

    assert drain_group(a1.support_groups.get().pk) == 3

    owned = set(Ticket.objects.filter(owner=a1).values_list("subject", flat=True))
    assert owned == {"urgent", "normal, due soon", "normal, due later"}
    assert Ticket.objects.get(pk=low.pk).owner_id is None and Ticket.objects.get(pk=normal_none.pk).owner_id is None
    assert Ticket.objects.get(pk=urgent.pk).owner_id == a1.pk


def test_drain_is_bounded_per_run(agents, make_rule, make_ticket) -> None:
    make_rule(chooser=Chooser.ROUND_ROBIN)
    for _ in range(5):
        make_ticket()
    assert drain_group(agents[0].support_groups.get().pk, limit=2) == 2
    assert Ticket.objects.filter(owner__isnull=True).count() == 3


def test_absence_hands_tickets_to_the_delegate(agents, make_rule, make_ticket, admin, django_capture_on_commit_callbacks) -> None:
    a1, a2, _a3 = agents
    make_rule(filters=[{"filter": "not_absent"}], auto_assign=False)
    AgentRouting.objects.create(user=a1, absence_handling=AbsenceHandling.DELEGATE)
    mine = [make_ticket(), make_ticket()]
    for ticket in mine:
        update_ticket(a1, ticket, {"owner_id": a1.pk})
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        absence = actions.create_absence(a1, a1, starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=3), delegate_id=a2.pk)
    for ticket in mine:
        ticket.refresh_from_db()
        assert ticket.owner_id == a2.pk
        event = TicketEvent.objects.filter(ticket=ticket, field="owner").latest("id")
        assert (event.old_value, event.new_value) == (a1.email, a2.email)
        assert event.data == {"reason": "absence", "absence": absence.pk, "absent": a1.email, "kind": "vacation", "handover": "delegate"}
    absence.refresh_from_db()
    assert absence.handed_over_at is not None
    assert hand_over_absence(absence.pk) == []  # once only


def test_absence_reroutes_by_the_rules_when_set_to_reroute_via_the_sweep(agents, make_rule, make_ticket) -> None:
    a1, a2, a3 = agents
    AgentRouting.objects.create(user=a2, status=AgentStatus.OFFLINE)
    make_rule(filters=[{"filter": "online"}, {"filter": "not_absent"}], chooser=Chooser.LEAST_LOADED, auto_assign=False)
    ticket = make_ticket()
    update_ticket(a1, ticket, {"owner_id": a1.pk})
    now = timezone.now()
    absence = actions.create_absence(a1, a1, starts_at=now + timedelta(hours=1), ends_at=now + timedelta(days=1), delegate_id=a2.pk)
    assert run_routing_sweep(now=now) == {"handed_over": 0, "assigned": 0}  # not started yet
    assert run_routing_sweep(now=now + timedelta(hours=2)) == {"handed_over": 1, "assigned": 0}
    ticket.refresh_from_db()
    assert ticket.owner_id == a3.pk  # re-routed (the setting is reroute), not the delegate
    event = TicketEvent.objects.filter(ticket=ticket, field="owner").latest("id")
    assert event.data["reason"] == "routing" and event.data["source"] == f"absence:{absence.pk}"


def test_a_ticket_nobody_can_take_is_unassigned_on_absence(agents, make_rule, make_ticket) -> None:
    a1 = agents[0]
    for other in agents[1:]:
        AgentRouting.objects.create(user=other, status=AgentStatus.OFFLINE)
    make_rule(filters=[{"filter": "online"}], auto_assign=False)
    ticket = make_ticket()
    update_ticket(a1, ticket, {"owner_id": a1.pk})
    now = timezone.now()
    absence = actions.create_absence(a1, a1, starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(days=1))
    assert hand_over_absence(absence.pk) == [{"ticket_id": ticket.pk, "handover": "unassigned", "agent_id": None}]
    ticket.refresh_from_db()
    assert ticket.owner_id is None


def test_coming_back_online_drains_the_backlog(agents, make_rule, make_ticket, django_capture_on_commit_callbacks) -> None:
    for user in agents:
        AgentRouting.objects.create(user=user, status=AgentStatus.OFFLINE)
    make_rule(filters=[{"filter": "online"}])
    ticket = make_ticket()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.update_settings(agents[1], agents[1], {"status": "online"}) == ["status", "status_changed_at"]
    ticket.refresh_from_db()
    assert ticket.owner_id == agents[1].pk


def test_agents_change_only_their_own_status(agents) -> None:
    from supportdesk.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.update_settings(agents[0], agents[0], {"max_open_tickets": 99})
    with pytest.raises(PermissionDenied):
        actions.update_settings(agents[0], agents[1], {"status": "away"})
    with pytest.raises(PermissionDenied):
        actions.create_absence(agents[0], agents[1], starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=1))


def test_route_action_is_registered_and_assigns(agents, make_rule, make_ticket) -> None:
    assert clean_action({"action": "route"}) == {"action": "route"}
    with pytest.raises(ValidationFailed) as exc:
        clean_action({"action": "route", "group": 3})
    assert exc.value.field_errors == {"actions.group": "Unknown field."}
    make_rule(chooser=Chooser.LEAST_LOADED, auto_assign=False)
    ticket = make_ticket()
    dry = ActionContext(ticket=ticket, actor=None, source="trigger:1", dry_run=True)
    run_action(dry, {"action": "route"})
    ticket.refresh_from_db()
    assert ticket.owner_id is None and dry.notes == [f"route: {agents[0].email} by rule 'Default' (least_loaded)"]
    context = ActionContext(ticket=ticket, actor=None, source="trigger:1")
    run_action(context, {"action": "route"})
    ticket.refresh_from_db()
    assert ticket.owner_id == agents[0].pk
    assert TicketEvent.objects.get(ticket=ticket, field="owner").data["source"] == "trigger:1"


def test_filters_are_validated_data(group, admin) -> None:
    with pytest.raises(ValidationFailed) as exc:
        actions.create_rule(
            admin, group.pk, {"name": "x", "filters": [{"filter": "online"}, {"filter": "skill", "kind": "product", "source": "eval()"}]}
        )
    assert "filters[1].source" in exc.value.field_errors
    with pytest.raises(ValidationFailed) as exc:
        actions.create_rule(admin, group.pk, {"name": "x", "filters": [{"filter": "online", "extra": 1}]})
    assert exc.value.field_errors == {"filters[0]": "This filter takes no parameters."}
    with pytest.raises(ValidationFailed) as exc:
        actions.create_rule(admin, group.pk, {"name": "x", "fallback_chooser": "sticky"})
    assert exc.value.field_errors == {"fallback_chooser": "Unknown chooser."}
    rule = actions.create_rule(
        admin, group.pk, {"name": "Skilled", "filters": [{"filter": "skill", "kind": "product", "source": "value", "value": " Printers "}]}
    )
    assert rule.filters == [{"filter": "skill", "kind": "product", "source": "value", "value": "printers", "min_level": 1}]
