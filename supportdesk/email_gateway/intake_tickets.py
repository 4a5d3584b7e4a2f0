"""Turning an accepted inbound mail into a ticket or a reply, through the ticket actions.

Mail is always an external message: whoever the From address belongs to (a customer, a Cc
participant, even an agent), the article is written with the customer sender type, so a forged
agent From can never produce an agent reply that goes out to the customer (BAD-INPUTS 11).
Reply-To gives no privilege: identity is the From address only (BAD-INPUTS 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.utils.translation import gettext as _

from supportdesk.accounts.actions import get_or_create_customer
from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import ValidationFailed
from supportdesk.email_gateway.models import ArticleEmail, InboundMessage, ParticipantRole
from supportdesk.email_gateway.parsing import Address, ParsedMail
from supportdesk.email_gateway.participants import add_participants
from supportdesk.search.documents import append_to_document
from supportdesk.tickets.access import ticket_permissions
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.choices import Channel, EventKind, SenderType
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Article, Attachment, Ticket

MAX_ADDRESS_FIELD = 5_000
# "---------- Forwarded message ---------" (Gmail), "-------- Weitergeleitete Nachricht --------"
# (Thunderbird de), "-----Original Message-----" (Outlook) and their kin.
FORWARD_MARKER = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|weitergeleitete nachricht|original message|urspr\u00fcngliche nachricht)\s*-*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
FORWARD_FROM = re.compile(r"^\s*\*?(?:from|von)\s*:\*?\s*(.+)$", re.IGNORECASE | re.MULTILINE)
# The forwarded header block is short; do not scan a whole novel for a From: line.
FORWARD_SCAN_CHARS = 2_000


@dataclass(frozen=True)
class NewTicketOutcome:
    ticket: Ticket
    article: Article
    reason: str


def _address_list(addresses: list[Address]) -> str:
    """'Name <a@b>, c@d' for an article's To/Cc, on one line and bounded."""
    parts = []
    for address in addresses:
        name = " ".join(address.name.replace('"', "").split())
        parts.append(f'"{name}" <{address.email}>' if name else address.email)
    return ", ".join(parts).replace("\r", " ").replace("\n", " ")[:MAX_ADDRESS_FIELD]


def forwarded_sender(parsed: ParsedMail) -> Address | None:
    """The original sender of a mail forwarded into the mailbox, from the forward's header block."""
    marker = FORWARD_MARKER.search(parsed.text or "")
    if marker is None:
        return None
    block = parsed.text[marker.end() : marker.end() + FORWARD_SCAN_CHARS]
    line = FORWARD_FROM.search(block)
    if line is None:
        return None
    name, email = parseaddr(line.group(1).replace("[mailto:", "<").replace("]", ">"))
    email = email.strip().lower()
    if "@" not in email or email == parsed.from_address.email:
        return None
    return Address(name=" ".join(name.split())[:200], email=email[:254])


def _sender_user(address: Address) -> User:
    if not address.email:
        raise ValidationFailed(_("The mail has no valid sender address."))
    return get_or_create_customer(address.email, full_name=address.name)


def _store_attachments(parsed: ParsedMail, uploader: User) -> list[int]:
    """Store every attachment as an upload of the sender; inline images keep their Content-ID."""
    ids = []
    for part in parsed.attachments:
        attachment = create_attachment(
            chunks=[part.data], filename=part.filename, content_type=part.content_type, uploaded_by_id=uploader.pk
        )
        if part.content_id:
            Attachment.objects.filter(pk=attachment.pk).update(content_id=part.content_id[:255])
        ids.append(attachment.pk)
    return ids


def _body(parsed: ParsedMail) -> str:
    text = parsed.text or ""
    if not text.strip() and not parsed.html.strip():
        return _("(This mail has no text.)")
    return text


def _record_mail(inbound: InboundMessage, parsed: ParsedMail, article: Article) -> None:
    ArticleEmail.objects.create(
        article=article,
        mailbox=inbound.mailbox,
        message_id=parsed.message_id,
        in_reply_to=(parsed.in_reply_to[0] if parsed.in_reply_to else "")[:998],
        references=" ".join(parsed.references),
        inbound=inbound,
        is_outbound=False,
    )


def _route(ticket: Ticket, group: Group) -> None:
    """Put a new mail ticket into its mailbox's group. create_ticket places a customer's ticket in the
    default group; the mailbox decides instead, recorded as a system change."""
    if ticket.group_id == group.pk:
        return
    record_event(ticket, None, EventKind.CHANGED, field="group", old=ticket.group.name, new=group.name, data={"reason": "mailbox"})
    ticket.group = group
    ticket.save(update_fields=["group"])
    announce(ticket)


def open_ticket(inbound: InboundMessage, parsed: ParsedMail) -> NewTicketOutcome:
    """A new ticket for the From address (or for the original sender of an agent's forward)."""
    sender = _sender_user(parsed.from_address)
    reason = "new ticket"
    forwarder: User | None = None
    if sender.is_helpdesk_staff:
        original = forwarded_sender(parsed)
        if original is not None:
            forwarder, sender = sender, _sender_user(original)
            reason = "new ticket (forwarded by an agent)"
    subject = parsed.subject.strip() or _("(no subject)")
    ticket = create_ticket(
        sender,
        NewTicket(
            subject=subject,
            body=_body(parsed),
            body_html=parsed.html,
            customer_email=sender.email,
            customer_name=sender.full_name,
            channel=Channel.EMAIL,
            attachment_ids=_store_attachments(parsed, sender),
        ),
    )
    if inbound.mailbox is not None:
        # Without a mailbox there is nothing to route: create_ticket already put the ticket in
        # default_group() (no group_id is passed), in this same transaction.
        _route(ticket, inbound.mailbox.group)
    article = Article.objects.filter(ticket=ticket).order_by("id").first()
    assert article is not None  # create_ticket always writes the first article
    Article.objects.filter(pk=article.pk).update(to_addresses=_address_list(parsed.to), cc_addresses=_address_list(parsed.cc))
    _record_mail(inbound, parsed, article)
    add_participants(ticket, [a.email for a in parsed.cc])
    if forwarder is not None:
        add_participants(ticket, [forwarder.email], role=ParticipantRole.FORWARDER)
    return NewTicketOutcome(ticket=ticket, article=article, reason=reason)


def append_reply(inbound: InboundMessage, parsed: ParsedMail, ticket: Ticket) -> Article:
    """Add a mail from a participant to its ticket as an external (customer-side) public message.

    The sender may be a Cc participant without portal access to the ticket; the participant check
    in intake already decided they may join, so the article is added as part of the system's mail
    intake rather than through the sender's own reply permission.
    """
    sender = _sender_user(parsed.from_address)
    may_reply = ticket_permissions(sender, ticket).can_reply
    body = _body(parsed)
    article = add_article(
        sender,
        ticket,
        body_text=body,
        body_html=parsed.html,
        is_internal=False,
        sender_type=SenderType.CUSTOMER,
        channel=Channel.EMAIL,
        attachment_ids=_store_attachments(parsed, sender),
        from_address=sender.email,
        to_addresses=_address_list(parsed.to),
        cc_addresses=_address_list(parsed.cc),
        subject=parsed.subject,
        _creating=not may_reply,
    )
    if not may_reply:
        append_to_document(ticket, article.body_text)  # add_article skips this for the first article only
    _record_mail(inbound, parsed, article)
    add_participants(ticket, [a.email for a in parsed.cc])
    return article
