"""A real SMTP server for tests: aiosmtpd on a free loopback port, collecting what it receives.

Usage (pytest): request the `smtp_server` fixture; it points Django's SMTP backend at the server
for the test and yields the SmtpSink. Set `sink.reply = "451 4.3.0 Try later"` to make it refuse
mail temporarily (or "550 ..." permanently); `sink.reply = None` accepts again.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class SmtpSink:
    """The aiosmtpd handler: records each accepted message, or answers `reply` when it is set."""

    messages: list[Received] = field(default_factory=list)
    reply: str | None = None
    port: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.reply:
            return self.reply
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    """Start/stop wrapper; usable as a context manager outside pytest too."""

    def __init__(self) -> None:
        self.sink = SmtpSink(port=free_port())
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.sink.port)

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self.sink

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


def django_smtp_server(settings: Any) -> Iterator[SmtpSink]:
    """Run a server and point Django's SMTP backend (via pytest-django's `settings`) at it. For a
    module's own fixture: `yield from django_smtp_server(settings)`."""
    with SmtpServer() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        yield sink


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpSink]:
    """A running SMTP server with Django's SMTP backend pointed at it for this test."""
    yield from django_smtp_server(settings)
