"""Creating tickets from any channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.actions import clean_name, default_group, get_or_create_customer
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.events import publish_on_commit
from supportdesk.core.models import next_sequence_value
from supportdesk.search.documents import rebuild_document
from supportdesk.tickets.access import writable_group
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.actions.articles import add_article
from supportdesk.tickets.actions.tags import add_tags
from supportdesk.tickets.choices import Channel, EventKind, Priority, SenderType, State
from supportdesk.tickets.custom_fields import clean_custom_fields
from supportdesk.tickets.history import record_event
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Ticket

MAX_SUBJECT = 250


@dataclass
class NewTicket:
    """What a channel knows about a new inquiry. `customer_email` finds or creates the customer."""

    subject: str
    body: str
    customer_email: str = ""
    customer_name: str = ""
    body_html: str = ""
    group_id: int | None = None
    priority: str = Priority.NORMAL
    channel: str = Channel.WEB
    language: str = ""
    owner_id: int | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    attachment_ids: list[int] = field(default_factory=list)
    # Staff recording a phone call write the customer's words; staff starting an outbound
    # conversation write their own.
    first_article_from_customer: bool = True


def clean_subject(subject: str) -> str:
    """One line, no control characters, bounded; an empty subject is refused."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in (subject or "")).split())
    if not text:
        raise ValidationFailed(_("A subject is required."), field_errors={"subject": _("A subject is required.")})
    return text[:MAX_SUBJECT]


def _resolve_group(actor: User, group_id: int | None) -> Group:
    """Staff choose a group they may write to; everything else lands in the default group."""
    if group_id is None or not actor.is_helpdesk_staff:
        return default_group()
    return writable_group(actor, group_id)


def create_ticket(actor: User, data: NewTicket) -> Ticket:
    """Create a ticket with its first article. Customers always create for themselves.

    Staff need write access to the target group; customers' tickets go to the default group with
    normal priority whatever they ask for (routing and AI triage decide later).
    """
    subject = clean_subject(data.subject)
    if not (data.body or "").strip() and not data.body_html.strip():
        raise ValidationFailed(_("A message is required."), field_errors={"body": _("A message is required.")})
    if data.priority not in Priority.values:
        raise ValidationFailed(_("Unknown priority."), field_errors={"priority": _("Unknown priority.")})
    if data.channel not in Channel.values:
        raise ValidationFailed(_("Unknown channel."), field_errors={"channel": _("Unknown channel.")})
    is_staff = actor.is_helpdesk_staff
    with transaction.atomic():
        if is_staff:
            if not data.customer_email:
                raise ValidationFailed(
                    _("A customer is required."), field_errors={"customer_email": _("A customer e-mail address is required.")}
                )
            customer = get_or_create_customer(data.customer_email, full_name=clean_name(data.customer_name))
        else:
            customer = actor
        group = _resolve_group(actor, data.group_id)
        custom = clean_custom_fields({}, data.custom_fields, state=State.NEW) if data.custom_fields else {}
        now = timezone.now()
        ticket = Ticket.objects.create(
            number=next_sequence_value("ticket_number", start=settings.SUPPORTDESK_TICKET_NUMBER_START),
            subject=subject,
            state=State.NEW,
            priority=data.priority if is_staff else Priority.NORMAL,
            group=group,
            customer=customer,
            organization=customer.organizations.order_by("id").first(),
            channel=data.channel,
            language=(data.language or "")[:8],
            custom_fields=custom,
            created_at=now,
            updated_at=now,
        )
        record_event(ticket, actor, EventKind.CREATED, data={"channel": ticket.channel, "group": group.name})
        from_customer = not is_staff or data.first_article_from_customer
        add_article(
            actor,
            ticket,
            body_text=data.body,
            body_html=data.body_html,
            is_internal=False,
            sender_type=SenderType.CUSTOMER if from_customer else SenderType.AGENT,
            channel=data.channel,
            attachment_ids=data.attachment_ids,
            from_address=customer.email if from_customer else actor.email,
            to_addresses="" if from_customer else customer.email,
            subject=subject,
            _creating=True,
        )
        if data.tags and is_staff:
            add_tags(actor, ticket, data.tags)
        if data.owner_id is not None and is_staff:
            from supportdesk.tickets.actions.update import update_ticket

            update_ticket(actor, ticket, {"owner_id": data.owner_id})
        rebuild_document(ticket)  # once, with the first message in it
        tickets_changed([ticket.pk], now)
        announce(ticket)
        publish_on_commit("ticket.created", ticket_id=ticket.pk, actor_id=actor.pk, channel=ticket.channel)
    return ticket
