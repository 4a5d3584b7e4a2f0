"""The language of a ticket's acknowledgement: the customer's, the mail's, or the mailbox's.

In order: the customer's saved language (their own choice wins); the Content-Language header of
the mail that opened the ticket (RFC 3282), when it names one of settings.LANGUAGES; the mailbox's
language; the site's LANGUAGE_CODE. A new customer has no saved language, so without the later
steps every first acknowledgement would be English.
"""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.policy import compat32

from django.conf import settings

from supportdesk.email_gateway.intake_raw import read_raw
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.tickets.models import Ticket

HEADER_BYTES = 64 * 1024  # Content-Language sits in the header block; a header bomb is cut here
MAX_TAGS = 10


def site_languages() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


def content_language(value: str) -> str:
    """The first language of a Content-Language value ("de-AT, en") that the site offers, else ''.

    A tag matches as a whole ("pt-br" when offered) or by its primary subtag ("de-AT" -> "de").
    """
    offered = site_languages()
    for tag in value.split(",")[:MAX_TAGS]:
        tag = tag.split(";")[0].strip().lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate and candidate in offered:
                return candidate
    return ""


def header_block(raw: bytes) -> bytes:
    """The header block of a raw mail (up to the first empty line), bounded by HEADER_BYTES."""
    head = raw[:HEADER_BYTES]
    ends = [i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0]
    return head[: min(ends)] if ends else head


def mail_language(raw: bytes) -> str:
    """The offered language the mail's Content-Language header names, else ''."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(header_block(raw))
    value = headers.get("Content-Language")
    return content_language(str(value)) if value else ""


def _opening_mail_language(ticket: Ticket) -> str:
    rows = InboundMessage.objects.filter(ticket=ticket).order_by("received_at", "id")
    first = rows.only("raw_id", "raw_pack", "raw_offset", "size").first()
    if first is None:
        return ""
    try:
        return mail_language(read_raw(first, limit=HEADER_BYTES))
    except OSError:
        return ""  # the raw copy is unreadable: fall back to the mailbox's language


def acknowledgement_language(ticket: Ticket, mailbox: Mailbox | None) -> str:
    """The language to acknowledge `ticket` in (see the module docstring for the order)."""
    offered = site_languages()
    saved = ticket.customer.language
    if saved and saved in offered:
        return saved
    from_mail = _opening_mail_language(ticket)
    if from_mail:
        return from_mail
    if mailbox is not None and mailbox.language in offered:
        return mailbox.language
    return str(settings.LANGUAGE_CODE)
