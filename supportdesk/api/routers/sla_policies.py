"""SLA policies: staff read them, admins create, change, order and delete; and a ticket's SLA record.

Bodies carry the rules in exactly the JSON shapes stored on the policy (see sla.policy_rules):
`conditions`, `targets` (business minutes per priority, "*" for any), `pause_states`,
`warnings` and the `escalations` ladder. Rules given in a PATCH replace the stored ones. The
first matching active policy applies to a ticket, so `POST /sla-policies/order` takes every id
in the new order. For customers policies and SLA records do not exist (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, cast

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.core.errors import NotFound
from supportdesk.sla import policies
from supportdesk.sla.choices import Metric
from supportdesk.sla.models import SlaClock, SlaPolicy
from supportdesk.sla.policy_rules import MAX_CONDITIONS, MAX_ESCALATION_LEVELS, MAX_TARGET_MINUTES, MAX_WARNINGS
from supportdesk.tickets.access import access_ticket

router = Router(tags=["sla"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
Scalar = str | int | float | bool
AudienceName = Literal["owner", "group_supervisors", "manager", "owner_manager"]
ChannelName = Literal["in_app", "email", "webhook"]
PriorityName = Literal["low", "normal", "high", "urgent"]
PauseState = Literal["open", "pending_reminder", "pending_close", "on_hold"]
Minutes = Annotated[int, Field(ge=1, le=MAX_TARGET_MINUTES)]


def _in_app() -> list[ChannelName]:
    return ["in_app"]


class ConditionIO(Input):
    """One condition; all of a policy's conditions must hold."""

    field: str = Field(
        max_length=100,
        description="priority, group, organization, organization_tier, channel, tag, or custom_field.<key>.",
        examples=["priority"],
    )
    op: Literal["is", "is_not", "in", "not_in", "has", "has_not", "contains"] = Field(
        description="is, is_not, in, not_in; tags: has, has_not; custom fields also contains."
    )
    value: Scalar | list[Scalar] = Field(
        description="A value, or a list for in/not_in; groups and organizations by id.", examples=[["high", "urgent"]]
    )


class TargetMinutesIO(Input):
    """Business minutes per target; a metric left out has no target at this priority (or falls back to "*")."""

    first_response: Minutes | None = Field(None, examples=[240])
    next_response: Minutes | None = Field(None, examples=[480])
    resolution: Minutes | None = Field(None, examples=[2880])


class WarningIO(Input):
    """A warning before the breach: at a share of the target used, or some business minutes before the due time."""

    percent: int | None = Field(None, ge=1, le=99, description="Give this or minutes_before.", examples=[75])
    minutes_before: Minutes | None = Field(None, description="Give this or percent.")
    audience: list[AudienceName] = Field(min_length=1, max_length=4, examples=[["owner", "group_supervisors"]])
    channels: list[ChannelName] = Field(default_factory=_in_app, min_length=1, max_length=3, examples=[["in_app", "email"]])


class NotifyIO(Input):
    action: Literal["notify"]
    audience: list[AudienceName] = Field(min_length=1, max_length=4, examples=[["manager"]])
    channels: list[ChannelName] = Field(default_factory=_in_app, min_length=1, max_length=3)


class SetPriorityIO(Input):
    action: Literal["set_priority"]
    value: PriorityName = Field(description="Raised to this priority; never lowered.")


class MoveToGroupIO(Input):
    action: Literal["move_to_group"]
    value: Id = Field(description="Group id.")


class AddTagIO(Input):
    action: Literal["add_tag"]
    value: str = Field(min_length=1, max_length=64, pattern=SINGLE_LINE)


EscalationActionIO = Annotated[NotifyIO | SetPriorityIO | MoveToGroupIO | AddTagIO, Field(discriminator="action")]


class EscalationLevelIO(Input):
    """One level of the ladder, taken `after_minutes` business minutes after the breach."""

    after_minutes: int = Field(0, ge=0, le=MAX_TARGET_MINUTES, examples=[30])
    actions: list[EscalationActionIO] = Field(min_length=1, max_length=10)


Targets = Annotated[
    dict[str, TargetMinutesIO],
    Field(
        max_length=5,
        description='Keys: a priority (low, normal, high, urgent) or "*" for every priority; a priority\'s own entry wins per metric.',
        examples=[{"*": {"first_response": 240, "resolution": 2880}, "urgent": {"first_response": 30}}],
    ),
]
Conditions = Annotated[list[ConditionIO], Field(max_length=MAX_CONDITIONS)]
Warnings = Annotated[list[WarningIO], Field(max_length=MAX_WARNINGS)]
Escalations = Annotated[list[EscalationLevelIO], Field(max_length=MAX_ESCALATION_LEVELS)]
PauseStates = Annotated[list[PauseState], Field(max_length=4, description="Ticket states in which the clocks stop.")]
Name = Annotated[str, Field(min_length=1, max_length=policies.MAX_NAME, pattern=SINGLE_LINE, examples=["Gold customers"])]
WebhookUrl = Annotated[
    str,
    Field(
        max_length=policies.MAX_URL,
        description="http(s) URL on a public address; receives signed JSON for the webhook channel. Empty for none.",
        examples=["https://hooks.example.com/sla"],
    ),
]

