"""The SMTP/LMTP listener over a real socket: 250 only after the raw copy is stored, 451, 552."""

from __future__ import annotations

import asyncio
import smtplib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from supportdesk.accounts.models import User
from supportdesk.email_gateway import smtpd
from supportdesk.email_gateway.mailboxes import create_mailbox
from supportdesk.email_gateway.models import InboundMessage
from supportdesk.email_gateway.smtpd import DeliveryHandler, server_factory
from supportdesk.email_gateway.tests.dovecot import free_port
from supportdesk.testing.factories import AdminFactory, GroupFactory
from supportdesk.tickets.attachments import blob_path

pytestmark = pytest.mark.django_db(transaction=True)  # the listener stores from its own thread

MESSAGE = (
    b"From: Carla <carla@customer.example>\r\nTo: help@example.com\r\nSubject: Printer\r\n"
    b"Message-ID: <smtp-1@customer.example>\r\n\r\nIt is on fire.\r\n.leading dot stays\r\n"
)


@contextmanager
def listener(handler: DeliveryHandler, *, lmtp: bool = False) -> Iterator[int]:
    """Run the real aiosmtpd protocol on a loopback port in a background event loop."""
    loop = asyncio.new_event_loop()
    port = free_port()
    server = loop.run_until_complete(loop.create_server(server_factory(handler, lmtp=lmtp, hostname="test.local"), "127.0.0.1", port))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


@pytest.fixture
def admin_user() -> User:
    return AdminFactory.create(email="root@support.example")


def stored() -> list[InboundMessage]:
    return list(InboundMessage.objects.order_by("pk"))


def test_accepts_with_250_only_after_storing_and_files_it_under_the_mailbox(admin_user: User) -> None:
    mailbox = create_mailbox(admin_user, {"name": "Help", "email_address": "help@example.com", "group": GroupFactory.create(name="Help")})
    with listener(DeliveryHandler()) as port, smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.ehlo("mta.example")
        client.mail("carla@customer.example")
        client.rcpt("help+sd-1-0000@example.com")
        code, reply = client.data(MESSAGE)

    rows = stored()
    assert len(rows) == 1
    assert (code, reply.decode()) == (250, f"2.0.0 Ok: stored as {rows[0].pk}")
    assert rows[0].source == "smtp"
    assert rows[0].mailbox_id == mailbox.pk
    assert rows[0].source_ref == "smtp from 127.0.0.1"
    assert blob_path(rows[0].raw_id).read_bytes() == MESSAGE


def test_answers_451_and_stores_nothing_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def database_down(*args: Any, **kwargs: Any) -> InboundMessage:
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(smtpd, "store_raw", database_down)
    with (
        listener(DeliveryHandler()) as port,
        smtplib.SMTP("127.0.0.1", port, timeout=10) as client,
        pytest.raises(smtplib.SMTPDataError) as failure,
    ):
        client.sendmail("carla@customer.example", ["help@example.com"], MESSAGE)

    assert failure.value.smtp_code == 451
    assert failure.value.smtp_error == b"4.3.0 Message not stored, please try again later"
    assert stored() == []


@pytest.mark.parametrize("announce_size", [True, False], ids=["size-announced", "streamed"])
def test_refuses_oversized_mail_with_552(announce_size: bool) -> None:
    big = MESSAGE + b"x" * 70 + b"\r\n" * 1 + (b"y" * 70 + b"\r\n") * 100  # about 7 kB
    with listener(DeliveryHandler(max_bytes=2048)) as port, smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.ehlo("mta.example")
        if announce_size:  # what smtplib.sendmail does: the listener refuses at MAIL FROM
            code, _reply = client.mail("carla@customer.example", [f"SIZE={len(big)}"])
        else:  # a client that does not announce the size is refused after DATA
            client.mail("carla@customer.example")
            client.rcpt("help@example.com")
            code, _reply = client.data(big)

    assert code == 552
    assert stored() == []


def test_lmtp_answers_once_per_recipient_and_stores_the_message_once() -> None:
    with listener(DeliveryHandler(lmtp=True), lmtp=True) as port:
        client = smtplib.LMTP("127.0.0.1", port, timeout=10)
        try:
            refused = client.sendmail("carla@customer.example", ["help@example.com", "sales@example.com"], MESSAGE)
            code, _reply = client.noop()  # both per-recipient replies were consumed: the session is in step
        finally:
            client.quit()

    assert refused == {}
    assert code == 250
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [({"port": 0}, "--port must be between 1 and 65535."), ({"max_bytes": 10}, "--max-bytes must be at least 1024.")],
)
def test_command_rejects_bad_options(options: dict[str, int], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("smtpd", **options)


def test_command_reports_a_busy_port_cleanly() -> None:
    with listener(DeliveryHandler()) as port, pytest.raises(CommandError, match=f"Cannot listen on 127.0.0.1:{port}"):
        call_command("smtpd", port=port)
