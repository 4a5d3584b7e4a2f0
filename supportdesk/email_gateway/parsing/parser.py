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
from email.feedparser import FeedParser
from email.message import Message

from supportdesk.core.html import html_to_text, sanitize_html
from supportdesk.email_gateway.identity import normalize_message_id
from supportdesk.email_gateway.parsing.bounces import delivery_report
from supportdesk.email_gateway.parsing.classify import auto_submitted_reason
from supportdesk.email_gateway.parsing.dates import parse_date
from supportdesk.email_gateway.parsing.fastmime import fast_tree
from supportdesk.email_gateway.parsing.headers import RAW_HEADER_CHARS, clean_header, parse_addresses
from supportdesk.email_gateway.parsing.message import POLICY
from supportdesk.email_gateway.parsing.mime import Walker
from supportdesk.email_gateway.parsing.types import Address, ParsedMail, ParseError, ParseLimits

DEFAULT_LIMITS = ParseLimits()
MAX_HEADERS_KEPT = 100
MAX_HEADER_VALUE_KEPT = 2000
_BOUNDARY = re.compile(rb"boundary\s*=", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,200}:|^[ \t]")
# The header block ends at the first "\r?\n\r?\n". Searched for from its first "\n", a literal
# first byte lets the regex engine jump between newlines instead of trying every byte;
# _header_end then steps back over a leading "\r".
_BLANK_LINE = re.compile(rb"\n\r?\n")
# A line after the first that _HEADER_LINE would not match.
_NON_HEADER_LINE = re.compile(rb"\n(?![!-9;-~]{1,200}:|[ \t])")


def _header_end(raw: bytes) -> int:
    """Where the first "\\r?\\n\\r?\\n" (the end of the header block) starts, or len(raw) without one."""
    blank = _BLANK_LINE.search(raw)
    if blank is None:
        return len(raw)
    start = blank.start()
    return start - 1 if start > 0 and raw[start - 1] == 0x0D else start  # 0x0D: the "\r" of a CRLF


def _all_header_lines(raw: bytes, end: int) -> bool:
    """Whether every line of raw[:end] matches _HEADER_LINE (no repair needed), without splitting it."""
    return _HEADER_LINE.match(raw, 0, end) is not None and _NON_HEADER_LINE.search(raw, 0, end) is None


def repair_header_block(raw: bytes) -> bytes:
    """Mend header blocks that real mailers break, before the stdlib parser gives up on them.

    Lines before the first header (an mbox "From " line, "---- Original email message ----") are
    dropped, and a non-header line inside the block is taken as a continuation of the previous
    header, not as the start of the body (Zammad mail054, mail068). Linear in the header size.
    """
    split = _header_end(raw)
    if _all_header_lines(raw, split):
        return raw
    head, rest = raw[:split], raw[split:]
    lines = head.split(b"\n")
    fixed: list[bytes] = []
    for line in lines:
        if _HEADER_LINE.match(line):
            fixed.append(line)
        elif fixed and line.strip():
            fixed.append(b" " + line)
    return b"\n".join(fixed) + rest


def _too_many_boundaries(raw: bytes, limit: int) -> bool:
    """Whether `raw` declares more than `limit` MIME boundaries (_BOUNDARY matches).

    The stdlib parser recurses once per nested multipart, so counting declarations first keeps a
    1,000-deep bomb from ever reaching it (BAD-INPUTS 17). Each declaration holds one "=" and the
    word "boundary" in some case, so plain counts of those bound the exact count from above; the
    case-insensitive regex (slow over a whole message) runs only when both are high enough.
    """
    # The "=" count as a length difference: replace finds a single byte with memchr, several
    # times faster than bytes.count's byte-by-byte loop (9 us -> 2.5 us for a 16 KB mail).
    if len(raw) - len(raw.replace(b"=", b"")) <= limit or raw.lower().count(b"boundary") <= limit:
        return False
    return len(_BOUNDARY.findall(raw)) > limit


_ANGLE_ID = re.compile(r"<([^<>\s]{1,990})>")
_BARE_ID = re.compile(r"[^\s<>,;\"']+@[^\s<>,;\"']+")


def parse_message(raw: bytes, *, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedMail:
    """Parse one raw message; raise ParseError (never anything else) when it must be quarantined."""
    if len(raw) > limits.max_message_bytes:
        raise ParseError(f"message larger than {limits.max_message_bytes} bytes")
    if _too_many_boundaries(raw, limits.max_parts):
        raise ParseError(f"more than {limits.max_parts} MIME parts")
    try:
        repaired = repair_header_block(raw)
        text = repaired.decode("ascii", errors="surrogateescape")
        tree = fast_tree(text)
        message = tree if tree is not None else feed_tree(text)
        # Raw 8-bit bytes show as non-ASCII text (str.isascii is O(1)); only a repair can have
        # dropped some, so only then is the whole raw mail scanned.
        eight_bit = not text.isascii() or (repaired is not raw and not raw.isascii())
        return _build(message, raw, limits, eight_bit=eight_bit)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"MIME parts nested deeper than {limits.max_depth}") from exc
    except Exception as exc:  # the stdlib raises many kinds on broken mail; all mean quarantine
        raise ParseError(f"{type(exc).__name__}: {exc}"[:500]) from exc