POLICY_EXAMPLE: dict[str, Any] = {
    "name": "Gold customers",
    "conditions": [{"field": "organization_tier", "op": "is", "value": "gold"}],
    "targets": {"*": {"first_response": 60, "next_response": 120, "resolution": 960}, "urgent": {"first_response": 15}},
    "pause_states": ["pending_reminder", "pending_close", "on_hold"],
    "warnings": [
        {"percent": 75, "audience": ["owner"], "channels": ["in_app"]},
        {"minutes_before": 15, "audience": ["owner", "group_supervisors"]},
    ],
    "escalations": [
        {"after_minutes": 0, "actions": [{"action": "notify", "audience": ["manager"]}, {"action": "set_priority", "value": "urgent"}]}
    ],
}


class SlaPolicyIn(Input):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [cast(JsonDict, POLICY_EXAMPLE)]})

    name: Name
    is_active: bool = True
    calendar_id: Id | None = Field(None, description="Business hours to count in; null for the default calendar.")
    manager_id: Id | None = Field(None, description='The named manager (audience "manager"); active helpdesk staff.')
    webhook_url: WebhookUrl = ""
    conditions: Conditions = Field(default_factory=list)
    targets: Targets
    pause_states: PauseStates | None = Field(None, description="Default: pending_reminder, pending_close, on_hold.")
    warnings: Warnings = Field(default_factory=list)
    escalations: Escalations = Field(default_factory=list)


class SlaPolicyUpdateIn(Input):
    """Only the fields sent change; rules sent replace the stored ones; null clears calendar and manager."""

    name: Name | None = None
    is_active: bool | None = None
    calendar_id: Id | None = None
    manager_id: Id | None = None
    webhook_url: WebhookUrl | None = None
    conditions: Conditions | None = None
    targets: Targets | None = None
    pause_states: PauseStates | None = None
    warnings: Warnings | None = None
    escalations: Escalations | None = None


class RefOut(Schema):
    id: int
    name: str


class ConditionOut(Schema):
    field: str
    op: str
    value: Scalar | list[Scalar]


class WarningOut(Schema):
    percent: int | None
    minutes_before: int | None
    audience: list[str]
    channels: list[str]


class ActionOut(Schema):
    action: str
    value: str | int | None = Field(None, description="set_priority, move_to_group, add_tag.")
    audience: list[str] | None = Field(None, description="notify only.")
    channels: list[str] | None = Field(None, description="notify only.")


class EscalationLevelOut(Schema):
    after_minutes: int
    actions: list[ActionOut]


class SlaPolicyOut(Schema):
    id: int
    name: str
    position: int = Field(description="0 is checked first.")
    is_active: bool
    calendar: RefOut | None
    manager: RefOut | None
    webhook_url: str
    conditions: list[ConditionOut]
    targets: dict[str, dict[str, int]]
    pause_states: list[str]
    warnings: list[WarningOut]
    escalations: list[EscalationLevelOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class OrderIn(Input):
    ids: list[Id] = Field(max_length=policies.MAX_POLICIES, description="Every policy id, first checked first.", examples=[[3, 1, 2]])


class OrderOut(Schema):
    ids: list[int]


class SlaClockOut(Schema):
    metric: Metric
    cycle: int = Field(description="1, 2, ... for next response: one clock per customer message awaiting an answer.")
    target_seconds: int = Field(description="Business seconds allowed.")
    started_at: dt.datetime
    due_at: dt.datetime | None = Field(description="Null while paused.")
    paused: bool
    paused_seconds: int = Field(description="Wall-clock seconds spent paused.")
    outcome: str = Field(description='"" while running or paused; met, breached or cancelled when stopped.')
    business_seconds: int | None = Field(description="Business seconds used, once stopped.")
    wall_seconds: int | None = Field(description="Wall-clock seconds from start to stop, once stopped.")
    breached_at: dt.datetime | None


class TicketSlaOut(Schema):
    policy: RefOut | None
    first_response_due_at: dt.datetime | None
    next_response_due_at: dt.datetime | None
    resolution_due_at: dt.datetime | None
    sla_due_at: dt.datetime | None = Field(description="The earliest due time of the running targets.")
    sla_paused: bool
    sla_at_risk: bool
    sla_risk: dict[str, Any] = Field(description="The prediction behind sla_at_risk (queue position, expected answer, ...).")
    clocks: list[SlaClockOut]


def _ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, "display_name", None) or str(obj)}


