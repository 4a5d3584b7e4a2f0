"""Channel intake: tickets and customer messages arriving from a channel (mail today), many at once.

A channel (the mail gateway) has already decided who wrote each message and which ticket it
belongs to; these functions write the ticket side with the same effects as create_ticket and
add_article for an external message (ticket, article, attachments, events, search document, state
change, after-commit announcements), but for a whole batch in a fixed number of queries. Import of
a large mailbox is bound by this path, so it writes many rows per statement (core.bulk) instead of one
row at a time.

There is no permission check here: the caller is the system acting for the channel, and the
sender's rights were settled by the channel's own rules (participants, loop guards).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.core.bulk import create_objects, insert_rows, new_objects, update_rows
from supportdesk.core.events import publish_on_commit, published_together
from supportdesk.core.models import reserve_sequence_values
from supportdesk.search.documents import MAX_DOCUMENT_CHARS, document_header, rebuild_document
from supportdesk.search.models import TicketSearchDocument
from supportdesk.tickets.actions._common import announce
from supportdesk.tickets.actions.articles import MAX_ADDRESS_FIELD, REOPEN_ON_CUSTOMER_REPLY
from supportdesk.tickets.actions.create import clean_subject
from supportdesk.tickets.attachments import clean_filename, guess_content_type, store_blobs
from supportdesk.tickets.choices import EventKind, Priority, SenderType, State
from supportdesk.tickets.hooks import tickets_changed
from supportdesk.tickets.models import Article, Attachment, Blob, Ticket, TicketEvent

EVENT_COLUMNS = ("ticket", "actor", "kind", "field", "old_value", "new_value", "data", "created_at")


@dataclass(frozen=True)
class IncomingFile:
    """An attachment as the channel received it; stored under its hash, shown under a cleaned name."""

    filename: str
    content_type: str
    data: bytes
    content_id: str = ""


@dataclass
class IncomingMessage:
    """One external (customer-side) public message. `body_html` must already be sanitised."""

    author: User
    body_text: str
    channel: str
    body_html: str = ""
    from_address: str = ""
    to_addresses: str = ""
    cc_addresses: str = ""
    subject: str = ""
    files: list[IncomingFile] = field(default_factory=list)
    # Filled in by write_incoming: the stored article.
    article: Article | None = None


@dataclass
class IncomingTicket:
    """A new ticket opened by a channel; `ticket` is filled in (saved) by write_incoming."""

    customer: User
    group: Group
    subject: str
    channel: str
    first: IncomingMessage
    organization_id: int | None = None
    language: str = ""
    ticket: Ticket | None = None


@dataclass
class IncomingReply:
    """A message for a ticket: an existing one, or one opened earlier in the same batch."""

    message: IncomingMessage
    ticket: Ticket | None = None
    new_ticket: IncomingTicket | None = None

    def target(self) -> Ticket:
        ticket = self.ticket if self.ticket is not None else (self.new_ticket.ticket if self.new_ticket else None)
        if ticket is None:
            raise ValueError("a reply needs a ticket")
        return ticket


@dataclass
class _Touched:
    """What a batch does to one ticket: messages added, and whether a customer message reopened it."""

    ticket: Ticket
    is_new: bool
    texts: list[str] = field(default_factory=list)
    reopened_from: str = ""
    actor_id: int | None = None  # who wrote the first message of the batch to it (the reopen's actor)


def write_incoming(new_tickets: list[IncomingTicket], replies: list[IncomingReply], *, now: datetime | None = None) -> None:
    """Write new tickets with their first messages, then replies in order, in one transaction.

    Fills in IncomingTicket.ticket and IncomingMessage.article. Effects match create_ticket +
    add_article for external messages: state NEW for new tickets; a customer message reopens a
    pending, solved or closed ticket (with a state event); article_count, updated_at and
    last_customer_message_at follow; search documents hold every message's text.
    """
    if not new_tickets and not replies:
        return
    now = now or timezone.now()
    with transaction.atomic():
        # Attachment files first: their sync then flushes little besides them (not yet the pages
        # this batch's inserts write to the database's journal).
        files = [
            (message, file)
            for message in [*(item.first for item in new_tickets), *(reply.message for reply in replies)]
            for file in message.files
        ]
        blobs = store_blobs([file.data for _message, file in files]) if files else []
        counts = Counter(id(reply.new_ticket) for reply in replies if reply.new_ticket is not None)
        _create_tickets(new_tickets, now, counts)
        touched: dict[int, _Touched] = {}
        for item in new_tickets:
            assert item.ticket is not None
            touched[item.ticket.pk] = _Touched(item.ticket, is_new=True, texts=[item.first.body_text])
        messages: list[tuple[Ticket, IncomingMessage]] = [(item.ticket, item.first) for item in new_tickets if item.ticket]
        for reply in replies:
            ticket = reply.target()
            entry = touched.setdefault(ticket.pk, _Touched(ticket, is_new=False, actor_id=reply.message.author.pk))
            entry.texts.append(reply.message.body_text)
            messages.append((ticket, reply.message))
        _create_articles(messages, now)
        _create_attachments(files, blobs, now)
        events: list[tuple[object, ...]] = [
            (item.ticket.pk, item.customer.pk, EventKind.CREATED, "", None, None, {"channel": item.channel, "group": item.group.name}, now)
            for item in new_tickets
            if item.ticket is not None
        ]
        for ticket, message in messages:
            assert message.article is not None
            data = {"article_id": message.article.pk, "internal": False, "sender": SenderType.CUSTOMER, "time_spent": 0}
            events.append((ticket.pk, message.author.pk, EventKind.ARTICLE_ADDED, "", None, None, data, now))
        for entry in touched.values():
            if not entry.is_new and entry.ticket.state in REOPEN_ON_CUSTOMER_REPLY:
                entry.reopened_from = entry.ticket.state
                data = {"reason": "customer_reply"}
                events.append((entry.ticket.pk, entry.actor_id, EventKind.CHANGED, "state", entry.reopened_from, State.OPEN, data, now))
        insert_rows(TicketEvent, EVENT_COLUMNS, events)
        _update_existing([entry for entry in touched.values() if not entry.is_new], now)
        _write_documents(touched)
        tickets_changed(touched, now)
        # One delivery for the whole batch: automation reads its configuration once, not per mail.
        with published_together():
            for entry in touched.values():
                announce(entry.ticket)
            creating = {id(item.first) for item in new_tickets}
            for item in new_tickets:
                assert item.ticket is not None
                publish_on_commit("ticket.created", ticket_id=item.ticket.pk, actor_id=item.customer.pk, channel=item.channel)
            for ticket, message in messages:
                assert message.article is not None
                publish_on_commit(
                    "article.added",
                    article_id=message.article.pk,
                    ticket_id=ticket.pk,
                    actor_id=message.author.pk,
                    internal=False,
                    sender=SenderType.CUSTOMER,
                    creating=id(message) in creating,
                )


def _create_tickets(items: list[IncomingTicket], now: datetime, replies: Counter[int]) -> None:
    """Tickets complete in one INSERT: numbers reserved together, article_count already final."""
    if not items:
        return
    first_number = reserve_sequence_values("ticket_number", len(items), start=settings.SUPPORTDESK_TICKET_NUMBER_START)
    tickets = new_objects(
        Ticket,
        (
            {
                "number": first_number + index,
                "subject": clean_subject(item.subject),
                "state": State.NEW,
                "priority": Priority.NORMAL,
                "group": item.group,
                "customer": item.customer,
                "organization_id": item.organization_id,
                "channel": item.channel,
                "language": (item.language or "")[:8],
                "created_at": now,
                "updated_at": now,
                "last_customer_message_at": now,
                "article_count": 1 + replies[id(item)],
            }
            for index, item in enumerate(items)
        ),
    )
    create_objects(tickets)
    for item, ticket in zip(items, tickets, strict=True):
        item.ticket = ticket


def _create_articles(messages: list[tuple[Ticket, IncomingMessage]], now: datetime) -> None:
    articles = new_objects(
        Article,
        (
            {
                "ticket": ticket,
                "is_internal": False,
                "sender_type": SenderType.CUSTOMER,
                "author": message.author,
                "channel": message.channel,
                "from_address": _one_line(message.from_address or message.author.email),
                "to_addresses": _one_line(message.to_addresses),
                "cc_addresses": _one_line(message.cc_addresses),
                "subject": " ".join((message.subject or ticket.subject).split())[:250],
                "body_text": message.body_text,
                "body_html": message.body_html,
                "created_at": now,
            }
            for ticket, message in messages
        ),
    )
    create_objects(articles)
    for (_ticket, message), article in zip(messages, articles, strict=True):
        message.article = article


def _create_attachments(files: list[tuple[IncomingMessage, IncomingFile]], blobs: list[Blob], now: datetime) -> None:
    """Attachment rows for files stored (and made durable) before any row of the batch was written."""
    rows = []
    for (message, file), blob in zip(files, blobs, strict=True):
        assert message.article is not None
        name = clean_filename(file.filename)
        content_type = guess_content_type(name, file.content_type)
        rows.append((message.article.pk, blob.sha256, name, content_type, blob.size, file.content_id[:255], message.author.pk, now))
    insert_rows(Attachment, ("article", "blob", "filename", "content_type", "size", "content_id", "uploaded_by", "created_at"), rows)


def _one_line(value: str) -> str:
    """Address fields never carry line breaks into outgoing mail headers."""
    return value.replace("\r", " ").replace("\n", " ")[:MAX_ADDRESS_FIELD]


def _update_existing(entries: list[_Touched], now: datetime) -> None:
    """New tickets were written complete; existing ones get their counters and times. The count is
    incremented in the database (a concurrent agent reply is not lost), with one UPDATE per
    distinct (increment, reopened) pair rather than one per ticket."""
    groups: defaultdict[tuple[int, bool], list[int]] = defaultdict(list)
    for entry in entries:
        ticket = entry.ticket
        groups[(len(entry.texts), bool(entry.reopened_from))].append(ticket.pk)
        ticket.article_count += len(entry.texts)
        ticket.updated_at = ticket.last_customer_message_at = now
        if entry.reopened_from:
            ticket.state, ticket.pending_until = State.OPEN, None
    for (added, reopened), ids in groups.items():
        changes: dict[str, object] = {"updated_at": now, "last_customer_message_at": now}
        if reopened:
            changes.update(state=State.OPEN, pending_until=None)
        Ticket.objects.filter(pk__in=ids).update(article_count=F("article_count") + added, **changes)


def _write_documents(touched: dict[int, _Touched]) -> None:
    """New tickets get their whole document; existing ones get the new texts appended."""
    new = [entry for entry in touched.values() if entry.is_new]
    insert_rows(
        TicketSearchDocument,
        ("ticket", "content"),
        [(entry.ticket.pk, "\n".join([document_header(entry.ticket), *entry.texts])[:MAX_DOCUMENT_CHARS]) for entry in new],
    )
    existing = {pk: entry for pk, entry in touched.items() if not entry.is_new}
    if not existing:
        return
    documents = {doc.ticket_id: doc for doc in TicketSearchDocument.objects.filter(ticket_id__in=list(existing))}
    missing = [entry for pk, entry in existing.items() if pk not in documents]
    for entry in missing:  # a ticket from before search existed: rebuild it whole (articles are written)
        rebuild_document(entry.ticket)
    changed = []
    for pk, document in documents.items():
        if len(document.content) >= MAX_DOCUMENT_CHARS:
            continue
        document.content = "\n".join([document.content, *existing[pk].texts])[:MAX_DOCUMENT_CHARS]
        changed.append(document)
    update_rows(changed, ["content"])
