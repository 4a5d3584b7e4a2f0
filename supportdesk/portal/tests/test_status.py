"""The public status check: ticket number + HMAC secret; wrong secret = missing ticket; rate limits."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import formats

from supportdesk.core.errors import NotFound
from supportdesk.portal import status_check
from supportdesk.portal.status_check import TooManyChecks, check_status, ticket_secret
from supportdesk.sla.models import SlaPolicy
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

MakeTicket = Callable[..., Ticket]


@pytest.fixture
def ticket(make_ticket: MakeTicket, customer: Any) -> Ticket:
    SlaPolicy.objects.create(name="Standard", targets={"*": {"first_response": 60, "resolution": 480}})
    created = make_ticket(customer, subject="Printer <b>on fire</b>")
    created.refresh_from_db()  # the SLA hook writes the due times with an update
    return created


def test_secret_is_short_stable_and_per_ticket(make_ticket: MakeTicket) -> None:
    first, second = make_ticket(), make_ticket()
    assert re.fullmatch(r"[A-Z2-7]{12}", ticket_secret(first))
    assert ticket_secret(first) == ticket_secret(Ticket.objects.get(pk=first.pk))
    assert ticket_secret(first) != ticket_secret(second)


def test_secret_depends_on_the_secret_key(make_ticket: MakeTicket) -> None:
    ticket = make_ticket()
    before = ticket_secret(ticket)
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-0123456789"):
        assert ticket_secret(ticket) != before


def test_right_secret_shows_subject_state_and_promised_times_but_no_conversation(client: Client, ticket: Ticket) -> None:
    assert ticket.first_response_due_at is not None and ticket.resolution_due_at is not None
    result = check_status(str(ticket.number), ticket_secret(ticket).lower(), ip="192.0.2.1")
    assert (result.subject, result.state, result.first_response_due_at) == (ticket.subject, "new", ticket.first_response_due_at)
    assert result.resolution_due_at == ticket.resolution_due_at
    response = client.get("/portal/status/", {"number": str(ticket.number), "secret": ticket_secret(ticket)})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="status-result"' in body
    assert "Printer &lt;b&gt;on fire&lt;/b&gt;" in body
    assert formats.date_format(ticket.first_response_due_at, "DATETIME_FORMAT") in body
    assert "The printer in room 4 is on fire." not in body  # the first message is never shown
    assert response["Referrer-Policy"] == "no-referrer"


def test_secret_is_accepted_with_spaces_dashes_and_a_number_prefix(ticket: Ticket) -> None:
    secret = ticket_secret(ticket)
    spaced = f" {secret[:4]}-{secret[4:8]} {secret[8:]} "
    assert check_status(f"#{ticket.number}", spaced, ip="192.0.2.1").number == ticket.display_number


def test_wrong_secret_and_missing_ticket_answer_the_same(client: Client, ticket: Ticket, make_ticket: MakeTicket) -> None:
    other = make_ticket()
    messages: list[str] = []
    pages: list[tuple[int, int]] = []
    for number, secret in [
        (ticket.number, ticket_secret(other)),  # another ticket's secret
        (ticket.number, "A" * 12),
        (ticket.number, ticket_secret(ticket)[:-1]),
        (ticket.number + 999, ticket_secret(ticket)),  # no such ticket
        ("abc", ticket_secret(ticket)),
        (ticket.number, ""),
    ]:
        with pytest.raises(NotFound) as info:
            check_status(str(number), secret, ip="192.0.2.2")
        messages.append(info.value.message)
        response = Client().post("/portal/status/", {"number": number, "secret": secret or "x"})
        text = response.content.decode()
        pages.append((response.status_code, text.count("No ticket matches this number and code.")))
        assert ticket.subject not in text
    assert messages == ["No ticket matches this number and code."] * 6
    assert pages == [(200, 1)] * 6


def test_status_check_is_rate_limited_per_ip(client: Client, ticket: Ticket) -> None:
    limit = status_check.IP_LIMIT[0]
    for _ in range(limit):
        Client().post("/portal/status/", {"number": ticket.number, "secret": "WRONGWRONGWR"})
    response = client.post("/portal/status/", {"number": ticket.number, "secret": ticket_secret(ticket)})
    assert response.status_code == 429
    assert 'data-testid="status-result"' not in response.content.decode()
    with pytest.raises(TooManyChecks):
        check_status(str(ticket.number), ticket_secret(ticket), ip="127.0.0.1")
    assert check_status(str(ticket.number), ticket_secret(ticket), ip="192.0.2.77").subject == ticket.subject


def test_status_check_is_rate_limited_per_ticket_number(ticket: Ticket) -> None:
    limit = status_check.NUMBER_LIMIT[0]
    for index in range(limit):
        with pytest.raises(NotFound):
            check_status(str(ticket.number), "WRONGWRONGWR", ip=f"198.51.100.{index}")
    with pytest.raises(TooManyChecks):
        check_status(str(ticket.number), ticket_secret(ticket), ip="203.0.113.1")


def test_status_follows_the_ticket(ticket: Ticket, agent: Any) -> None:
    add_article(agent, ticket, body_text="We are on it.")
    result = check_status(str(ticket.number), ticket_secret(ticket), ip="192.0.2.3")
    ticket.refresh_from_db()
    assert result.first_response_at == ticket.first_response_at is not None
    assert result.updated_at == ticket.updated_at
    assert result.updated_at - result.created_at >= timedelta(0)


def test_acknowledgement_mail_carries_the_secret_and_the_prefilled_link(ticket: Ticket) -> None:
    from supportdesk.email_gateway.compose import compose_acknowledgement
    from supportdesk.email_gateway.models import Acknowledgement

    ack = Acknowledgement(ticket=ticket, recipient="carla@customer.example", message_id="ack-1@supportdesk.localhost", language="en")
    message = compose_acknowledgement(ack)
    secret = ticket_secret(ticket)
    link = f"http://127.0.0.1:8000/portal/status/?number={ticket.number}&secret={secret}"
    assert secret in str(message.body) and link in str(message.body)
    html = str(message.alternatives[0][0])
    assert secret in html and link.replace("&", "&amp;") in html
    assert f"http://127.0.0.1:8000/portal/tickets/{ticket.number}/" in str(message.body)
