"""parse_message: raw bytes -> ParsedMail with the stdlib `email` package (policy.default).

Baseline implementation; hardening (charsets in the wild, TNEF, DSN, limits, quotes) lives in the
sibling modules as they grow. It must never raise anything but ParseError.
"""

from __future__ import annotations

import hashlib
from datetime import UTC
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from supportdesk.core.html import html_to_text, sanitize_html
from supportdesk.email_gateway.identity import normalize_message_id
from supportdesk.email_gateway.parsing.types import Address, ParsedAttachment, ParsedMail, ParseError, ParseLimits
from supportdesk.tickets.attachments import clean_filename

DEFAULT_LIMITS = ParseLimits()


def _addresses(values: list[str], limit: int) -> list[Address]:
    pairs = getaddresses([v[:10_000] for v in values])[:limit]
    return [Address(name=" ".join(name.split())[:200], email=addr.strip().lower()[:254]) for name, addr in pairs if addr or name]


def _ids(value: str) -> list[str]:
    return [normalize_message_id(part) for part in value.replace(",", " ").split() if "@" in part][:100]


def parse_message(raw: bytes, *, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedMail:
    if len(raw) > limits.max_message_bytes:
        raise ParseError(f"message larger than {limits.max_message_bytes} bytes")
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        return _build(message, raw, limits)
    except ParseError:
        raise
    except Exception as exc:  # the stdlib raises many kinds on broken mail; all mean quarantine
        raise ParseError(f"{type(exc).__name__}: {exc}"[:500]) from exc


def _header(message: EmailMessage, name: str, limits: ParseLimits) -> str:
    value = message.get(name)
    return " ".join(str(value).split())[: limits.max_header_chars] if value is not None else ""


def _build(message: EmailMessage, raw: bytes, limits: ParseLimits) -> ParsedMail:
    message_id = normalize_message_id(_header(message, "Message-ID", limits))
    missing = not message_id
    if missing:
        message_id = "synthetic." + hashlib.sha256(raw).hexdigest()[:32] + "@missing-message-id.invalid"
    date = None
    if message.get("Date"):
        try:
            date = parsedate_to_datetime(_header(message, "Date", limits)).astimezone(UTC)
        except (TypeError, ValueError):
            date = None
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    html = sanitize_html(html_part.get_content()[: limits.max_body_chars]) if html_part is not None else ""
    text = text_part.get_content()[: limits.max_body_chars] if text_part is not None else html_to_text(html)
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        attachments.append(
            ParsedAttachment(
                filename=clean_filename(part.get_filename() or ""),
                content_type=part.get_content_type(),
                data=data[: limits.max_attachment_bytes],
                content_id=normalize_message_id(str(part.get("Content-ID", ""))),
                inline=part.get_content_disposition() == "inline",
            )
        )
    from_list = _addresses([_header(message, "From", limits)], 1)
    return ParsedMail(
        message_id=message_id,
        message_id_was_missing=missing,
        in_reply_to=_ids(_header(message, "In-Reply-To", limits)),
        references=_ids(_header(message, "References", limits)),
        subject=_header(message, "Subject", limits)[: limits.max_subject_chars],
        from_address=from_list[0] if from_list else Address("", ""),
        reply_to=_addresses([_header(message, "Reply-To", limits)], limits.max_recipients),
        to=_addresses([_header(message, "To", limits)], limits.max_recipients),
        cc=_addresses([_header(message, "Cc", limits)], limits.max_recipients),
        date=date,
        text=text,
        html=html,
        attachments=attachments[: limits.max_attachments],
    )
