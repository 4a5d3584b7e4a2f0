"""Inbound mail: store the raw bytes durably first, then process (parse, classify, thread, import).

Contract used by every source (IMAP poller, SMTP/LMTP listener, import command, API):
- store_raw(...) commits the raw bytes and an InboundMessage row; only after it returns may the
  source acknowledge the message (IMAP flag/move, SMTP 250, import progress).
- process_inbound(id) is idempotent: running it twice, or after a crash, never duplicates articles.

Processing happens in one transaction per message. Only a pending (or quarantined, for a retry
after a fix) message is processed; the row is locked first, so two workers cannot import it twice,
and a content fingerprint with a unique key makes two *copies* of one message import once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from supportdesk.email_gateway import outbound
from supportdesk.email_gateway.choices import DeliveryStatus, InboundStatus
from supportdesk.email_gateway.identity import is_own_message_id
from supportdesk.email_gateway.intake_tickets import NewTicketOutcome, append_reply, open_ticket
from supportdesk.email_gateway.models import AddressHealth, ArticleEmail, InboundFingerprint, InboundMessage, Mailbox
from supportdesk.email_gateway.parsing import DeliveryReport, ParsedMail, ParseError, parse_message
from supportdesk.email_gateway.participants import is_participant
from supportdesk.email_gateway.threading import ThreadMatch, find_thread
from supportdesk.tickets.attachments import blob_path, store_blob
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Blob

logger = logging.getLogger("supportdesk.email.intake")

# Statuses process_inbound acts on; everything else is final and returned unchanged.
PROCESSABLE = frozenset({InboundStatus.PENDING, InboundStatus.QUARANTINED})
# Control headers of ours (and of the helpdesks we migrate from) are never believed from outside
# (BAD-INPUTS 13): they are dropped before any rule looks at the headers.
CONTROL_HEADER_PREFIXES = ("x-supportdesk-", "x-helpdesk-")


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


def store_raw_batch(items: list[tuple[bytes, str]], *, source: str, mailbox: Mailbox | None = None) -> list[InboundMessage]:
    """store_raw for many (raw, source_ref) at once, for a source that acknowledges nothing until all
    are stored (the import command): every blob is written and fsynced first, then all the rows are
    committed in one transaction. Same guarantee as store_raw for each message, one commit in all."""
    if not items:
        return []
    root = Path(settings.ATTACHMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str]] = []  # (temporary file, sha256)
    try:
        for raw, _ref in items:
            if len(raw) > settings.ATTACHMENT_MAX_BYTES:
                raise ValueError("raw mail larger than ATTACHMENT_MAX_BYTES")
            fd, name = tempfile.mkstemp(dir=root, prefix=".upload-")
            written.append((name, hashlib.sha256(raw).hexdigest()))
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(raw)
        for name, _sha in written:  # flushed together: the later fsyncs find little left to write
            fd = os.open(name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except BaseException:
        for name, _sha in written:
            if os.path.exists(name):
                os.unlink(name)
        raise
    for name, sha in written:
        target = blob_path(sha)
        if target.exists():
            os.unlink(name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(name, target)
    with transaction.atomic():
        Blob.objects.bulk_create(
            [Blob(sha256=sha, size=len(raw)) for (raw, _ref), (_name, sha) in zip(items, written, strict=True)], ignore_conflicts=True
        )
        return [
            InboundMessage.objects.create(mailbox=mailbox, source=source, raw_id=sha, size=len(raw), dedupe_key=sha, source_ref=ref[:300])
            for (raw, ref), (_name, sha) in zip(items, written, strict=True)
        ]


@dataclass(frozen=True)
class IntakeResult:
    """What processing did: the message (status, reason, ticket, article) and whether it opened a ticket."""

    inbound: InboundMessage
    created_ticket: bool = False


def content_key(parsed: ParsedMail) -> str:
    """'The same message' across re-deliveries: Message-ID plus a hash of From, Subject, Date and body
    text. IMAP re-deliveries differ only in transport headers (Received...), which are left out."""
    date = parsed.date.isoformat() if parsed.date else ""
    parts = [parsed.message_id, parsed.from_address.email, parsed.subject, date, parsed.text.strip()]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def rule_headers(parsed: ParsedMail) -> dict[str, str]:
    """The headers rules may read: the parser's decoded set, without our control headers (BAD-INPUTS 13)."""
    return {k.lower(): v for k, v in parsed.headers.items() if not k.lower().startswith(CONTROL_HEADER_PREFIXES)}


