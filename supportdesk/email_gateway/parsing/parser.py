"""parse_message: raw bytes -> ParsedMail, for any mail found in the wild.

The stdlib `email` package (compat32 policy: raw header strings, no eager header parsing) reads
the MIME structure; everything that meets untrusted text is ours and bounded: header decoding and
address lists (headers.py, linear), charsets (charsets.py, never raising), the part walk
(mime.py, limits), winmail.dat (tnef.py), classification (classify.py) and bounces (bounces.py).
It raises only ParseError, whose reason is shown in the quarantine list (BAD-INPUTS 16-22).
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from email.policy import Compat32
from email.utils import parsedate_to_datetime

from supportdesk.core.html import html_to_text, sanitize_html
from supportdesk.email_gateway.identity import normalize_message_id
from supportdesk.email_gateway.parsing.bounces import delivery_report
from supportdesk.email_gateway.parsing.classify import auto_submitted_reason
from supportdesk.email_gateway.parsing.headers import clean_header, parse_addresses
from supportdesk.email_gateway.parsing.mime import Walker
from supportdesk.email_gateway.parsing.types import Address, ParsedMail, ParseError, ParseLimits

DEFAULT_LIMITS = ParseLimits()
MAX_HEADERS_KEPT = 100
MAX_HEADER_VALUE_KEPT = 2000
_BOUNDARY = re.compile(rb"boundary\s*=", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,200}:|^[ \t]")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class _RawHeaders(Compat32):
    """compat32, but header values come back as the raw str (8-bit bytes as surrogate escapes).

    The stock policy wraps 8-bit headers in a Header object whose str() turns them into U+FFFD;
    we decode them ourselves with the body's charset as the hint (charsets.recover_surrogates).
    """

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]
        return value


_POLICY = _RawHeaders()


def repair_header_block(raw: bytes) -> bytes:
    """Mend header blocks that real mailers break, before the stdlib parser gives up on them.

    Lines before the first header (an mbox "From " line, "---- Original email message ----") are
    dropped, and a non-header line inside the block is taken as a continuation of the previous
    header, not as the start of the body (Zammad mail054, mail068). Linear in the header size.
    """
    end = _HEADER_END.search(raw)
    head, rest = (raw[: end.start()], raw[end.start() :]) if end else (raw, b"")
    lines = head.split(b"\n")
    if all(_HEADER_LINE.match(line) for line in lines):
        return raw
    fixed: list[bytes] = []
    for line in lines:
        if _HEADER_LINE.match(line):
            fixed.append(line)
        elif fixed and line.strip():
            fixed.append(b" " + line)
    return b"\n".join(fixed) + rest


_ANGLE_ID = re.compile(r"<([^<>\s]{1,990})>")
_BARE_ID = re.compile(r"[^\s<>,;\"']+@[^\s<>,;\"']+")


def parse_message(raw: bytes, *, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedMail:
    """Parse one raw message; raise ParseError (never anything else) when it must be quarantined."""
    if len(raw) > limits.max_message_bytes:
        raise ParseError(f"message larger than {limits.max_message_bytes} bytes")
    # The stdlib parser recurses once per nested multipart; counting boundary declarations first
    # keeps a 1,000-deep bomb from ever reaching it.
    if len(_BOUNDARY.findall(raw)) > limits.max_parts:
        raise ParseError(f"more than {limits.max_parts} MIME parts")
    try:
        message = message_from_bytes(repair_header_block(raw), policy=_POLICY)
        return _build(message, raw, limits)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"MIME parts nested deeper than {limits.max_depth}") from exc
    except Exception as exc:  # the stdlib raises many kinds on broken mail; all mean quarantine
        raise ParseError(f"{type(exc).__name__}: {exc}"[:500]) from exc


def _ids(value: str, limit: int = 100) -> list[str]:
    """Message-IDs of In-Reply-To/References: '<a@b>' tokens, or bare 'a@b' from sloppy mailers."""
    found = _ANGLE_ID.findall(value) or _BARE_ID.findall(value)
    return [normalize_message_id(item) for item in found if "@" in item][-limit:]


def _charset_hint(message: Message) -> str | None:
    """The charset of the first text part: the best guess for raw 8-bit bytes in headers."""
    for index, part in enumerate(message.walk()):
        if index > 20:
            break
        if part.get_content_maintype() == "text":
            charset = part.get_param("charset")
            if isinstance(charset, str) and charset:
                return charset
    return None


def _message_id(message: Message, raw: bytes, limits: ParseLimits) -> tuple[str, bool]:
    value = clean_header(message.get("Message-ID"), limits.max_header_chars)
    ids = _ids(value, 1) or ([normalize_message_id(value)] if value.strip("<> ") else [])
    if ids and ids[0]:
        return ids[0], False
    return "synthetic." + hashlib.sha256(raw).hexdigest()[:32] + "@missing-message-id.invalid", True


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # RFC 5322 "-0000": time is UTC, zone unknown
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


class _Reader:
    """Decoded, bounded access to one message's headers; collects defects on the way."""

    def __init__(self, message: Message, limits: ParseLimits) -> None:
        self.message = message
        self.limits = limits
        self.hint = _charset_hint(message)
        self.defects: list[str] = []

    def text(self, name: str, limit: int | None = None) -> str:
        return clean_header(self.message.get(name), limit or self.limits.max_header_chars, self.hint)

    def headers(self) -> dict[str, str]:
        """First value of each header (lower-cased name), decoded and bounded, for rules and classification."""
        headers: dict[str, str] = {}
        for name, value in self.message.items()[: MAX_HEADERS_KEPT * 5]:
            key = str(name).strip().lower()[:100]
            if key not in headers and len(headers) < MAX_HEADERS_KEPT:
                headers[key] = clean_header(value, min(self.limits.max_header_chars, MAX_HEADER_VALUE_KEPT), self.hint)
        return headers

    def addresses(self, name: str) -> list[Address]:
        values = self.message.get_all(name) or []
        joined = ", ".join(str(v) for v in values[:50])
        limit = self.limits.max_recipients
        addresses, cut = parse_addresses(joined, limit=limit, max_chars=self.limits.max_header_chars * 10, fallback=self.hint)
        if cut:
            self.defects.append(f"{name} truncated to {len(addresses)} addresses")
        return addresses

    def sender(self) -> Address:
        """From; else Sender, Reply-To, Return-Path (flagged): identity is never trusted from headers anyway."""
        for name in ("From", "Sender", "Reply-To", "Return-Path"):
            found, _ = parse_addresses(self.message.get(name), limit=10, max_chars=self.limits.max_header_chars, fallback=self.hint)
            usable = [address for address in found if address.email]
            if usable:
                if name != "From":
                    self.defects.append(f"no usable From header; used {name}")
                return usable[0]
        self.defects.append("no usable From header")
        return Address("", "")


