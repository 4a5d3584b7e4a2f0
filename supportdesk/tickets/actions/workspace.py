"""An agent's own workspace state: saved inbox views and notifications. Personal, so no ticket
access is involved, but every function is scoped to the acting user: another user's id is NotFound."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.tickets.models import Notification, SavedView
from supportdesk.tickets.selectors import TicketFilters

MAX_SAVED_VIEWS = 50
MAX_VIEW_NAME = 100


def create_saved_view(user: User, *, name: str, filters: TicketFilters) -> SavedView:
    """Save validated filters under a name, appended to the user's list."""
    name = " ".join("".join(ch for ch in name if ch.isprintable()).split())[:MAX_VIEW_NAME]
    if not name:
        raise ValidationFailed(_("A name is required."), field_errors={"name": _("A name is required.")})
    with transaction.atomic():
        count = SavedView.objects.select_for_update().filter(user=user).count()
        if count >= MAX_SAVED_VIEWS:
            raise ValidationFailed(_("Too many saved views."), field_errors={"name": _("At most %(n)s views.") % {"n": MAX_SAVED_VIEWS}})
        return SavedView.objects.create(user=user, name=name, filters=filters.to_params(), position=count)


def delete_saved_view(user: User, view_id: int) -> None:
    deleted, _rows = SavedView.objects.filter(pk=view_id, user=user).delete()
    if not deleted:
        raise NotFound(_("View not found."))


def mark_notifications_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read (all of them when ids is None); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids)[:500])
    return unread.update(read_at=timezone.now())
