"""IMAP IDLE mode: one long-running watcher thread per IDLE mailbox inside `supportdesk worker`.

A watcher logs in, imports what is waiting, then stays in IDLE (RFC 2177). When the server
announces EXISTS it leaves IDLE, imports (imap.import_new: store first, acknowledge after) and
idles again; it re-issues IDLE every RENEW_SECONDS (the RFC asks for at most 29 minutes, as
servers drop idle clients after 30). A network or server error ends the connection: the failure is
recorded (health.py counts it and alerts admins) and the watcher reconnects after a backoff that
doubles up to BACKOFF_MAX. Each mailbox has its own thread and connection, so a broken or slow
server only delays itself.

Across processes, a watcher holds a claim on its mailbox (`idle_owner` plus a heartbeat refreshed
every HEARTBEAT_SECONDS). The poll sweep skips a mailbox whose claim is fresh; a claim whose
heartbeat is older than STALE_AFTER (the worker was killed) is free again, and the sweep polls the
mailbox until another worker's supervisor claims it. Two workers therefore never watch one mailbox,
and the unique IMAP reference on InboundMessage still stops a duplicate if they briefly did.

The supervisor reconciles every RECONCILE_SECONDS: it starts watchers for active IDLE mailboxes,
stops those of mailboxes that were deactivated, deleted or switched to polling, and restarts a
watcher whose connection settings changed. `stop()` is quick: watchers look at their stop flag at
least every WAKE_SECONDS and then leave IDLE and log out; one still stuck in a slow read after a
short grace period has its socket shut down (a message fetched half is simply fetched again later).

Watchers open a database connection only for their short bursts of work and close it again, so a
few hundred idle mailboxes do not hold a few hundred database connections.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import DatabaseError, close_old_connections, connections
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from imapclient import IMAPClient

from supportdesk.email_gateway import imap
from supportdesk.email_gateway.choices import AuthMethod
from supportdesk.email_gateway.health import record_poll_outcome
from supportdesk.email_gateway.models import Mailbox

logger = logging.getLogger(__name__)

RENEW_SECONDS = 25 * 60.0  # re-issue IDLE this often (RFC 2177: at most every 29 minutes)
WAKE_SECONDS = 0.5  # a watcher looks at its stop flag at least this often while idling
HEARTBEAT_SECONDS = 30.0
STALE_AFTER = timedelta(seconds=120)  # a claim without a heartbeat for this long belonged to a dead worker
STOP_GRACE_SECONDS = 2.0  # a stopping watcher gets this long to log out before its socket is shut down
BACKOFF_START = 5.0
BACKOFF_MAX = 300.0
RECONCILE_SECONDS = 10.0
MAX_WATCHERS = 500  # threads per worker; more IDLE mailboxes fall back to polling
MAX_BATCHES_PER_WAKE = 50  # imap.BATCH_SIZE messages each; the stop flag is checked in between

# Changing one of these restarts a running watcher (its connection or what it does with mail).
WATCHED_FIELDS = ("imap_host", "imap_port", "imap_tls", "imap_username", "auth_method", "imap_folder", "after_import", "move_folder")


class ConnectionLost(Exception):
    """The server ended the IDLE session (BYE) or the connection died while idling."""


def eligible_mailboxes() -> QuerySet[Mailbox]:
    """Mailboxes that want a watcher: active, IMAP configured, IDLE on."""
    return Mailbox.objects.filter(is_active=True, use_idle=True).exclude(imap_host="")


def watched_q(now: datetime | None = None) -> Q:
    """Mailboxes whose watcher is alive somewhere (a claim with a fresh heartbeat)."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    return ~Q(idle_owner="") & Q(idle_heartbeat_at__gte=cutoff)


def is_watched(mailbox: Mailbox, now: datetime | None = None) -> bool:
    """watched_q for a loaded mailbox, without a query."""
    beat = mailbox.idle_heartbeat_at
    return bool(mailbox.idle_owner) and beat is not None and beat >= (now or timezone.now()) - STALE_AFTER


