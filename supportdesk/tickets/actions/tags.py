"""Adding and removing tags."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.tickets.access import require, ticket_permissions
from supportdesk.tickets.actions._common import touch
from supportdesk.tickets.choices import EventKind
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Tag, Ticket, TicketTag

MAX_TAG = 64
MAX_TAGS_PER_CALL = 50


def normalize_tag(name: str) -> str:
    """Trim, collapse spaces, lower-case; printable characters only; 1 to 64 characters."""
    text = " ".join("".join(ch for ch in (name or "") if ch.isprintable()).split()).lower()
    if not text or len(text) > MAX_TAG:
        raise ValidationFailed(_("Invalid tag."), field_errors={"tags": _("A tag has 1 to %(n)s printable characters.") % {"n": MAX_TAG}})
    return text


def _clean_names(names: list[str]) -> list[str]:
    if len(names) > MAX_TAGS_PER_CALL:
        raise ValidationFailed(_("Too many tags."), field_errors={"tags": _("At most %(n)s at once.") % {"n": MAX_TAGS_PER_CALL}})
    return sorted({normalize_tag(n) for n in names})


def add_tags(actor: User, ticket: Ticket, names: list[str]) -> list[str]:
    """Add tags (created on first use); return the names that were new on this ticket."""
    require(ticket_permissions(actor, ticket), "can_edit")
    cleaned = _clean_names(names)
    added: list[str] = []
    with transaction.atomic():
        existing = set(TicketTag.objects.filter(ticket=ticket).values_list("tag__name", flat=True))
        for name in cleaned:
            if name in existing:
                continue
            tag, _created = Tag.objects.get_or_create(name=name)
            TicketTag.objects.create(ticket=ticket, tag=tag)
            record_event(ticket, actor, EventKind.TAG_ADDED, field="tags", new=name)
            added.append(name)
        if added:
            touch(ticket, actor=actor, changed=["tags"])
    return added


def remove_tags(actor: User, ticket: Ticket, names: list[str]) -> list[str]:
    """Remove tags from the ticket; return the names that were actually removed."""
    require(ticket_permissions(actor, ticket), "can_edit")
    cleaned = _clean_names(names)
    removed: list[str] = []
    with transaction.atomic():
        for link in TicketTag.objects.filter(ticket=ticket, tag__name__in=cleaned).select_related("tag"):
            removed.append(link.tag.name)
            link.delete()
            record_event(ticket, actor, EventKind.TAG_REMOVED, field="tags", old=link.tag.name)
        if removed:
            touch(ticket, actor=actor, changed=["tags"])
    return sorted(removed)
