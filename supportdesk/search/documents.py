"""Building and updating ticket search documents. Called by ticket actions inside their transaction."""

from __future__ import annotations

from supportdesk.search.models import TicketSearchDocument
from supportdesk.tickets.models import Article, Ticket

# Bound the document so one enormous thread cannot make indexing or queries slow.
MAX_DOCUMENT_CHARS = 200_000


def _header(ticket: Ticket) -> str:
    customer = ticket.customer
    return "\n".join([str(ticket.number), ticket.subject, customer.full_name, customer.email])


def rebuild_document(ticket: Ticket) -> None:
    """Rewrite a ticket's document from its header and all its articles (after merge, split, rename)."""
    bodies = Article.objects.filter(ticket=ticket).order_by("created_at", "id").values_list("body_text", flat=True)
    content = "\n".join([_header(ticket), *bodies])[:MAX_DOCUMENT_CHARS]
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
