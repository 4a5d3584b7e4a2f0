"""Read models for agents: "My process tasks" and the ticket page's process panel."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from supportdesk.accounts.models import User
from supportdesk.automation.processes.choices import RunState, TaskState
from supportdesk.automation.processes.engine import can_work_on
from supportdesk.automation.processes.models import ProcessTask, ProcessTemplate
from supportdesk.automation.processes.phase import current_run, run_phase, runs_with_tasks
from supportdesk.tickets.access import WRITE, TicketPermissions, scope_for, visible_tickets
from supportdesk.tickets.models import Ticket

MAX_TASKS_LISTED = 200


def my_tasks(user: User) -> QuerySet[ProcessTask]:
    """Open steps in the user's groups (write access) or assigned to them, on tickets they can see;
    the ones due first come first."""
    if not user.is_active or not user.is_helpdesk_staff:
        return ProcessTask.objects.none()
    mine = Q(group_id__in=scope_for(user).groups_with(WRITE)) | Q(assignee=user)
    return (
        ProcessTask.objects.filter(mine, state=TaskState.OPEN, run__state=RunState.RUNNING, run__ticket__in=visible_tickets(user))
        .select_related("run__ticket", "group", "assignee")
        .order_by(F("due_at").asc(nulls_last=True), "opened_at", "id")
    )


def ticket_panel(user: User, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    """What the ticket page's process panel shows: the current phase, each run's steps with what
    this user may do to them, and the templates they may start (with edit access)."""
    if not perms.is_staff_view:
        return {"visible": False}
    runs = runs_with_tasks(ticket, related=("group", "assignee", "completed_by"))
    current = current_run(runs)
    rows = []
    for run in runs:
        tasks = [
            {"task": task, "can_act": run.state == RunState.RUNNING and task.state == TaskState.OPEN and can_work_on(user, task)}
            for task in run.tasks.all()
        ]
        rows.append({"run": run, "phase": run_phase(run), "tasks": tasks, "can_cancel": perms.can_edit and run.state == RunState.RUNNING})
    templates = list(ProcessTemplate.objects.filter(is_active=True).only("id", "name").order_by("name")) if perms.can_edit else []
    return {
        "visible": True,
        "phase": run_phase(current) if current is not None else None,
        "runs": rows,
        "templates": templates,
        "can_start": perms.can_edit and bool(templates),
    }
