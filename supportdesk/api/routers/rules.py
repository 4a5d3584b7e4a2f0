"""Triggers, schedulers and macros (admins manage them; agents list and apply macros), dry runs and logs.

Bodies carry conditions and actions in exactly the stored JSON shapes (docs/automation.md);
validation errors name the path of each problem, e.g. "conditions.all[0].value", "actions[1].field".
For people who may not see them, rules do not exist (404); agents get 403 on admin-only writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, admin_actor, paginate_list, staff_actor
from supportdesk.automation.rules import manage
from supportdesk.automation.rules.macros import apply_macro, apply_macro_bulk, macros_for_ticket, macros_for_user
from supportdesk.automation.rules.models import Macro, Scheduler, SchedulerRun, Trigger, TriggerEvent, TriggerFiring
from supportdesk.tickets.access import access_ticket

router = Router(tags=["rules"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
Name = Annotated[str, Field(min_length=1, max_length=manage.MAX_NAME, pattern=SINGLE_LINE, examples=["VIP customers first"])]
Conditions = Annotated[
    dict[str, Any],
    Field(
        description='{"all": [...], "any": [...]} of {"field", "op", "value"} (docs/automation.md).',
        examples=[{"all": [{"field": "tags", "op": "contains", "value": "vip"}]}],
    ),
]
Actions = Annotated[
    list[dict[str, Any]],
    Field(max_length=manage.MAX_ACTIONS, examples=[[{"action": "set_field", "field": "priority", "value": "high"}]]),
]
Events = Annotated[list[str], Field(max_length=5, description=", ".join(TriggerEvent.values), examples=[["ticket.created"]])]


class TriggerOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool
    events: list[str]
    conditions: dict[str, Any]
    actions: list[dict[str, Any]]
    stop_processing: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class TriggerIn(Input):
    name: Name
    events: Events
    conditions: Conditions = Field(default_factory=dict)
    actions: Actions
    is_active: bool = True
    stop_processing: bool = False
    position: int | None = Field(None, ge=0, le=1_000_000, description="Default: after the last trigger.")


class TriggerUpdateIn(Input):
    name: Name | None = None
    events: Events | None = None
    conditions: Conditions | None = None
    actions: Actions | None = None
    is_active: bool | None = None
    stop_processing: bool | None = None
    position: int | None = Field(None, ge=0, le=1_000_000)


class FiringOut(Schema):
    id: int
    ticket_id: int | None
    event: str
    notes: list[str]
    ok: bool
    error: str
    created_at: dt.datetime


class DryRunIn(Input):
    conditions: Conditions = Field(default_factory=dict)
    actions: Actions = Field(default_factory=list)


class DryRunTicketOut(Schema):
    id: int
    number: str
    subject: str
    would: list[str]


class DryRunOut(Schema):
    count: int = Field(description="Open tickets matching now; the first 50 are listed.")
    tickets: list[DryRunTicketOut]
    ignored: list[str] = Field(description="Conditions that need an event (article fields, changes), left out.")


class SchedulerOut(Schema):
    id: int
    name: str
    is_active: bool
    conditions: dict[str, Any]
    actions: list[dict[str, Any]]
    every_minutes: int
    max_per_run: int
    once_per_ticket: bool
    last_run_at: dt.datetime | None
    next_run_at: dt.datetime


class SchedulerIn(Input):
    name: Name
    conditions: Conditions = Field(default_factory=dict)
    actions: Actions
    is_active: bool = True
    every_minutes: int = Field(60, ge=1, le=manage.MAX_EVERY_MINUTES)
    max_per_run: int = Field(100, ge=1, le=manage.MAX_PER_RUN)
    once_per_ticket: bool = False


class SchedulerUpdateIn(Input):
    name: Name | None = None
    conditions: Conditions | None = None
    actions: Actions | None = None
    is_active: bool | None = None
    every_minutes: int | None = Field(None, ge=1, le=manage.MAX_EVERY_MINUTES)
    max_per_run: int | None = Field(None, ge=1, le=manage.MAX_PER_RUN)
    once_per_ticket: bool | None = None


class RunOut(Schema):
    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    matched: int
    acted: int
    errors: int
    notes: list[str]


class MacroOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool
    group_ids: list[int]
    actions: list[dict[str, Any]]


class MacroIn(Input):
    name: Name
    actions: Actions
    group_ids: list[Id] = Field(default_factory=list, max_length=500, description="Empty: every group.")
    is_active: bool = True
    position: int = Field(0, ge=0, le=1_000_000)


class MacroUpdateIn(Input):
    name: Name | None = None
    actions: Actions | None = None
    group_ids: list[Id] | None = Field(None, max_length=500)
    is_active: bool | None = None
    position: int | None = Field(None, ge=0, le=1_000_000)


class BulkMacroIn(Input):
    ticket_ids: list[Id] = Field(min_length=1, max_length=500)


class AppliedOut(Schema):
    notes: list[str]


class BulkMacroOut(Schema):
    applied: list[int]
    failed: dict[int, str]


def _set(payload: Input) -> dict[str, Any]:
    return {key: value for key, value in payload.model_dump(exclude_unset=True).items() if value is not None}


def _macro_out(macro: Macro) -> dict[str, Any]:
    return {
        **{k: getattr(macro, k) for k in ("id", "name", "position", "is_active", "actions")},
        "group_ids": [g.pk for g in macro.groups.all()],
    }


# -- triggers ------------------------------------------------------------------------------------


@router.get("/triggers", response=PageOut[TriggerOut], summary="List triggers in order (admins)")
def list_triggers(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> Any:
    manage.require_admin(admin_actor(request))
    return paginate_list(Trigger.objects.all(), order=["position", "id"], cursor=cursor, limit=limit)


@router.post("/triggers", response={201: TriggerOut}, summary="Create a trigger (admins)")
def create_trigger(request: HttpRequest, payload: TriggerIn) -> Status[Trigger]:
    return Status(201, manage.create_trigger(admin_actor(request), _set(payload)))


@router.post("/triggers/dry-run", response=DryRunOut, summary="Which open tickets conditions match now, and what actions would do (admins)")
def dry_run(request: HttpRequest, payload: DryRunIn) -> dict[str, Any]:
    result = manage.dry_run(admin_actor(request), payload.conditions, payload.actions)
    return _dry_out(result)


def _dry_out(result: manage.DryRun) -> dict[str, Any]:
    tickets = [
        {"id": t.pk, "number": t.display_number, "subject": t.subject, "would": result.previews.get(t.pk, [])} for t in result.tickets
    ]
    return {"count": result.count, "tickets": tickets, "ignored": result.ignored}


@router.get("/triggers/{trigger_id}", response=TriggerOut, summary="Read a trigger (admins)")
def read_trigger(request: HttpRequest, trigger_id: PathId) -> Trigger:
    return manage.get_trigger(admin_actor(request), trigger_id)


@router.patch("/triggers/{trigger_id}", response=TriggerOut, summary="Change a trigger (admins)")
def update_trigger(request: HttpRequest, payload: TriggerUpdateIn, trigger_id: PathId) -> Trigger:
    user = admin_actor(request)
    trigger = manage.get_trigger(user, trigger_id)
    manage.update_trigger(user, trigger, _set(payload))
    return trigger


@router.delete("/triggers/{trigger_id}", response={204: None}, summary="Delete a trigger (admins)")
def delete_trigger(request: HttpRequest, trigger_id: PathId) -> Status[None]:
    user = admin_actor(request)
    manage.delete_trigger(user, manage.get_trigger(user, trigger_id))
    return Status(204, None)


@router.get("/triggers/{trigger_id}/dry-run", response=DryRunOut, summary="Dry run of a stored trigger (admins)")
def dry_run_stored(request: HttpRequest, trigger_id: PathId) -> dict[str, Any]:
    user = admin_actor(request)
    trigger = manage.get_trigger(user, trigger_id)
    return _dry_out(manage.dry_run(user, trigger.conditions, trigger.actions))


@router.get("/triggers/{trigger_id}/firings", response=PageOut[FiringOut], summary="A trigger's recent firings, newest first (admins)")
def firings(request: HttpRequest, trigger_id: PathId, cursor: Cursor = None, limit: Limit = 25) -> Any:
    trigger = manage.get_trigger(admin_actor(request), trigger_id)
    return paginate_list(TriggerFiring.objects.filter(trigger=trigger), order=["-created_at", "-id"], cursor=cursor, limit=limit)


# -- schedulers ----------------------------------------------------------------------------------


@router.get("/schedulers", response=PageOut[SchedulerOut], summary="List schedulers (admins)")
def list_schedulers(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> Any:
    manage.require_admin(admin_actor(request))
    return paginate_list(Scheduler.objects.all(), order=["name", "id"], cursor=cursor, limit=limit)


@router.post("/schedulers", response={201: SchedulerOut}, summary="Create a scheduler (admins)")
def create_scheduler(request: HttpRequest, payload: SchedulerIn) -> Status[Scheduler]:
    return Status(201, manage.create_scheduler(admin_actor(request), _set(payload)))


@router.get("/schedulers/{scheduler_id}", response=SchedulerOut, summary="Read a scheduler (admins)")
def read_scheduler(request: HttpRequest, scheduler_id: PathId) -> Scheduler:
    return manage.get_scheduler(admin_actor(request), scheduler_id)


@router.patch("/schedulers/{scheduler_id}", response=SchedulerOut, summary="Change a scheduler (admins)")
def update_scheduler(request: HttpRequest, payload: SchedulerUpdateIn, scheduler_id: PathId) -> Scheduler:
    user = admin_actor(request)
    scheduler = manage.get_scheduler(user, scheduler_id)
    manage.update_scheduler(user, scheduler, _set(payload))
    return scheduler


@router.delete("/schedulers/{scheduler_id}", response={204: None}, summary="Delete a scheduler (admins)")
def delete_scheduler(request: HttpRequest, scheduler_id: PathId) -> Status[None]:
    user = admin_actor(request)
    manage.delete_scheduler(user, manage.get_scheduler(user, scheduler_id))
    return Status(204, None)


@router.get("/schedulers/{scheduler_id}/runs", response=PageOut[RunOut], summary="A scheduler's run log, newest first (admins)")
def runs(request: HttpRequest, scheduler_id: PathId, cursor: Cursor = None, limit: Limit = 25) -> Any:
    scheduler = manage.get_scheduler(admin_actor(request), scheduler_id)
    return paginate_list(SchedulerRun.objects.filter(scheduler=scheduler), order=["-started_at", "-id"], cursor=cursor, limit=limit)


# -- macros --------------------------------------------------------------------------------------


@router.get("/macros", response=PageOut[MacroOut], summary="Macros the caller may use (staff; admins see all)")
def list_macros(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    user = staff_actor(request)
    rows = Macro.objects.all() if user.is_admin else macros_for_user(user)
    page = paginate_list(rows.prefetch_related("groups"), order=["position", "id"], cursor=cursor, limit=limit)
    return {"items": [_macro_out(m) for m in page.items], "next_cursor": page.next_cursor}


@router.post("/macros", response={201: MacroOut}, summary="Create a macro (admins)")
def create_macro(request: HttpRequest, payload: MacroIn) -> Status[dict[str, Any]]:
    return Status(201, _macro_out(manage.create_macro(admin_actor(request), payload.model_dump())))


@router.get("/macros/{macro_id}", response=MacroOut, summary="Read a macro (staff)")
def read_macro(request: HttpRequest, macro_id: PathId) -> dict[str, Any]:
    return _macro_out(manage.get_macro(staff_actor(request), macro_id))


@router.patch("/macros/{macro_id}", response=MacroOut, summary="Change a macro (admins)")
def update_macro(request: HttpRequest, payload: MacroUpdateIn, macro_id: PathId) -> dict[str, Any]:
    user = admin_actor(request)
    macro = manage.get_macro(user, macro_id)
    manage.update_macro(user, macro, _set(payload))
    return _macro_out(manage.get_macro(user, macro_id))


@router.delete("/macros/{macro_id}", response={204: None}, summary="Delete a macro (admins)")
def delete_macro(request: HttpRequest, macro_id: PathId) -> Status[None]:
    user = admin_actor(request)
    manage.delete_macro(user, manage.get_macro(user, macro_id))
    return Status(204, None)


@router.post("/macros/{macro_id}/apply", response=BulkMacroOut, summary="Apply a macro to many tickets (staff; each ticket on its own)")
def apply_bulk(request: HttpRequest, payload: BulkMacroIn, macro_id: PathId) -> dict[str, Any]:
    result = apply_macro_bulk(staff_actor(request), payload.ticket_ids, macro_id)
    return {"applied": result.applied, "failed": result.failed}


@router.get("/tickets/{ticket_id}/macros", response=list[MacroOut], summary="Macros the caller may apply to this ticket (staff)")
def ticket_macros(request: HttpRequest, ticket_id: PathId) -> list[dict[str, Any]]:
    user = staff_actor(request)
    ticket = access_ticket(user, ticket_id)
    return [_macro_out(m) for m in macros_for_ticket(user, ticket).prefetch_related("groups")[:200]]


@router.post("/tickets/{ticket_id}/macros/{macro_id}", response=AppliedOut, summary="Apply a macro to a ticket (staff)")
def apply_one(request: HttpRequest, ticket_id: PathId, macro_id: PathId) -> dict[str, Any]:
    return {"notes": apply_macro(staff_actor(request), ticket_id, macro_id)}
