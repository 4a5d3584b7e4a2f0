"""Similar solved tickets for an open ticket, ranked, with the reply that solved each.

How (docs/ai-suggestions.md):
1. Text: the subject and the first customer message with quoted history cut, bounded, exactly as
   triage reads it (ai.triage.ticket_text).
2. Terms: the PRE_TERMS most frequent useful words (terms.py: stopwords of en/de/hu/lv dropped,
   subject words count double). Each gets its document frequency from the ticket index; words
   only this ticket holds, and words in more than MAX_DF_SHARE of all documents, are dropped (if
   that leaves fewer than MIN_TERMS, the rarest common ones stay). The QUERY_TERMS best by weight
   times idf form the query.
3. Candidates: solved and closed tickets in the groups the agent reads as staff (admins: all),
   never the ticket itself, holding any query term (engine.candidates).
4. Similarity: the idf-weighted share of the query's terms a candidate holds (0..1). Order: by
   similarity raised by LANGUAGE_BOOST for the same language (ticket.language, else the detected
   one) and GROUP_BOOST for the same group; below MIN_SIMILARITY nothing is suggested.
5. The solving reply: the last public agent article of each suggested ticket (never an internal
   note: the search document holds notes, so snippets are never taken from it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Substr

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.ai.suggestions import engine
from supportdesk.ai.suggestions.replytext import reply_body
from supportdesk.ai.suggestions.terms import Term, weighted_terms
from supportdesk.tickets.access import READ, scope_for, visible_tickets
from supportdesk.tickets.choices import SenderType, State
from supportdesk.tickets.models import Article, Ticket

PRE_TERMS = 16
QUERY_TERMS = 10
MIN_TERMS = 3
MAX_DF_SHARE = 0.1
# Below this many documents a share says nothing (two tickets of six are a third of the index).
MIN_DOCS_FOR_SHARE = 100
POOL = 1000
KEEP = 50
MIN_SIMILARITY = 0.15
LANGUAGE_BOOST = 0.25
GROUP_BOOST = 0.15
SOLVED_STATES = (State.SOLVED, State.CLOSED)
SNIPPET_CHARS = 240
# How much of a solving reply is read: enough for any real answer, bounded for hostile ones.
REPLY_SCAN = 20_000


@dataclass(frozen=True)
class QueryTerm:
    text: str
    weight: float  # frequency weight times idf
    documents: int


@dataclass(frozen=True)
class SimilarTicket:
    id: int
    number: int
    subject: str
    state: str
    score: float  # text similarity, 0..1
    same_language: bool
    same_group: bool
    reply_snippet: str  # plain text: render escaped
    reply_text: str  # the solving reply, greeting, closing and quotes cut; "" when there is none

    @property
    def display_number(self) -> str:
        return f"{settings.SUPPORTDESK_TICKET_NUMBER_PREFIX}{self.number}"


def staff_group_ids(user: User) -> list[int] | None:
    """Groups whose tickets this user reads as staff (None: every group, for admins)."""
    if user.role == Role.ADMIN:
        return None
    return scope_for(user).groups_with(READ)


def _idf(total: int, documents: int) -> float:
    return math.log(1 + (total - documents + 0.5) / (documents + 0.5))


def query_terms(subject: str, body: str) -> list[QueryTerm]:
    """The weighted terms of a ticket text that are worth asking the index for (see the module doc)."""
    terms: list[Term] = weighted_terms(subject, body, limit=PRE_TERMS)
    if not terms or not engine.supported():
        return []
    total = engine.document_count()
    # A word in more than `most` documents is common; counting stops just past that.
    most = total if total < MIN_DOCS_FOR_SHARE else max(2, int(total * MAX_DF_SHARE))
    frequencies = engine.document_frequencies([t.text for t in terms], total=total, cap=most + 1)
    scored = [QueryTerm(t.text, t.weight * _idf(total, frequencies.get(t.text, 0)), frequencies.get(t.text, 0)) for t in terms]
    # At least one other document must hold a word for it to find anything.
    useful = [q for q in scored if q.documents >= 2]
    rare = [q for q in useful if q.documents <= most]
    if len(rare) < MIN_TERMS:
        common = sorted((q for q in useful if q.documents > most), key=lambda q: q.documents)
        rare += common[: MIN_TERMS - len(rare)]
    return sorted(rare, key=lambda q: -q.weight)[:QUERY_TERMS]


def ticket_language_of(row: dict[str, object]) -> str:
    """A candidate row's language: its own, else the one triage detected."""
    return str(row["language"] or row["detected"] or "")


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_CHARS:
        return flat
    cut = flat[:SNIPPET_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_CHARS // 2 else cut) + "…"


def solving_replies(ticket_ids: list[int]) -> dict[int, str]:
    """The last public agent article of each ticket (quotes, greeting and closing cut).

    Two queries whatever the threads' length: the article id per ticket, then those articles'
    text (at most REPLY_SCAN characters each)."""
    last = (
        Article.objects.filter(ticket=OuterRef("pk"), is_internal=False, sender_type=SenderType.AGENT)
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    reply_ids = Ticket.objects.filter(pk__in=ticket_ids).annotate(reply_id=Subquery(last)).values_list("reply_id", flat=True)
    rows = Article.objects.filter(pk__in=[pk for pk in reply_ids if pk is not None]).annotate(head=Substr("body_text", 1, REPLY_SCAN))
    return {ticket_id: reply_body(head or "") for ticket_id, head in rows.values_list("ticket_id", "head")}


def similar_tickets(user: User, ticket: Ticket, terms: list[QueryTerm], *, language: str, limit: int = 5) -> list[SimilarTicket]:
    """The best `limit` solved tickets like `ticket` that `user` reads as staff (see the module doc)."""
    if not terms:
        return []
    weights = {q.text: q.weight for q in terms}
    total_weight = sum(weights.values()) or 1.0
    found = engine.candidates(
        list(weights), states=SOLVED_STATES, exclude_id=ticket.pk, group_ids=staff_group_ids(user), pool=POOL, keep=KEEP
    )
    similarity = {tid: sum(weights[t] for t in held) / total_weight for tid, held in found.items()}
    shortlist = sorted((tid for tid, score in similarity.items() if score >= MIN_SIMILARITY), key=lambda tid: -similarity[tid])
    # The gate again (defence in depth): only tickets visible_tickets gives this user.
    rows = {
        row["pk"]: row
        for row in visible_tickets(user)
        .filter(pk__in=shortlist[:KEEP])
        .annotate(detected=F("insight__language"))
        .values("pk", "number", "subject", "state", "group_id", "language", "detected")
    }

    def rank(tid: int) -> tuple[float, float, int]:
        row = rows[tid]
        boost = 1.0
        if language and ticket_language_of(row) == language:
            boost += LANGUAGE_BOOST
        if row["group_id"] == ticket.group_id:
            boost += GROUP_BOOST
        return (-similarity[tid] * boost, -similarity[tid], -tid)

    best = sorted(rows, key=rank)[: max(0, limit)]
    replies = solving_replies(best)
    return [
        SimilarTicket(
            id=tid,
            number=rows[tid]["number"],
            subject=rows[tid]["subject"],
            state=rows[tid]["state"],
            score=round(similarity[tid], 4),
            same_language=bool(language) and ticket_language_of(rows[tid]) == language,
            same_group=rows[tid]["group_id"] == ticket.group_id,
            reply_snippet=_snippet(replies.get(tid, "")),
            reply_text=replies.get(tid, ""),
        )
        for tid in best
    ]
