"""Watching a ticket: watchers get notified of changes (the notification issue builds on this)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.tickets.access import staff_access_level, ticket_permissions
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket, TicketWatcher


def _check(actor: User, ticket: Ticket, watcher: User) -> None:
    """Anyone with edit rights may add any agent who can read the ticket; agents may add themselves."""
    if staff_access_level(watcher, ticket) is None:
        raise NotFound(_("User not found."))
    if watcher.pk != actor.pk and not ticket_permissions(actor, ticket).can_edit:
        raise PermissionDenied(_("You are not allowed to do this on this ticket."))


def add_watcher(actor: User, ticket: Ticket, watcher: User) -> bool:
    _check(actor, ticket, watcher)
    with transaction.atomic():
        _obj, created = TicketWatcher.objects.get_or_create(ticket=ticket, user=watcher)
        if created:
            record_event(ticket, actor, EventKind.WATCHER_ADDED, field="watchers", new=watcher.email)
            touch(ticket)
    return created


def remove_watcher(actor: User, ticket: Ticket, watcher: User) -> bool:
    _check(actor, ticket, watcher)
    with transaction.atomic():
        deleted, _rows = TicketWatcher.objects.filter(ticket=ticket, user=watcher).delete()
        if deleted:
            record_event(ticket, actor, EventKind.WATCHER_REMOVED, field="watchers", old=watcher.email)
            touch(ticket)
    return bool(deleted)