def policy_out(policy: SlaPolicy) -> dict[str, Any]:
    """The policy as the API shows it; calendar and manager come from select_related."""
    return {
        "id": policy.pk,
        "name": policy.name,
        "position": policy.position,
        "is_active": policy.is_active,
        "calendar": _ref(policy.calendar),
        "manager": _ref(policy.manager),
        "webhook_url": policy.webhook_url,
        "conditions": policy.conditions,
        "targets": policy.targets,
        "pause_states": policy.pause_states,
        "warnings": [{"percent": None, "minutes_before": None, **w} for w in policy.warnings],
        "escalations": policy.escalations,
        "created_at": policy.created_at,
        "updated_at": policy.updated_at,
    }


def _values(payload: Input, *, partial: bool) -> dict[str, Any]:
    """Schema -> action values in the stored JSON shapes (absent optional keys left out, as stored)."""
    data = payload.model_dump(exclude_unset=partial)
    for name in ("targets", "warnings", "escalations"):
        value = getattr(payload, name)
        if name in data and value is not None:
            if name == "targets":
                data[name] = {key: item.model_dump(exclude_none=True) for key, item in value.items()}
            else:
                data[name] = [item.model_dump(exclude_none=True) for item in value]
    if partial:
        for name in ("name", "is_active", "webhook_url", *policies.RULE_FIELDS):
            if name in data and data[name] is None and name != "pause_states":
                del data[name]
    return data


@router.get("/sla-policies", response=PageOut[SlaPolicyOut], summary="List SLA policies in order (staff)")
def list_policies(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(policies.visible_policies(actor(request)), order=["position", "id"], cursor=cursor, limit=limit)
    return {"items": [policy_out(p) for p in page.items], "next_cursor": page.next_cursor}


@router.post("/sla-policies", response={201: SlaPolicyOut}, summary="Create an SLA policy, placed last (admins)")
def create(request: HttpRequest, payload: SlaPolicyIn) -> Status[dict[str, Any]]:
    user = actor(request)
    policies.visible_policies(user)  # customers: 404, not 403
    policy = policies.create_policy(user, _values(payload, partial=False))
    return Status(201, policy_out(policies.get_policy(user, policy.pk)))


@router.post("/sla-policies/order", response=OrderOut, summary="Set the order SLA policies are checked in (admins)")
def order(request: HttpRequest, payload: OrderIn) -> dict[str, Any]:
    user = actor(request)
    policies.visible_policies(user)
    return {"ids": policies.reorder_policies(user, payload.ids)}


@router.get("/sla-policies/{policy_id}", response=SlaPolicyOut, summary="Read an SLA policy (staff)")
def read(request: HttpRequest, policy_id: PathId) -> dict[str, Any]:
    return policy_out(policies.get_policy(actor(request), policy_id))


@router.patch("/sla-policies/{policy_id}", response=SlaPolicyOut, summary="Change an SLA policy (admins)")
def update(request: HttpRequest, payload: SlaPolicyUpdateIn, policy_id: PathId) -> dict[str, Any]:
    user = actor(request)
    policy = policies.get_policy(user, policy_id)
    policies.update_policy(user, policy, _values(payload, partial=True))
    return policy_out(policies.get_policy(user, policy_id))


@router.delete("/sla-policies/{policy_id}", response={204: None}, summary="Delete an SLA policy (admins)")
def delete(request: HttpRequest, policy_id: PathId) -> Status[None]:
    user = actor(request)
    policies.delete_policy(user, policies.get_policy(user, policy_id))
    return Status(204, None)


def clock_out(clock: SlaClock) -> dict[str, Any]:
    return {
        **{name: getattr(clock, name) for name in ("metric", "cycle", "target_seconds", "started_at", "due_at", "paused_seconds")},
        **{name: getattr(clock, name) for name in ("outcome", "business_seconds", "wall_seconds", "breached_at")},
        "paused": clock.is_paused,
    }


@router.get("/tickets/{ticket_id}/sla", response=TicketSlaOut, summary="A ticket's SLA policy, due times and clocks (staff)")
def ticket_sla(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    """Every clock of the ticket, oldest first: running, paused and stopped (met, breached, cancelled)."""
    user = actor(request)
    if not user.is_helpdesk_staff:
        raise NotFound()
    ticket = access_ticket(user, ticket_id)
    policy = SlaPolicy.objects.filter(pk=ticket.sla_policy_id).only("id", "name").first() if ticket.sla_policy_id else None
    return {
        "policy": _ref(policy),
        **{name: getattr(ticket, name) for name in ("first_response_due_at", "next_response_due_at", "resolution_due_at")},
        **{name: getattr(ticket, name) for name in ("sla_due_at", "sla_paused", "sla_at_risk")},
        "sla_risk": ticket.sla_risk or {},
        "clocks": [clock_out(c) for c in SlaClock.objects.filter(ticket=ticket).order_by("started_at", "id")],
    }
