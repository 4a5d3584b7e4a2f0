"""Building outgoing MIME messages: agent replies and acknowledgements.

Everything here is pure composition over rows already in the database: no sending, no writes. The
Message-ID and threading headers come from the stored ArticleEmail / Acknowledgement row, so a
retry composes the very same mail and a receiving server can recognise a duplicate.

Header safety (BAD-INPUTS 43): free text (subject, display names, filenames) is folded onto one
line, so a CR/LF becomes a space and can never start a new header; an address containing CR/LF or
failing validation is refused with UnsafeHeader, so no recipient can be injected.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape, linebreaks

from supportdesk.email_gateway.identity import reply_token
from supportdesk.email_gateway.models import Acknowledgement, ArticleEmail, Mailbox
from supportdesk.portal.status_check import status_url, ticket_secret
from supportdesk.tickets.attachments import blob_path
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Ticket

MAX_QUOTED = 20_000  # characters of the previous message quoted below a reply
MAX_REFERENCES = 20  # Message-IDs kept in References (RFC 5322 allows trimming the middle)
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


class UnsafeHeader(ValueError):
    """An address that would corrupt the header block (CR/LF, or not an address at all)."""


def one_line(value: str) -> str:
    """Free text for a header: every run of whitespace (CR and LF included) becomes one space."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in (value or "")).split())


def checked_address(value: str) -> str:
    """A bare address, validated; CR/LF or anything invalid raises UnsafeHeader."""
    address = (value or "").strip()
    if any(ch in address for ch in "\r\n\0") or not address:
        raise UnsafeHeader(f"invalid address {address[:80]!r}")
    try:
        validate_email(address)
    except ValidationError as exc:
        raise UnsafeHeader(f"invalid address {address[:80]!r}") from exc
    return address


def format_address(name: str, address: str) -> str:
    """'Name <address>' with the name folded to one line (non-ASCII is RFC 2047-encoded on send)."""
    return email.utils.formataddr((one_line(name)[:100], checked_address(address)))


def plus_address(address: str, token: str) -> str:
    """support@example.com + sd-42-abc -> support+sd-42-abc@example.com (the reply address)."""
    local, _, domain = checked_address(address).rpartition("@")
    return f"{local}+{token}@{domain}"


def angle(message_id: str) -> str:
    return f"<{message_id}>"


def sender(mailbox: Mailbox | None) -> tuple[str, str]:
    """(From header, bare address): the mailbox's address, else DEFAULT_FROM_EMAIL."""
    if mailbox is not None:
        return format_address(mailbox.name, mailbox.email_address), checked_address(mailbox.email_address)
    name, address = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    return format_address(name, address), checked_address(address)


def subject_line(ticket: Ticket, subject: str) -> str:
    """'[Ticket#10042] subject', the tag added once even when the subject already carries it."""
    tag = f"[{settings.SUPPORTDESK_MAIL_SUBJECT_TAG}{ticket.display_number}]"
    text = one_line(subject or ticket.subject)
    return text if tag in text else f"{tag} {text}"


def customer_language(ticket: Ticket) -> str:
    """The language the customer reads: their own setting, the ticket's, else the site default."""
    for code in (ticket.customer.language, ticket.language):
        if code and code in LANGUAGE_CODES:
            return code
    return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Recipients:
    to: list[str]
    cc: list[str]


def _html_body(article: Article) -> str:
    """The reply as HTML: the sanitised HTML body when there is one, else the escaped text."""
    return article.body_html or linebreaks(escape(article.body_text))


def previous_public_article(article: Article) -> Article | None:
    """The message this reply answers in the quoted history: the latest public one before it."""
    return (
        Article.objects.filter(ticket_id=article.ticket_id, is_internal=False, created_at__lte=article.created_at)
        .exclude(pk=article.pk)
        .exclude(created_at=article.created_at, id__gt=article.pk)
        .exclude(sender_type=SenderType.SYSTEM)
        .select_related("author")
        .order_by("-created_at", "-id")
        .first()
    )


