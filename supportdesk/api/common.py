"""Building blocks shared by the routers: bounded id types, strict input schemas, page envelopes."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Schema
from pydantic import ConfigDict, Field

from supportdesk.accounts.models import User
from supportdesk.api.auth import actor
from supportdesk.core.errors import PermissionDenied
from supportdesk.core.pagination import Page, paginate

# Database ids are 64-bit; anything larger would overflow the driver and must be a 422, never a 500.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_LIMIT = 100
DEFAULT_LIMIT = 25
MAX_CURSOR = 1000
Cursor = Annotated[str | None, Query(None, max_length=MAX_CURSOR, description="Opaque cursor from next_cursor.")]
Limit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size, 1 to 100.")]

M = TypeVar("M", bound=Model)
T = TypeVar("T")


class Input(Schema):
    """Base of every request body: unknown fields are refused (no mass assignment, BAD-INPUTS 33)."""

    model_config = ConfigDict(extra="forbid")


class PageOut(Schema, Generic[T]):
    """A page of results; pass `next_cursor` back as `cursor` for the next page (null at the end)."""

    items: list[T]
    next_cursor: str | None


def paginate_list(queryset: QuerySet[M], *, order: list[str], cursor: str | None, limit: int) -> Page[M]:
    """Paginate with the same bounds on every list (the query parameters are validated by ninja)."""
    return paginate(queryset, order=order, cursor=cursor, limit=min(max(limit, 1), MAX_LIMIT))


def staff_actor(request: HttpRequest) -> User:
    """The caller, who must be helpdesk staff (admin, supervisor or agent)."""
    user = actor(request)
    if not user.is_helpdesk_staff:
        raise PermissionDenied(_("Only helpdesk staff may do this."))
    return user


def admin_actor(request: HttpRequest) -> User:
    """The caller, who must be an admin."""
    user = actor(request)
    if not user.is_admin:
        raise PermissionDenied(_("Only admins may do this."))
    return user
