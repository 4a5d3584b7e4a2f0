"""The ticket history entry of an LLM request, and how the timeline says it.

Every time ticket text is about to leave the server for the language model, the ticket's history
gets a TicketEvent of kind "llm" by the agent who asked: what was asked (a draft or a summary),
the model, the endpoint's host and which KB articles went along. Never the prompt or the answer.
It is written before the request goes out, so a request that then fails is still on record.

The kind is a plain value, not an EventKind member: adding a member would need a migration of the
tickets app for a label only; `event_sentence` (tickets/templatetags/sd.py) asks this module for
the sentence.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.tickets.history import record_event
from supportdesk.tickets.models import Ticket, TicketEvent

KIND = "llm"
DRAFT = "draft"
SUMMARY = "summary"


def record_request(
    ticket: Ticket, actor: User, *, what: str, model: str, host: str, kb_article_ids: list[int] | None = None
) -> TicketEvent:
    """Write the history entry in its own short transaction (no lock is held while the model thinks)."""
    data: dict[str, Any] = {"what": what, "model": model[:120], "endpoint_host": host[:255]}
    if kb_article_ids is not None:
        data["kb_article_ids"] = kb_article_ids
    with transaction.atomic():
        return record_event(ticket, actor, KIND, data=data)


def sentence(actor: str, event: TicketEvent) -> str:
    """'Alex Agent asked the language model (llama3) for a reply draft' and the like."""
    data = event.data or {}
    values = {"actor": actor, "model": data.get("model") or "?"}
    if data.get("what") == SUMMARY:
        return _("%(actor)s asked the language model (%(model)s) for a summary") % values
    return _("%(actor)s asked the language model (%(model)s) for a reply draft") % values
