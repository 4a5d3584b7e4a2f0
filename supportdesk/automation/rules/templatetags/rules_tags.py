"""Template tags of the rules app: the macros an agent may apply (ticket page, inbox bulk bar)."""

from __future__ import annotations

from django import template

from supportdesk.accounts.models import User
from supportdesk.automation.rules.macros import macros_for_ticket, macros_for_user
from supportdesk.automation.rules.models import Macro
from supportdesk.tickets.models import Ticket

register = template.Library()
MAX_MENU = 100


@register.simple_tag
def ticket_macros(user: User, ticket: Ticket) -> list[Macro]:
    """One query: the active macros for this ticket's group."""
    if not user.is_authenticated:
        return []
    return list(macros_for_ticket(user, ticket)[:MAX_MENU])


@register.simple_tag
def my_macros(user: User) -> list[Macro]:
    if not user.is_authenticated:
        return []
    return list(macros_for_user(user)[:MAX_MENU])
