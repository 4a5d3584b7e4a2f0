"""The suggested reply: assembled from the best match, for the agent to edit; never sent by itself.

Source: the best similar ticket's solving reply (similarity at least MIN_TICKET_SCORE) or the best
public KB article (score at least MIN_KB_SCORE), whichever scores higher; the KB wins a tie, as
curated text. Internal KB articles are never a source: their text is not meant for customers.
The text is the greeting in the reply language with the customer's name, the source's substance
(replytext.reply_body for a ticket; the article text, bounded, plus a link line for KB), and the
closing with the agent's name. It only ever goes into the composer when the agent clicks Insert.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from supportdesk.accounts.models import User
from supportdesk.ai.suggestions.kb import KbSuggestion
from supportdesk.ai.suggestions.replytext import MAX_REPLY_CHARS, compose
from supportdesk.ai.suggestions.similar import SimilarTicket
from supportdesk.kb.models import Translation
from supportdesk.tickets.models import Ticket

MIN_TICKET_SCORE = 0.3
MIN_KB_SCORE = 0.4
KB_BODY_CHARS = 1500


@dataclass(frozen=True)
class SuggestedReply:
    source: str  # "ticket" or "kb"
    source_id: int  # the ticket id, or the KB translation id
    source_title: str
    score: float
    language: str
    text: str
    link: str  # absolute public URL of the KB article; "" for a ticket


def _bounded(text: str, limit: int) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("\n\n", "\n", ". ", " "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + (1 if mark == ". " else 0)].rstrip() + " …"
    return cut + "…"


def _from_ticket(match: SimilarTicket, ticket: Ticket, agent: User, language: str) -> SuggestedReply:
    text = compose(language, customer_name=ticket.customer.full_name, body=match.reply_text, agent_name=agent.full_name)
    return SuggestedReply("ticket", match.id, match.subject, match.score, language, text, "")


def _from_kb(match: KbSuggestion, ticket: Ticket, agent: User, language: str) -> SuggestedReply | None:
    body = Translation.objects.filter(pk=match.translation_id).values_list("body_text", flat=True).first()
    if body is None:
        return None
    link = settings.SUPPORTDESK_BASE_URL.rstrip("/") + match.url
    text = compose(
        language,
        customer_name=ticket.customer.full_name,
        body=_bounded(body or match.title, min(KB_BODY_CHARS, MAX_REPLY_CHARS)),
        link=f"{match.title}: {link}",
        agent_name=agent.full_name,
    )
    return SuggestedReply("kb", match.translation_id, match.title, match.score, language, text, link)


def suggested_reply(
    ticket: Ticket, agent: User, *, language: str, similar: list[SimilarTicket], kb: list[KbSuggestion]
) -> SuggestedReply | None:
    """The suggestion from the best source (see the module doc), or None when nothing fits."""
    best_ticket = next((m for m in similar if m.reply_text and m.score >= MIN_TICKET_SCORE), None)
    best_kb = next((m for m in kb if m.public and m.score >= MIN_KB_SCORE), None)
    if best_kb is not None and (best_ticket is None or best_kb.score >= best_ticket.score):
        made = _from_kb(best_kb, ticket, agent, language)
        if made is not None:
            return made
    if best_ticket is not None:
        return _from_ticket(best_ticket, ticket, agent, language)
    return None