def claim(mailbox_id: int, owner: str) -> bool:
    """Take (or keep) the watcher claim of a mailbox unless another live worker holds it."""
    now = timezone.now()
    free = Q(idle_owner="") | Q(idle_owner=owner) | Q(idle_heartbeat_at__isnull=True) | Q(idle_heartbeat_at__lt=now - STALE_AFTER)
    return bool(Mailbox.objects.filter(free, pk=mailbox_id).update(idle_owner=owner, idle_heartbeat_at=now))


def heartbeat(mailbox_id: int, owner: str) -> bool:
    """Refresh the claim; False when it was lost (taken over after this worker looked dead)."""
    return bool(Mailbox.objects.filter(pk=mailbox_id, idle_owner=owner).update(idle_heartbeat_at=timezone.now()))


def release(mailbox_id: int, owner: str) -> None:
    Mailbox.objects.filter(pk=mailbox_id, idle_owner=owner).update(idle_owner="", idle_heartbeat_at=None)


def signature(mailbox: Mailbox) -> tuple[object, ...]:
    """What a running watcher depends on. The password counts; an OAuth access token does not, as it
    is replaced by every refresh and a connected session outlives it."""
    secret = mailbox.imap_secret_encrypted if mailbox.auth_method != AuthMethod.XOAUTH2 else ""
    return (*(getattr(mailbox, name) for name in WATCHED_FIELDS), secret)


