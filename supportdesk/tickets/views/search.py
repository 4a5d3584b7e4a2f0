"""The global search page: one box, results from the one search interface, cursor pages."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from supportdesk.core.errors import ValidationFailed
from supportdesk.search.queries import MAX_QUERY, search_tickets, ticket_snippets
from supportdesk.tickets.views._common import agent_required, current_user

PAGE_SIZE = 25


@require_GET
@agent_required
def search(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    query = request.GET.get("q", "")[: MAX_QUERY * 2]
    cursor = request.GET.get("cursor") or None
    error = ""
    try:
        page = search_tickets(user, query, cursor=cursor, limit=PAGE_SIZE)
        tickets, next_cursor = page.items, page.next_cursor
    except ValidationFailed as exc:
        tickets, next_cursor, error = [], None, exc.message
    # The search interface returns bare tickets; load the shown relations in fixed queries.
    prefetch_related_objects(tickets, "customer", "group", "owner")
    # Plain text, one query for the page; the template escapes it like any other text.
    snippets = ticket_snippets(tickets, query)
    results = [(ticket, snippets.get(ticket.pk, "")) for ticket in tickets]
    context = {"q": query.strip(), "tickets": tickets, "results": results, "next_cursor": next_cursor, "error": error}
    return render(request, "tickets/search.html", context)
