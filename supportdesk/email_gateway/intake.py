"""Inbound mail: store the raw bytes durably first, then process (parse, classify, thread, import).

Contract used by every source (IMAP poller, SMTP/LMTP listener, import command, API):
- store_raw(...) commits the raw bytes and an InboundMessage row; only after it returns may the
  source acknowledge the message (IMAP flag/move, SMTP 250, import progress).
- process_inbound(id) is idempotent: running it twice, or after a crash, never duplicates articles.

Processing (intake_batch) takes one message or a batch in one transaction. Only a pending (or
quarantined, for a retry after a fix) message is processed; the rows are locked first, so two
workers cannot import one twice, and a content fingerprint with a unique key makes two *copies* of
one message import once.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.core.bulk import create_objects, insert_rows, new_objects
from supportdesk.core.errors import ValidationFailed
from supportdesk.email_gateway.intake_batch import IntakeResult, content_key, import_batch, rule_headers
from supportdesk.email_gateway.intake_raw import read_raw, write_pack
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.tickets.attachments import blob_path, store_blob
from supportdesk.tickets.models import Blob

__all__ = [
    "IntakeResult",
    "blob_path",
    "content_key",
    "import_inbound",
    "process_inbound",
    "read_raw",
    "rule_headers",
    "store_raw",
    "store_raw_batch",
]


def dedupe_key(raw: bytes) -> str:
    """Identity of the stored bytes until processing replaces it with content_key()."""
    return hashlib.sha256(raw).hexdigest()


def store_raw(raw: bytes, *, source: str, mailbox: Mailbox | None = None, source_ref: str = "") -> InboundMessage:
    """Persist the exact bytes (fsynced blob) and a pending InboundMessage, in one committed step."""
    with transaction.atomic():
        blob = store_blob([raw])
        return InboundMessage.objects.create(
            mailbox=mailbox, source=source, raw=blob, size=len(raw), dedupe_key=dedupe_key(raw), source_ref=source_ref[:300]
        )


def store_raw_batch(
    items: list[tuple[bytes, str]], *, source: str, mailbox: Mailbox | None = None, shas: list[str] | None = None
) -> list[InboundMessage]:
    """store_raw for many (raw, source_ref) at once, for a source that acknowledges nothing until all
    are stored (the import command): the bytes are written to one pack file, fsynced with its
    directory (intake_raw.write_pack), then the blob and message rows are committed in one
    transaction. Same guarantee as store_raw for each message, one commit in all. `shas` may give
    the SHA-256 of each raw message when the caller has computed them already."""
    if not items:
        return []
    contents = [raw for raw, _ref in items]
    if shas is None:
        shas = [hashlib.sha256(raw).hexdigest() for raw in contents]
    for raw in contents:
        if len(raw) > settings.ATTACHMENT_MAX_BYTES:
            raise ValidationFailed(_("The file is too large."))
    first: dict[str, int] = {}  # the same bytes twice in the batch are written once
    unique: list[bytes] = []
    for sha, raw in zip(shas, contents, strict=True):
        if sha not in first:
            first[sha] = len(unique)
            unique.append(raw)
    pack, offsets = write_pack(unique)
    now = timezone.now()
    rows = new_objects(
        InboundMessage,
        (
            {
                "mailbox": mailbox,
                "source": source,
                "raw_id": sha,
                "size": len(raw),
                "raw_pack": pack,
                "raw_offset": offsets[first[sha]],
                "dedupe_key": sha,
                "source_ref": ref[:300],
                "received_at": now,
            }
            for (raw, ref), sha in zip(items, shas, strict=True)
        ),
    )
    with transaction.atomic():
        blobs = {sha: (sha, len(unique[index]), now) for sha, index in first.items()}
        insert_rows(Blob, ("sha256", "size", "created_at"), list(blobs.values()), ignore_conflicts=True)
        create_objects(rows)
    return rows


def process_inbound(inbound_id: int) -> InboundMessage:
    """Parse and import one stored message; idempotent. Never raises for bad mail: a message that
    cannot be imported is QUARANTINED with its reason and can be processed again after a fix. Only a
    database outage propagates, leaving the message pending for a retry."""
    return import_inbound(inbound_id).inbound


def import_inbound(inbound_id: int) -> IntakeResult:
    """process_inbound, also telling whether a ticket was opened (for import summaries)."""
    return import_batch([inbound_id])[0]
