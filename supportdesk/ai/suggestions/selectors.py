"""All suggestions for one ticket, for an agent: the one entry point of the panel and the API.

Suggestions are agent-side information, like internal notes and the AI insight: only a user with
the staff view of the ticket (`ticket_permissions(...).is_staff_view`) gets them; for everyone
else the ticket does not exist (TicketNotFound, the same 404 as for a missing id). Reads only:
nothing is written and nothing is sent; the suggested reply reaches the customer only if the agent
inserts it into the composer, edits it and sends it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from supportdesk.accounts.models import User
from supportdesk.ai.models import TicketInsight
from supportdesk.ai.suggestions.canned import RankedTemplate, ranked_templates
from supportdesk.ai.suggestions.kb import KbSuggestion, kb_for_text
from supportdesk.ai.suggestions.reply import SuggestedReply, suggested_reply
from supportdesk.ai.suggestions.similar import SimilarTicket, query_terms, similar_tickets
from supportdesk.ai.triage import ticket_text
from supportdesk.email_gateway.compose import customer_language
from supportdesk.tickets.access import TicketNotFound, access_ticket, ticket_permissions
from supportdesk.tickets.models import Ticket

SIMILAR_LIMIT = 5
KB_LIMIT = 5
TEMPLATE_LIMIT = 3


@dataclass(frozen=True)
class Suggestions:
    ticket: Ticket
    language: str  # the reply language: the ticket's, else the detected one, else the customer's
    terms: list[str]  # the words the similar tickets were searched with
    similar: list[SimilarTicket]
    kb: list[KbSuggestion]
    reply: SuggestedReply | None
    templates: list[RankedTemplate]
    elapsed_ms: float
    steps_ms: dict[str, float] = field(default_factory=dict)  # time per step: terms, similar, kb, reply, templates


def staff_ticket(user: User, ticket_id: int) -> Ticket:
    """The ticket, for a user with its staff view; else TicketNotFound, as for a missing ticket."""
    ticket = access_ticket(user, ticket_id)
    if not ticket_permissions(user, ticket).is_staff_view:
        raise TicketNotFound()
    return ticket


def compute(user: User, ticket: Ticket) -> Suggestions:
    """Every suggestion for a ticket the caller has checked `user` may see as staff."""
    clock = _Clock()
    detected = TicketInsight.objects.filter(ticket=ticket).values_list("language", flat=True).first() or ""
    text_language = ticket.language or detected
    language = text_language or customer_language(ticket)
    subject, body = ticket_text(ticket)
    terms = query_terms(subject, body)
    clock.lap("terms")
    similar = similar_tickets(user, ticket, terms, language=text_language, limit=SIMILAR_LIMIT)
    clock.lap("similar")
    kb = kb_for_text(body, subject=subject, language=language, public_only=False, user=user, limit=KB_LIMIT)
    clock.lap("kb")
    reply = suggested_reply(ticket, user, language=language, similar=similar, kb=kb)
    clock.lap("reply")
    templates = ranked_templates(user, ticket, subject=subject, body=body, language=language, limit=TEMPLATE_LIMIT)
    clock.lap("templates")
    return Suggestions(ticket, language, [t.text for t in terms], similar, kb, reply, templates, clock.total(), clock.laps)


class _Clock:
    """Milliseconds per step, for the API's elapsed_ms and the benchmark's breakdown."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round((now - self.last) * 1000, 3)
        self.last = now

    def total(self) -> float:
        return round((self.last - self.started) * 1000, 3)


def suggestions_for(user: User, ticket_id: int) -> Suggestions:
    """The gate, then every suggestion (TicketNotFound for anyone without the staff view)."""
    return compute(user, staff_ticket(user, ticket_id))
