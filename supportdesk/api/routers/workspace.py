"""The agent's own workspace through the API, as the UI has it: inbox views with their counts,
saved views and notifications (one's own profile is PATCH /me in users.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list, staff_actor
from supportdesk.tickets.actions.workspace import create_saved_view, delete_saved_view, mark_notifications_read
from supportdesk.tickets.models import Notification, SavedView
from supportdesk.tickets.selectors import INBOX_VIEWS, TicketFilters, view_counts

router = Router(tags=["workspace"])


class InboxViewOut(Schema):
    slug: str
    label: str
    count: int | None = Field(description="Tickets in the view; null for 'recent' (everything visible).")
    count_capped: bool = Field(description="True when there are at least `count` tickets (counting stops at a cap).")


class SavedViewOut(Schema):
    id: int
    name: str
    filters: dict[str, Any]


class SavedViewIn(Input):
    name: str = Field(max_length=100)
    filters: dict[str, Any] = Field(default_factory=dict, description="The same filters as GET /tickets.")


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    ticket_id: int | None
    created_at: datetime
    read_at: datetime | None


class MarkReadIn(Input):
    ids: list[Id] | None = Field(None, max_length=500, description="Notification ids; omit to mark all read.")


class MarkReadOut(Schema):
    marked: int


@router.get("/views", response=list[InboxViewOut], summary="Built-in inbox views with ticket counts (staff)")
def list_inbox_views(request: HttpRequest) -> list[dict[str, Any]]:
    counts = view_counts(staff_actor(request))
    return [
        {
            "slug": view.slug,
            "label": str(view.label),
            "count": counts[view.slug].value if view.slug in counts else None,
            "count_capped": counts[view.slug].capped if view.slug in counts else False,
        }
        for view in INBOX_VIEWS
    ]


@router.get("/saved-views", response=list[SavedViewOut], summary="My saved views (staff)")
def list_saved_views(request: HttpRequest) -> list[SavedView]:
    return list(SavedView.objects.filter(user=staff_actor(request)))


@router.post("/saved-views", response={201: SavedViewOut}, summary="Save a view (staff)")
def create_view(request: HttpRequest, payload: SavedViewIn) -> Status:
    filters = TicketFilters.parse(payload.filters)
    return Status(201, create_saved_view(staff_actor(request), name=payload.name, filters=filters))


@router.delete("/saved-views/{view_id}", response={204: None}, summary="Delete one of my saved views (staff)")
def delete_view(request: HttpRequest, view_id: PathId) -> Status:
    delete_saved_view(staff_actor(request), view_id)
    return Status(204, None)


@router.get("/notifications", response=PageOut[NotificationOut], summary="My notifications, newest first")
def list_notifications(request: HttpRequest, unread: bool = False, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    qs = Notification.objects.filter(user=actor(request))
    if unread:
        qs = qs.filter(read_at__isnull=True)
    page = paginate_list(qs, order=["-created_at", "-id"], cursor=cursor, limit=limit)
    return {"items": list(page.items), "next_cursor": page.next_cursor}


@router.post("/notifications/read", response=MarkReadOut, summary="Mark my notifications read")
def mark_read(request: HttpRequest, payload: MarkReadIn) -> dict[str, int]:
    return {"marked": mark_notifications_read(actor(request), payload.ids)}