def process_inbound(inbound_id: int) -> InboundMessage:
    """Parse and import one stored message; idempotent. Never raises for bad mail: a message that
    cannot be imported is QUARANTINED with its reason and can be processed again after a fix. Only a
    database outage propagates, leaving the message pending for a retry."""
    return import_inbound(inbound_id).inbound


def import_inbound(inbound_id: int) -> IntakeResult:
    """process_inbound, also telling whether a ticket was opened (for import summaries)."""
    with transaction.atomic():
        inbound = InboundMessage.objects.select_for_update(of=("self",)).select_related("mailbox__group").get(pk=inbound_id)
        if inbound.status not in PROCESSABLE:
            return IntakeResult(inbound)
        inbound.attempts += 1
        inbound.processed_at = timezone.now()
        try:
            raw = blob_path(inbound.raw_id).read_bytes()
            parsed = parse_message(raw)
        except (ParseError, OSError) as exc:
            reason = exc.reason if isinstance(exc, ParseError) else f"raw mail unreadable: {type(exc).__name__}"
            return IntakeResult(_quarantine(inbound, reason))
        try:
            with transaction.atomic():
                result = _classify(inbound, parsed, raw)
        except (OperationalError, InterfaceError):
            raise  # the database is unavailable: leave the message pending for a retry
        except Exception as exc:  # one bad message must never block the others; keep it for a retry
            logger.warning("inbound %s could not be imported: %s", inbound.pk, type(exc).__name__, exc_info=True)
            message = getattr(exc, "message", None) or str(exc)
            return IntakeResult(_quarantine(inbound, f"import failed: {type(exc).__name__}: {message}"[:500]))
        result.inbound.save()
    return result


def _quarantine(inbound: InboundMessage, reason: str) -> InboundMessage:
    inbound.status = InboundStatus.QUARANTINED
    inbound.reason = reason[:2000]
    inbound.save()
    logger.info("inbound %s quarantined (attempt %s): %s", inbound.pk, inbound.attempts, reason[:200])
    return inbound


def _finish(inbound: InboundMessage, status: str, reason: str = "", *, created: bool = False) -> IntakeResult:
    inbound.status = status
    inbound.reason = reason[:2000]
    return IntakeResult(inbound, created_ticket=created)


def _classify(inbound: InboundMessage, parsed: ParsedMail, raw: bytes) -> IntakeResult:
    """Decide what the message is and import it; runs inside the message's transaction."""
    headers = rule_headers(parsed)
    inbound.message_id = parsed.message_id
    if is_own_message_id(parsed.message_id):
        logger.info("inbound %s is our own mail coming back (%s); dropped", inbound.pk, parsed.message_id)
        return _finish(inbound, InboundStatus.IGNORED, "our own message came back")
    original = _claim(inbound, parsed)
    if original is not None:
        inbound.ticket_id, inbound.article_id = original.ticket_id, original.article_id
        return _finish(inbound, InboundStatus.DUPLICATE, f"duplicate of inbound message {original.pk}")
    if parsed.delivery_report is not None:
        return _record_bounce(inbound, parsed.delivery_report)
    match = find_thread(parsed, headers)
    reason = parsed.auto_submitted_reason
    if reason:
        inbound.ticket = match.ticket if match else None
        return _finish(inbound, InboundStatus.IGNORED, f"auto-submitted ({reason})")
    return _import(inbound, parsed, match)


