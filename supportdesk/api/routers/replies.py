"""REST API of the replies app (supportdesk.automation.replies): reply templates.

Staff read templates; admins create, change and delete them. `GET /tickets/{id}/reply-templates`
is the composer's search: the templates usable on that ticket (its group, the customer's language
first), rendered for it and for the caller. Bodies may only use the documented variables; an
unknown one is a 422 naming the allowed list. For customers templates do not exist (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.automation.replies import actions
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.automation.replies.rendering import VARIABLES

router = Router(tags=["replies"])

SINGLE_LINE = r"^[^\r\n\x00]*$"
GroupIds = Annotated[list[Id], Field(max_length=200)]


class ReplyTemplateOut(Schema):
    id: int
    name: str
    language: str
    group_ids: list[int]
    subject: str
    body: str
    is_html: bool
    is_active: bool
    position: int
    usage_count: int
    created_at: dt.datetime
    updated_at: dt.datetime


class ReplyTemplateIn(Input):
    name: str = Field(min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    language: str = Field("", max_length=8, description='Language code; "" for any language.')
    group_ids: GroupIds = Field(default_factory=list, description="Groups that may use it; empty for all.")
    subject: str = Field("", max_length=actions.MAX_SUBJECT, pattern=SINGLE_LINE)
    body: str = Field(min_length=1, max_length=actions.MAX_BODY, description="Plain text, or HTML (sanitised) when is_html.")
    is_html: bool = False
    is_active: bool = True
    position: int = Field(0, ge=0, le=1_000_000)


class ReplyTemplateUpdateIn(Input):
    name: str | None = Field(None, min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    language: str | None = Field(None, max_length=8)
    group_ids: GroupIds | None = None
    subject: str | None = Field(None, max_length=actions.MAX_SUBJECT, pattern=SINGLE_LINE)
    body: str | None = Field(None, min_length=1, max_length=actions.MAX_BODY)
    is_html: bool | None = None
    is_active: bool | None = None
    position: int | None = Field(None, ge=0, le=1_000_000)


class RenderedOut(Schema):
    id: int
    name: str
    language: str
    subject: str
    text: str = Field(description="Rendered plain text, ready for the reply box.")
    html: str = Field(description="Rendered, sanitised HTML for HTML templates; empty otherwise.")


class VariableOut(Schema):
    name: str
    description: str


def template_out(template: ReplyTemplate) -> dict[str, Any]:
    """Uses the prefetched groups (actions.visible_templates), so no query per template."""
    fields = ("id", "name", "language", "subject", "body", "is_html", "is_active", "position", "usage_count", "created_at", "updated_at")
    return {**{name: getattr(template, name) for name in fields}, "group_ids": sorted(g.pk for g in template.groups.all())}


@router.get("/reply-templates", response=PageOut[ReplyTemplateOut], summary="List reply templates (staff)")
def list_templates(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(actions.visible_templates(actor(request)), order=["id"], cursor=cursor, limit=limit)
    return {"items": [template_out(t) for t in page.items], "next_cursor": page.next_cursor}


@router.get("/reply-templates/variables", response=list[VariableOut], summary="Variables reply templates may use")
def variables(request: HttpRequest) -> list[dict[str, str]]:
    actions.visible_templates(actor(request))
    return [{"name": "{{ " + name + " }}", "description": str(label)} for name, (label, _value) in VARIABLES.items()]


@router.post("/reply-templates", response={201: ReplyTemplateOut}, summary="Create a reply template (admins)")
def create(request: HttpRequest, payload: ReplyTemplateIn) -> Status[dict[str, Any]]:
    user = actor(request)
    template = actions.create_template(user, payload.model_dump())
    return Status(201, template_out(actions.get_template(user, template.pk)))


@router.get("/reply-templates/{template_id}", response=ReplyTemplateOut, summary="Read a reply template (staff)")
def read(request: HttpRequest, template_id: PathId) -> dict[str, Any]:
    return template_out(actions.get_template(actor(request), template_id))


@router.patch("/reply-templates/{template_id}", response=ReplyTemplateOut, summary="Change a reply template (admins)")
def update(request: HttpRequest, payload: ReplyTemplateUpdateIn, template_id: PathId) -> dict[str, Any]:
    user = actor(request)
    template = actions.get_template(user, template_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    actions.update_template(user, template, changes)
    return template_out(actions.get_template(user, template_id))


@router.delete("/reply-templates/{template_id}", response={204: None}, summary="Delete a reply template (admins)")
def delete(request: HttpRequest, template_id: PathId) -> Status[None]:
    user = actor(request)
    actions.delete_template(user, actions.get_template(user, template_id))
    return Status(204, None)


@router.get("/tickets/{ticket_id}/reply-templates", response=list[RenderedOut], summary="Reply templates for a ticket, rendered (staff)")
def for_ticket(
    request: HttpRequest,
    ticket_id: PathId,
    q: Annotated[str, Query("", max_length=actions.MAX_SEARCH, description="Words in the name, subject or body.")] = "",
) -> list[dict[str, Any]]:
    _ticket, rows = actions.search_for_ticket(actor(request), ticket_id, query=q)
    return [
        {
            "id": r.template.pk,
            "name": r.template.name,
            "language": r.template.language,
            "subject": r.subject,
            "text": r.text,
            "html": r.html,
        }
        for r in rows
    ]
