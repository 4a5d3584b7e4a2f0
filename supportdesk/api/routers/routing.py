"""Routing: per-group rules (admins, supervisors of the group), agents' routing settings, skills
and absences (agents read theirs and change their own status and absences; admins and supervisors
anyone's they manage), and routing one ticket now or as a dry run.

Rule filters are the validated JSON of routing.rules_data, e.g.
[{"filter": "online"}, {"filter": "skill", "kind": "product", "source": "custom_field:product", "min_level": 2}].
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Id, Input, PathId, staff_actor
from supportdesk.automation.routing import actions
from supportdesk.automation.routing.engine import route_ticket
from supportdesk.automation.routing.models import Absence, AgentSkill, RoutingRule
from supportdesk.automation.routing.permissions import get_agent, get_managed_group
from supportdesk.automation.routing.rules_data import MAX_FILTERS
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.tickets.access import access_ticket, require, ticket_permissions

router = Router(tags=["routing"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
ChooserName = Literal["round_robin", "least_loaded", "best_skill", "sticky"]
FallbackName = Literal["round_robin", "least_loaded", "best_skill"]
SkillKindName = Literal["language", "product", "service_area", "region"]
Filters = Annotated[list[dict[str, Any]], Field(max_length=MAX_FILTERS, description="Validated filter objects (see docs/routing.md).")]


class RuleOut(Schema):
    id: int
    group_id: int
    name: str
    position: int
    is_active: bool
    filters: list[dict[str, Any]]
    chooser: ChooserName
    fallback_chooser: FallbackName
    auto_assign: bool


class RuleIn(Input):
    name: str = Field(min_length=1, max_length=100, pattern=SINGLE_LINE)
    is_active: bool = True
    filters: Filters = Field(default_factory=list)
    chooser: ChooserName = "round_robin"
    fallback_chooser: FallbackName = "least_loaded"
    auto_assign: bool = True


class RuleUpdateIn(Input):
    name: str | None = Field(None, min_length=1, max_length=100, pattern=SINGLE_LINE)
    is_active: bool | None = None
    filters: Filters | None = None
    chooser: ChooserName | None = None
    fallback_chooser: FallbackName | None = None
    auto_assign: bool | None = None


class OrderIn(Input):
    ids: list[Id] = Field(max_length=actions.MAX_RULES_PER_GROUP)


class SkillIO(Input):
    kind: SkillKindName
    value: str = Field(min_length=1, max_length=64, pattern=SINGLE_LINE)
    level: int = Field(3, ge=1, le=5)


class SkillsIn(Input):
    skills: list[SkillIO] = Field(max_length=actions.MAX_SKILLS)


class AgentRoutingOut(Schema):
    user_id: int
    email: str
    status: Literal["online", "away", "offline"]
    status_changed_at: dt.datetime
    max_open_tickets: int
    max_chats: int
    calendar_id: int | None
    absence_handling: Literal["reroute", "delegate"]
    skills: list[SkillIO]


class AgentRoutingIn(Input):
    status: Literal["online", "away", "offline"] | None = None
    max_open_tickets: int | None = Field(None, ge=0, le=actions.MAX_CAPACITY)
    max_chats: int | None = Field(None, ge=0, le=actions.MAX_CAPACITY)
    calendar_id: Id | None = Field(None, description="An SLA calendar; null: always on shift.")
    absence_handling: Literal["reroute", "delegate"] | None = None


class AbsenceOut(Schema):
    id: int
    user_id: int
    kind: Literal["vacation", "sick", "other"]
    starts_at: dt.datetime
    ends_at: dt.datetime
    delegate_id: int | None
    note: str
    handed_over_at: dt.datetime | None


class AbsenceIn(Input):
    kind: Literal["vacation", "sick", "other"] = "vacation"
    starts_at: dt.datetime
    ends_at: dt.datetime
    delegate_id: Id | None = None
    note: str = Field("", max_length=200, pattern=SINGLE_LINE)


class RouteIn(Input):
    dry_run: bool = False


class FilteredOut(Schema):
    agent_id: int
    agent: str
    filter: str


class RuleTried(Schema):
    rule_id: int
    name: str
    candidates: int


class RouteOut(Schema):
    ticket_id: int
    outcome: Literal["assigned", "dry_run", "no_agent", "no_rules", "already_assigned", "not_open", "missing"]
    agent_id: int | None
    agent_email: str | None
    rule_id: int | None
    rule_name: str
    chooser: str
    candidates: list[int]
    filtered_out: list[FilteredOut]
    rules_tried: list[RuleTried]


def _rule(request: HttpRequest, rule_id: int) -> RoutingRule:
    user = actor(request)
    rule = RoutingRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(_("Rule not found."))
    get_managed_group(user, rule.group_id)
    return rule


def _agent_out(agent_id: int, email: str) -> dict[str, Any]:
    from supportdesk.automation.routing.models import AgentRouting

    row = AgentRouting.objects.filter(user_id=agent_id).first() or AgentRouting(user_id=agent_id)
    skills = AgentSkill.objects.filter(user_id=agent_id).order_by("kind", "value")
    return {
        "user_id": agent_id,
        "email": email,
        **{
            name: getattr(row, name)
            for name in ("status", "status_changed_at", "max_open_tickets", "max_chats", "calendar_id", "absence_handling")
        },
        "skills": [{"kind": s.kind, "value": s.value, "level": s.level} for s in skills],
    }


@router.get("/routing/groups/{group_id}/rules", response=list[RuleOut], summary="List a group's routing rules, in order")
def list_rules(request: HttpRequest, group_id: PathId) -> list[RoutingRule]:
    group = get_managed_group(actor(request), group_id)
    return list(RoutingRule.objects.filter(group=group).order_by("position", "id"))


@router.post("/routing/groups/{group_id}/rules", response={201: RuleOut}, summary="Add a routing rule at the end")
def create_rule(request: HttpRequest, group_id: PathId, payload: RuleIn) -> Status[RoutingRule]:
    return Status(201, actions.create_rule(actor(request), group_id, payload.model_dump()))


@router.post("/routing/groups/{group_id}/rules/order", response=list[RuleOut], summary="Order a group's rules (every id once)")
def order_rules(request: HttpRequest, group_id: PathId, payload: OrderIn) -> list[RoutingRule]:
    return actions.order_rules(actor(request), group_id, payload.ids)


@router.get("/routing/rules/{rule_id}", response=RuleOut, summary="Read a routing rule")
def read_rule(request: HttpRequest, rule_id: PathId) -> RoutingRule:
    return _rule(request, rule_id)


@router.patch("/routing/rules/{rule_id}", response=RuleOut, summary="Change a routing rule")
def update_rule(request: HttpRequest, rule_id: PathId, payload: RuleUpdateIn) -> RoutingRule:
    rule = _rule(request, rule_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    actions.update_rule(actor(request), rule, changes)
    return rule


@router.delete("/routing/rules/{rule_id}", response={204: None}, summary="Delete a routing rule")
def delete_rule(request: HttpRequest, rule_id: PathId) -> Status[None]:
    actions.delete_rule(actor(request), _rule(request, rule_id))
    return Status(204, None)


@router.get("/routing/agents/{user_id}", response=AgentRoutingOut, summary="An agent's routing settings and skills")
def read_agent(request: HttpRequest, user_id: PathId) -> dict[str, Any]:
    agent = get_agent(staff_actor(request), user_id)
    return _agent_out(agent.pk, agent.email)


@router.patch("/routing/agents/{user_id}", response=AgentRoutingOut, summary="Change an agent's routing settings (agents: own status only)")
def update_agent(request: HttpRequest, user_id: PathId, payload: AgentRoutingIn) -> dict[str, Any]:
    user = staff_actor(request)
    agent = get_agent(user, user_id)
    changes = payload.model_dump(exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None or k == "calendar_id"}
    actions.update_settings(user, agent, changes)
    return _agent_out(agent.pk, agent.email)


@router.put("/routing/agents/{user_id}/skills", response=AgentRoutingOut, summary="Replace an agent's skills (admins, supervisors)")
def put_skills(request: HttpRequest, user_id: PathId, payload: SkillsIn) -> dict[str, Any]:
    user = staff_actor(request)
    agent = get_agent(user, user_id, manage=True)
    actions.set_skills(user, agent, [skill.model_dump() for skill in payload.skills])
    return _agent_out(agent.pk, agent.email)


@router.get("/routing/agents/{user_id}/absences", response=list[AbsenceOut], summary="An agent's absences that have not ended")
def list_absences(request: HttpRequest, user_id: PathId) -> list[Absence]:
    from django.utils import timezone

    agent = get_agent(staff_actor(request), user_id)
    return list(Absence.objects.filter(user=agent, ends_at__gt=timezone.now()).order_by("starts_at", "id")[:100])


@router.post("/routing/agents/{user_id}/absences", response={201: AbsenceOut}, summary="Record an absence (agents: their own)")
def create_absence(request: HttpRequest, user_id: PathId, payload: AbsenceIn) -> Status[Absence]:
    user = staff_actor(request)
    agent = get_agent(user, user_id)
    absence = actions.create_absence(
        user,
        agent,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        kind=payload.kind,
        delegate_id=payload.delegate_id,
        note=payload.note,
    )
    absence.refresh_from_db()
    return Status(201, absence)


@router.delete("/routing/absences/{absence_id}", response={204: None}, summary="Remove an absence (ends it early)")
def delete_absence(request: HttpRequest, absence_id: PathId) -> Status[None]:
    user = staff_actor(request)
    absence = Absence.objects.select_related("user").filter(pk=absence_id).first()
    if absence is None:
        raise NotFound(_("Absence not found."))
    get_agent(user, absence.user_id)  # 404 unless it is theirs or someone they manage
    actions.delete_absence(user, absence)
    return Status(204, None)


@router.post("/tickets/{ticket_id}/route", response=RouteOut, summary="Route a ticket by its group's rules, or preview (dry_run)")
def route(request: HttpRequest, ticket_id: PathId, payload: RouteIn) -> dict[str, Any]:
    """Uses every active rule of the group and re-routes an assigned ticket; the decision and its
    reasons are returned, and (unless dry_run) recorded in the ticket's history."""
    user = staff_actor(request)
    ticket = access_ticket(user, ticket_id)
    perms = ticket_permissions(user, ticket)
    if not payload.dry_run:
        require(perms, "can_edit")
    elif not perms.is_staff_view:
        raise PermissionDenied(_("Only helpdesk staff may do this."))
    return route_ticket(ticket.pk, dry_run=payload.dry_run, reassign=True, source=f"api:{user.pk}").as_dict()
