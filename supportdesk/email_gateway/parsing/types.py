"""What the parser hands to intake: the contract between parsing and the rest of the channel.

Pure data, no database. Intake (threading, tickets) consumes ParsedMail and never looks at MIME.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ParseError(Exception):
    """The message cannot be imported as it is; it is quarantined with `reason` (raw bytes kept)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParseLimits:
    """Fixed bounds so hostile mail costs bounded time and memory (BAD-INPUTS 16-22)."""

    max_message_bytes: int = 25 * 1024 * 1024
    max_parts: int = 500
    max_depth: int = 30
    max_attachments: int = 200
    max_attachment_bytes: int = 25 * 1024 * 1024
    max_header_chars: int = 10_000
    max_subject_chars: int = 998
    max_recipients: int = 200
    max_body_chars: int = 1_000_000


@dataclass(frozen=True)
class Address:
    name: str
    email: str  # lower-cased; "" when unparseable


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str  # already cleaned for display (tickets.attachments.clean_filename)
    content_type: str
    data: bytes
    content_id: str = ""  # without <>, for cid: inline images
    inline: bool = False


@dataclass(frozen=True)
class DeliveryReport:
    """A bounce (RFC 3464 DSN or a recognised non-standard bounce)."""

    status: str  # e.g. "5.1.1"; "" when unknown
    recipient: str  # the address that failed, lower-cased
    original_message_id: str  # normalised Message-ID of the mail that bounced; "" when not found
    hard: bool  # permanent failure (5.x.x) vs temporary (4.x.x)
    diagnostic: str = ""


@dataclass
class ParsedMail:
    message_id: str  # normalised (see normalize_message_id); synthetic when missing
    message_id_was_missing: bool
    in_reply_to: list[str]  # normalised ids
    references: list[str]  # normalised ids, oldest first
    subject: str  # decoded, one line, bounded
    from_address: Address
    reply_to: list[Address]
    to: list[Address]
    cc: list[Address]
    date: datetime | None  # aware, UTC
    text: str  # plain text (from text/plain, or derived from HTML)
    html: str  # sanitised HTML ("" when the mail had none)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    # Why this mail must never be answered (RFC 3834 auto-reply, bulk/list, mailer-daemon...), or "".
    auto_submitted_reason: str = ""
    delivery_report: DeliveryReport | None = None
    # Lower-cased header names -> first value, for rules later (only a bounded, decoded subset).
    headers: dict[str, str] = field(default_factory=dict)
    defects: list[str] = field(default_factory=list)

    @property
    def is_auto_submitted(self) -> bool:
        return bool(self.auto_submitted_reason)
