"""The one search interface over tickets. Callers: the agent UI search page and the API.

Results are always scoped by access.visible_tickets, so search never widens what a user sees.
The engine (SQLite FTS5 or PostgreSQL full text) is picked by the connection's vendor; see engines.py.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Substr

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core.pagination import Page, paginate
from supportdesk.search.documents import document_body
from supportdesk.search.engines import Match, clean_query, postgres_match, run_bounded, sqlite_match
from supportdesk.search.models import TicketSearchDocument
from supportdesk.search.snippets import SCAN_CHARS, snippet
from supportdesk.tickets.access import READ, scope_for, visible_tickets
from supportdesk.tickets.models import Article, Ticket

MAX_QUERY = 200
MAX_LIMIT = 100
MAX_PUBLIC_WORDS = 8
# "#10042" or "10042"; more than 18 digits cannot be a ticket number (and would overflow bigint).
NUMBER = re.compile(r"#?(\d{1,18})")
ORDER = ["-updated_at", "-id"]
# A walk that has not filled its page by then gives way to the id set (see _search_text): some
# 2,000-4,000 row tests on 1M tickets, where a page of a common word fills in 5-15 ms.
WALK_TIMEOUT_MS = 60
WALK_SETTINGS = {
    "statement_timeout": f"{WALK_TIMEOUT_MS}ms",
    # Parallel workers cost ~30 ms to start and a walk reads a few hundred rows: never worth it.
    "max_parallel_workers_per_gather": "0",
}


def _match(query: str) -> Match | None:
    if connection.vendor == "postgresql":
        return postgres_match(query)
    if connection.vendor == "sqlite":
        return sqlite_match(query)
    return None


def _search_text(base: QuerySet[Ticket], query: str, *, cursor: str | None, limit: int) -> Page[Ticket]:
    match = _match(query)
    if match is None:
        if connection.vendor in ("postgresql", "sqlite"):
            return Page(items=[], next_cursor=None)  # no word in the query: nothing can match
        # Other vendors: correct, unindexed.
        return paginate(base.filter(search_document__content__icontains=query), order=ORDER, cursor=cursor, limit=limit)
    if match.is_common():
        # Newest-first walk over the ticket index, testing each row; stops after one page.
        walk = base.extra(where=[match.row_test], params=match.test_params)  # noqa: S610
        if not match.postgres:
            return paginate(walk, order=ORDER, cursor=cursor, limit=limit)
        # Words common alone can be rare together, or rare among this user's tickets: then the
        # walk would test most of the table. Past WALK_TIMEOUT_MS the id set is the better plan.
        page = run_bounded(lambda: paginate(walk, order=ORDER, cursor=cursor, limit=limit), settings=WALK_SETTINGS)
        if page is not None:
            return page
    return paginate(base.filter(pk__in=match.ids()), order=ORDER, cursor=cursor, limit=limit)


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
    # The index holds internal notes, so only tickets the user reads as staff may be matched
    # through it; tickets they see as a customer are searched in their public text only.
    staff_tickets = _staff_scope(user, base)
    if staff_tickets is None:
        return _search_public_text(base, query, cursor=cursor, limit=limit)
    return _search_text(staff_tickets, query, cursor=cursor, limit=limit)


def _staff_scope(user: User, base: QuerySet[Ticket]) -> QuerySet[Ticket] | None:
    """The visible tickets this user reads on the agent side (with internal notes), or None for customers."""
    if user.role == Role.ADMIN:
        return base
    if not user.is_helpdesk_staff:
        return None
    # Written as an exclusion of the customer-only tickets rather than `group_id IN (...)`: the IN
    # filter makes SQLite's planner pick the group index and sort every match (2-5 s at 100k
    # tickets) instead of walking the updated_at index and stopping after one page (~7 ms).
    return base.exclude(Q(customer=user) & ~Q(group_id__in=scope_for(user).groups_with(READ)))


def _search_public_text(base: QuerySet[Ticket], query: str, *, cursor: str | None, limit: int) -> Page[Ticket]:
    """Every word must appear in the subject or a public article. A customer's tickets are few, so
    a plain scan of their own articles is cheap, and internal notes are never consulted."""
    matching = base
    for word in query.split()[:MAX_PUBLIC_WORDS]:
        in_articles = Article.objects.filter(ticket__in=base, is_internal=False, body_text__icontains=word).values("ticket_id")
        matching = matching.filter(Q(subject__icontains=word) | Q(pk__in=in_articles))
    return paginate(matching, order=ORDER, cursor=cursor, limit=limit)


def ticket_snippets(tickets: list[Ticket], query: str, *, width: int = 160) -> dict[int, str]:
    """Plain-text excerpts of the article text around the first match, per ticket id, in one query.

    The header (number, subject, customer) is left out: the result list shows those already, and
    a match there (a customer name, say) quotes the start of the conversation instead.
    The result is plain text: templates must escape it (the default); never mark it safe.
    """
    ids = [t.pk for t in tickets]
    if not ids:
        return {}
    query = clean_query(query, max_chars=MAX_QUERY)
    # Only the part a snippet can quote leaves the database, not up to MAX_DOCUMENT_CHARS per ticket.
    head = Substr("content", 1, SCAN_CHARS)
    rows = TicketSearchDocument.objects.filter(ticket_id__in=ids).annotate(head=head).values_list("ticket_id", "head")
    return {ticket_id: snippet(document_body(content), query, width=width) for ticket_id, content in rows}
