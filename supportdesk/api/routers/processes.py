"""Multi-step processes: templates (staff read, admins write), runs on tickets and their steps.

`GET /tickets/{id}/processes` answers everyone who can read the ticket with customer-safe phases
(names and states only). Run details, with instructions and notes, are for staff. Steps are
completed, approved or rejected by agents of the step's group; see docs/processes.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.api.schemas import GroupRef, UserRef, group_ref, user_ref
from supportdesk.automation.processes import definitions, engine, selectors
from supportdesk.automation.processes.models import (
    MAX_DUE_MINUTES,
    MAX_KEY,
    MAX_NAME,
    MAX_STEP_NAME,
    MAX_STEPS,
    MAX_TEXT,
    ProcessRun,
    ProcessTemplate,
)
from supportdesk.automation.processes.phase import process_phases, run_phase, runs_with_tasks
from supportdesk.automation.processes.validation import StepSpec
from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import access_ticket

router = Router(tags=["processes"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
Note = Annotated[str, Field("", max_length=MAX_TEXT, description="Internal; required to reject.")]


class StepIO(Input):
    key: str = Field(min_length=1, max_length=MAX_KEY, pattern=r"^[a-z0-9][a-z0-9_-]*$", examples=["replace"])
    name: str = Field(min_length=1, max_length=MAX_STEP_NAME, pattern=SINGLE_LINE, examples=["Replace the disk"])
    group_id: Id = Field(description="The group whose agents do this step.")
    instructions: str = Field("", max_length=MAX_TEXT)
    due_minutes: int | None = Field(
        None, ge=1, le=MAX_DUE_MINUTES, description="Business minutes of the default calendar (wall time without one) after the step opens."
    )
    depends_on: list[str] = Field(
        default_factory=list,
        max_length=MAX_STEPS,
        description="Keys of steps that must be done first; empty: opens when the process starts.",
    )
    is_approval: bool = Field(False, description="Approved or rejected instead of completed; a rejection ends the process.")


Steps = Annotated[list[StepIO], Field(min_length=1, max_length=MAX_STEPS)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME, pattern=SINGLE_LINE, examples=["Hardware replacement"])]


class TemplateIn(Input):
    name: Name
    description: str = Field("", max_length=MAX_TEXT)
    is_active: bool = True
    steps: Steps


class TemplateUpdateIn(Input):
    """Only the fields sent change; steps sent replace all steps."""

    name: Name | None = None
    description: str | None = Field(None, max_length=MAX_TEXT)
    is_active: bool | None = None
    steps: Steps | None = None


class StepOut(Schema):
    key: str
    name: str
    group: GroupRef
    instructions: str
    due_minutes: int | None
    depends_on: list[str]
    is_approval: bool
    position: int


class TemplateOut(Schema):
    id: int
    name: str
    description: str
    is_active: bool
    steps: list[StepOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class PhaseOut(Schema):
    """Customer-safe: names and states only."""

    run_id: int
    name: str = Field(description="The process's name.")
    state: str = Field(description="running, completed, rejected or cancelled.")
    step: int = Field(description="While running: finished steps + 1; else the finished steps.")
    of: int = Field(description="All steps.")
    text: str = Field(description='e.g. "Step 2 of 4: Replace the disk", or the final state.', examples=["Step 2 of 4: Replace the disk"])
    open: list[str] = Field(description="Names of the steps being worked on.")
    remaining: list[str] = Field(description="Names of the steps waiting for others.")
    done: list[str]
    started_at: dt.datetime
    finished_at: dt.datetime | None


class TicketProcessesOut(Schema):
    items: list[PhaseOut]


class TaskOut(Schema):
    id: int
    key: str
    name: str
    instructions: str
    group: GroupRef
    assignee: UserRef | None
    depends_on: list[str]
    is_approval: bool
    state: str = Field(description="waiting, open, done, approved, rejected or skipped.")
    opened_at: dt.datetime | None
    due_at: dt.datetime | None
    completed_by: UserRef | None
    completed_at: dt.datetime | None
    note: str


class RunOut(Schema):
    id: int
    ticket_id: int
    template_id: int | None
    name: str
    state: str
    started_by: UserRef | None
    source: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    note: str
    phase: PhaseOut
    tasks: list[TaskOut]


class MyTaskOut(Schema):
    id: int
    name: str
    state: str
    group: GroupRef
    assignee: UserRef | None
    due_at: dt.datetime | None
    run_id: int
    process: str
    ticket_id: int
    ticket_number: str
    ticket_subject: str


class StartIn(Input):
    template_id: Id


class NoteIn(Input):
    note: Note = ""


class AssignIn(Input):
    assignee_id: Id | None = Field(description="An agent of the step's group; null to unassign.")


def template_out(template: ProcessTemplate) -> dict[str, Any]:
    return {
        **{name: getattr(template, name) for name in ("id", "name", "description", "is_active", "created_at", "updated_at")},
        "steps": [
            {
                **{
                    name: getattr(step, name)
                    for name in ("key", "name", "instructions", "due_minutes", "depends_on", "is_approval", "position")
                },
                "group": group_ref(step.group),
            }
            for step in definitions.template_steps(template)
        ],
    }


def _templates(request: HttpRequest) -> Any:
    return definitions.visible_templates(actor(request)).prefetch_related("steps__group")


def _specs(steps: list[StepIO]) -> list[StepSpec]:
    return [
        StepSpec(
            key=s.key,
            name=s.name,
            group_id=s.group_id,
            instructions=s.instructions,
            due_minutes=s.due_minutes,
            depends_on=tuple(s.depends_on),
            is_approval=s.is_approval,
            position=index,
        )
        for index, s in enumerate(steps)
    ]


def _values(payload: TemplateIn | TemplateUpdateIn, *, partial: bool) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=partial)
    data = {key: value for key, value in data.items() if value is not None}
    if payload.steps is not None and "steps" in data:
        data["steps"] = _specs(payload.steps)
    return data


def run_out(run: ProcessRun) -> dict[str, Any]:
    return {
        **{
            name: getattr(run, name)
            for name in ("id", "ticket_id", "template_id", "name", "state", "source", "started_at", "finished_at", "note")
        },
        "started_by": user_ref(run.started_by),
        "phase": run_phase(run),
        "tasks": [
            {
                **{name: getattr(t, name) for name in ("id", "key", "name", "instructions", "depends_on", "is_approval", "state")},
                **{name: getattr(t, name) for name in ("opened_at", "due_at", "completed_at", "note")},
                "group": group_ref(t.group),
                "assignee": user_ref(t.assignee),
                "completed_by": user_ref(t.completed_by),
            }
            for t in run.tasks.all()
        ],
    }


def _run(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """A run the (staff) caller may read, with its tasks."""
    user = actor(request)
    ticket_id = ProcessRun.objects.filter(pk=run_id).values_list("ticket_id", flat=True).first()
    if ticket_id is None or not user.is_helpdesk_staff:
        raise NotFound(_("Process not found."))
    ticket = access_ticket(user, ticket_id)
    run = next((r for r in runs_with_tasks(ticket, related=("group", "assignee", "completed_by")) if r.pk == run_id), None)
    if run is None:
        run = ProcessRun.objects.select_related("started_by").get(pk=run_id)
    return run_out(run)


@router.get("/process-templates", response=PageOut[TemplateOut], summary="List process templates (staff)")
def list_templates(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(_templates(request), order=["name", "id"], cursor=cursor, limit=limit)
    return {"items": [template_out(t) for t in page.items], "next_cursor": page.next_cursor}


@router.post("/process-templates", response={201: TemplateOut}, summary="Create a process template (admins)")
def create_template(request: HttpRequest, payload: TemplateIn) -> Status[dict[str, Any]]:
    user = actor(request)
    definitions.require_staff(user)
    template = definitions.create_template(user, _values(payload, partial=False))
    return Status(201, template_out(_templates(request).get(pk=template.pk)))


@router.get("/process-templates/{template_id}", response=TemplateOut, summary="Read a process template (staff)")
def read_template(request: HttpRequest, template_id: PathId) -> dict[str, Any]:
    template = _templates(request).filter(pk=template_id).first()
    if template is None:
        raise NotFound(_("Process not found."))
    return template_out(template)


@router.patch("/process-templates/{template_id}", response=TemplateOut, summary="Change a process template (admins)")
def update_template(request: HttpRequest, payload: TemplateUpdateIn, template_id: PathId) -> dict[str, Any]:
    user = actor(request)
    definitions.update_template(user, definitions.get_template(user, template_id), _values(payload, partial=True))
    return template_out(_templates(request).get(pk=template_id))


@router.delete(
    "/process-templates/{template_id}", response={204: None}, summary="Delete a process template (admins; running processes carry on)"
)
def delete_template(request: HttpRequest, template_id: PathId) -> Status[None]:
    user = actor(request)
    definitions.delete_template(user, definitions.get_template(user, template_id))
    return Status(204, None)


@router.get("/tickets/{ticket_id}/processes", response=TicketProcessesOut, summary="A ticket's processes: phases, customer-safe")
def ticket_processes(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    ticket = access_ticket(actor(request), ticket_id)
    return {"items": process_phases(ticket)}


@router.post("/tickets/{ticket_id}/processes", response={201: RunOut}, summary="Start a process on a ticket (agents with write access)")
def start(request: HttpRequest, payload: StartIn, ticket_id: PathId) -> Status[dict[str, Any]]:
    outcome = engine.check_start_process(actor(request), ticket_id, payload.template_id)
    return Status(201, _run(request, outcome.run.pk))


@router.get("/process-runs/{run_id}", response=RunOut, summary="A process run with its steps (staff)")
def read_run(request: HttpRequest, run_id: PathId) -> dict[str, Any]:
    return _run(request, run_id)


@router.post("/process-runs/{run_id}/cancel", response=RunOut, summary="Cancel a running process (agents with write access)")
def cancel(request: HttpRequest, payload: NoteIn, run_id: PathId) -> dict[str, Any]:
    engine.check_cancel_run(actor(request), run_id, note=payload.note)
    return _run(request, run_id)


@router.get("/process-tasks", response=PageOut[MyTaskOut], summary="My process tasks: open steps in my groups or assigned to me")
def my_tasks(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(selectors.my_tasks(actor(request)).order_by(), order=["id"], cursor=cursor, limit=limit)
    items = [
        {
            **{name: getattr(t, name) for name in ("id", "name", "state", "due_at", "run_id")},
            "group": group_ref(t.group),
            "assignee": user_ref(t.assignee),
            "process": t.run.name,
            "ticket_id": t.run.ticket_id,
            "ticket_number": t.run.ticket.display_number,
            "ticket_subject": t.run.ticket.subject,
        }
        for t in page.items
    ]
    return {"items": items, "next_cursor": page.next_cursor}


def _task_run(request: HttpRequest, outcome: engine.Outcome) -> dict[str, Any]:
    return _run(request, outcome.run.pk)


@router.post("/process-tasks/{task_id}/complete", response=RunOut, summary="Complete a step (agents of its group)")
def complete(request: HttpRequest, payload: NoteIn, task_id: PathId) -> dict[str, Any]:
    return _task_run(request, engine.check_complete_task(actor(request), task_id, note=payload.note))


@router.post("/process-tasks/{task_id}/approve", response=RunOut, summary="Approve an approval step (agents of its group)")
def approve(request: HttpRequest, payload: NoteIn, task_id: PathId) -> dict[str, Any]:
    return _task_run(request, engine.check_decide_task(actor(request), task_id, approve=True, note=payload.note))


@router.post("/process-tasks/{task_id}/reject", response=RunOut, summary="Reject an approval step: ends the process (note required)")
def reject(request: HttpRequest, payload: NoteIn, task_id: PathId) -> dict[str, Any]:
    return _task_run(request, engine.check_decide_task(actor(request), task_id, approve=False, note=payload.note))


@router.post("/process-tasks/{task_id}/assign", response=RunOut, summary="Assign a step to an agent of its group")
def assign(request: HttpRequest, payload: AssignIn, task_id: PathId) -> dict[str, Any]:
    task = engine.check_assign_task(actor(request), task_id, payload.assignee_id)
    return _run(request, task.run_id)
