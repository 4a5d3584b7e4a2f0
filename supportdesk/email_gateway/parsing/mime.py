"""Walking a parsed MIME tree: body text/HTML, attachments, limits.

The walk is iterative (an explicit stack), counts parts and depth against ParseLimits and raises
ParseError the moment a limit is crossed, so hostile structure costs bounded time (BAD-INPUTS 17).
Payloads are decoded leniently: truncated base64 yields what it holds, unknown transfer encodings
pass through, unknown charsets fall back (charsets.decode_bytes).
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import quopri
import re
from dataclasses import dataclass, field
from email.message import Message

from supportdesk.email_gateway.parsing.charsets import decode_bytes, recover_surrogates
from supportdesk.email_gateway.parsing.headers import clean_header, decode_words
from supportdesk.email_gateway.parsing.tnef import is_tnef, unpack_tnef
from supportdesk.email_gateway.parsing.types import ParsedAttachment, ParseError, ParseLimits
from supportdesk.tickets.attachments import clean_filename

_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
BODY_TYPES = ("text/plain", "text/html")
# Parts that are never body text even without a filename: kept as attachments.
_ALWAYS_ATTACHED = ("text/calendar", "text/x-vcalendar", "text/vcard", "text/x-vcard", "text/rfc822-headers")
_MESSAGE_TYPES = ("message/rfc822", "message/global", "message/news")


@dataclass
class Walked:
    """What the walk found, in document order."""

    text_parts: list[str] = field(default_factory=list)
    html_parts: list[str] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


def _base64(data: bytes | str) -> bytes:
    """Decode what is there: senders truncate base64 or wrap it in junk; keep every whole quantum.

    Well-formed payloads (the common case) go straight to binascii, whose non-strict decoder skips
    line breaks and junk bytes just as the lenient path does; "=" inside the data and an
    incomplete last quantum make the two differ, so those go the lenient way. `data` may be the
    payload str when it is ASCII: binascii reads that without first copying it to bytes.
    """
    if not _inner_padding(data):
        try:
            return binascii.a2b_base64(data)
        except binascii.Error:
            pass
    return _lenient_base64(data.encode("ascii") if isinstance(data, str) else data)


def _inner_padding(data: bytes | str) -> bool:
    """Whether an "=" comes before the trailing run of padding and whitespace (without copying `data`)."""
    if isinstance(data, str):
        first = data.find("=")
        return first >= 0 and bool(data[first:].rstrip("=\r\n\t "))
    first = data.find(b"=")
    return first >= 0 and bool(data[first:].rstrip(b"=\r\n\t "))


def _lenient_base64(data: bytes) -> bytes:
    """The alphabet characters before the first inner "=", minus a lone trailing one, decoded."""
    body = data.split(b"=", 1)[0] if _inner_padding(data) else data
    cleaned = _NOT_BASE64.sub(b"", body)
    # A lone trailing character carries no whole byte; 2 or 3 are a final quantum missing its "=".
    cleaned = cleaned[:-1] if len(cleaned) % 4 == 1 else cleaned + b"=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return b""


def payload_bytes(part: Message) -> bytes:
    """The decoded payload of a leaf part (Content-Transfer-Encoding undone, leniently)."""
    # The raw payload: get_payload(decode=False) would already decode 8-bit text with "replace".
    payload = getattr(part, "_payload", None)
    if not isinstance(payload, str):
        return b""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if "base64" in encoding and payload.isascii():
        return _base64(payload)
    data = payload.encode("utf-8", errors="surrogateescape")
    if "base64" in encoding:
        return _base64(data)
    if "quoted-printable" in encoding:
        return quopri.decodestring(data)
    if "uu" in encoding:
        decoded = part.get_payload(decode=True)
        return decoded if isinstance(decoded, bytes) else data
    return data


def part_text(part: Message) -> str:
    """A text part's content as str, whatever charset it declares (or fails to)."""
    return decode_bytes(payload_bytes(part), part.get_content_charset(None))


