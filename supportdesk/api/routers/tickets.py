"""Tickets: list (the inbox filters), create, read, update, delete, bulk update.

Every endpoint goes through tickets.access (visible_tickets / access_ticket) and calls one action.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import MAX_LIMIT, Cursor, Id, Input, Limit, PageOut, PathId
from supportdesk.api.schemas import TicketDetailOut, TicketOut, ticket_detail_out, ticket_out
from supportdesk.tickets.access import access_ticket, ticket_permissions, visible_tickets
from supportdesk.tickets.actions import NewTicket, bulk_update, create_ticket, customer_set_state, delete_ticket, update_ticket
from supportdesk.tickets.choices import Channel, Priority, State
from supportdesk.tickets.selectors import SORTS, TicketFilters, inbox_view, ticket_list_page

router = Router(tags=["tickets"])


class TicketListQuery(Schema):
    """Documented filters; values are parsed and validated by selectors.TicketFilters (unknown -> 422)."""

    view: str | None = Field(None, description="Built-in inbox view: mine, unassigned, open, reminders, recent.")
    state: str | None = Field(None, description="Comma-separated states, or open_states.")
    priority: str | None = None
    group: str | None = Field(None, description="Comma-separated group ids.")
    owner: str | None = Field(None, description="me, none or a user id.")
    tag: str | None = None
    customer: str | None = None
    organization: str | None = None
    created_after: str | None = None
    created_before: str | None = None
    updated_after: str | None = None
    updated_before: str | None = None
    sla: str | None = Field(None, description="breached, at_risk or due_soon.")
    language: str | None = Field(None, description="Comma-separated language codes of the ticket (set by triage or agents).")
    sentiment: str | None = Field(None, description="Staff only: negative, neutral or positive sentiment found by the local AI.")
    urgency: str | None = Field(None, description="Staff only: high (urgency found by the local AI at 0.5 or more).")
    sort: str | None = Field(None, description="One of: " + ", ".join(SORTS))


class TicketCreateIn(Input):
    subject: str = Field(max_length=1000)
    body: str = Field("", max_length=1_000_000)
    body_html: str = Field("", max_length=1_000_000)
    customer_email: str = Field("", max_length=254, description="Required for staff; customers always create for themselves.")
    customer_name: str = Field("", max_length=200)
    group_id: Id | None = None
    priority: Priority = Priority.NORMAL
    channel: Channel = Channel.API
    language: str = Field("", max_length=8)
    owner_id: Id | None = None
    tags: list[str] = Field(default_factory=list, max_length=50)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    attachment_ids: list[Id] = Field(default_factory=list, max_length=100)


class TicketUpdateIn(Input):
    """Only the fields sent are changed (see tickets.actions.update.UPDATABLE_FIELDS)."""

    subject: str | None = Field(None, max_length=1000)
    state: str | None = Field(None, max_length=32)
    priority: str | None = Field(None, max_length=16)
    group_id: Id | None = None
    owner_id: Id | None = None
    pending_until: datetime | None = None
    language: str | None = Field(None, max_length=8)
    custom_fields: dict[str, Any] | None = None


class BulkIn(Input):
    ticket_ids: list[Id] = Field(min_length=1, max_length=500)
    changes: TicketUpdateIn | None = None
    tags: list[str] = Field(default_factory=list, max_length=50)


class BulkOut(Schema):
    updated: list[int]
    failed: dict[str, str]


def changes_of(payload: TicketUpdateIn) -> dict[str, Any]:
    """The fields the client actually sent; `null` owner_id unassigns, a null subject is ignored."""
    changes = payload.model_dump(exclude_unset=True)
    for name in ("subject", "state", "priority", "group_id", "custom_fields"):
        if name in changes and changes[name] is None:
            del changes[name]
    return changes


@router.get("/tickets", response=PageOut[TicketOut], summary="List tickets")
def list_tickets(request: HttpRequest, filters: Query[TicketListQuery], cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    user = actor(request)
    parsed = TicketFilters.parse(request.GET)
    view = request.GET.get("view")
    base = inbox_view(view).queryset(user) if view else visible_tickets(user)
    # Page ids first, then their relations (see ticket_list_page): keeps SQLite on the keyset index.
    page = ticket_list_page(parsed.apply(base, user), order=SORTS[parsed.sort], cursor=cursor, limit=min(max(limit, 1), MAX_LIMIT))
    return {"items": [ticket_out(t) for t in page.items], "next_cursor": page.next_cursor}


@router.post("/tickets", response={201: TicketDetailOut}, summary="Create a ticket")
def create(request: HttpRequest, payload: TicketCreateIn) -> Status[dict[str, Any]]:
    user = actor(request)
    data = NewTicket(**payload.model_dump())
    ticket = create_ticket(user, data)
    ticket = access_ticket(user, ticket.pk)
    return Status(201, ticket_detail_out(ticket, ticket_permissions(user, ticket)))


@router.post("/tickets/bulk", response=BulkOut, summary="Apply one change to many tickets")
def bulk(request: HttpRequest, payload: BulkIn) -> dict[str, Any]:
    result = bulk_update(
        actor(request), payload.ticket_ids, changes=changes_of(payload.changes) if payload.changes else {}, tags=payload.tags
    )
    return {"updated": result.updated, "failed": {str(k): v for k, v in result.failed.items()}}


@router.get("/tickets/{ticket_id}", response=TicketDetailOut, summary="Read a ticket")
def read(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    return ticket_detail_out(ticket, ticket_permissions(user, ticket))


@router.patch("/tickets/{ticket_id}", response=TicketDetailOut, summary="Update a ticket")
def update(request: HttpRequest, payload: TicketUpdateIn, ticket_id: PathId) -> dict[str, Any]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    update_ticket(user, ticket, changes_of(payload))
    ticket = access_ticket(user, ticket_id)
    return ticket_detail_out(ticket, ticket_permissions(user, ticket))


@router.post("/tickets/{ticket_id}/close", response=TicketDetailOut, summary="Close my ticket (customers: mark it solved)")
def close(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    """The customer's "my problem is solved": an open ticket becomes solved; a done one stays as it is.
    Needs reply rights (the ticket's customer, or staff with write access); others get 403 or 404."""
    return _customer_state(request, ticket_id, State.SOLVED)


@router.post("/tickets/{ticket_id}/reopen", response=TicketDetailOut, summary="Reopen my ticket (customers)")
def reopen(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    """A solved or closed ticket becomes open again; an open one stays as it is; a merged one is refused (422)."""
    return _customer_state(request, ticket_id, State.OPEN)


def _customer_state(request: HttpRequest, ticket_id: int, state: str) -> dict[str, Any]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    customer_set_state(user, ticket, state)
    ticket = access_ticket(user, ticket_id)
    return ticket_detail_out(ticket, ticket_permissions(user, ticket))


@router.delete("/tickets/{ticket_id}", response={204: None}, summary="Delete a ticket (admins)")
def delete(request: HttpRequest, ticket_id: PathId) -> Status[None]:
    user = actor(request)
    delete_ticket(user, access_ticket(user, ticket_id))
    return Status(204, None)
