"""Articles of a ticket: append-only. There is deliberately no PUT, PATCH or DELETE (BAD-INPUTS 36)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import Field

from supportdesk.accounts.models import User
from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Id, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.api.schemas import ArticleOut, EventOut, article_out, event_out
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.core.remote_images import load_remote_images
from supportdesk.tickets.access import access_ticket, ticket_permissions
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.actions.articles import MAX_TIME_SPENT
from supportdesk.tickets.models import Article, Ticket
from supportdesk.tickets.selectors import ticket_articles, ticket_events

router = Router(tags=["articles"])


class ArticleIn(Input):
    body: str = Field("", max_length=1_000_000, description="Plain text; or send body_html.")
    body_html: str = Field("", max_length=1_000_000, description="Sanitised with an allowlist before storing.")
    is_internal: bool = Field(False, description="An internal note (staff with write access only).")
    attachment_ids: list[Id] = Field(default_factory=list, max_length=100)
    time_spent_minutes: int = Field(0, ge=0, le=MAX_TIME_SPENT)
    to_addresses: str = Field("", max_length=5000)
    cc_addresses: str = Field("", max_length=5000)


RemoteImages = Annotated[
    bool,
    Query(
        False,
        description=(
            "body_html keeps remote images inert as `<img data-remote-src=...>` (no src), so showing it fetches "
            "nothing. With true, helpdesk staff get `src` (plus referrerpolicy=no-referrer, loading=lazy) "
            "instead; customers always get the inert form."
        ),
    ),
]


def _articles_out(user: User, ticket: Ticket, articles: Iterable[Article], remote_images: bool) -> list[dict[str, Any]]:
    """article_out for each, with remote images loaded only if asked for and the caller is staff."""
    items = [article_out(a) for a in articles]
    if remote_images and ticket_permissions(user, ticket).is_staff_view:
        for item in items:
            item["body_html"] = load_remote_images(item["body_html"])
    return items


@router.get("/tickets/{ticket_id}/articles", response=PageOut[ArticleOut], summary="List articles")
def list_articles(
    request: HttpRequest, ticket_id: PathId, cursor: Cursor = None, limit: Limit = 25, remote_images: RemoteImages = False
) -> dict[str, Any]:
    """Oldest first. Customers never see internal notes (ticket_articles filters them)."""
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    page = paginate_list(ticket_articles(user, ticket), order=["created_at", "id"], cursor=cursor, limit=limit)
    return {"items": _articles_out(user, ticket, page.items, remote_images), "next_cursor": page.next_cursor}


@router.post("/tickets/{ticket_id}/articles", response={201: ArticleOut}, summary="Add a reply or an internal note")
def create_article(request: HttpRequest, payload: ArticleIn, ticket_id: PathId) -> Status[dict[str, Any]]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    article = add_article(
        user,
        ticket,
        body_text=payload.body,
        body_html=payload.body_html,
        is_internal=payload.is_internal,
        time_spent_minutes=payload.time_spent_minutes,
        attachment_ids=payload.attachment_ids,
        to_addresses=payload.to_addresses,
        cc_addresses=payload.cc_addresses,
    )
    return Status(201, article_out(ticket_articles(user, ticket).get(pk=article.pk)))


@router.get("/tickets/{ticket_id}/articles/{article_id}", response=ArticleOut, summary="Read one article")
def read_article(request: HttpRequest, ticket_id: PathId, article_id: PathId, remote_images: RemoteImages = False) -> dict[str, Any]:
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    article = ticket_articles(user, ticket).filter(pk=article_id).first()
    if article is None:
        raise NotFound(_("Article not found."))
    return _articles_out(user, ticket, [article], remote_images)[0]


@router.get("/tickets/{ticket_id}/events", response=PageOut[EventOut], summary="Ticket history")
def list_events(request: HttpRequest, ticket_id: PathId, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    """The append-only change log, oldest first; staff only, since it mentions internal notes."""
    user = actor(request)
    ticket = access_ticket(user, ticket_id)
    if not ticket_permissions(user, ticket).is_staff_view:
        raise PermissionDenied(_("Only helpdesk staff can read the ticket history."))
    page = paginate_list(ticket_events(ticket), order=["created_at", "id"], cursor=cursor, limit=limit)
    return {"items": [event_out(e) for e in page.items], "next_cursor": page.next_cursor}