def _filename(part: Message, hint: str | None) -> str:
    """The declared filename: RFC 2231 (charset'lang'%XX), RFC 2047 words, or the Content-Type name."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        value = part.get_param(param, header=header)
        if isinstance(value, tuple):  # RFC 2231: (charset, language, percent-decoded latin-1 text)
            charset, _, text = value
            return decode_bytes(str(text).encode("latin-1", errors="replace"), charset or "utf-8")
        if value:
            return decode_words(str(value), hint)
    return ""


def _described_name(part: Message, content_type: str) -> str:
    """'Delivery report' -> 'Delivery report.txt': unnamed parts often carry a Content-Description."""
    description = decode_words(str(part.get("Content-Description", ""))[:200]).strip()
    if not description or "." in description[-6:]:
        return description
    extension = ".eml" if content_type in _MESSAGE_TYPES else mimetypes.guess_extension(content_type) or ""
    return description + extension


def _default_name(part: Message, content_type: str, walked_subject: str = "") -> str:
    if content_type in _MESSAGE_TYPES:
        return (walked_subject or "message") + ".eml"
    if content_type in ("text/calendar", "text/x-vcalendar"):
        return "invite.ics"
    extension = mimetypes.guess_extension(content_type) or ".bin"
    return ("image" if content_type.startswith("image/") else "attachment") + extension


def _disposition(part: Message) -> str:
    value = part.get("Content-Disposition")
    if not value:
        return ""  # body parts mostly have none
    return recover_surrogates(str(value).split(";", 1)[0].strip().lower())


def _message_bytes(part: Message) -> tuple[bytes, str]:
    """An attached message (message/rfc822) as .eml bytes, and its subject for the file name."""
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], Message):
        message = inner[0]
        try:
            data = message.as_bytes()
        except Exception:  # the generator chokes on some broken inner messages; keep their text
            data = message.as_string().encode("utf-8", errors="surrogateescape")
        return data, clean_header(message.get("Subject"), 120)
    return payload_bytes(part), ""


class Walker:
    """One walk over one message. Instances are single use."""

    def __init__(self, limits: ParseLimits, charset_hint: str | None = None) -> None:
        self.limits = limits
        self.hint = charset_hint
        self.parts = 0
        self.result = Walked()
        self.body_chars = 0

    def walk(self, root: Message) -> Walked:
        stack: list[tuple[Message, int, bool]] = [(root, 0, False)]
        while stack:
            part, depth, in_alternative = stack.pop()
            self.parts += 1
            if self.parts > self.limits.max_parts:
                raise ParseError(f"more than {self.limits.max_parts} MIME parts")
            if depth > self.limits.max_depth:
                raise ParseError(f"MIME parts nested deeper than {self.limits.max_depth}")
            content_type = part.get_content_type()
            children = part._payload  # type: ignore[attr-defined]  # get_payload() of a multipart (a list)
            if content_type in _MESSAGE_TYPES or content_type == "message/delivery-status":
                self._attach_message(part, content_type)
            elif isinstance(children, list):
                alternative = content_type == "multipart/alternative"
                stack.extend((child, depth + 1, alternative) for child in reversed(children) if isinstance(child, Message))
            else:
                self._leaf(part, content_type, in_alternative)
        return self.result

    def _leaf(self, part: Message, content_type: str, in_alternative: bool) -> None:
        disposition = _disposition(part)
        filename = _filename(part, self.hint)
        if content_type.startswith("multipart/"):
            content_type = "text/plain"  # a multipart without a usable boundary: its text is the body
        is_body = content_type in BODY_TYPES and disposition != "attachment" and not filename
        if is_body:
            text = part_text(part)[: max(self.limits.max_body_chars - self.body_chars, 0)]
            self.body_chars += len(text)
            (self.result.text_parts if content_type == "text/plain" else self.result.html_parts).append(text)
            return
        if in_alternative and content_type.startswith("text/") and content_type not in _ALWAYS_ATTACHED:
            return  # text/enriched, text/rtf... alternatives of a body we already keep
        data = payload_bytes(part)
        if is_tnef(content_type, filename):
            unpacked = unpack_tnef(data)
            if unpacked is not None:
                self.result.text_parts.extend(t for t in [unpacked.text] if t)
                self.result.html_parts.extend(h for h in [unpacked.html] if h)
                for name, content in unpacked.files:
                    self._add(name or "attachment", "application/octet-stream", content, "", inline=False, guess=True)
                if unpacked.files or unpacked.text or unpacked.html:
                    return
        content_id = str(part.get("Content-ID", "")).strip().strip("<>").strip()
        inline = bool(content_id) or (disposition == "inline" and content_type.startswith("image/"))
        cid_name = content_id.partition("@")[0] if "." in content_id.partition("@")[0][-6:] else ""
        name = filename or cid_name or _described_name(part, content_type) or _default_name(part, content_type)
        self._add(name, content_type, data, content_id, inline=inline)

    def _attach_message(self, part: Message, content_type: str) -> None:
        if content_type == "message/delivery-status":
            blocks = part.get_payload()
            text = "\n".join(b.as_string() for b in blocks if isinstance(b, Message)) if isinstance(blocks, list) else ""
            self._add(
                _described_name(part, "text/plain") or "delivery-status.txt",
                "text/plain",
                text.encode("utf-8", errors="surrogateescape"),
                "",
                inline=False,
            )
            return
        data, subject = _message_bytes(part)
        name = _filename(part, self.hint) or _described_name(part, content_type) or _default_name(part, content_type, subject)
        self._add(name, "message/rfc822", data, "", inline=False)

    def _add(self, name: str, content_type: str, data: bytes, content_id: str, *, inline: bool, guess: bool = False) -> None:
        if len(self.result.attachments) >= self.limits.max_attachments:
            raise ParseError(f"more than {self.limits.max_attachments} attachments")
        if len(data) > self.limits.max_attachment_bytes:
            raise ParseError(f"an attachment is larger than {self.limits.max_attachment_bytes} bytes")
        filename = clean_filename(name)
        if guess:
            content_type = mimetypes.guess_type(filename)[0] or content_type
        self.result.attachments.append(
            ParsedAttachment(filename=filename, content_type=content_type, data=data, content_id=content_id[:500], inline=inline)
        )
