"""Running processes on tickets: start, complete, approve or reject steps, cancel.

Every change takes the run's row lock first (SELECT ... FOR UPDATE) and re-reads the run's tasks
under it, so two agents completing two parallel steps at once are serialised: the second sees the
first's step done and opens the step that depends on both. Each change is recorded in the ticket
history (TicketEvent, data {"reason": "process", ...}) in the same transaction, and live ticket
pages are told to refetch after commit.

`check_*` functions take the acting user and enforce permissions; `do_start_process` trusts its
caller (the "start_process" automation action runs it for triggers, with no user).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import ACCESS_RANK, GroupAccess
from supportdesk.accounts.models import User
from supportdesk.automation.processes.choices import FINISHED_TASK_STATES, RunState, TaskState
from supportdesk.automation.processes.definitions import template_steps
from supportdesk.automation.processes.models import MAX_TEXT, ProcessRun, ProcessTask, ProcessTemplate
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from supportdesk.sla.business_time import add_business_time
from supportdesk.sla.models import Calendar
from supportdesk.sla.spec_cache import calendar_spec
from supportdesk.tickets.access import access_ticket, require, scope_for, ticket_permissions
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket

OPEN_OR_WAITING = (TaskState.OPEN, TaskState.WAITING)


@dataclass
class Outcome:
    """What one engine call changed: the run (fresh state) and the keys of the steps it opened."""

    run: ProcessRun
    task: ProcessTask | None = None
    opened: list[str] = field(default_factory=list)


def can_work_on(user: User, task: ProcessTask) -> bool:
    """Admins, and staff with write (or full) access to the step's group, complete and decide steps."""
    if not user.is_active or not user.is_helpdesk_staff:
        return False
    if user.is_admin:
        return True
    access = scope_for(user).group_access.get(task.group_id)
    return access is not None and ACCESS_RANK[access] >= ACCESS_RANK[GroupAccess.WRITE]  # type: ignore[index]


def due_time(opened_at: datetime, minutes: int | None) -> datetime | None:
    """Business minutes of the default calendar after `opened_at`; wall time without one."""
    if minutes is None:
        return None
    calendar = Calendar.objects.filter(is_default=True).first()
    return add_business_time(opened_at, timedelta(minutes=minutes), calendar_spec(calendar, opened_at))


def _record(ticket: Ticket, actor: User | None, run: ProcessRun, *, field: str, old: Any, new: Any, action: str, **extra: Any) -> None:
    data: dict[str, Any] = {"reason": "process", "run_id": run.pk, "process": run.name, "action": action, **extra}
    if run.source:
        data["source"] = run.source
    record_event(ticket, actor, EventKind.CHANGED, field=field[:64], old=old, new=new, data=data)


def _clean_note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationFailed(_("Say why."), field_errors={"note": _("A note is required.")})
    if len(note) > MAX_TEXT or "\x00" in note:
        raise ValidationFailed(_("The note is too long."), field_errors={"note": _("At most %(n)d characters.") % {"n": MAX_TEXT}})
    return note


def _open_ready(ticket: Ticket, run: ProcessRun, tasks: Iterable[ProcessTask], *, now: datetime) -> list[str]:
    """Open every waiting task whose dependencies are all finished; return their keys."""
    tasks = list(tasks)
    finished = {task.key for task in tasks if task.state in FINISHED_TASK_STATES}
    opened = []
    for task in tasks:
        if task.state == TaskState.WAITING and all(dep in finished for dep in task.depends_on):
            task.state = TaskState.OPEN
            task.opened_at = now
            task.due_at = due_time(now, task.due_minutes)
            task.save(update_fields=["state", "opened_at", "due_at"])
            _record(
                ticket, None, run, field=task.name, old=TaskState.WAITING.value, new=TaskState.OPEN.value, action="opened", step=task.key
            )
            opened.append(task.key)
    return opened


