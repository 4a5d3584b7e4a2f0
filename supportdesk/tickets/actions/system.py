"""Changes the system makes on its own, with no person behind them (sweeps, timers).

They skip the permission checks of the user-facing actions because there is no user, and record
their TicketEvents with actor None so history says "the system" did it. Each re-reads and locks
the ticket and re-checks its precondition, so two workers sweeping at once change a ticket once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import ACCESS_RANK, GroupAccess
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.tickets.access import staff_access_level
from supportdesk.tickets.actions._common import announce, touch
from supportdesk.tickets.choices import PENDING_STATES, PRIORITY_RANK, EventKind, SenderType, State
from supportdesk.tickets.custom_fields import clean_custom_fields
from supportdesk.tickets.history import record_event
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Article, Notification, Tag, Ticket, TicketTag

PENDING_REMINDER_KIND = "pending_reminder"


def close_reached_pending(ticket_id: int, *, now: datetime) -> bool:
    """Close a ticket whose pending-close time has passed; return whether it was closed.

    Custom fields required in the closed state are not enforced: the agent chose "close at this
    time" when they set pending close, and a timer cannot fill in fields.
    """
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None or ticket.state != State.PENDING_CLOSE or ticket.pending_until is None or ticket.pending_until > now:
            return False
        record_event(
            ticket,
            None,
            EventKind.CHANGED,
            field="state",
            old=State.PENDING_CLOSE.value,
            new=State.CLOSED.value,
            data={"reason": "pending_close_reached"},
        )
        record_event(ticket, None, EventKind.CHANGED, field="pending_until", old=ticket.pending_until.isoformat(), new=None)
        ticket.state = State.CLOSED
        ticket.pending_until = None
        changed = ["state", "pending_until"]
        if ticket.closed_at is None:
            ticket.closed_at = now
            changed.append("closed_at")
        touch(ticket, *changed)
    return True


def reminder_already_sent() -> Exists:
    """Subquery: a reminder notification for the ticket's current pending time exists.

    A notification created at or after `pending_until` belongs to this reminder; one created
    before it belongs to an earlier reminder, so setting a new reminder time re-arms it.
    """
    return Exists(Notification.objects.filter(ticket=OuterRef("pk"), kind=PENDING_REMINDER_KIND, created_at__gte=OuterRef("pending_until")))


def notify_reached_reminder(ticket_id: int, *, now: datetime) -> bool:
    """Notify the owner that a pending reminder is due, once per reminder; return whether notified."""
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update()
            .filter(pk=ticket_id, state=State.PENDING_REMINDER, pending_until__lte=now, owner__isnull=False)
            .exclude(reminder_already_sent())
            .select_related("owner")
            .first()
        )
        if ticket is None or ticket.owner is None:
            return False
        # Stored text, so it is written in the owner's language (a sweep has no request language).
        with translation.override(ticket.owner.language or settings.LANGUAGE_CODE):
            text = _("Reminder reached on %(number)s: %(subject)s") % {"number": ticket.display_number, "subject": ticket.subject}
        Notification.objects.create(
            user=ticket.owner,
            ticket=ticket,
            kind=PENDING_REMINDER_KIND,
            text=text[:300],
            created_at=now,
        )
    return True


def escalate_ticket(
    ticket: Ticket,
    *,
    reason: dict[str, Any],
    priority: str | None = None,
    group_id: int | None = None,
    tags: Sequence[str] = (),
) -> list[str]:
    """Apply an SLA escalation's ticket changes; return the names of what changed.

    The caller holds the ticket's row lock (the SLA sweep takes it with SKIP LOCKED, so it never
    waits on an agent's open transaction). The priority only rises, never falls; a move needs an
    active group, and an owner who cannot work (write access) in the new group is unassigned; tags
    are added once and are expected normalized. Every change is a TicketEvent by the system with
    `reason` in its data ({"reason": "sla_escalation", "level": N}); `touch` then runs the ticket
    hooks (a new priority or group re-targets the SLA clocks) and announces the change.
    """
    changed: list[str] = []
    if priority is not None and PRIORITY_RANK.get(priority, 0) > PRIORITY_RANK.get(ticket.priority, 0):  # type: ignore[call-overload]
        record_event(ticket, None, EventKind.CHANGED, field="priority", old=ticket.priority, new=priority, data=reason)
        ticket.priority = priority
        changed.append("priority")
    if group_id is not None and group_id != ticket.group_id:
        group = Group.objects.filter(pk=group_id, is_active=True).first()
        if group is not None:
            record_event(ticket, None, EventKind.CHANGED, field="group", old=ticket.group.name, new=group.name, data=reason)
            ticket.group = group
            changed.append("group")
            owner = ticket.owner
            if owner is not None:
                level = staff_access_level(owner, ticket)
                if level is None or ACCESS_RANK[level] < ACCESS_RANK[GroupAccess.WRITE]:  # type: ignore[index]
                    record_event(ticket, None, EventKind.CHANGED, field="owner", old=owner.email, new=None, data=reason)
                    ticket.owner = None
                    changed.append("owner")
    present = set(TicketTag.objects.filter(ticket=ticket, tag__name__in=list(tags)).values_list("tag__name", flat=True))
    added = False
    for name in dict.fromkeys(tags):
        if name in present:
            continue
        tag, _created = Tag.objects.get_or_create(name=name)
        TicketTag.objects.create(ticket=ticket, tag=tag)
        record_event(ticket, None, EventKind.TAG_ADDED, field="tags", new=name, data=reason)
        changed.append(f"tag:{name}")
        added = True
    fields = [name for name in changed if not name.startswith("tag:")]
    if fields or added:
        touch(ticket, *fields)
    return changed


# -- automation (triggers and schedulers): changes by the system on behalf of a rule ---------------

AUTOMATION_FIELDS = frozenset({"state", "priority", "group_id", "owner_id", "pending_until", "language", "custom_fields"})


def automation_update(
    ticket: Ticket, changes: dict[str, Any], *, source: str, source_name: str = "", extra_data: Mapping[str, Any] | None = None
) -> list[str]:
    """Apply a rule's field changes as the system; return the names of the fields that changed.

    The caller holds the ticket's row lock and its transaction. Values are the rule's cleaned
    values (rules.actions): a state, a priority, an active group id, an agent id (or None) who can
    work in the ticket's group, an aware datetime, a language code, or custom field values (merged
    and checked by clean_custom_fields). Entering a pending state keeps or needs a pending time;
    leaving one clears it. Every change is a TicketEvent by the system with {"source", "source_name"}
    in its data; `touch` runs the ticket hooks and publishes "ticket.updated" (its origin names the
    rule, see core.events.caused_by). `extra_data` adds keys to that data (the AI's model version).
    """
    unknown = set(changes) - AUTOMATION_FIELDS
    if unknown:
        raise ValidationFailed(_("Unknown fields."), field_errors=dict.fromkeys(sorted(unknown), _("Unknown field.")))
    if ticket.state == State.MERGED:
        raise ValidationFailed(_("A merged ticket cannot be changed."))
    data = {"source": source, "source_name": source_name, **(extra_data or {})}
    changed: list[str] = []

    def put(name: str, value: Any, *, shown_old: Any = None, shown_new: Any = None) -> None:
        old = getattr(ticket, name)
        if old == value:
            return
        setattr(ticket, name, value)
        changed.append(name)
        plain = old.isoformat() if isinstance(old, datetime) else old
        new = value.isoformat() if isinstance(value, datetime) else value
        field = name.removesuffix("_id")
        record_event(
            ticket,
            None,
            EventKind.CHANGED,
            field=field,
            old=plain if shown_old is None else shown_old,
            new=new if shown_new is None else shown_new,
            data=data,
        )

    for name in ("priority", "language"):
        if name in changes:
            put(name, changes[name])
    if "group_id" in changes and changes["group_id"] != ticket.group_id:
        group = Group.objects.filter(pk=changes["group_id"], is_active=True).first()
        if group is None:
            raise ValidationFailed(_("Unknown group."), field_errors={"group_id": _("Unknown or inactive group.")})
        old_name = ticket.group.name
        put("group_id", group.pk, shown_old=old_name, shown_new=group.name)
        ticket.group = group
        owner = ticket.owner
        if owner is not None and "owner_id" not in changes:
            level = staff_access_level(owner, ticket)
            if level is None or ACCESS_RANK[level] < ACCESS_RANK[GroupAccess.WRITE]:  # type: ignore[index]
                put("owner_id", None, shown_old=owner.email)
                ticket.owner = None
    if "owner_id" in changes:
        owner_id = changes["owner_id"]
        new_owner = None
        if owner_id is not None:
            new_owner = User.objects.filter(pk=owner_id, is_active=True).first()
            level = staff_access_level(new_owner, ticket) if new_owner is not None and new_owner.is_helpdesk_staff else None
            if new_owner is None or level is None or ACCESS_RANK[level] < ACCESS_RANK[GroupAccess.WRITE]:  # type: ignore[index]
                raise ValidationFailed(_("Unknown agent."), field_errors={"owner_id": _("Not an agent of this group.")})
        old_email = ticket.owner.email if ticket.owner_id and ticket.owner else None
        put("owner_id", owner_id, shown_old=old_email, shown_new=new_owner.email if new_owner else None)
        ticket.owner = new_owner
    state = changes.get("state", ticket.state)
    pending = changes.get("pending_until", ticket.pending_until)
    if state in PENDING_STATES and pending is None:
        raise ValidationFailed(_("A pending state needs a time."), field_errors={"pending_until": _("Required for pending states.")})
    if state not in PENDING_STATES:
        pending = None
    if "state" in changes:
        put("state", state)
        now = timezone.now()
        if state == State.SOLVED and ticket.solved_at is None:
            ticket.solved_at = now
            changed.append("solved_at")
        if state == State.CLOSED and ticket.closed_at is None:
            ticket.closed_at = now
            changed.append("closed_at")
    put("pending_until", pending)
    if "custom_fields" in changes or "state" in changes:
        put("custom_fields", clean_custom_fields(ticket.custom_fields or {}, changes.get("custom_fields") or {}, state=state))
    if changed:
        touch(ticket, *changed)
    return changed


def automation_tags(
    ticket: Ticket,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    source: str,
    source_name: str = "",
    extra_data: Mapping[str, Any] | None = None,
) -> list[str]:
    """Add and remove (normalized) tags as the system; return "+name" / "-name" for each real change.

    The caller holds the ticket's row lock and its transaction; events carry {"source", "source_name"}
    plus `extra_data`.
    """
    data = {"source": source, "source_name": source_name, **(extra_data or {})}
    present = set(TicketTag.objects.filter(ticket=ticket).values_list("tag__name", flat=True))
    done: list[str] = []
    for name in dict.fromkeys(add):
        if name in present:
            continue
        tag, _created = Tag.objects.get_or_create(name=name)
        TicketTag.objects.create(ticket=ticket, tag=tag)
        record_event(ticket, None, EventKind.TAG_ADDED, field="tags", new=name, data=data)
        present.add(name)
        done.append(f"+{name}")
    for name in dict.fromkeys(remove):
        if name not in present:
            continue
        TicketTag.objects.filter(ticket=ticket, tag__name=name).delete()
        record_event(ticket, None, EventKind.TAG_REMOVED, field="tags", old=name, data=data)
        present.discard(name)
        done.append(f"-{name}")
    if done:
        touch(ticket, changed=["tags"])
    return done


def automation_note(ticket: Ticket, text: str, *, source: str, source_name: str = "") -> int:
    """Add an internal note written by the system (no author) for a rule; return the article id.

    The caller holds the ticket's row lock and its transaction. Runs the ticket hooks and publishes
    "article.added" (sender "system", internal), which no reply trigger reacts to.
    """
    now = timezone.now()
    article = Article.objects.create(
        ticket=ticket,
        is_internal=True,
        sender_type=SenderType.SYSTEM,
        author=None,
        channel=ticket.channel,
        subject=ticket.subject[:250],
        body_text=text,
        created_at=now,
    )
    record_event(
        ticket,
        None,
        EventKind.ARTICLE_ADDED,
        data={
            "article_id": article.pk,
            "internal": True,
            "sender": SenderType.SYSTEM,
            "time_spent": 0,
            "source": source,
            "source_name": source_name,
        },
    )
    Ticket.objects.filter(pk=ticket.pk).update(article_count=F("article_count") + 1, updated_at=now)
    ticket.refresh_from_db(fields=["article_count", "updated_at"])
    tickets_changed([ticket.pk], now)
    announce(ticket)
    publish_on_commit(
        "article.added", article_id=article.pk, ticket_id=ticket.pk, actor_id=None, internal=True, sender=SenderType.SYSTEM, creating=False
    )
    return article.pk
