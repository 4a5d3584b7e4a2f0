"""The ticket page's suggestions panel, loaded by htmx after the page (so it never slows the page).

Thin: the view calls selectors.suggestions_for, which is the gate (staff view of the ticket, else
the same 404 as for a missing ticket), and renders the panel body.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions import selectors
from supportdesk.core.pages import guarded_page
from supportdesk.tickets.access import ticket_permissions


@require_GET
@guarded_page()
def panel(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The panel body (htmx partial): suggested reply, similar tickets, KB articles, reply templates.

    "Insert" buttons are offered only when the page has a composer (the agent may reply or note).
    """
    user = cast(User, request.user)
    found = selectors.suggestions_for(user, ticket_id)
    perms = ticket_permissions(user, found.ticket)
    context = {"s": found, "ticket": found.ticket, "can_insert": perms.can_reply or perms.can_note}
    response = render(request, "ai/suggestions/_panel_body.html", context)
    response.headers["Cache-Control"] = "private, no-store"
    return response
