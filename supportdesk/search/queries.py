"""The one search interface over tickets. Callers: the agent UI search page and the API.

Results are always scoped by access.visible_tickets, so search never widens what a user sees.
The engine (SQLite FTS5 or PostgreSQL full text) is picked by the connection's vendor; see engines.py.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

from supportdesk.accounts.models import User
from supportdesk.core.pagination import Page, paginate
from supportdesk.search.engines import Match, clean_query, postgres_match, sqlite_match
from supportdesk.search.models import TicketSearchDocument
from supportdesk.search.snippets import snippet
from supportdesk.tickets.access import visible_tickets
from supportdesk.tickets.models import Ticket

MAX_QUERY = 200
MAX_LIMIT = 100
# "#10042" or "10042"; more than 18 digits cannot be a ticket number (and would overflow bigint).
NUMBER = re.compile(r"#?(\d{1,18})")
ORDER = ["-updated_at", "-id"]


def _match(query: str) -> Match | None:
    if connection.vendor == "postgresql":
        return postgres_match(query)
    if connection.vendor == "sqlite":
        return sqlite_match(query)
    return None


def _text_matches(base: QuerySet[Ticket], query: str) -> QuerySet[Ticket]:
    match = _match(query)
    if match is not None and match.is_common():
        # Newest-first walk over the ticket index, testing each row; stops after one page.
        return base.extra(where=[match.row_test], params=match.test_params)  # noqa: S610
    if match is not None:
        return base.filter(pk__in=match.ids())
    if connection.vendor in ("postgresql", "sqlite"):
        return base.none()  # no word in the query: nothing can match
    return base.filter(search_document__content__icontains=query)  # other vendors: correct, unindexed


def search_tickets(user: User, query: str, *, cursor: str | None = None, limit: int = 25) -> Page[Ticket]:
    """Tickets matching `query` (number, subject, article text, customer name or e-mail), newest change first.

    A query that is a ticket number ("#10042" or "10042") finds that ticket directly; if the user
    cannot see such a ticket, the digits are searched as text (an order number in a mail, say).
    Raises ValidationFailed only for a malformed cursor; any query text is safe.
    """
    query = clean_query(query, max_chars=MAX_QUERY)
    if not query:
        return Page(items=[], next_cursor=None)
    limit = max(1, min(limit, MAX_LIMIT))
    base = visible_tickets(user)
    number = NUMBER.fullmatch(query)
    if number is not None:
        by_number = base.filter(number=int(number.group(1)))
        if by_number.exists():
            return paginate(by_number, order=ORDER, cursor=cursor, limit=limit)
    return paginate(_text_matches(base, query), order=ORDER, cursor=cursor, limit=limit)


def ticket_snippets(tickets: list[Ticket], query: str, *, width: int = 160) -> dict[int, str]:
    """Plain-text excerpts around the first match, per ticket id, in one query.

    The result is plain text: templates must escape it (the default); never mark it safe.
    """
    ids = [t.pk for t in tickets]
    if not ids:
        return {}
    query = clean_query(query, max_chars=MAX_QUERY)
    rows = TicketSearchDocument.objects.filter(ticket_id__in=ids).values_list("ticket_id", "content")
    return {ticket_id: snippet(content, query, width=width) for ticket_id, content in rows}
