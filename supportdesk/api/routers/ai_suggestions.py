"""Suggestions for agents on a ticket: similar solved tickets, KB articles, a suggested reply and
reply templates ranked by fit (docs/ai-suggestions.md).

Agent-side information: for customers and agents without the staff view of the ticket it does not
exist, and the answer is the same 404 as for a missing ticket. Read-only: nothing is sent.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from supportdesk.ai.suggestions import selectors
from supportdesk.api.auth import actor
from supportdesk.api.common import PathId

router = Router(tags=["ai"])


class SimilarTicketOut(Schema):
    id: int
    number: int
    subject: str
    state: str
    score: float
    same_language: bool
    same_group: bool
    reply_snippet: str


class KbArticleOut(Schema):
    translation_id: int
    article_id: int
    language: str
    title: str
    snippet: str
    url: str
    public: bool
    score: float


class SuggestedReplyOut(Schema):
    """A draft for the agent to check and edit; the API never sends it."""

    source: str
    source_id: int
    source_title: str
    score: float
    language: str
    text: str
    link: str


class RankedTemplateOut(Schema):
    id: int
    name: str
    language: str
    score: float
    text: str


class SuggestionsOut(Schema):
    ticket_id: int
    language: str
    terms: list[str]
    similar_tickets: list[SimilarTicketOut]
    kb_articles: list[KbArticleOut]
    suggested_reply: SuggestedReplyOut | None
    reply_templates: list[RankedTemplateOut]
    elapsed_ms: float


def suggestions_out(found: selectors.Suggestions) -> dict[str, Any]:
    reply = found.reply
    return {
        "ticket_id": found.ticket.pk,
        "language": found.language,
        "terms": found.terms,
        "similar_tickets": [
            {
                "id": t.id,
                "number": t.number,
                "subject": t.subject,
                "state": t.state,
                "score": t.score,
                "same_language": t.same_language,
                "same_group": t.same_group,
                "reply_snippet": t.reply_snippet,
            }
            for t in found.similar
        ],
        "kb_articles": [
            {
                "translation_id": a.translation_id,
                "article_id": a.article_id,
                "language": a.language,
                "title": a.title,
                "snippet": a.snippet,
                "url": a.url,
                "public": a.public,
                "score": a.score,
            }
            for a in found.kb
        ],
        "suggested_reply": None
        if reply is None
        else {
            "source": reply.source,
            "source_id": reply.source_id,
            "source_title": reply.source_title,
            "score": reply.score,
            "language": reply.language,
            "text": reply.text,
            "link": reply.link,
        },
        "reply_templates": [
            {"id": r.id, "name": r.name, "language": r.language, "score": r.score, "text": r.text} for r in found.templates
        ],
        "elapsed_ms": found.elapsed_ms,
    }


@router.get("/tickets/{ticket_id}/suggestions", response=SuggestionsOut, summary="Suggestions for agents on a ticket (staff)")
def ticket_suggestions(request: HttpRequest, ticket_id: PathId) -> dict[str, Any]:
    """Similar solved tickets, KB articles, a suggested reply and ranked reply templates."""
    return suggestions_out(selectors.suggestions_for(actor(request), ticket_id))
