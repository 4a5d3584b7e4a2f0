"""Building and updating ticket search documents. Called by ticket actions inside their transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from supportdesk.search.models import TicketSearchDocument
from supportdesk.tickets.models import Article, Ticket

# Bound the document so one enormous thread cannot make indexing or queries slow.
MAX_DOCUMENT_CHARS = 200_000
# A document starts with this many header lines (see header_text), then the article bodies.
HEADER_LINES = 5


def header_text(number: int, subject: str, full_name: str, email: str) -> str:
    """The searchable head of a document: number, subject, customer name and address.

    The address is added once whole and once split at '@' and '.', because PostgreSQL's parser
    indexes an address as one token: the split copy lets "carla" or "customer" find it too.
    """
    email_words = email.replace("@", " ").replace(".", " ")
    # One line each, so document_body can find where the articles begin.
    fields = [str(number), subject, full_name, email, email_words]
    return "\n".join(" ".join(field.split()) for field in fields)


def document_body(content: str) -> str:
    """The article text of a document, without its header: what a result snippet should quote."""
    parts = content.split("\n", HEADER_LINES)
    return parts[HEADER_LINES] if len(parts) > HEADER_LINES else ""


def document_header(ticket: Ticket) -> str:
    """header_text of a ticket (its customer must be loaded or loadable)."""
    customer = ticket.customer
    return header_text(ticket.number, ticket.subject, customer.full_name, customer.email)


def rebuild_document(ticket: Ticket) -> None:
    """Rewrite a ticket's document from its header and all its articles (after merge, split, rename)."""
    bodies = Article.objects.filter(ticket=ticket).order_by("created_at", "id").values_list("body_text", flat=True)
    content = "\n".join([document_header(ticket), *bodies])[:MAX_DOCUMENT_CHARS]
    TicketSearchDocument.objects.update_or_create(ticket=ticket, defaults={"content": content})


def append_to_document(ticket: Ticket, text: str) -> None:
    """Add one article's text; cheaper than a rebuild for the common case of a new reply."""
    document = TicketSearchDocument.objects.filter(ticket=ticket).first()
    if document is None:
        rebuild_document(ticket)
        return
    if len(document.content) >= MAX_DOCUMENT_CHARS:
        return
    document.content = (document.content + "\n" + text)[:MAX_DOCUMENT_CHARS]
    document.save(update_fields=["content"])


def rebuild_documents(ticket_ids: list[int]) -> int:
    """Rewrite the documents of a batch of tickets in a few queries (for reindexing); returns the count.

    Same content as rebuild_document, built from two reads instead of two per ticket.
    """
    headers = Ticket.objects.filter(pk__in=ticket_ids).values_list("pk", "number", "subject", "customer__full_name", "customer__email")
    contents = {pk: [header_text(number, subject, name, email)] for pk, number, subject, name, email in headers}
    bodies = Article.objects.filter(ticket_id__in=list(contents)).order_by("ticket_id", "created_at", "id")
    for ticket_id, body in bodies.values_list("ticket_id", "body_text").iterator(chunk_size=5000):
        contents[ticket_id].append(body)
    with transaction.atomic():
        TicketSearchDocument.objects.filter(ticket_id__in=list(contents)).delete()
        TicketSearchDocument.objects.bulk_create(
            [TicketSearchDocument(ticket_id=pk, content="\n".join(parts)[:MAX_DOCUMENT_CHARS]) for pk, parts in contents.items()],
            batch_size=1000,
        )
    return len(contents)


def reindex_all(*, batch_size: int = 2000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every ticket's document in id order, one transaction per batch; returns the count.

    Keyset iteration over ids keeps memory flat however many tickets there are; `progress` is
    called with (done, total) after each batch.
    """
    total = Ticket.objects.count()
    done = 0
    last_id = 0
    while True:
        ids = list(Ticket.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return done
        done += rebuild_documents(ids)
        last_id = ids[-1]
        if progress is not None:
            progress(done, total)