def _quote_context(article: Article) -> dict[str, str]:
    previous = previous_public_article(article)
    if previous is None:
        return {}
    if previous.author is not None and previous.sender_type != SenderType.CUSTOMER:
        who = previous.author.display_name
    else:
        who = previous.from_address or article.ticket.customer.display_name
    text = previous.body_text[:MAX_QUOTED]
    return {
        "quote_who": one_line(who),
        "quote_when": formats.date_format(timezone.localtime(previous.created_at), "DATETIME_FORMAT"),
        "quote_text": "\n".join(f"> {line}" if line else ">" for line in text.splitlines()),
        "quote_html": previous.body_html[:MAX_QUOTED] if previous.body_html else linebreaks(escape(text)),
    }


def compose_reply(article: Article, record: ArticleEmail, recipients: Recipients) -> EmailMultiAlternatives:
    """The mail of a public agent reply. `record` holds the Message-ID and threading headers."""
    ticket = article.ticket
    from_header, from_address = sender(record.mailbox)
    headers = {"Message-ID": angle(record.message_id)}
    if record.in_reply_to:
        headers["In-Reply-To"] = angle(record.in_reply_to)
    if record.references:
        headers["References"] = " ".join(angle(mid) for mid in record.references.split())
    with translation.override(customer_language(ticket)):
        context = {"article": article, "ticket": ticket, "body_html": _html_body(article), **_quote_context(article)}
        text = render_to_string("email_gateway/reply.txt", context)
        html = render_to_string("email_gateway/reply.html", context)
    message = EmailMultiAlternatives(
        subject=subject_line(ticket, article.subject),
        body=text,
        from_email=from_header,
        to=[checked_address(a) for a in recipients.to],
        cc=[checked_address(a) for a in recipients.cc],
        reply_to=[plus_address(from_address, reply_token(ticket.pk))],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for attachment in article.attachments.order_by("id").select_related("blob"):
        content = blob_path(attachment.blob_id).read_bytes()
        message.attach(one_line(attachment.filename) or "attachment", content, attachment.content_type)
    return message


def portal_link(ticket: Ticket) -> str:
    """The customer's link to the ticket, when the portal is installed (empty otherwise)."""
    try:
        path = reverse("portal-ticket", args=[ticket.number])
    except NoReverseMatch:
        return ""
    return settings.SUPPORTDESK_BASE_URL.rstrip("/") + path


def compose_acknowledgement(ack: Acknowledgement) -> EmailMultiAlternatives:
    """'We received your request #N': marked as an automatic reply so other robots stay silent."""
    ticket = ack.ticket
    from_header, from_address = sender(ack.mailbox)
    with translation.override(ack.language or customer_language(ticket)):
        context = {
            "ticket": ticket,
            "number": ticket.display_number,
            "portal_url": portal_link(ticket),
            "status_secret": ticket_secret(ticket),
            "status_url": status_url(ticket),
        }
        subject = render_to_string("email_gateway/acknowledgement_subject.txt", context)
        text = render_to_string("email_gateway/acknowledgement.txt", context)
        html = render_to_string("email_gateway/acknowledgement.html", context)
    message = EmailMultiAlternatives(
        subject=subject_line(ticket, one_line(subject)),
        body=text,
        from_email=from_header,
        to=[checked_address(ack.recipient)],
        reply_to=[plus_address(from_address, reply_token(ticket.pk))],
        headers={
            "Message-ID": angle(ack.message_id),
            # RFC 3834: an automatic answer; autoresponders must not answer it (loop guard).
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "Precedence": "bulk",
            **_answering(ticket),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _answering(ticket: Ticket) -> dict[str, str]:
    """Threading headers pointing at the customer's first mail, so the acknowledgement sits in the
    customer's own thread instead of starting a new one."""
    first = (
        ArticleEmail.objects.filter(article__ticket=ticket, is_outbound=False)
        .order_by("article__created_at", "article_id")
        .values_list("message_id", flat=True)
        .first()
    )
    return {"In-Reply-To": angle(first), "References": angle(first)} if first else {}
