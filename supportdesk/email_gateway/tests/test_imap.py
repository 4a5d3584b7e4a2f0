"""IMAP polling against a real Dovecot: store first, flag after, never twice, errors contained."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError
from imapclient import IMAPClient

from supportdesk.accounts.models import Group, User
from supportdesk.email_gateway import imap
from supportdesk.email_gateway.mailboxes import create_mailbox, update_mailbox
from supportdesk.email_gateway.models import InboundMessage, Mailbox
from supportdesk.email_gateway.polling import schedule_polls
from supportdesk.email_gateway.tests.conftest import imap_mail
from supportdesk.email_gateway.tests.dovecot import Dovecot, free_port
from supportdesk.testing.factories import AdminFactory
from supportdesk.tickets.attachments import blob_path
from supportdesk.tickets.models import Notification


@pytest.fixture(autouse=True)
def _no_idle_wait(settings: Any) -> None:
    settings.SUPPORTDESK_IMAP_IDLE_SECONDS = 0


def mail(n: int) -> bytes:
    return imap_mail(n)


def raw_of(inbound: InboundMessage) -> bytes:
    return blob_path(inbound.raw_id).read_bytes()


def server_uidvalidity(dovecot: Dovecot, username: str) -> int:
    client = dovecot.client(username)
    try:
        return int(client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"])
    finally:
        client.logout()


def test_poll_stores_each_message_once_then_flags_seen(dovecot: Dovecot, make_mailbox: Callable[..., Mailbox]) -> None:
    mailbox = make_mailbox()
    dovecot.append(mailbox.imap_username, mail(1))
    dovecot.append(mailbox.imap_username, mail(2))
    dovecot.append(mailbox.imap_username, mail(3), flags=(b"\\Seen",))  # already read by a human: left alone

    result = imap.poll_mailbox(mailbox)

    validity = server_uidvalidity(dovecot, mailbox.imap_username)
    rows = list(InboundMessage.objects.filter(mailbox=mailbox).order_by("source_ref"))
    assert result.error == ""
    assert [r.source_ref for r in rows] == [f"{validity}:1", f"{validity}:2"]
    assert [r.source for r in rows] == ["imap", "imap"]
    assert [raw_of(r) for r in rows] == [mail(1), mail(2)]
    assert sorted(result.stored) == sorted(r.pk for r in rows)
    assert {uid: b"\\Seen" in flags for uid, flags in dovecot.flags(mailbox.imap_username).items()} == {1: True, 2: True, 3: True}
    mailbox.refresh_from_db()
    assert mailbox.imap_uidvalidity == validity
    assert mailbox.last_error == ""
    assert mailbox.last_polled_at is not None

    second = imap.poll_mailbox(mailbox)

    assert (second.stored, second.already_stored, second.error) == ([], [], "")
    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 2


class Killed(BaseException):
    """Stands in for SIGKILL: nothing in the poller catches it."""


def test_crash_between_store_and_flag_neither_duplicates_nor_loses(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = make_mailbox()
    dovecot.append(mailbox.imap_username, mail(1))

    def die(self: IMAPClient, *args: Any, **kwargs: Any) -> None:
        raise Killed()

    with monkeypatch.context() as patch:
        patch.setattr(IMAPClient, "add_flags", die)
        with pytest.raises(Killed):
            imap.poll_mailbox(mailbox)

    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 1  # stored before the crash
    assert dovecot.flags(mailbox.imap_username) == {1: ()}  # ...but not acknowledged

    result = imap.poll_mailbox(mailbox)

    assert (result.stored, result.already_stored) == ([], [1])
    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 1
    assert b"\\Seen" in dovecot.flags(mailbox.imap_username)[1]


def test_database_down_leaves_the_message_unseen_for_the_next_poll(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = make_mailbox()
    dovecot.append(mailbox.imap_username, mail(7))

    def database_down(*args: Any, **kwargs: Any) -> InboundMessage:
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(imap, "store_raw", database_down)
        with pytest.raises(OperationalError):
            imap.poll_mailbox(mailbox)

    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 0
    assert dovecot.flags(mailbox.imap_username) == {1: ()}

    result = imap.poll_mailbox(mailbox)

    assert len(result.stored) == 1
    assert raw_of(InboundMessage.objects.get(mailbox=mailbox)) == mail(7)


def test_broken_mailboxes_record_a_safe_error_and_do_not_stop_the_others(dovecot: Dovecot, make_mailbox: Callable[..., Mailbox]) -> None:
    wrong_password = make_mailbox(password="not-the-Password-42")
    closed_port = make_mailbox(port=free_port())
    good = make_mailbox()
    dovecot.append(good.imap_username, mail(1))
    dovecot.append(wrong_password.imap_username, mail(2))

    scheduled = schedule_polls()  # the immediate task backend runs each poll task right away

    assert sorted(scheduled) == sorted([wrong_password.pk, closed_port.pk, good.pk])
    for box in (wrong_password, closed_port, good):
        box.refresh_from_db()
    server = f"{dovecot.host}:{dovecot.port}"
    assert wrong_password.last_error == f"Login to {server} failed: check the user name and password or token."
    assert closed_port.last_error == f"Connection to {dovecot.host}:{closed_port.imap_port} was refused."
    assert good.last_error == ""
    assert InboundMessage.objects.filter(mailbox=good).count() == 1
    assert InboundMessage.objects.filter(mailbox=wrong_password).count() == 0
    for text in (wrong_password.last_error, closed_port.last_error):
        assert "not-the-Password-42" not in text and "Traceback" not in text


def test_sweep_enqueues_only_due_mailboxes_once(make_mailbox: Callable[..., Mailbox]) -> None:
    mailbox = make_mailbox(poll_interval_seconds=60)

    first = schedule_polls()
    again = schedule_polls()  # polled a moment ago: not due

    assert first == [mailbox.pk]
    assert again == []
    inactive = make_mailbox(is_active=False)
    assert inactive.pk not in schedule_polls()


def test_idle_imports_mail_that_arrives_while_waiting(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = make_mailbox(use_idle=True)
    dovecot.append(mailbox.imap_username, mail(1))
    timer = threading.Timer(0.7, dovecot.append, args=(mailbox.imap_username, mail(2)))
    real_wait_idle = imap._wait_idle

    def wait_idle_then_deliver(client: IMAPClient, seconds: float) -> bool:
        # The second mail arrives 0.7 s into IDLE, however long connecting and the first fetch took
        # (a fixed timer from the start raced with them on a loaded machine).
        timer.start()
        return real_wait_idle(client, seconds)

    monkeypatch.setattr(imap, "_wait_idle", wait_idle_then_deliver)
    started = time.monotonic()
    try:
        result = imap.poll_mailbox(mailbox, idle_seconds=8)
    finally:
        timer.join()

    assert time.monotonic() - started < 6  # woken by the server's EXISTS, not by the timeout
    assert len(result.stored) == 2
    assert sorted(raw_of(r) for r in InboundMessage.objects.filter(mailbox=mailbox)) == [mail(1), mail(2)]


def test_check_connection_reports_success_and_clean_errors(dovecot: Dovecot, make_mailbox: Callable[..., Mailbox]) -> None:
    assert imap.check_connection(make_mailbox()) == ""
    assert imap.check_connection(make_mailbox(imap_folder="Nope")) == "The folder Nope cannot be opened."
    error = imap.check_connection(make_mailbox(password="wrong-Secret-99"))
    assert error == f"Login to {dovecot.host}:{dovecot.port} failed: check the user name and password or token."
    no_host = make_mailbox(imap_host="")
    assert imap.check_connection(no_host) == "No IMAP host is configured."


def test_xoauth2_logs_in_with_the_decrypted_token(admin: User, group: Group, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str, str]] = []

    class FakeClient:
        def __init__(self, host: str, port: int, ssl: bool, timeout: float) -> None:
            calls.append(("connect", f"{host}:{port}", str(ssl)))

        def oauth2_login(self, user: str, token: str) -> None:
            calls.append(("oauth2_login", user, token))

        def login(self, user: str, password: str) -> None:
            calls.append(("login", user, password))

    monkeypatch.setattr(imap, "IMAPClient", FakeClient)
    mailbox = create_mailbox(
        admin,
        {
            "name": "M365",
            "email_address": "help@example.com",
            "group": group,
            "imap_host": "outlook.office365.com",
            "imap_username": "help@example.com",
            "auth_method": "xoauth2",
        },
        secret="ya29.access-token",
    )

    imap.connect(mailbox)

    assert mailbox.imap_secret_encrypted and "ya29" not in mailbox.imap_secret_encrypted
    assert calls == [("connect", "outlook.office365.com:993", "True"), ("oauth2_login", "help@example.com", "ya29.access-token")]


def folder_uids(dovecot: Dovecot, username: str, folder: str) -> list[int]:
    client = dovecot.client(username)
    try:
        if not client.folder_exists(folder):
            return []
        client.select_folder(folder, readonly=True)
        return sorted(client.search(["ALL"]))
    finally:
        client.logout()


def folder_bodies(dovecot: Dovecot, username: str, folder: str) -> list[bytes]:
    client = dovecot.client(username)
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        return sorted(bytes(data[b"BODY[]"]) for data in client.fetch(uids, ["BODY.PEEK[]"]).values()) if uids else []
    finally:
        client.logout()


@pytest.mark.parametrize("capability", ["MOVE", "no MOVE"])
def test_move_mode_stores_then_moves_to_a_created_folder(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch, capability: str
) -> None:
    if capability == "no MOVE":  # an older server: COPY + \Deleted + EXPUNGE
        real = IMAPClient.has_capability
        monkeypatch.setattr(IMAPClient, "has_capability", lambda self, name: name.upper() != "MOVE" and real(self, name))
    mailbox = make_mailbox(after_import="move", move_folder="Archive.Supportdesk")
    dovecot.append(mailbox.imap_username, mail(1))
    dovecot.append(mailbox.imap_username, mail(2))
    dovecot.append(mailbox.imap_username, mail(3), flags=(b"\\Seen",))  # read by a human: not ours, stays

    result = imap.poll_mailbox(mailbox)

    assert result.error == ""
    assert len(result.stored) == 2
    assert sorted(raw_of(r) for r in InboundMessage.objects.filter(mailbox=mailbox)) == [mail(1), mail(2)]
    assert folder_uids(dovecot, mailbox.imap_username, "INBOX") == [3]
    assert folder_bodies(dovecot, mailbox.imap_username, "Archive.Supportdesk") == [mail(1), mail(2)]
    assert (imap.poll_mailbox(mailbox).stored, InboundMessage.objects.filter(mailbox=mailbox).count()) == ([], 2)


def test_move_mode_crash_after_store_moves_on_the_next_poll_without_duplicates(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = make_mailbox(after_import="move", move_folder="Done")
    dovecot.append(mailbox.imap_username, mail(1))

    def die(self: IMAPClient, *args: Any, **kwargs: Any) -> None:
        raise Killed()

    with monkeypatch.context() as patch:
        patch.setattr(IMAPClient, "move", die)
        with pytest.raises(Killed):
            imap.poll_mailbox(mailbox)

    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 1  # stored before the crash
    assert folder_uids(dovecot, mailbox.imap_username, "INBOX") == [1]  # ...and still waiting on the server

    result = imap.poll_mailbox(mailbox)

    assert (result.stored, result.already_stored) == ([], [1])
    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 1
    assert folder_uids(dovecot, mailbox.imap_username, "INBOX") == []
    assert folder_bodies(dovecot, mailbox.imap_username, "Done") == [mail(1)]


def test_move_to_a_folder_that_cannot_be_created_records_a_clean_error(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = make_mailbox(after_import="move", move_folder="Archive")
    dovecot.append(mailbox.imap_username, mail(1))

    def refuse(self: IMAPClient, folder: str) -> None:
        raise imap.IMAPClientError("create failed: NO [NOPERM] Permission denied")

    monkeypatch.setattr(IMAPClient, "create_folder", refuse)
    result = imap.poll_mailbox(mailbox)

    assert result.error == "The folder Archive cannot be created."
    mailbox.refresh_from_db()
    assert (mailbox.last_error, mailbox.consecutive_failures) == ("The folder Archive cannot be created.", 1)
    assert InboundMessage.objects.filter(mailbox=mailbox).count() == 1  # stored; moved once the folder can be made
    assert folder_uids(dovecot, mailbox.imap_username, "INBOX") == [1]


def test_failing_mailbox_alerts_every_active_admin_once_per_incident(
    dovecot: Dovecot, make_mailbox: Callable[..., Mailbox], admin: User, settings: Any
) -> None:
    settings.SUPPORTDESK_MAILBOX_ALERT_AFTER_FAILURES = 3
    german = AdminFactory.create(email="chef@support.example", language="de")
    AdminFactory.create(email="gone@support.example", is_active=False)
    closed = free_port()
    mailbox = make_mailbox(port=closed)  # the server is down
    error = f"Connection to {dovecot.host}:{closed} was refused."

    for expected in (1, 2):
        imap.poll_mailbox(mailbox)
        mailbox.refresh_from_db()
        assert (mailbox.consecutive_failures, mailbox.failure_alerted_at) == (expected, None)
    assert Notification.objects.count() == 0
    imap.poll_mailbox(mailbox)
    imap.poll_mailbox(mailbox)  # still failing: the same incident, no second alert

    mailbox.refresh_from_db()
    assert mailbox.consecutive_failures == 4 and mailbox.failure_alerted_at is not None
    alerts = {n.user_id: n for n in Notification.objects.all()}
    assert sorted(alerts) == sorted([admin.pk, german.pk])
    assert {(n.kind, n.ticket_id, n.read_at) for n in alerts.values()} == {("mailbox_failing", None, None)}
    assert alerts[admin.pk].text == f"Mailbox {mailbox.name} failed 3 times in a row: {error}"
    assert mailbox.name in alerts[german.pk].text  # in German once the catalog has the msgid

    update_mailbox(admin, mailbox, {"imap_port": dovecot.port})  # the server is back
    assert imap.poll_mailbox(mailbox).error == ""
    mailbox.refresh_from_db()
    assert (mailbox.consecutive_failures, mailbox.failure_alerted_at, mailbox.last_error) == (0, None, "")

    update_mailbox(admin, mailbox, {"imap_port": closed})
    for _ in range(3):
        imap.poll_mailbox(mailbox)
    assert Notification.objects.filter(user=admin).count() == 2  # a new incident, a new alert
