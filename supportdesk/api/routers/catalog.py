"""Tags, custom field definitions and search: the lookup lists the UI and integrations need."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Input, Limit, PageOut, PathId, admin_actor, paginate_list, staff_actor
from supportdesk.api.schemas import FieldDefinitionOut, TicketOut, field_definition_out, ticket_out
from supportdesk.core.errors import NotFound
from supportdesk.search.queries import search_tickets
from supportdesk.tickets.actions.fields import create_field_definition, update_field_definition
from supportdesk.tickets.choices import FieldType
from supportdesk.tickets.models import CustomFieldDefinition, Tag, Ticket
from supportdesk.tickets.selectors import with_list_relations

router = Router()


class TagOut(Schema):
    id: int
    name: str


class FieldDefinitionIn(Input):
    key: str = Field(max_length=64)
    label: str = Field(max_length=120)
    field_type: FieldType
    options: list[str] = Field(default_factory=list, max_length=200)
    required_in_states: list[str] = Field(default_factory=list, max_length=20)
    position: int = Field(0, ge=0, le=1_000_000)


class FieldDefinitionUpdateIn(Input):
    label: str | None = Field(None, max_length=120)
    options: list[str] | None = Field(None, max_length=200)
    required_in_states: list[str] | None = Field(None, max_length=20)
    position: int | None = Field(None, ge=0, le=1_000_000)
    is_active: bool | None = None


@router.get("/tags", response=PageOut[TagOut], tags=["tags"], summary="List tags (staff)")
def list_tags(request: HttpRequest, prefix: str = Query("", max_length=64), cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    staff_actor(request)
    qs = Tag.objects.all()
    if prefix.strip():
        qs = qs.filter(name__startswith=" ".join(prefix.split()).lower())
    page = paginate_list(qs, order=["name"], cursor=cursor, limit=limit)
    return {"items": list(page.items), "next_cursor": page.next_cursor}


@router.get("/fields", response=list[FieldDefinitionOut], tags=["custom fields"], summary="Custom field definitions (staff)")
def list_fields(request: HttpRequest, include_inactive: bool = False) -> list[dict[str, Any]]:
    """A short admin-made list (bounded), so it is returned whole rather than paginated."""
    staff_actor(request)
    qs = CustomFieldDefinition.objects.all() if include_inactive else CustomFieldDefinition.objects.filter(is_active=True)
    return [field_definition_out(d) for d in qs.order_by("position", "id")[:500]]


@router.post("/fields", response={201: FieldDefinitionOut}, tags=["custom fields"], summary="Define a custom field (admins)")
def create_field(request: HttpRequest, payload: FieldDefinitionIn) -> Status[dict[str, Any]]:
    definition = create_field_definition(admin_actor(request), **payload.model_dump())
    return Status(201, field_definition_out(definition))


@router.patch("/fields/{field_id}", response=FieldDefinitionOut, tags=["custom fields"], summary="Change a custom field (admins)")
def update_field(request: HttpRequest, payload: FieldDefinitionUpdateIn, field_id: PathId) -> dict[str, Any]:
    admin = admin_actor(request)
    definition = CustomFieldDefinition.objects.filter(pk=field_id).first()
    if definition is None:
        raise NotFound(_("Field not found."))
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    update_field_definition(admin, definition, changes)
    return field_definition_out(definition)


@router.get("/search", response=PageOut[TicketOut], tags=["search"], summary="Search tickets")
def search(request: HttpRequest, q: str = Query(..., max_length=500), cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    """Number, subject, article text, customer name and e-mail; only tickets the caller can see."""
    page = search_tickets(actor(request), q, cursor=cursor, limit=limit)
    # Reload the page's rows with their list relations: one fixed set of queries per page.
    tickets = {t.pk: t for t in with_list_relations(Ticket.objects.filter(pk__in=[t.pk for t in page.items]))}
    return {"items": [ticket_out(tickets[t.pk]) for t in page.items], "next_cursor": page.next_cursor}
