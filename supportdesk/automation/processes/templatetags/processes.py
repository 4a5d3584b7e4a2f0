"""The ticket page's process panel: `{% process_panel ticket perms as panel %}` in processes/_ticket_panel.html."""

from __future__ import annotations

from typing import Any

from django import template

from supportdesk.accounts.models import User
from supportdesk.automation.processes.selectors import ticket_panel
from supportdesk.tickets.access import TicketPermissions
from supportdesk.tickets.models import Ticket

register = template.Library()


@register.simple_tag(takes_context=True)
def process_panel(context: Any, ticket: Ticket, perms: TicketPermissions) -> dict[str, Any]:
    user: User = context["request"].user
    return ticket_panel(user, ticket, perms)
