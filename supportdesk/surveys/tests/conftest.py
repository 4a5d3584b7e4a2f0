"""Fixtures of the survey tests: settings switched on, solving tickets through the real actions with
their after-commit events delivered, and sending what is due through the real sweep and task."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.surveys.models import SurveyInvitation, SurveySettings
from supportdesk.surveys.selectors import get_settings
from supportdesk.surveys.sweeps import run_survey_sweep
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket

Committed = Callable[[], AbstractContextManager[Any]]
LINK = re.compile(r"https?://[^\s\"<>]+/survey/([A-Za-z0-9_\-:.]+)/")


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Committed:
    """`with committed(): ...` runs the block's after-commit callbacks (event subscribers, tasks) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def conf(db: None) -> SurveySettings:
    """CSAT on (five points), CES and NPS off, one hour's delay, e-mail and portal."""
    row = get_settings()
    row.csat_enabled, row.ces_enabled, row.nps_enabled = True, False, False
    row.delay_minutes, row.change_window_hours, row.link_lifetime_days, row.nps_interval_days = 60, 72, 30, 90
    row.save()
    return row


@pytest.fixture
def solve(agent: User, committed: Committed) -> Callable[..., Ticket]:
    """Assign the ticket to the agent (or `actor`; once) and set it solved (or another state), events delivered."""

    def do(ticket: Ticket, state: str = "solved", actor: User | None = None) -> Ticket:
        who = actor or agent
        with committed():
            if ticket.owner_id is None:
                update_ticket(who, ticket, {"owner_id": who.pk})
            update_ticket(who, ticket, {"state": state})
        ticket.refresh_from_db()
        return ticket

    return do


@pytest.fixture
def customer_reply(committed: Committed) -> Callable[[Ticket, str], None]:
    def do(ticket: Ticket, text: str = "It is broken again.") -> None:
        ticket.refresh_from_db()
        with committed():
            add_article(ticket.customer, ticket, body_text=text)

    return do


@pytest.fixture
def send_due(committed: Committed) -> Callable[..., int]:
    """Run the sweep as the worker would, `minutes` from now; the mail tasks run after its commit."""

    def do(minutes: float = 61, now: datetime | None = None) -> int:
        with committed():
            return run_survey_sweep(now=now or timezone.now() + timedelta(minutes=minutes))

    return do


def links_of(message: Any) -> list[str]:
    """The survey tokens of a mail's plain-text body, in order."""
    return LINK.findall(message.body)


def path_of(url: str) -> str:
    return urlsplit(url).path


def only_invitation(**filters: Any) -> SurveyInvitation:
    return SurveyInvitation.objects.get(**filters)


@pytest.fixture(autouse=True)
def _empty_outbox() -> Iterator[None]:
    mail.outbox = []
    yield
