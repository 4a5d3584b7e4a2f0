"""Long-running IDLE watchers against a real Dovecot: mail is stored as it arrives, IDLE is renewed,
errors reconnect with backoff, stopping is quick, and a slow server delays nobody else.

The watchers write from their own threads, so these tests use committed data (transaction=True).
The test thread reads the database only while the watchers sit in IDLE or after they stopped: on
SQLite the test database is one shared in-memory database.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any, cast

import pytest
from django.core.management import call_command
from django.utils import timezone
from imapclient import IMAPClient

from supportdesk.email_gateway import idle
from supportdesk.email_gateway.idle import IdleSupervisor, MailboxWatcher
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.polling import due_mailboxes, schedule_polls
from supportdesk.email_gateway.tests.conftest import imap_mail
from supportdesk.email_gateway.tests.dovecot import Dovecot, free_port
from supportdesk.tickets.attachments import blob_path
from supportdesk.tickets.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

ARRIVAL_SECONDS = 5.0  # "stored within a few seconds"


class IdleEntries:
    """Counts IDLE commands per IMAP user, so a test can wait until a watcher sits in IDLE again."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.changed = threading.Condition()

    def seen(self, username: str) -> None:
        with self.changed:
            self.counts[username] = self.counts.get(username, 0) + 1
            self.changed.notify_all()

    def count(self, username: str) -> int:
        with self.changed:
            return self.counts.get(username, 0)

    def wait_for(self, username: str, at_least: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.counts.get(username, 0) >= at_least, timeout=timeout)


@pytest.fixture
def idle_entries(monkeypatch: pytest.MonkeyPatch) -> IdleEntries:
    entries = IdleEntries()
    real_idle = IMAPClient.idle
    real_login = IMAPClient.login

    def login(self: IMAPClient, username: str, password: str) -> Any:
        self._test_user = username  # type: ignore[attr-defined]
        return real_login(self, username, password)

    def tracked_idle(self: IMAPClient) -> Any:
        answer = real_idle(self)
        entries.seen(self._test_user)  # type: ignore[attr-defined]
        return answer

    monkeypatch.setattr(IMAPClient, "login", login)
    monkeypatch.setattr(IMAPClient, "idle", tracked_idle)
    monkeypatch.setattr(idle, "HEARTBEAT_SECONDS", 3600.0)  # no background writes while the test thread reads
    return entries


@pytest.fixture
def watchers() -> Iterator[list[MailboxWatcher]]:
    """Watchers started by a test; stopped and joined at the end whatever happens."""
    started: list[MailboxWatcher] = []
    yield started
    for watcher in started:
        watcher.abort()
    for watcher in started:
        watcher.join(10)


def start_watcher(watchers: list[MailboxWatcher], mailbox: Mailbox, **options: Any) -> MailboxWatcher:
    watcher = MailboxWatcher(mailbox.pk, owner="test-worker", **options)
    watchers.append(watcher)
    assert idle.claim(mailbox.pk, "test-worker")
    watcher.start()
    return watcher


def stored_raws(mailbox: Mailbox) -> list[bytes]:
    return sorted(blob_path(r.raw_id).read_bytes() for r in InboundMessage.objects.filter(mailbox=mailbox))


def test_mail_appended_while_idling_is_stored_within_seconds_and_stop_is_quick(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], idle_entries: IdleEntries, watchers: list[MailboxWatcher]
) -> None:
    mailbox = make_mailbox(use_idle=True)
    user = mailbox.imap_username
    dovecot.append(user, imap_mail(1))  # waiting before the watcher starts
    watcher = start_watcher(watchers, mailbox)
    assert idle_entries.wait_for(user, 1, timeout=10), "the watcher never entered IDLE"
    assert stored_raws(mailbox) == [imap_mail(1)]

    appended = time.monotonic()
    dovecot.append(user, imap_mail(2))
    assert idle_entries.wait_for(user, 2, timeout=ARRIVAL_SECONDS), "the new mail did not wake the watcher"
    assert time.monotonic() - appended < ARRIVAL_SECONDS

    assert stored_raws(mailbox) == [imap_mail(1), imap_mail(2)]
    assert all(b"\\Seen" in flags for flags in dovecot.flags(user).values())
    mailbox.refresh_from_db()
    assert (mailbox.idle_owner, mailbox.last_error, mailbox.consecutive_failures) == ("test-worker", "", 0)

    stopping = time.monotonic()
    watcher.stop()
    assert watcher.join(5)
    assert time.monotonic() - stopping < 2.0  # leaves IDLE at the next wake-up, logs out
    mailbox.refresh_from_db()
    assert (mailbox.idle_owner, mailbox.idle_heartbeat_at) == ("", None)  # the claim is released


