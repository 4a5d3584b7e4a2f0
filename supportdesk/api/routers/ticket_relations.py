"""What hangs off a ticket: tags, watchers, links, and the merge and split operations."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from pydantic import Field

from supportdesk.accounts.models import User
from supportdesk.api.auth import actor
from supportdesk.api.common import Id, Input, PathId
from supportdesk.api.schemas import LinkOut, TicketOut, UserRef, link_out, ticket_out, user_ref
from supportdesk.core.errors import NotFound
from supportdesk.tickets.access import access_ticket, visible_tickets
from supportdesk.tickets.actions import (
    add_tags,
    add_watcher,
    link_tickets,
    merge_tickets,
    remove_tags,
    remove_watcher,
    split_ticket,
    unlink_tickets,
)
from supportdesk.tickets.choices import LinkKind
from supportdesk.tickets.models import TicketLink

router = Router(tags=["tickets"])


class TagsIn(Input):
    tags: list[str] = Field(min_length=1, max_length=50)


class TagsOut(Schema):
    tags: list[str]
    changed: list[str]


class WatcherIn(Input):
    user_id: Id


class LinkIn(Input):
    target_id: Id
    kind: LinkKind


class MergeIn(Input):
    target_id: Id = Field(description="The surviving ticket; this one becomes merged into it.")


class SplitIn(Input):
    article_ids: list[Id] = Field(min_length=1, max_length=500)
    subject: str = Field("", max_length=1000)


def _tags_of(ticket_id: int, user: User) -> list[str]:
    return sorted(t.name for t in access_ticket(user, ticket_id).tags.all())


@router.post("/tickets/{ticket_id}/tags", response=TagsOut, summary="Add tags")
def add_ticket_tags(request: HttpRequest, payload: TagsIn, ticket_id: PathId) -> dict[str, Any]:
    user = actor(request)
    added = add_tags(user, access_ticket(user, ticket_id), payload.tags)
    return {"tags": _tags_of(ticket_id, user), "changed": added}


@router.delete("/tickets/{ticket_id}/tags/{tag}", response=TagsOut, summary="Remove a tag")
def remove_ticket_tag(request: HttpRequest, ticket_id: PathId, tag: str = Path(..., max_length=64)) -> dict[str, Any]:
    user = actor(request)
    removed = remove_tags(user, access_ticket(user, ticket_id), [tag])
    return {"tags": _tags_of(ticket_id, user), "changed": removed}


@router.get("/tickets/{ticket_id}/watchers", response=list[UserRef], summary="List watchers")
def list_watchers(request: HttpRequest, ticket_id: PathId) -> list[dict[str, Any]]:
    ticket = access_ticket(actor(request), ticket_id)
    return [user_ref(u) for u in ticket.watchers.order_by("email")[:200]]  # type: ignore[misc]


def _watcher(user_id: int) -> User:
    watcher = User.objects.filter(pk=user_id, is_active=True).first()
    if watcher is None:
        raise NotFound(_("User not found."))
    return watcher


@router.post("/tickets/{ticket_id}/watchers", response={204: None}, summary="Add a watcher")
def add_ticket_watcher(request: HttpRequest, payload: WatcherIn, ticket_id: PathId) -> Status[None]:
    user = actor(request)
    add_watcher(user, access_ticket(user, ticket_id), _watcher(payload.user_id))
    return Status(204, None)


@router.delete("/tickets/{ticket_id}/watchers/{user_id}", response={204: None}, summary="Remove a watcher")
def remove_ticket_watcher(request: HttpRequest, ticket_id: PathId, user_id: PathId) -> Status[None]:
    user = actor(request)
    remove_watcher(user, access_ticket(user, ticket_id), _watcher(user_id))
    return Status(204, None)


@router.get("/tickets/{ticket_id}/links", response=list[LinkOut], summary="List links")
def list_links(request: HttpRequest, ticket_id: PathId) -> list[dict[str, Any]]:
    """Links to tickets the caller cannot see are left out, so their ids do not leak."""
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    links = TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket)).order_by("id")[:200]
    visible = set(visible_tickets(user).filter(Q(links_out__target=ticket) | Q(links_in__source=ticket)).values_list("id", flat=True))
    return [link_out(link) for link in links if (link.target_id if link.source_id == ticket.pk else link.source_id) in visible]


@router.post("/tickets/{ticket_id}/links", response={201: LinkOut}, summary="Link to another ticket")
def create_link(request: HttpRequest, payload: LinkIn, ticket_id: PathId) -> Status[dict[str, Any]]:
    user = actor(request)
    source = access_ticket(user, ticket_id)
    target = access_ticket(user, payload.target_id)
    return Status(201, link_out(link_tickets(user, source, target, payload.kind)))


@router.delete("/tickets/{ticket_id}/links/{link_id}", response={204: None}, summary="Remove a link")
def delete_link(request: HttpRequest, ticket_id: PathId, link_id: PathId) -> Status[None]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    link = TicketLink.objects.select_related("source", "target").filter(Q(source=ticket) | Q(target=ticket), pk=link_id).first()
    if link is None:
        raise NotFound(_("Link not found."))
    other = link.target_id if link.source_id == ticket.pk else link.source_id
    access_ticket(user, other)  # the other end must be visible too
    unlink_tickets(user, link)
    return Status(204, None)


@router.post("/tickets/{ticket_id}/merge", response=TicketOut, summary="Merge this ticket into another")
def merge(request: HttpRequest, payload: MergeIn, ticket_id: PathId) -> dict[str, Any]:
    user = actor(request)
    source = access_ticket(user, ticket_id)
    target = access_ticket(user, payload.target_id)
    survivor = merge_tickets(user, source, target)
    return ticket_out(access_ticket(user, survivor.pk))


@router.post("/tickets/{ticket_id}/split", response={201: TicketOut}, summary="Split articles off into a new ticket")
def split(request: HttpRequest, payload: SplitIn, ticket_id: PathId) -> Status[dict[str, Any]]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    new_ticket = split_ticket(user, ticket, payload.article_ids, subject=payload.subject)
    return Status(201, ticket_out(access_ticket(user, new_ticket.pk)))
