"""Adding replies and internal notes to a ticket."""

from __future__ import annotations

import re
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.core.html import html_to_text, sanitize_html
from supportdesk.search.documents import append_to_document
from supportdesk.tickets.access import require, staff_access_level, ticket_permissions
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.choices import Channel, EventKind, SenderType, State
from supportdesk.tickets.history import record_event
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Article, Attachment, Mention, Notification, Ticket, TicketWatcher
from supportdesk.tickets.tasks import send_mention_email

MAX_BODY = 1_000_000
MAX_TIME_SPENT = 24 * 60
MAX_ADDRESS_FIELD = 5_000
# "@agent@example.com" mentions an agent by address; the address form is unambiguous across languages.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
# A customer writing again reopens a ticket the team considered done or was waiting on.
REOPEN_ON_CUSTOMER_REPLY = frozenset({State.PENDING_REMINDER, State.PENDING_CLOSE, State.SOLVED, State.CLOSED})


def _clean_header_value(value: str, field: str) -> str:
    """Address lists must not smuggle extra header lines into outgoing mail."""
    if "\r" in value or "\n" in value:
        raise ValidationFailed(_("Line breaks are not allowed here."), field_errors={field: _("Line breaks are not allowed.")})
    return value[:MAX_ADDRESS_FIELD]


def add_article(
    actor: User,
    ticket: Ticket,
    *,
    body_text: str,
    body_html: str = "",
    is_internal: bool = False,
    sender_type: str | None = None,
    channel: str | None = None,
    time_spent_minutes: int = 0,
    attachment_ids: list[int] | None = None,
    from_address: str = "",
    to_addresses: str = "",
    cc_addresses: str = "",
    subject: str = "",
    _creating: bool = False,
) -> Article:
    """Append a public reply or internal note, with attachments and @mentions, and move the state on.

    Customers can only write public replies to tickets they own. An agent reply answers a new ticket
    (state open, first response time); a customer reply reopens a pending, solved or closed one.
    """
    if not _creating:
        perms = ticket_permissions(actor, ticket)
        require(perms, "can_note" if is_internal else "can_reply")
    if is_internal and not actor.is_helpdesk_staff:
        raise PermissionDenied(_("Customers cannot write internal notes."))
    if ticket.state == State.MERGED:
        raise ValidationFailed(_("This ticket was merged; write to the ticket it was merged into."))
    body_html = sanitize_html(body_html) if body_html else ""
    body_text = body_text or (html_to_text(body_html) if body_html else "")
    if not body_text.strip() and not attachment_ids:
        raise ValidationFailed(_("A message is required."), field_errors={"body": _("A message is required.")})
    if len(body_text) > MAX_BODY or len(body_html) > MAX_BODY:
        raise ValidationFailed(_("The message is too long."), field_errors={"body": _("At most %(n)s characters.") % {"n": MAX_BODY}})
    if not 0 <= time_spent_minutes <= MAX_TIME_SPENT:
        raise ValidationFailed(
            _("Invalid time spent."), field_errors={"time_spent_minutes": _("Between 0 and %(n)s.") % {"n": MAX_TIME_SPENT}}
        )
    if sender_type is None:
        is_agent_side = staff_access_level(actor, ticket) is not None
        sender_type = SenderType.AGENT if is_agent_side else SenderType.CUSTOMER
    if sender_type == SenderType.CUSTOMER and is_internal:
        raise ValidationFailed(_("A customer message cannot be internal."))
    now = timezone.now()
    with transaction.atomic():
        article = Article.objects.create(
            ticket=ticket,
            is_internal=is_internal,
            sender_type=sender_type,
            author=actor,
            channel=channel or (Channel.AGENT if sender_type == SenderType.AGENT else ticket.channel),
            from_address=_clean_header_value(from_address or actor.email, "from_address"),
            to_addresses=_clean_header_value(to_addresses, "to_addresses"),
            cc_addresses=_clean_header_value(cc_addresses, "cc_addresses"),
            subject=" ".join((subject or ticket.subject).split())[:250],
            body_text=body_text,
            body_html=body_html,
            time_spent_minutes=time_spent_minutes,
            created_at=now,
        )
        _attach_uploads(actor, article, attachment_ids or [])
        record_event(
            ticket,
            actor,
            EventKind.ARTICLE_ADDED,
            data={"article_id": article.pk, "internal": is_internal, "sender": sender_type, "time_spent": time_spent_minutes},
        )
        changed = _advance_state(actor, ticket, sender_type, is_internal, now)
        ticket.article_count = F("article_count") + 1
        ticket.updated_at = now
        ticket.save(update_fields=["article_count", "updated_at", *changed])
        ticket.refresh_from_db(fields=["article_count"])
        if sender_type == SenderType.AGENT and not _creating:
            _handle_mentions(actor, ticket, article)
        if not _creating:
            append_to_document(ticket, body_text)
            tickets_changed([ticket.pk], now)
        announce(ticket)
        publish_on_commit(
            "article.added",
            article_id=article.pk,
            ticket_id=ticket.pk,
            actor_id=actor.pk if actor.pk else None,
            internal=is_internal,
            sender=sender_type,
            creating=_creating,
        )
    return article


