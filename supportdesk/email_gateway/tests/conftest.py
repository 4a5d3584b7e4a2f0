"""Fixtures of the IMAP tests: one real Dovecot per test session and mailboxes on fresh accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.email_gateway.mailboxes import create_mailbox
from supportdesk.email_gateway.models import Mailbox
from supportdesk.email_gateway.tests.dovecot import Dovecot, start_dovecot


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    yield from start_dovecot()


def imap_mail(n: int, *, extra: str = "") -> bytes:
    """A small customer mail numbered `n` (distinct Message-ID, subject and body)."""
    return (
        f"From: Carla <carla@customer.example>\r\nTo: support@example.com\r\nSubject: Help {n}\r\n"
        f"Message-ID: <msg-{n}@customer.example>\r\nDate: Mon, 02 Nov 2026 10:00:00 +0000\r\n{extra}\r\nBody {n}\r\n"
    ).encode()


@pytest.fixture
def make_mailbox(dovecot: Dovecot, admin: User, group: Group) -> Callable[..., Mailbox]:
    """A mailbox on its own fresh Dovecot account (so tests never see each other's mail)."""

    def make(*, password: str | None = None, port: int | None = None, **overrides: Any) -> Mailbox:
        username, real_password = dovecot.new_user()
        values: dict[str, Any] = {
            "name": username,
            "email_address": "support@example.com",
            "group": group,
            "imap_host": dovecot.host,
            "imap_port": port or dovecot.port,
            "imap_tls": False,
            "imap_username": username,
            "use_idle": False,
        }
        values.update(overrides)
        return create_mailbox(admin, values, secret=real_password if password is None else password)

    return make
