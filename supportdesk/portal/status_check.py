"""The public status check: a ticket number plus the secret printed in the acknowledgement mail.

The secret is an HMAC of the ticket's id and number under SECRET_KEY with a fixed salt: stable,
nothing stored, and useless for any other ticket. 12 base32 characters are 60 bits; with the rate
limits below nobody guesses one. The answer shows only the subject, state and times, never the
conversation, and a wrong secret answers exactly like a ticket that does not exist.
"""

from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from supportdesk.core.errors import DomainError, NotFound
from supportdesk.core.ratelimit import allow
from supportdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

SALT = "supportdesk.portal.status_check"
SECRET_LENGTH = 12
MAX_SECRET_INPUT = 64
IP_LIMIT = (20, timedelta(minutes=15))
NUMBER_LIMIT = (30, timedelta(hours=1))
_NOT_BASE32 = re.compile(r"[^A-Z2-7]")


class TooManyChecks(DomainError):
    """Over the rate limit: the same for right and wrong secrets."""

    status = 429


@dataclass(frozen=True)
class TicketStatus:
    """What the public status check may show of a ticket."""

    number: str
    subject: str
    state: str
    state_label: str
    created_at: datetime
    updated_at: datetime
    first_response_due_at: datetime | None
    first_response_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None
    solved_at: datetime | None


def ticket_secret(ticket: Ticket) -> str:
    """The ticket's status-check secret: 12 upper-case base32 characters, stable, not stored."""
    digest = salted_hmac(SALT, f"{ticket.pk}:{ticket.number}", algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:SECRET_LENGTH]


def status_url(ticket: Ticket) -> str:
    """The prefilled status page link for the acknowledgement mail (absolute)."""
    query = urlencode({"number": str(ticket.number), "secret": ticket_secret(ticket)})
    return settings.SUPPORTDESK_BASE_URL.rstrip("/") + reverse("portal-status") + "?" + query


def normalize_secret(value: str) -> str:
    """Upper-case, without spaces or dashes a customer may have copied along."""
    return _NOT_BASE32.sub("", str(value or "")[:MAX_SECRET_INPUT].upper())


def parse_number(value: object) -> int | None:
    """A ticket number as typed ("#10001", " 10001 "), or None."""
    text = str(value or "").strip().lstrip(settings.SUPPORTDESK_TICKET_NUMBER_PREFIX).strip()
    if not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def check_status(number: object, secret: str, *, ip: str) -> TicketStatus:
    """The status of the ticket with `number` when `secret` is its secret. NotFound for a wrong
    secret and a missing ticket alike; TooManyChecks over the limits (counted before any lookup)."""
    parsed = parse_number(number)
    results = [
        allow(f"portal-status:ip:{ip}", limit=IP_LIMIT[0], window=IP_LIMIT[1]),
        allow(f"portal-status:number:{parsed}", limit=NUMBER_LIMIT[0], window=NUMBER_LIMIT[1]),
    ]
    if not all(results):
        logger.warning("portal status check over the rate limit (ip %s)", ip)
        raise TooManyChecks(_("Too many attempts. Please wait a few minutes and try again."))
    given = normalize_secret(secret)
    ticket = Ticket.objects.filter(number=parsed).first() if parsed is not None else None
    expected = ticket_secret(ticket) if ticket is not None else "-" * SECRET_LENGTH
    if ticket is None or len(given) != SECRET_LENGTH or not constant_time_compare(expected, given):
        raise NotFound(_("No ticket matches this number and code."))
    return TicketStatus(
        number=ticket.display_number,
        subject=ticket.subject,
        state=ticket.state,
        state_label=str(ticket.get_state_display()),
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        first_response_due_at=ticket.first_response_due_at,
        first_response_at=ticket.first_response_at,
        next_response_due_at=ticket.next_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        solved_at=ticket.solved_at,
    )