def test_idle_is_renewed_and_mail_after_a_renewal_still_arrives(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], idle_entries: IdleEntries, watchers: list[MailboxWatcher]
) -> None:
    mailbox = make_mailbox(use_idle=True, after_import="move", move_folder="Handled")
    user = mailbox.imap_username
    watcher = start_watcher(watchers, mailbox, renew_seconds=0.6, wake_seconds=0.2)

    assert idle_entries.wait_for(user, 4, timeout=10), "IDLE was not re-issued"
    dovecot.append(user, imap_mail(5))
    deadline = time.monotonic() + ARRIVAL_SECONDS
    while dovecot.flags(user) and time.monotonic() < deadline:  # moved away once stored
        time.sleep(0.1)
    watcher.stop()
    assert watcher.join(5)

    assert dovecot.flags(user) == {}
    assert dovecot.flags(user, "Handled") != {}
    assert stored_raws(mailbox) == [imap_mail(5)]


def test_a_dropped_connection_is_recorded_and_reconnected_with_backoff(
    dovecot: Dovecot,
    make_mailbox: Callable[..., Mailbox],
    idle_entries: IdleEntries,
    watchers: list[MailboxWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    mailbox = make_mailbox(use_idle=True)
    user = mailbox.imap_username
    watcher = start_watcher(watchers, mailbox, backoff_start=0.3)
    assert idle_entries.wait_for(user, 1, timeout=10)

    client = watcher._client
    assert client is not None
    client.socket().shutdown(socket.SHUT_RDWR)  # the network drops the connection mid-IDLE
    dovecot.append(user, imap_mail(3))  # arrives while the watcher is disconnected

    assert idle_entries.wait_for(user, 2, timeout=10), "the watcher did not reconnect"
    watcher.stop()
    assert watcher.join(5)
    assert stored_raws(mailbox) == [imap_mail(3)]
    mailbox.refresh_from_db()
    assert (mailbox.last_error, mailbox.consecutive_failures) == ("", 0)  # the reconnect succeeded
    failures = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "IDLE watcher" in r.getMessage()]
    assert len(failures) == 1 and f"mailbox {mailbox.pk}" in failures[0]


def test_connection_failures_back_off_count_and_alert(
    make_mailbox: Callable[..., Mailbox], watchers: list[MailboxWatcher], settings: Any
) -> None:
    settings.SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES = 2
    mailbox = make_mailbox(use_idle=True, port=free_port())  # nobody listens there
    watcher = start_watcher(watchers, mailbox, backoff_start=0.2, backoff_max=0.4)

    time.sleep(1.5)  # attempts at about 0, 0.2, 0.6, 1.0 and 1.4 s
    watcher.stop()
    assert watcher.join(5)

    mailbox.refresh_from_db()
    assert 3 <= mailbox.consecutive_failures <= 6  # backed off: not hundreds of attempts
    assert mailbox.failure_alerted_at is not None
    assert mailbox.last_error == f"Connection to 127.0.0.1:{mailbox.imap_port} was refused."
    assert Notification.objects.filter(kind="mailbox_failing").count() == 1


def test_a_slow_server_does_not_delay_the_other_mailboxes(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], idle_entries: IdleEntries
) -> None:
    silent = socket.socket()  # accepts connections (backlog) and never says hello
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    slow = make_mailbox(use_idle=True, port=silent.getsockname()[1])
    good = make_mailbox(use_idle=True)
    supervisor = IdleSupervisor(watcher_factory=lambda mailbox_id, owner: MailboxWatcher(mailbox_id, owner=owner, timeout=3.0))
    try:
        started = time.monotonic()
        assert sorted(supervisor.reconcile()) == sorted([slow.pk, good.pk])
        assert idle_entries.wait_for(good.imap_username, 1, timeout=10)
        appended = time.monotonic()
        dovecot.append(good.imap_username, imap_mail(8))
        assert idle_entries.wait_for(good.imap_username, 2, timeout=ARRIVAL_SECONDS)
        assert time.monotonic() - appended < 3.0  # while the slow watcher still waits for its server
        time.sleep(max(0.0, started + 3.5 - time.monotonic()))  # let the slow one time out and back off
    finally:
        stopped = time.monotonic()
        ended = supervisor.stop_and_join(10)
        silent.close()
    assert ended and time.monotonic() - stopped < 5  # the slow watcher gives up its connect after 3 s
    assert stored_raws(good) == [imap_mail(8)]
    slow.refresh_from_db()
    assert slow.last_error == f"Connection to 127.0.0.1:{slow.imap_port} timed out."


class FakeWatcher:
    """Stands in for MailboxWatcher in the supervisor's bookkeeping tests (no thread, no network)."""

    made: list[FakeWatcher] = []

    def __init__(self, mailbox_id: int, *, owner: str) -> None:
        self.mailbox_id, self.owner = mailbox_id, owner
        self.alive = False
        FakeWatcher.made.append(self)

    def start(self) -> None:
        self.alive = True

    def stop(self) -> None:
        self.alive = False

    abort = stop

    def is_alive(self) -> bool:
        return self.alive

    def join(self, timeout: float) -> bool:
        return True