class MailboxWatcher:
    """Keeps one mailbox in IDLE on its own thread until stopped (see the module docstring)."""

    def __init__(
        self,
        mailbox_id: int,
        *,
        owner: str,
        renew_seconds: float = RENEW_SECONDS,
        wake_seconds: float = WAKE_SECONDS,
        backoff_start: float = BACKOFF_START,
        backoff_max: float = BACKOFF_MAX,
        timeout: float = imap.SOCKET_TIMEOUT,
    ) -> None:
        self.mailbox_id = mailbox_id
        self.owner = owner
        self.renew_seconds = renew_seconds
        self.wake_seconds = wake_seconds
        self.backoff_start = backoff_start
        self.backoff_max = backoff_max
        self.timeout = timeout
        self._stop = threading.Event()
        self._client: IMAPClient | None = None
        self._last_beat = 0.0
        self.thread = threading.Thread(target=self.run, name=f"supportdesk-idle-{mailbox_id}", daemon=True)

    # --- control, from other threads -------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Ask the watcher to end: it leaves IDLE and logs out within about WAKE_SECONDS."""
        self._stop.set()

    def abort(self) -> None:
        """Stop, and wake a watcher stuck in a blocking read by shutting its socket down."""
        self._stop.set()
        client = self._client
        if client is not None:
            with contextlib.suppress(Exception):
                client.socket().shutdown(socket.SHUT_RDWR)

    def join(self, timeout: float) -> bool:
        if self.thread.ident is not None:
            self.thread.join(timeout)
        return not self.thread.is_alive()

    def is_alive(self) -> bool:
        return self.thread.is_alive()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # --- the thread ------------------------------------------------------------------------------

    def run(self) -> None:
        delay = self.backoff_start
        try:
            while not self._stop.is_set():
                mailbox = eligible_mailboxes().filter(pk=self.mailbox_id).first()
                if mailbox is None or not claim(self.mailbox_id, self.owner):
                    return  # deactivated, deleted, switched to polling, or watched by another worker
                if self._session(mailbox):
                    delay = self.backoff_start
                    continue
                self._wait(delay)
                delay = min(delay * 2, self.backoff_max)
        except Exception:  # the watcher must end cleanly whatever happens; the supervisor restarts it
            logger.exception("IDLE watcher of mailbox %s crashed", self.mailbox_id)
        finally:
            with contextlib.suppress(Exception):
                release(self.mailbox_id, self.owner)
            connections.close_all()  # this thread's connections only
            logger.info("IDLE watcher of mailbox %s stopped", self.mailbox_id)

    def _session(self, mailbox: Mailbox) -> bool:
        """One connection: import, then IDLE until stopped or an error. False after a failure."""
        client: IMAPClient | None = None
        try:
            client = imap.connect(mailbox, timeout=self.timeout)
            self._client = client
            if self._stop.is_set():
                return True
            uidvalidity = imap.select(client, mailbox)
            if not client.has_capability("IDLE"):
                raise imap.MailboxUnavailable(_("The server %(server)s does not support IDLE.") % {"server": mailbox.imap_host})
            self._drain(client, mailbox, uidvalidity)
            record_poll_outcome(mailbox, "")
            close_old_connections()
            logger.info("IDLE watcher of mailbox %s connected", mailbox.pk)
            while not self._stop.is_set():
                self._idle(client)
                if self._stop.is_set():
                    break
                # New mail, or a renewal (which also catches an announcement the server never sent).
                self._drain(client, mailbox, uidvalidity)
                if not self._beat(force=True):
                    logger.warning("IDLE watcher of mailbox %s lost its claim to another worker", mailbox.pk)
                    self._stop.set()
            return True
        except (*imap.POLL_ERRORS, ConnectionLost) as exc:
            if self._stop.is_set():
                return True  # the error is the socket shut down by stop()
            error = describe(exc, mailbox)
            logger.warning("IDLE watcher of mailbox %s: %s (%s)", mailbox.pk, error, type(exc).__name__)
            self._record_failure(mailbox, error)
            return False
        except DatabaseError:
            logger.exception("IDLE watcher of mailbox %s: database error; reconnecting later", mailbox.pk)
            with contextlib.suppress(Exception):
                connections.close_all()
            return False
        finally:
            self._client = None
            if client is not None:
                imap.close(client)

    def _record_failure(self, mailbox: Mailbox, error: str) -> None:
        try:
            record_poll_outcome(mailbox, error)
        except DatabaseError:
            logger.exception("IDLE watcher of mailbox %s could not record its error", mailbox.pk)

    def _drain(self, client: IMAPClient, mailbox: Mailbox, uidvalidity: int) -> None:
        """Import everything new, batch after batch, until a search comes back short."""
        for _batch in range(MAX_BATCHES_PER_WAKE):
            result = imap.PollResult()
            found = imap.import_new(client, mailbox, uidvalidity, result)
            if result.stored:
                logger.info("IDLE watcher of mailbox %s stored %s message(s)", mailbox.pk, len(result.stored))
            if found < imap.BATCH_SIZE or self._stop.is_set():
                break
        close_old_connections()

    def _idle(self, client: IMAPClient) -> bool:
        """IDLE until new mail (True), the renewal time or a stop (False). Raises ConnectionLost."""
        client.idle()
        started = time.monotonic()
        new_mail = False
        try:
            while not self._stop.is_set() and time.monotonic() - started < self.renew_seconds:
                waited = time.monotonic()
                responses = client.idle_check(timeout=self.wake_seconds)
                if any(len(item) > 0 and item[0] == b"BYE" for item in responses):
                    raise ConnectionLost("BYE")
                if any(len(item) > 1 and item[1] in (b"EXISTS", b"RECENT") for item in responses):
                    new_mail = True
                    break
                if not responses and time.monotonic() - waited < self.wake_seconds / 2:
                    break  # woken with nothing to read: the connection may be gone; DONE tells
                self._beat()
        except BaseException:
            with contextlib.suppress(Exception):
                client.idle_done()  # best effort; the original error is the one to report
            raise
        try:
            client.idle_done()  # on a dead connection this raises, which means: reconnect
        except imap.POLL_ERRORS:
            if not self._stop.is_set():
                raise
        return new_mail

    def _beat(self, *, force: bool = False) -> bool:
        """Refresh the claim every HEARTBEAT_SECONDS (and the mailbox's last poll time with it)."""
        now = time.monotonic()
        if not force and now - self._last_beat < HEARTBEAT_SECONDS:
            return True
        self._last_beat = now
        alive = heartbeat(self.mailbox_id, self.owner)
        if alive:
            Mailbox.objects.filter(pk=self.mailbox_id).update(last_polled_at=timezone.now())
        close_old_connections()
        return alive

    def _wait(self, seconds: float) -> None:
        """Back off without losing the claim (the sweep must not poll a mailbox that has a watcher)."""
        deadline = time.monotonic() + seconds
        while not self._stop.wait(min(self.wake_seconds * 4, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                return
            if not self._beat():
                self._stop.set()


def describe(exc: BaseException, mailbox: Mailbox) -> str:
    if isinstance(exc, ConnectionLost):
        return _("The server %(server)s closed the connection.") % {"server": f"{mailbox.imap_host}:{mailbox.imap_port}"}
    return imap.describe_error(exc, mailbox)


class IdleSupervisor:
    """Starts, restarts and stops the watchers of one worker process (see the module docstring)."""

    def __init__(
        self,
        *,
        reconcile_seconds: float = RECONCILE_SECONDS,
        watcher_factory: Callable[..., MailboxWatcher] = MailboxWatcher,
        manage_connections: bool = True,
    ) -> None:
        self.owner = f"{socket.gethostname()[:30]}:{os.getpid()}:{get_random_string(8)}"[:64]
        self.reconcile_seconds = reconcile_seconds
        self.watcher_factory = watcher_factory
        self.manage_connections = manage_connections
        self.watchers: dict[int, tuple[MailboxWatcher, tuple[object, ...]]] = {}
        self.retiring: list[MailboxWatcher] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reconcile(self) -> list[int]:
        """Bring the watchers in line with the mailboxes; return the ids of those started now."""
        wanted = {m.pk: m for m in eligible_mailboxes().order_by("pk")[:MAX_WATCHERS]}
        self.retiring = [w for w in self.retiring if w.is_alive()]
        for mailbox_id, (watcher, sig) in list(self.watchers.items()):
            mailbox = wanted.get(mailbox_id)
            if watcher.is_alive() and mailbox is not None and signature(mailbox) == sig:
                continue
            del self.watchers[mailbox_id]
            if watcher.is_alive():
                watcher.stop()
                self.retiring.append(watcher)
        busy = {w.mailbox_id for w in self.retiring if w.is_alive()}  # restarted once the old one has ended
        started = []
        for mailbox_id, mailbox in wanted.items():
            if mailbox_id in self.watchers or mailbox_id in busy or self._stop.is_set():
                continue
            if not claim(mailbox_id, self.owner):
                continue  # another worker watches it
            watcher = self.watcher_factory(mailbox_id, owner=self.owner)
            self.watchers[mailbox_id] = (watcher, signature(mailbox))
            watcher.start()
            started.append(mailbox_id)
        return started

    def run(self) -> None:
        logger.info("IMAP IDLE supervisor started (%s)", self.owner)
        try:
            while not self._stop.is_set():
                if self.manage_connections:
                    close_old_connections()
                try:
                    self.reconcile()
                except Exception:  # a database hiccup must not end IDLE for good
                    logger.exception("IMAP IDLE supervisor: reconcile failed")
                self._stop.wait(self.reconcile_seconds)
        finally:
            for watcher, _sig in self.watchers.values():
                watcher.stop()
            if self.manage_connections:
                connections.close_all()
            logger.info("IMAP IDLE supervisor stopped")

    def start_thread(self) -> threading.Thread:
        self._thread = threading.Thread(target=self.run, name="supportdesk-idle-supervisor", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self) -> None:
        """Safe from a signal handler: only sets flags."""
        self._stop.set()
        for watcher, _sig in list(self.watchers.values()):
            watcher.stop()

    def all_watchers(self) -> list[MailboxWatcher]:
        return [w for w, _sig in self.watchers.values()] + self.retiring

    def stop_and_join(self, timeout: float) -> bool:
        """Stop the supervisor and every watcher; wait up to `timeout` in all; True when all ended."""
        self.stop()
        deadline = time.monotonic() + timeout
        if self._thread is not None:
            self._thread.join(max(deadline - time.monotonic(), 0))
        watchers = self.all_watchers()
        for watcher in watchers:
            watcher.stop()
        grace = time.monotonic() + min(STOP_GRACE_SECONDS, timeout)
        for watcher in watchers:
            watcher.join(max(grace - time.monotonic(), 0))
        for watcher in watchers:
            if watcher.is_alive():
                watcher.abort()
        for watcher in watchers:
            watcher.join(max(deadline - time.monotonic(), 0))
        alive = [w.mailbox_id for w in self.all_watchers() if w.is_alive()]
        if alive:
            logger.warning("IDLE watchers still running after %.0f s: mailboxes %s", timeout, alive)
        return not alive and (self._thread is None or not self._thread.is_alive())