def _end_run(
    ticket: Ticket, actor: User | None, run: ProcessRun, tasks: Iterable[ProcessTask], state: str, *, now: datetime, note: str = ""
) -> None:
    """Finish the run in `state`; tasks still open or waiting are skipped."""
    for task in tasks:
        if task.state in OPEN_OR_WAITING:
            old = task.state
            task.state = TaskState.SKIPPED
            task.save(update_fields=["state"])
            _record(ticket, actor, run, field=task.name, old=str(old), new=TaskState.SKIPPED.value, action="skipped", step=task.key)
    run.state = state
    run.finished_at = now
    run.note = note
    run.save(update_fields=["state", "finished_at", "note"])
    extra = {"note": note} if note else {}
    _record(ticket, actor, run, field="process", old=RunState.RUNNING.value, new=state, action=state, **extra)


def do_start_process(
    ticket: Ticket, template: ProcessTemplate, *, actor: User | None, source: str = "", now: datetime | None = None
) -> Outcome:
    """Start `template` on `ticket`: copy its steps into tasks and open those without dependencies.

    Trusts the caller on permissions. Refuses (Conflict) a second running copy of the same
    template on the ticket; takes the ticket's row lock so two starts cannot both pass that check.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(of=("self",)).get(pk=ticket.pk)
        if ProcessRun.objects.filter(ticket=ticket, template=template, state=RunState.RUNNING).exists():
            raise Conflict(_("This process is already running on this ticket."))
        steps = template_steps(template)
        if not steps:
            raise ValidationFailed(_("This process has no steps."))
        run = ProcessRun.objects.create(
            ticket=ticket,
            template=template,
            name=template.name,
            started_by=actor if actor is not None and actor.pk else None,
            source=source[:64],
            started_at=moment,
        )
        tasks = ProcessTask.objects.bulk_create(
            ProcessTask(
                run=run,
                key=step.key,
                name=step.name,
                instructions=step.instructions,
                group_id=step.group_id,
                depends_on=list(step.depends_on),
                is_approval=step.is_approval,
                position=step.position,
                due_minutes=step.due_minutes,
            )
            for step in steps
        )
        tasks = list(ProcessTask.objects.filter(run=run))  # ids on every database
        _record(ticket, actor, run, field="process", old=None, new=run.name, action="started", template_id=template.pk)
        opened = _open_ready(ticket, run, tasks, now=moment)
        announce(ticket)
    return Outcome(run=run, opened=opened)


def check_start_process(user: User, ticket_id: int, template_id: int) -> Outcome:
    """An agent who may edit the ticket starts an active template on it."""
    ticket = access_ticket(user, ticket_id, for_write=True)
    require(ticket_permissions(user, ticket), "can_edit")
    template = ProcessTemplate.objects.filter(pk=template_id, is_active=True).first() if isinstance(template_id, int) else None
    if template is None:
        raise NotFound(_("Process template not found."))
    return do_start_process(ticket, template, actor=user)


def _lock_task(user: User, task_id: int) -> tuple[Ticket, ProcessRun, list[ProcessTask], ProcessTask]:
    """Lock the task's run, re-read its tasks, and check the user may act on this open task.

    A task on a ticket the user cannot read is NotFound, like a missing one.
    """
    row = ProcessTask.objects.filter(pk=task_id).values_list("run_id", "run__ticket_id").first() if isinstance(task_id, int) else None
    if row is None:
        raise NotFound(_("Process step not found."))
    run_id, ticket_id = row
    ticket = access_ticket(user, ticket_id)
    run = ProcessRun.objects.select_for_update().get(pk=run_id)
    tasks = list(ProcessTask.objects.filter(run=run))
    task = next(t for t in tasks if t.pk == task_id)
    if not can_work_on(user, task):
        raise PermissionDenied(_("Only agents of the step's group may work on it."))
    if run.state != RunState.RUNNING or task.state != TaskState.OPEN:
        raise Conflict(_("This step is not open."))
    return ticket, run, tasks, task


def _settle(ticket: Ticket, actor: User, run: ProcessRun, tasks: list[ProcessTask], *, now: datetime) -> list[str]:
    """After a step finished: open what became ready; complete the run when every step is finished."""
    opened = _open_ready(ticket, run, tasks, now=now)
    if all(task.state in FINISHED_TASK_STATES for task in tasks):
        _end_run(ticket, actor, run, tasks, RunState.COMPLETED, now=now)
    return opened


def check_complete_task(user: User, task_id: int, *, note: str = "", now: datetime | None = None) -> Outcome:
    """Mark an open (non-approval) step done and open the steps that now have all dependencies done."""
    moment = now or timezone.now()
    note = _clean_note(note, required=False)
    with transaction.atomic():
        ticket, run, tasks, task = _lock_task(user, task_id)
        if task.is_approval:
            raise ValidationFailed(_("Approve or reject this step."))
        task.state = TaskState.DONE
        task.completed_by = user
        task.completed_at = moment
        task.note = note
        task.save(update_fields=["state", "completed_by", "completed_at", "note"])
        _record(ticket, user, run, field=task.name, old=TaskState.OPEN.value, new=TaskState.DONE.value, action="done", step=task.key)
        opened = _settle(ticket, user, run, tasks, now=moment)
        announce(ticket)
    return Outcome(run=run, task=task, opened=opened)


def check_decide_task(user: User, task_id: int, *, approve: bool, note: str = "", now: datetime | None = None) -> Outcome:
    """Approve an approval step (like completing it) or reject it: a rejection needs a note and ends
    the run as rejected, skipping the steps still open or waiting."""
    moment = now or timezone.now()
    note = _clean_note(note, required=not approve)
    with transaction.atomic():
        ticket, run, tasks, task = _lock_task(user, task_id)
        if not task.is_approval:
            raise ValidationFailed(_("This step is not an approval; complete it instead."))
        task.state = TaskState.APPROVED if approve else TaskState.REJECTED
        task.completed_by = user
        task.completed_at = moment
        task.note = note
        task.save(update_fields=["state", "completed_by", "completed_at", "note"])
        _record(ticket, user, run, field=task.name, old=TaskState.OPEN.value, new=str(task.state), action=str(task.state), step=task.key)
        opened: list[str] = []
        if approve:
            opened = _settle(ticket, user, run, tasks, now=moment)
        else:
            _end_run(ticket, user, run, tasks, RunState.REJECTED, now=moment, note=note)
        announce(ticket)
    return Outcome(run=run, task=task, opened=opened)


def check_cancel_run(user: User, run_id: int, *, note: str = "", now: datetime | None = None) -> Outcome:
    """An agent who may edit the ticket cancels a running process; open and waiting steps are skipped."""
    moment = now or timezone.now()
    note = _clean_note(note, required=False)
    ticket_id = ProcessRun.objects.filter(pk=run_id).values_list("ticket_id", flat=True).first() if isinstance(run_id, int) else None
    if ticket_id is None:
        raise NotFound(_("Process not found."))
    ticket = access_ticket(user, ticket_id, for_write=True)
    require(ticket_permissions(user, ticket), "can_edit")
    with transaction.atomic():
        run = ProcessRun.objects.select_for_update().get(pk=run_id)
        if run.state != RunState.RUNNING:
            raise Conflict(_("This process is not running."))
        tasks = list(ProcessTask.objects.filter(run=run))
        _end_run(ticket, user, run, tasks, RunState.CANCELLED, now=moment, note=note)
        announce(ticket)
    return Outcome(run=run)


def check_assign_task(user: User, task_id: int, assignee_id: int | None) -> ProcessTask:
    """Assign an open or waiting step to an agent of its group (None: unassign)."""
    with transaction.atomic():
        row = ProcessTask.objects.filter(pk=task_id).values_list("run_id", "run__ticket_id").first() if isinstance(task_id, int) else None
        if row is None:
            raise NotFound(_("Process step not found."))
        ticket = access_ticket(user, row[1])
        run = ProcessRun.objects.select_for_update().get(pk=row[0])
        task = ProcessTask.objects.get(pk=task_id)
        if not can_work_on(user, task):
            raise PermissionDenied(_("Only agents of the step's group may work on it."))
        if run.state != RunState.RUNNING or task.state not in OPEN_OR_WAITING:
            raise Conflict(_("This step is finished."))
        assignee = None
        if assignee_id is not None:
            assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
            if assignee is None or not can_work_on(assignee, task):
                raise ValidationFailed(
                    _("Choose an agent of the step's group."), field_errors={"assignee_id": _("Not an agent of this group.")}
                )
        if task.assignee_id != (assignee.pk if assignee else None):
            old = task.assignee.email if task.assignee else None
            task.assignee = assignee
            task.save(update_fields=["assignee"])
            _record(ticket, user, run, field=task.name, old=old, new=assignee.email if assignee else None, action="assigned", step=task.key)
            announce(ticket)
    return task