def _build(message: Message, raw: bytes, limits: ParseLimits) -> ParsedMail:
    read = _Reader(message, limits)
    message_id, missing = _message_id(message, raw, limits)
    if missing:
        read.defects.append("no Message-ID; synthetic id assigned")
    walked = Walker(limits, read.hint).walk(message)
    html = sanitize_html("\n".join(walked.html_parts)) if walked.html_parts else ""
    text = "\n".join(walked.text_parts) if walked.text_parts else html_to_text(html)
    # Mail travels with CRLF; stored text, search, snippets and quote folding all expect "\n".
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    headers = read.headers()
    subject = read.text("Subject", limits.max_subject_chars)
    sender = read.sender()
    report = delivery_report(message, from_email=sender.email, subject=subject)
    reason = auto_submitted_reason(headers, from_email=sender.email, subject=subject, text=text)
    if report is not None and not reason:
        reason = "delivery status notification"
    read.defects.extend(type(defect).__name__ for defect in (message.defects or [])[:20])
    return ParsedMail(
        message_id=message_id,
        message_id_was_missing=missing,
        in_reply_to=_ids(read.text("In-Reply-To"))[-1:],
        references=_ids(read.text("References")),
        subject=subject,
        from_address=sender,
        reply_to=read.addresses("Reply-To"),
        to=read.addresses("To"),
        cc=read.addresses("Cc"),
        date=_date(read.text("Date", 200)),
        text=text[: limits.max_body_chars],
        html=html,
        attachments=walked.attachments,
        auto_submitted_reason=reason,
        delivery_report=report,
        headers=headers,
        defects=read.defects + walked.defects,
    )
