"""IMAP polling of one mailbox: store each new message durably, and only then acknowledge it
(flag it \\Seen, or move it to the mailbox's folder: imap_acknowledge.py).

The order is the whole point (BAD-INPUTS 6, 7, 9): the raw bytes are committed by intake.store_raw
before the server is told anything, so a crash (or a database outage) between the two leaves the
message unseen on the server and it is fetched again. A fetched message whose "uidvalidity:uid"
is already stored for this mailbox is only acknowledged, never stored twice (a unique constraint on
InboundMessage backs this up when two polls race).

Errors never leak secrets or stack traces: they are turned into a short, fixed message
(`describe_error`) that is saved in mailbox.last_error and shown to admins; health.py counts
failures in a row and alerts the admins. The long-running IDLE watchers (idle.py) use the same
connect / select / import_new steps.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from supportdesk.core.crypto import SecretUnreadable, decrypt_secret
from supportdesk.email_gateway import oauth
from supportdesk.email_gateway.choices import AuthMethod, InboundSource
from supportdesk.email_gateway.health import record_poll_outcome
from supportdesk.email_gateway.imap_acknowledge import Acknowledger, FolderUnavailable, search_criteria
from supportdesk.email_gateway.intake import store_raw
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.oauth import TokenRefreshFailed

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 30.0  # seconds per network operation: a hung server costs one poll, not the worker
BATCH_SIZE = 200  # messages per poll; the rest wait for the next poll, so one mailbox cannot hog a worker
MAX_IDLE_SECONDS = 300.0


class MailboxUnavailable(Exception):
    """Connecting, logging in or selecting the folder failed; `str()` is safe to show and store."""


# What a poll catches and records as the mailbox's error; anything else (a database error) propagates.
POLL_ERRORS = (OSError, IMAPClientError, imaplib.IMAP4.error, MailboxUnavailable, SecretUnreadable, TokenRefreshFailed, FolderUnavailable)


@dataclass
class PollResult:
    """What one poll did: ids of the InboundMessages it stored, UIDs it only flagged, and the error."""

    stored: list[int] = field(default_factory=list)
    already_stored: list[int] = field(default_factory=list)
    error: str = ""


def describe_error(exc: BaseException, mailbox: Mailbox) -> str:
    """A short message for admins, without the secret, the stack trace or library internals."""
    where = f"{mailbox.imap_host}:{mailbox.imap_port}"
    if isinstance(exc, MailboxUnavailable | TokenRefreshFailed | FolderUnavailable):
        text = str(exc)
    elif isinstance(exc, LoginError):
        text = _("Login to %(server)s failed: check the user name and password or token.") % {"server": where}
    elif isinstance(exc, ConnectionRefusedError):
        text = _("Connection to %(server)s was refused.") % {"server": where}
    elif isinstance(exc, socket.timeout | TimeoutError):
        text = _("Connection to %(server)s timed out.") % {"server": where}
    elif isinstance(exc, socket.gaierror):
        text = _("The host name %(host)s could not be resolved.") % {"host": mailbox.imap_host}
    elif isinstance(exc, ssl.SSLError):
        text = _("The TLS handshake with %(server)s failed.") % {"server": where}
    elif isinstance(exc, SecretUnreadable):
        text = _("The stored password cannot be decrypted; enter it again.")
    elif isinstance(exc, IMAPClientError | imaplib.IMAP4.error):
        text = _("The IMAP server %(server)s answered with an error.") % {"server": where}
    elif isinstance(exc, OSError):
        text = _("Network error talking to %(server)s.") % {"server": where}
    else:
        text = _("Unexpected error while polling %(server)s.") % {"server": where}
    return text[:500]


def connect(mailbox: Mailbox, *, timeout: float = SOCKET_TIMEOUT) -> IMAPClient:
    """Open, authenticate (password or XOAUTH2 access token) and return a client; raises on failure.

    With XOAUTH2 and a stored refresh token, an expired access token is refreshed first; a login
    refused with a token that was not just refreshed (revoked early) is retried once with a new one.
    """
    if not mailbox.imap_host:
        raise MailboxUnavailable(_("No IMAP host is configured."))
    if mailbox.auth_method != AuthMethod.XOAUTH2:
        return _login(mailbox, decrypt_secret(mailbox.imap_secret_encrypted), timeout=timeout)
    refreshed = oauth.needs_refresh(mailbox)
    token = oauth.access_token(mailbox, timeout=min(timeout, oauth.TIMEOUT))
    try:
        return _login(mailbox, token, timeout=timeout)
    except LoginError:
        if refreshed or not mailbox.oauth_refresh_token_encrypted:
            raise
    token = oauth.access_token(mailbox, force_refresh=True, timeout=min(timeout, oauth.TIMEOUT))
    return _login(mailbox, token, timeout=timeout)


def _login(mailbox: Mailbox, secret: str, *, timeout: float) -> IMAPClient:
    client = IMAPClient(mailbox.imap_host, port=mailbox.imap_port, ssl=mailbox.imap_tls, timeout=timeout)
    try:
        if mailbox.auth_method == AuthMethod.XOAUTH2:
            client.oauth2_login(mailbox.imap_username, secret)
        else:
            client.login(mailbox.imap_username, secret)
    except BaseException:
        _close(client)
        raise
    return client


def close(client: IMAPClient) -> None:
    """Log out, or drop the connection when logging out fails."""
    _close(client)


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may already be gone; nothing to report
        with contextlib.suppress(Exception):
            client.shutdown()


def select(client: IMAPClient, mailbox: Mailbox) -> int:
    """Select the folder read-write; return its UIDVALIDITY and record it when it changed."""
    try:
        info = client.select_folder(mailbox.imap_folder)
    except (IMAPClientError, imaplib.IMAP4.error) as exc:
        raise MailboxUnavailable(_("The folder %(folder)s cannot be opened.") % {"folder": mailbox.imap_folder}) from exc
    uidvalidity = int(info.get(b"UIDVALIDITY", 0))
    if mailbox.imap_uidvalidity != uidvalidity:
        # A new UIDVALIDITY renumbers every message: refs made with the old value no longer match,
        # so a message stored but not flagged before the change is stored again and left to
        # intake's content de-duplication. Seen messages are not fetched at all.
        if mailbox.imap_uidvalidity is not None:
            logger.warning("mailbox %s: UIDVALIDITY changed %s -> %s", mailbox.pk, mailbox.imap_uidvalidity, uidvalidity)
        mailbox.imap_uidvalidity = uidvalidity
        Mailbox.objects.filter(pk=mailbox.pk).update(imap_uidvalidity=uidvalidity)
    return uidvalidity


def import_new(client: IMAPClient, mailbox: Mailbox, uidvalidity: int, result: PollResult) -> int:
    """Store up to BATCH_SIZE new messages, acknowledging each after it is stored; return how many
    were found (BATCH_SIZE means: call again). A failure to store stops here, leaving it unseen."""
    acknowledge = Acknowledger(client, mailbox)
    uids = sorted(client.search(search_criteria(mailbox)))[:BATCH_SIZE]
    for uid in uids:
        ref = f"{uidvalidity}:{uid}"
        if InboundMessage.objects.filter(mailbox=mailbox, source=InboundSource.IMAP, source_ref=ref).exists():
            acknowledge([uid])
            result.already_stored.append(uid)
            continue
        fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid)
        if not fetched or b"BODY[]" not in fetched:
            continue  # expunged meanwhile
        try:
            inbound = store_raw(bytes(fetched[b"BODY[]"]), source=InboundSource.IMAP, mailbox=mailbox, source_ref=ref)
        except IntegrityError:  # another poll stored it a moment ago
            acknowledge([uid])
            result.already_stored.append(uid)
            continue
        acknowledge([uid])  # acknowledged only now that the raw copy is committed
        result.stored.append(inbound.pk)
        enqueue_processing(inbound.pk)
    return len(uids)


def _wait_idle(client: IMAPClient, seconds: float) -> bool:
    """IDLE up to `seconds` when the server offers it; True when new mail was announced."""
    if seconds <= 0 or not client.has_capability("IDLE"):
        return False
    client.idle()
    try:
        responses = client.idle_check(timeout=min(seconds, MAX_IDLE_SECONDS))
    finally:
        client.idle_done()
    return any(len(item) > 1 and item[1] in (b"EXISTS", b"RECENT") for item in responses)


def poll_mailbox(mailbox: Mailbox, *, idle_seconds: float = 0.0, timeout: float = SOCKET_TIMEOUT) -> PollResult:
    """Poll one mailbox once (and, with IDLE, keep importing what arrives for `idle_seconds`).

    Never raises for server or network trouble: the error is recorded in mailbox.last_error and
    returned, so a broken mailbox cannot stop the caller from polling the others. A database error
    does propagate (after the already stored messages were flagged), as there is nothing safe to record.
    """
    result = PollResult()
    client: IMAPClient | None = None
    try:
        client = connect(mailbox, timeout=timeout)
        uidvalidity = select(client, mailbox)
        import_new(client, mailbox, uidvalidity, result)
        if mailbox.use_idle and _wait_idle(client, idle_seconds):
            import_new(client, mailbox, uidvalidity, result)
    except POLL_ERRORS as exc:
        result.error = describe_error(exc, mailbox)
        logger.warning("mailbox %s poll failed: %s (%s)", mailbox.pk, result.error, type(exc).__name__)
    finally:
        if client is not None:
            _close(client)
    record_poll_outcome(mailbox, result.error, now=timezone.now())
    return result


def check_connection(mailbox: Mailbox, *, timeout: float = 15.0) -> str:
    """Log in and open the folder without fetching anything; return "" on success or a safe error."""
    client: IMAPClient | None = None
    try:
        client = connect(mailbox, timeout=timeout)
        client.select_folder(mailbox.imap_folder, readonly=True)
    except (IMAPClientError, imaplib.IMAP4.error) as exc:
        if client is not None and not isinstance(exc, LoginError):
            return _("The folder %(folder)s cannot be opened.") % {"folder": mailbox.imap_folder}
        return describe_error(exc, mailbox)
    except (OSError, MailboxUnavailable, SecretUnreadable, TokenRefreshFailed) as exc:
        return describe_error(exc, mailbox)
    finally:
        if client is not None:
            _close(client)
    return ""


def enqueue_processing(inbound_id: int) -> None:
    """Hand a stored message to intake. The raw copy is safe whatever happens here, so a failure to
    enqueue is only logged: the pending-mail sweep (sweeps.requeue_stale_pending) picks it up."""
    from supportdesk.email_gateway.tasks import process_inbound_task

    try:
        process_inbound_task.enqueue(inbound_id)
    except Exception:
        logger.exception("could not queue inbound %s; the pending sweep will retry it", inbound_id)