def _attach_uploads(actor: User, article: Article, attachment_ids: list[int]) -> None:
    """Claim the actor's own unattached uploads; someone else's upload id is treated as missing."""
    if not attachment_ids:
        return
    ids = sorted(set(attachment_ids))
    claimed = Attachment.objects.filter(pk__in=ids, uploaded_by=actor, article__isnull=True).update(article=article)
    if claimed != len(ids):
        raise ValidationFailed(_("Unknown attachment."), field_errors={"attachment_ids": _("Unknown or already used attachment.")})


def _advance_state(actor: User, ticket: Ticket, sender_type: str, is_internal: bool, now: datetime) -> list[str]:
    """Apply the state consequences of a new message; return the changed field names."""
    changed: list[str] = []
    if sender_type == SenderType.CUSTOMER:
        ticket.last_customer_message_at = now
        changed.append("last_customer_message_at")
        if ticket.state in REOPEN_ON_CUSTOMER_REPLY:
            record_event(
                ticket, actor, EventKind.CHANGED, field="state", old=ticket.state, new=State.OPEN, data={"reason": "customer_reply"}
            )
            ticket.state = State.OPEN
            ticket.pending_until = None
            changed += ["state", "pending_until"]
    elif sender_type == SenderType.AGENT and not is_internal:
        ticket.last_agent_message_at = now
        changed.append("last_agent_message_at")
        if ticket.first_response_at is None and ticket.article_count > 0:
            ticket.first_response_at = now
            changed.append("first_response_at")
        if ticket.state == State.NEW:
            record_event(ticket, actor, EventKind.CHANGED, field="state", old=ticket.state, new=State.OPEN, data={"reason": "agent_reply"})
            ticket.state = State.OPEN
            changed.append("state")
    return changed


def _handle_mentions(actor: User, ticket: Ticket, article: Article) -> None:
    """Mentioned agents who can read the ticket are notified and become watchers; others are ignored."""
    addresses = {m.lower() for m in MENTION.findall(article.body_text)}
    if not addresses:
        return
    for user in User.objects.filter(email__in=list(addresses)[:50], is_active=True):
        if user.pk == actor.pk or staff_access_level(user, ticket) is None:
            continue
        Mention.objects.get_or_create(article=article, user=user)
        TicketWatcher.objects.get_or_create(ticket=ticket, user=user)
        # The text is stored, so it is written in the recipient's language, not the author's.
        with translation.override(user.language or settings.LANGUAGE_CODE):
            text = _("%(actor)s mentioned you on %(number)s") % {"actor": actor.display_name, "number": ticket.display_number}
        notification = Notification.objects.create(user=user, ticket=ticket, kind="mention", text=text[:300])
        transaction.on_commit(partial(send_mention_email.enqueue, notification.pk))
        record_event(ticket, actor, EventKind.MENTIONED, new=user.email, data={"user_id": user.pk, "article_id": article.pk})
