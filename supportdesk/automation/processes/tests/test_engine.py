"""The process engine: sequence, parallel and dependent steps, approvals, rejection, cancelling,
due times, permissions, history, the phase, and the start_process action kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from supportdesk.accounts.choices import GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.automation.processes import engine
from supportdesk.automation.processes.choices import RunState, TaskState
from supportdesk.automation.processes.models import ProcessRun, ProcessTask, ProcessTemplate
from supportdesk.automation.processes.phase import process_phase
from supportdesk.automation.processes.tests.conftest import step
from supportdesk.automation.registry import ActionContext, action_kind, clean_action, run_action
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from supportdesk.sla import actions as calendar_actions
from supportdesk.testing.factories import add_member
from supportdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db

MONDAY_0900 = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


def phase_of(ticket: Ticket) -> dict[str, Any]:
    phase = process_phase(ticket)
    assert phase is not None
    return phase


def states(run: ProcessRun) -> dict[str, str]:
    return dict(ProcessTask.objects.filter(run=run).values_list("key", "state"))


def task(run: ProcessRun, key: str) -> ProcessTask:
    return ProcessTask.objects.get(run=run, key=key)


@pytest.fixture
def billing_agent(other_group: Group) -> User:
    from supportdesk.testing.factories import AgentFactory

    user = AgentFactory.create(email="bill@support.example", full_name="Bill Billing")
    add_member(other_group, user, GroupAccess.WRITE)
    return user


@pytest.fixture
def shared_ticket(ticket: Ticket, billing_agent: User, group: Group) -> Ticket:
    """The Billing agent also reads Support tickets, so they can see the ticket of their step."""
    add_member(group, billing_agent, GroupAccess.READ)
    return ticket


def test_parallel_and_dependent_steps_to_completion(
    agent: User, billing_agent: User, shared_ticket: Ticket, hardware: ProcessTemplate
) -> None:
    outcome = engine.check_start_process(agent, shared_ticket.pk, hardware.pk)
    run = outcome.run
    assert outcome.opened == ["check"]
    assert states(run) == {"check": "open", "order_part": "waiting", "backup": "waiting", "replace": "waiting", "sign_off": "waiting"}
    assert phase_of(shared_ticket)["text"] == "Step 1 of 5: Check warranty"

    assert engine.check_complete_task(agent, task(run, "check").pk).opened == ["order_part", "backup"]
    phase = phase_of(shared_ticket)
    assert (phase["text"], phase["open"], phase["remaining"]) == (
        "Step 2 of 5: Order part, Back up data",
        ["Order part", "Back up data"],
        ["Replace disk", "Sign off"],
    )

    assert engine.check_complete_task(agent, task(run, "backup").pk).opened == []  # replace still waits for order_part
    assert engine.check_complete_task(billing_agent, task(run, "order_part").pk, note="PO 4711").opened == ["replace"]
    assert phase_of(shared_ticket)["text"] == "Step 4 of 5: Replace disk"
    engine.check_complete_task(agent, task(run, "replace").pk)
    with pytest.raises(ValidationFailed):
        engine.check_complete_task(agent, task(run, "sign_off").pk)  # an approval is decided, not completed
    result = engine.check_decide_task(agent, task(run, "sign_off").pk, approve=True)

    run.refresh_from_db()
    assert (result.run.state, run.state, run.finished_at is not None) == (RunState.COMPLETED, RunState.COMPLETED, True)
    assert set(states(run).values()) == {"done", "approved"}
    assert task(run, "order_part").note == "PO 4711"
    assert task(run, "order_part").completed_by == billing_agent
    phase = phase_of(shared_ticket)
    assert (phase["state"], phase["text"], phase["step"], phase["of"]) == ("completed", "Completed", 5, 5)
    actions = list(
        TicketEvent.objects.filter(ticket=shared_ticket, data__reason="process")
        .order_by("id")
        .values_list("data__action", "field", "actor__email")
    )
    assert actions == [
        ("started", "process", agent.email),
        ("opened", "Check warranty", None),
        ("done", "Check warranty", agent.email),
        ("opened", "Order part", None),
        ("opened", "Back up data", None),
        ("done", "Back up data", agent.email),
        ("done", "Order part", billing_agent.email),
        ("opened", "Replace disk", None),
        ("done", "Replace disk", agent.email),
        ("opened", "Sign off", None),
        ("approved", "Sign off", agent.email),
        ("completed", "process", agent.email),
    ]


def test_steps_in_sequence_open_one_after_the_other(
    agent: User, group: Group, ticket: Ticket, make_template: Callable[..., ProcessTemplate]
) -> None:
    template = make_template("Sequence", [step("a", group), step("b", group, "a"), step("c", group, "b")])
    run = engine.check_start_process(agent, ticket.pk, template.pk).run
    for key, following in (("a", ["b"]), ("b", ["c"]), ("c", [])):
        assert engine.check_complete_task(agent, task(run, key).pk).opened == following
    run.refresh_from_db()
    assert run.state == RunState.COMPLETED


def test_rejection_ends_the_run_and_skips_the_rest(
    agent: User, group: Group, ticket: Ticket, make_template: Callable[..., ProcessTemplate]
) -> None:
    template = make_template("Purchase", [step("approve", group, is_approval=True), step("buy", group, "approve"), step("note", group)])
    run = engine.check_start_process(agent, ticket.pk, template.pk).run
    with pytest.raises(ValidationFailed) as exc:
        engine.check_decide_task(agent, task(run, "approve").pk, approve=False)
    assert exc.value.field_errors == {"note": "A note is required."}
    engine.check_decide_task(agent, task(run, "approve").pk, approve=False, note="Too expensive")
    run.refresh_from_db()
    assert (run.state, run.note) == (RunState.REJECTED, "Too expensive")
    assert states(run) == {"approve": "rejected", "buy": "skipped", "note": "skipped"}
    assert task(run, "approve").note == "Too expensive"
    assert phase_of(ticket)["text"] == "Rejected"
    with pytest.raises(Conflict):
        engine.check_complete_task(agent, task(run, "note").pk)


def test_cancel_and_restart(agent: User, reader: User, ticket: Ticket, hardware: ProcessTemplate) -> None:
    run = engine.check_start_process(agent, ticket.pk, hardware.pk).run
    with pytest.raises(Conflict):
        engine.check_start_process(agent, ticket.pk, hardware.pk)  # one running copy per ticket
    with pytest.raises(PermissionDenied):
        engine.check_cancel_run(reader, run.pk)
    engine.check_cancel_run(agent, run.pk, note="Customer withdrew")
    run.refresh_from_db()
    assert (run.state, run.note) == (RunState.CANCELLED, "Customer withdrew")
    assert set(states(run).values()) == {TaskState.SKIPPED}
    second = engine.check_start_process(agent, ticket.pk, hardware.pk).run
    assert phase_of(ticket)["run_id"] == second.pk  # the running one wins over the newer finished ones


def test_permissions(
    agent: User, reader: User, outsider: User, billing_agent: User, customer: User, ticket: Ticket, hardware: ProcessTemplate
) -> None:
    with pytest.raises(PermissionDenied):
        engine.check_start_process(reader, ticket.pk, hardware.pk)  # read-only agent
    with pytest.raises(NotFound):
        engine.check_start_process(outsider, ticket.pk, hardware.pk)  # cannot see the ticket
    with pytest.raises(PermissionDenied):
        engine.check_start_process(customer, ticket.pk, hardware.pk)
    hardware.is_active = False
    hardware.save()
    with pytest.raises(NotFound):
        engine.check_start_process(agent, ticket.pk, hardware.pk)
    hardware.is_active = True
    hardware.save()
    run = engine.check_start_process(agent, ticket.pk, hardware.pk).run
    with pytest.raises(PermissionDenied):
        engine.check_complete_task(reader, task(run, "check").pk)  # read access to the step's group is not enough
    with pytest.raises(NotFound):
        engine.check_complete_task(billing_agent, task(run, "check").pk)  # cannot read the ticket at all
    engine.check_complete_task(agent, task(run, "check").pk)
    with pytest.raises(PermissionDenied):
        engine.check_complete_task(agent, task(run, "order_part").pk)  # a Billing step
    with pytest.raises(Conflict):
        engine.check_complete_task(agent, task(run, "check").pk)  # already done
    with pytest.raises(NotFound):
        engine.check_complete_task(agent, 10**9)


def test_due_times_use_business_minutes_of_the_default_calendar(
    admin: User, agent: User, group: Group, ticket: Ticket, make_template: Callable[..., ProcessTemplate], monkeypatch: pytest.MonkeyPatch
) -> None:
    template = make_template("Timed", [step("a", group, due_minutes=120), step("b", group, "a", due_minutes=30), step("c", group)])
    run = engine.do_start_process(ticket, template, actor=agent, now=MONDAY_0900).run
    assert task(run, "a").due_at == MONDAY_0900 + timedelta(hours=2)  # no default calendar: wall time
    assert task(run, "c").due_at is None
    monkeypatch.setattr("supportdesk.sla.recompute.schedule_recompute", lambda reason: None)
    calendar_actions.create_calendar(
        admin, {"name": "Office", "time_zone": "UTC", "is_default": True, "week": dict.fromkeys(range(5), ((8 * 60, 17 * 60),))}
    )
    friday_1645 = datetime(2030, 1, 11, 16, 45, tzinfo=UTC)
    engine.check_complete_task(agent, task(run, "a").pk, now=friday_1645)
    b = task(run, "b")
    assert (b.opened_at, b.due_at) == (friday_1645, datetime(2030, 1, 14, 8, 15, tzinfo=UTC))  # 15 min Friday, 15 min Monday


def test_start_process_action_kind(agent: User, ticket: Ticket, hardware: ProcessTemplate) -> None:
    kind = action_kind("start_process")
    assert kind is not None and kind.for_macros is False
    assert clean_action({"action": "start_process", "template_id": hardware.pk}) == {"action": "start_process", "template_id": hardware.pk}
    with pytest.raises(ValidationFailed) as exc:
        clean_action({"action": "start_process", "template_id": 10**9})
    assert exc.value.field_errors == {"actions.template_id": "Unknown process template."}
    with pytest.raises(ValidationFailed):
        clean_action({"action": "start_process", "template_id": True})

    dry = ActionContext(ticket=ticket, actor=None, source="trigger:7", dry_run=True)
    run_action(dry, {"action": "start_process", "template_id": hardware.pk})
    assert (dry.notes, ProcessRun.objects.count()) == (["start_process: would start 'Hardware replacement'"], 0)

    context = ActionContext(ticket=ticket, actor=None, source="trigger:7")
    run_action(context, {"action": "start_process", "template_id": hardware.pk})
    run = ProcessRun.objects.get()
    assert (run.source, run.started_by, run.state) == ("trigger:7", None, RunState.RUNNING)
    started = TicketEvent.objects.get(ticket=ticket, data__action="started")
    assert (started.actor, started.data["source"]) == (None, "trigger:7")
    run_action(context, {"action": "start_process", "template_id": hardware.pk})  # already running: noted, not raised
    assert context.notes[-1] == "start_process: 'Hardware replacement' is already running, skipped"
    assert ProcessRun.objects.count() == 1


def test_editing_the_template_leaves_running_processes_alone(
    admin: User, agent: User, group: Group, ticket: Ticket, hardware: ProcessTemplate
) -> None:
    from supportdesk.automation.processes import definitions

    run = engine.check_start_process(agent, ticket.pk, hardware.pk).run
    definitions.update_template(admin, hardware, {"steps": [step("only", group)]})
    assert list(states(run)) == ["check", "order_part", "backup", "replace", "sign_off"]
    definitions.delete_template(admin, hardware)
    run.refresh_from_db()
    assert (run.template_id, run.name, run.state) == (None, "Hardware replacement", RunState.RUNNING)
    assert timezone.now() >= run.started_at
