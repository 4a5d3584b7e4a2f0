"""The SMTP/LMTP listener for direct delivery from an MTA (aiosmtpd): store, then answer 250.

A message is accepted only once intake.store_raw has committed its raw bytes. When that fails
(the database is down, the disk is full) the answer is 451, a temporary failure, so the sending
MTA keeps the message and retries later (BAD-INPUTS 9). A message over the size limit is refused
with 552 while it streams in, before anything is stored. Processing (parse, thread, import) is
handed to intake afterwards; its failures never turn an accepted message into a lost one.
"""

from __future__ import annotations

import logging
from typing import Any

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.db import close_old_connections

from supportdesk.email_gateway.choices import InboundSource
from supportdesk.email_gateway.imap import enqueue_processing
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.models import Mailbox
from supportdesk.email_gateway.parsing.types import ParseLimits

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = ParseLimits().max_message_bytes
TEMPORARY_FAILURE = "451 4.3.0 Message not stored, please try again later"
TOO_BIG = "552 5.3.4 Message too big for this system"


def mailbox_for(recipients: list[str]) -> Mailbox | None:
    """The configured mailbox of the first recipient that has one (plus-address tags ignored)."""
    for recipient in recipients:
        local, _sep, domain = recipient.strip().strip("<>").rpartition("@")
        plain = f"{local.split('+', 1)[0]}@{domain}"
        mailbox = Mailbox.objects.filter(email_address__iexact=plain, is_active=True).first()
        if mailbox is not None:
            return mailbox
    return None


def store_delivery(raw: bytes, recipients: list[str], peer: str) -> int:
    """Store one delivered message durably and hand it to intake; return the InboundMessage id.

    Runs in a worker thread and treats each delivery like a request: a dead or expired database
    connection is dropped before and after, so the listener recovers by itself once the database
    is back.
    """
    close_old_connections()
    try:
        inbound = store_raw(raw, source=InboundSource.SMTP, mailbox=mailbox_for(recipients), source_ref=f"smtp from {peer}"[:300])
        enqueue_processing(inbound.pk)
        return inbound.pk
    finally:
        close_old_connections()  # same connection life cycle as a web request


class DeliveryHandler:
    """aiosmtpd handler: one InboundMessage per DATA, whatever the number of recipients."""

    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES, lmtp: bool = False) -> None:
        self.max_bytes = max_bytes
        self.lmtp = lmtp

    def _answer(self, status: str, envelope: Envelope) -> str:
        # LMTP wants one reply per accepted recipient after DATA; the message is stored once for all.
        if not self.lmtp:
            return status
        return "\r\n".join([status] * max(len(envelope.rcpt_tos), 1))

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        if len(raw) > self.max_bytes:
            return self._answer(TOO_BIG, envelope)
        peer = str(session.peer[0]) if isinstance(session.peer, tuple) else str(session.peer)
        try:
            inbound_id = await sync_to_async(store_delivery, thread_sensitive=True)(raw, list(envelope.rcpt_tos), peer)
        except Exception as exc:  # anything: the MTA keeps the mail and retries
            logger.error("could not store a delivered message from %s: %s", peer, type(exc).__name__)
            return self._answer(TEMPORARY_FAILURE, envelope)
        return self._answer(f"250 2.0.0 Ok: stored as {inbound_id}", envelope)


def server_factory(handler: DeliveryHandler, *, lmtp: bool, hostname: str | None = None) -> Any:
    """A protocol factory for loop.create_server (and aiosmtpd's Controller)."""
    protocol = LMTP if lmtp else SMTP

    def factory() -> SMTP:
        return protocol(handler, data_size_limit=handler.max_bytes, enable_SMTPUTF8=True, hostname=hostname, ident="Supportdesk")

    return factory