def _mime_tree(raw: bytes) -> Message:
    """message_from_bytes(raw, policy=POLICY): fast_tree for plain mail, FeedParser for the rest."""
    text = raw.decode("ascii", errors="surrogateescape")
    tree = fast_tree(text)
    return tree if tree is not None else feed_tree(text)


def feed_tree(text: str) -> Message:
    """The stdlib FeedParser's tree of `text`, fed in one piece.

    email.parser feeds FeedParser 8 KiB at a time, paying per piece to re-split lines that
    cross the cut; FeedParser is built to give the same tree however its input is cut.
    """
    parser = FeedParser(policy=POLICY)
    parser.feed(text)
    return parser.close()


def _ids(value: str, limit: int = 100) -> list[str]:
    """Message-IDs of In-Reply-To/References: '<a@b>' tokens, or bare 'a@b' from sloppy mailers."""
    found = _ANGLE_ID.findall(value) or _BARE_ID.findall(value)
    return [normalize_message_id(item) for item in found if "@" in item][-limit:]


def _charset_hint(message: Message) -> str | None:
    """The charset of the first text part: the best guess for raw 8-bit bytes in headers."""
    for index, part in enumerate(message.walk()):
        if index > 20:
            break
        if part.get_content_type().partition("/")[0] == "text":  # get_content_maintype, one call less
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


class _Reader:
    """Decoded, bounded access to one message's headers; collects defects on the way.

    The header list is indexed once and each raw value decoded once: Subject, Date and the ids
    are read both for ParsedMail.headers and for their own fields.
    """

    def __init__(self, message: Message, limits: ParseLimits, *, eight_bit: bool = True) -> None:
        self.message = message
        self.limits = limits
        # The hint only decodes raw 8-bit bytes in headers; a message without any has no use for it.
        self.hint = _charset_hint(message) if eight_bit else None
        self.defects: list[str] = []
        # message.items(), without a header_fetch_parse call per header where that returns the value as is.
        self.fields = list(message._headers) if message.policy is POLICY else message.items()  # type: ignore[attr-defined]
        # Message.get/get_all, without a scan of every header per lookup.
        values: dict[str, list[str]] = {}
        for name, value in self.fields:
            found = values.get(name.lower())
            if found is None:
                values[name.lower()] = [value]
            else:
                found.append(value)
        self._values = values
        self._decoded: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        """The first value of header `name`, raw, as Message.get."""
        values = self._values.get(name.lower())
        return values[0] if values else None

    def text(self, name: str, limit: int | None = None) -> str:
        return clean_header(self.get(name), limit or self.limits.max_header_chars, self.hint, memo=self._decoded)

    def headers(self) -> dict[str, str]:
        """First value of each header (lower-cased name), decoded and bounded, for rules and classification."""
        headers: dict[str, str] = {}
        limit = min(self.limits.max_header_chars, MAX_HEADER_VALUE_KEPT)
        raw_limit = max(limit * 4, RAW_HEADER_CHARS)
        for name, value in self.fields[: MAX_HEADERS_KEPT * 5]:
            key = str(name).strip().lower()[:100]
            if key not in headers and len(headers) < MAX_HEADERS_KEPT:
                if type(value) is str and len(value) <= raw_limit and value.isascii() and "=?" not in value:
                    headers[key] = " ".join(value.split())[:limit]  # clean_header's own first case, inline
                else:
                    headers[key] = clean_header(value, limit, self.hint, memo=self._decoded)
        return headers

    def addresses(self, name: str) -> list[Address]:
        values = self._values.get(name.lower())
        if not values:
            return []
        joined = ", ".join(str(v) for v in values[:50])
        limit = self.limits.max_recipients
        addresses, cut = parse_addresses(joined, limit=limit, max_chars=self.limits.max_header_chars * 10, fallback=self.hint)
        if cut:
            self.defects.append(f"{name} truncated to {len(addresses)} addresses")
        return addresses

    def sender(self) -> Address:
        """From; else Sender, Reply-To, Return-Path (flagged): identity is never trusted from headers anyway."""
        for name in ("From", "Sender", "Reply-To", "Return-Path"):
            found, _ = parse_addresses(self.get(name), limit=10, max_chars=self.limits.max_header_chars, fallback=self.hint)
            usable = [address for address in found if address.email]
            if usable:
                if name != "From":
                    self.defects.append(f"no usable From header; used {name}")
                return usable[0]
        self.defects.append("no usable From header")
        return Address("", "")


def _build(message: Message, raw: bytes, limits: ParseLimits, *, eight_bit: bool | None = None) -> ParsedMail:
    read = _Reader(message, limits, eight_bit=not raw.isascii() if eight_bit is None else eight_bit)
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
        date=parse_date(read.text("Date", 200)),
        text=text[: limits.max_body_chars],
        html=html,
        attachments=walked.attachments,
        auto_submitted_reason=reason,
        delivery_report=report,
        headers=headers,
        defects=read.defects + walked.defects,
    )
