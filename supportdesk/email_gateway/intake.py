"""Inbound mail: store the raw bytes durably first, then process (parse, classify, thread, import).

Contract used by every source (IMAP poller, SMTP/LMTP listener, import command, API):
- store_raw(...) commits the raw bytes and an InboundMessage row; only after it returns may the
  source acknowledge the message (IMAP flag/move, SMTP 250, import progress).
- process_inbound(id) is idempotent: running it twice, or after a crash, never duplicates articles.
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.tickets.attachments import store_blob


def dedupe_key(raw: bytes) -> str:
    """Identity of 'the same message' for duplicate detection; refined by intake processing."""
    return hashlib.sha256(raw).hexdigest()


def store_raw(raw: bytes, *, source: str, mailbox: Mailbox | None = None, source_ref: str = "") -> InboundMessage:
    """Persist the exact bytes (fsynced blob) and a pending InboundMessage, in one committed step."""
    with transaction.atomic():
        blob = store_blob([raw])
        return InboundMessage.objects.create(
            mailbox=mailbox, source=source, raw=blob, size=len(raw), dedupe_key=dedupe_key(raw), source_ref=source_ref[:300]
        )


def process_inbound(inbound_id: int) -> InboundMessage:
    """Parse and import one stored message (implemented by the intake work; idempotent)."""
    raise NotImplementedError
