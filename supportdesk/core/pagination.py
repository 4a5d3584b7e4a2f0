"""Keyset (cursor) pagination: constant cost per page however deep the client scrolls."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page of results and the opaque cursor for the next one (None at the end)."""

    items: list[M]
    next_cursor: str | None


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed(_("Invalid cursor."), field_errors={"cursor": _("Invalid cursor.")}) from exc
    if not isinstance(values, list) or len(values) != size:
        raise ValidationFailed(_("Invalid cursor."), field_errors={"cursor": _("Invalid cursor.")})
    return values


def paginate(queryset: QuerySet[M], *, order: list[str], cursor: str | None, limit: int) -> Page[M]:
    """Return a page of `queryset` ordered by `order` (last key must be unique, e.g. '-id').

    All keys must share one direction. The cursor encodes the last row's key values, so the next
    page is a range scan on an index instead of an OFFSET that grows with depth.
    """
    descending = order[0].startswith("-")
    fields = [key.lstrip("-") for key in order]
    qs = queryset.order_by(*order)
    if cursor:
        values = _decode(cursor, len(fields))
        model = queryset.model
        for index, name in enumerate(fields):
            field = model._meta.get_field(name)
            if values[index] is not None and isinstance(field, Field):
                try:
                    values[index] = field.to_python(values[index])
                except DjangoValidationError as exc:  # a well-formed cursor with a value of the wrong type
                    raise ValidationFailed(_("Invalid cursor."), field_errors={"cursor": _("Invalid cursor.")}) from exc
        qs = qs.filter(_after(fields, values, descending))
    rows = list(qs[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = _encode([getattr(last, name) for name in fields])
    return Page(items=rows, next_cursor=next_cursor)


def _after(fields: list[str], values: list[Any], descending: bool) -> Q:
    """Build (a, b) > (x, y) as OR-ed equalities, since row comparisons differ between databases."""
    op = "lt" if descending else "gt"
    condition = Q()
    for index in range(len(fields)):
        part = Q(**{f"{fields[index]}__{op}": values[index]})
        for prior in range(index):
            part &= Q(**{fields[prior]: values[prior]})
        condition |= part
    return condition
