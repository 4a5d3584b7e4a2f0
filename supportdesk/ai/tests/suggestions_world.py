"""Helpers shared by the test_suggestions* modules: solved tickets built through the real actions."""

from __future__ import annotations

from collections.abc import Callable

from supportdesk.accounts.models import Group, User
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket


def solved_ticket(
    make_ticket: Callable[..., Ticket],
    agent: User,
    *,
    subject: str,
    body: str,
    reply: str = "",
    note: str = "",
    language: str = "",
    group: Group | None = None,
    state: str = "solved",
    customer_email: str = "",
) -> Ticket:
    """A ticket with the customer's message, the agent's public reply (and an internal note after
    it, when given), then put into `state` by the agent: all through the ticket actions."""
    extra: dict[str, object] = {"language": language}
    if group is not None:
        extra["group_id"] = group.pk
    if customer_email:
        extra["customer_email"] = customer_email
    ticket = make_ticket(agent, subject=subject, body=body, **extra)
    if reply:
        add_article(agent, ticket, body_text=reply)
    if note:
        add_article(agent, ticket, body_text=note, is_internal=True)
    if state != ticket.state:
        update_ticket(agent, ticket, {"state": state})
    ticket.refresh_from_db()
    return ticket