def test_supervisor_starts_stops_and_restarts_watchers_as_mailboxes_change(make_mailbox: Callable[..., Mailbox]) -> None:
    FakeWatcher.made = []
    polled = make_mailbox(use_idle=False)
    first = make_mailbox(use_idle=True)
    second = make_mailbox(use_idle=True)
    elsewhere = make_mailbox(use_idle=True)
    assert idle.claim(elsewhere.pk, "other-worker")  # another worker watches this one
    supervisor = IdleSupervisor(watcher_factory=cast(Callable[..., MailboxWatcher], FakeWatcher))

    assert sorted(supervisor.reconcile()) == [first.pk, second.pk]
    assert supervisor.reconcile() == []  # nothing changed
    assert polled.pk not in supervisor.watchers

    Mailbox.objects.filter(pk=first.pk).update(is_active=False)
    Mailbox.objects.filter(pk=second.pk).update(imap_folder="Support")
    restarted = supervisor.reconcile()

    assert first.pk not in supervisor.watchers
    assert restarted == [second.pk]
    old, new = [w for w in FakeWatcher.made if w.mailbox_id == second.pk]
    assert (old.alive, new.alive) == (False, True)

    Mailbox.objects.filter(pk=elsewhere.pk).update(idle_heartbeat_at=timezone.now() - idle.STALE_AFTER - timedelta(seconds=1))
    assert supervisor.reconcile() == [elsewhere.pk]  # its worker died: the claim is free
    assert Mailbox.objects.get(pk=elsewhere.pk).idle_owner == supervisor.owner


def test_the_poll_sweep_skips_mailboxes_with_a_live_watcher(make_mailbox: Callable[..., Mailbox], settings: Any) -> None:
    settings.SUPPORTDESK_IMAP_IDLE_SECONDS = 0
    watched = make_mailbox(use_idle=True)
    unwatched = make_mailbox(use_idle=True)
    assert idle.claim(watched.pk, "some-worker")
    now = timezone.now()

    assert [m.pk for m in due_mailboxes(now)] == [unwatched.pk]
    Mailbox.objects.filter(pk=watched.pk).update(idle_heartbeat_at=now - idle.STALE_AFTER - timedelta(seconds=1))
    assert sorted(m.pk for m in due_mailboxes(now)) == sorted([watched.pk, unwatched.pk])  # a dead worker's claim
    idle.release(watched.pk, "some-worker")
    assert sorted(schedule_polls()) == sorted([watched.pk, unwatched.pk])


def test_runworker_runs_a_watcher_per_idle_mailbox_and_sigterm_stops_it(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], idle_entries: IdleEntries, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supportdesk.core.management.commands import runworker

    mailbox = make_mailbox(use_idle=True)
    user = mailbox.imap_username
    monkeypatch.setattr(runworker, "registered_sweeps", list)  # only the IDLE watchers run
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    threads_before = set(threading.enumerate())
    outcome: dict[str, float | bool] = {}

    def deliver_then_terminate() -> None:
        outcome["idled"] = idle_entries.wait_for(user, 1, timeout=15)
        appended = time.monotonic()
        dovecot.append(user, imap_mail(4))
        outcome["woke"] = idle_entries.wait_for(user, 2, timeout=ARRIVAL_SECONDS)
        outcome["arrival"] = time.monotonic() - appended
        outcome["terminated_at"] = time.monotonic()
        os.kill(os.getpid(), signal.SIGTERM)

    driver = threading.Thread(target=deliver_then_terminate)
    driver.start()
    try:
        call_command("runworker")  # the immediate test backend: "running sweeps only", plus IDLE
    finally:
        driver.join(20)
        for signum, handler in saved.items():
            signal.signal(signum, handler)

    assert outcome["idled"] and outcome["woke"]
    assert float(outcome["arrival"]) < ARRIVAL_SECONDS
    assert time.monotonic() - float(outcome["terminated_at"]) < 5.0
    assert [t.name for t in set(threading.enumerate()) - threads_before] == []
    assert stored_raws(mailbox) == [imap_mail(4)]
    assert Mailbox.objects.get(pk=mailbox.pk).idle_owner == ""


def test_a_server_that_says_bye_is_reconnected(
    dovecot: Dovecot,
    make_mailbox: Callable[..., Mailbox],
    idle_entries: IdleEntries,
    watchers: list[MailboxWatcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    doveadm = shutil.which("doveadm")
    if doveadm is None:
        pytest.skip("doveadm is not installed")
    mailbox = make_mailbox(use_idle=True)
    user = mailbox.imap_username
    watcher = start_watcher(watchers, mailbox, backoff_start=0.2)
    assert idle_entries.wait_for(user, 1, timeout=10)

    subprocess.run([doveadm, "-c", str(dovecot.root / "dovecot.conf"), "kick", user], check=True, capture_output=True)
    dovecot.append(user, imap_mail(6))

    assert idle_entries.wait_for(user, 2, timeout=10), "the watcher did not reconnect"
    watcher.stop()
    assert watcher.join(5)
    expected = f"IDLE watcher of mailbox {mailbox.pk}: The server 127.0.0.1:{dovecot.port} closed the connection. (ConnectionLost)"
    assert expected in [r.getMessage() for r in caplog.records]
    assert stored_raws(mailbox) == [imap_mail(6)]
