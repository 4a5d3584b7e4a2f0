"""The one search interface over tickets. Callers: the agent UI search page and the API.

Results are always scoped by access.visible_tickets, so search never widens what a user sees.
"""

from __future__ import annotations

from supportdesk.accounts.models import User
from supportdesk.core.pagination import Page, paginate
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.models import Ticket

MAX_QUERY = 200


def search_tickets(user: User, query: str, *, cursor: str | None = None, limit: int = 25) -> Page[Ticket]:
    """Tickets matching `query` (number, subject, article text, customer name or e-mail), newest change first."""
    query = " ".join((query or "").split())[:MAX_QUERY]
    base = visible_tickets(user)
    if not query:
        return Page(items=[], next_cursor=None)
    digits = query.lstrip("#")
    base = base.filter(number=int(digits)) if digits.isdigit() else base.filter(search_document__content__icontains=query)
    return paginate(base, order=["-updated_at", "-id"], cursor=cursor, limit=limit)