def _claim(inbound: InboundMessage, parsed: ParsedMail) -> InboundMessage | None:
    """Claim the content fingerprint; return the earlier message if this content was imported before."""
    key = content_key(parsed)
    inbound.dedupe_key = key
    try:
        with transaction.atomic():
            InboundFingerprint.objects.create(key=key, inbound=inbound)
    except IntegrityError:
        fingerprint = InboundFingerprint.objects.select_related("inbound").get(key=key)
        return fingerprint.inbound
    reused = InboundMessage.objects.filter(message_id=parsed.message_id).exclude(pk=inbound.pk).exclude(dedupe_key=key)
    if not parsed.message_id_was_missing and reused.exclude(status=InboundStatus.PENDING).exists():
        # BAD-INPUTS 8: never silently discarded; imported as its own message, and logged.
        logger.warning("inbound %s reuses Message-ID %s with different content; imported separately", inbound.pk, parsed.message_id)
    return None


def _record_bounce(inbound: InboundMessage, report: DeliveryReport) -> IntakeResult:
    """A DSN marks the mail it bounces (failed when permanent) and the recipient's health; it never
    opens a ticket or becomes an article (BAD-INPUTS 4, 5)."""
    now = timezone.now()
    sent = None
    if report.original_message_id:
        sent = ArticleEmail.objects.select_related("article").filter(message_id=report.original_message_id).order_by("article_id").first()
    if sent is not None:
        sent.delivery_status = DeliveryStatus.FAILED if report.hard else DeliveryStatus.BOUNCED_SOFT
        sent.delivery_error = " ".join(f"{report.status} {report.diagnostic}".split())[:2000]
        sent.save(update_fields=["delivery_status", "delivery_error"])
        inbound.article_id, inbound.ticket_id = sent.article_id, sent.article.ticket_id
    if report.recipient:
        health, _created = AddressHealth.objects.select_for_update().get_or_create(address=report.recipient[:254])
        health.bounce_count += 1
        health.last_status = report.status[:16]
        health.last_bounce_at = now
        health.undeliverable = health.undeliverable or report.hard
        health.save()
    kind = "hard" if report.hard else "soft"
    found = "" if sent is not None else "; original mail not found"
    return _finish(inbound, InboundStatus.BOUNCE, f"{kind} bounce {report.status} for {report.recipient}{found}")


def _import(inbound: InboundMessage, parsed: ParsedMail, match: ThreadMatch | None) -> IntakeResult:
    """Join the matched thread when the sender is a participant; otherwise apply the policies."""
    sender = parsed.from_address.email
    if match is not None:
        ticket = match.ticket
        if not is_participant(ticket, sender):
            logger.info("inbound %s: %s is not a participant of ticket %s", inbound.pk, sender, ticket.pk)
            if settings.SUPPORTDESK_MAIL_NON_PARTICIPANT_POLICY == "review":
                inbound.ticket = ticket
                return _finish(inbound, InboundStatus.REVIEW, f"sender is not a participant of ticket {ticket.display_number}")
        elif ticket.state == State.CLOSED and settings.SUPPORTDESK_MAIL_CLOSED_TICKET_POLICY == "new_ticket":
            pass
        else:
            article = append_reply(inbound, parsed, ticket)
            inbound.ticket, inbound.article = ticket, article
            return _finish(inbound, InboundStatus.PROCESSED, f"reply (matched by {match.method})")
    outcome: NewTicketOutcome = open_ticket(inbound, parsed)
    inbound.ticket, inbound.article = outcome.ticket, outcome.article
    transaction.on_commit(partial(outbound.queue_acknowledgement, outcome.ticket.pk, inbound.mailbox_id))
    return _finish(inbound, InboundStatus.PROCESSED, outcome.reason, created=True)
