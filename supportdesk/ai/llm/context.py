"""What the language model gets to read about a ticket: the conversation and the best KB articles.

Reads only, bounded, and decided here rather than in the prompt text:
- The conversation for a reply draft is the PUBLIC conversation only. A draft goes to the customer;
  a model shown internal notes can repeat them, so it never sees them. A summary is read by agents
  only (the same people who read internal notes), so its conversation includes internal notes,
  marked as such.
- Quoted history is cut from each message (email_gateway's split_reply), each message is cut to
  PER_MESSAGE characters, and the newest messages are kept within BUDGET characters, plus always
  the first message (the original question).
- KB articles come from the same retrieval as the agents' suggestions and the portal's deflection
  (ai.suggestions.kb.kb_for_text) with the agent's view (public and internal; published
  translations only), for the subject and the latest customer message, at most one translation
  per article (the ticket's language first), at most KB_LIMIT articles of at most PER_ARTICLE
  characters within KB_BUDGET.
No e-mail addresses are sent: people are "Customer", "Agent" with their full name when one is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language_info

from supportdesk.accounts.models import User
from supportdesk.ai.models import TicketInsight
from supportdesk.ai.suggestions.kb import kb_for_text
from supportdesk.email_gateway.parsing.quotes import split_reply
from supportdesk.kb.choices import ArticleState
from supportdesk.kb.models import Translation
from supportdesk.kb.search import KbHit, public_url
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article, Ticket

MAX_MESSAGES = 12
PER_MESSAGE = 3_000
BUDGET = 12_000
KB_LIMIT = 3
PER_ARTICLE = 2_500
KB_BUDGET = 6_000


@dataclass(frozen=True)
class Message:
    """One message of the conversation as the model reads it."""

    number: int
    sender: str  # customer, agent, system
    internal: bool
    author: str  # full name, never an e-mail address; "" when unknown
    created_at: datetime
    text: str
    cut: bool  # shortened to PER_MESSAGE


@dataclass(frozen=True)
class KbSource:
    """A KB article given to the model, and shown to the agent as a source of the draft."""

    article_id: int
    translation_id: int
    title: str
    language: str
    internal: bool  # not readable by customers: background for the model, never linked
    url: str  # absolute help-centre URL for public articles, the agent page for internal ones
    text: str


def language_name(code: str) -> str:
    """ "de" -> "German" (English names: the prompt is in English); "" for an unknown code."""
    if not code:
        return ""
    try:
        return str(get_language_info(code.lower().split("-")[0])["name"])
    except KeyError:
        return ""


def ticket_language(ticket: Ticket) -> str:
    """The ticket's language, else the one triage detected, else ""."""
    if ticket.language:
        return ticket.language
    return TicketInsight.objects.filter(ticket=ticket).values_list("language", flat=True).first() or ""


def _text_of(article: Article) -> tuple[str, bool]:
    visible, _quoted = split_reply(article.body_text or "")
    text = visible.strip()
    if len(text) > PER_MESSAGE:
        return text[:PER_MESSAGE].rstrip() + " […]", True
    return text, False


def _message(number: int, article: Article) -> Message:
    text, cut = _text_of(article)
    author = article.author.full_name if article.author is not None else ""
    return Message(number, article.sender_type, article.is_internal, author, article.created_at, text, cut)


def conversation(ticket: Ticket, *, include_internal: bool) -> list[Message]:
    """The messages the model reads, oldest first (see the module docstring for the bounds)."""
    rows = (
        Article.objects.filter(ticket=ticket)
        .select_related("author")
        .only("id", "sender_type", "is_internal", "body_text", "created_at", "author__full_name")
    )
    if not include_internal:
        rows = rows.filter(is_internal=False)
    newest = list(rows.order_by("-created_at", "-id")[:MAX_MESSAGES])
    first = rows.order_by("created_at", "id").first()
    first_pk = first.pk if first is not None else None
    if first is not None and all(row.pk != first_pk for row in newest):
        newest.append(first)
    chosen: list[Article] = []
    used = 0
    for row in newest:  # newest first: the latest exchange matters most
        size = min(len(row.body_text or ""), PER_MESSAGE)
        if chosen and used + size > BUDGET and row.pk != first_pk:
            continue
        chosen.append(row)
        used += size
    chosen.sort(key=lambda row: (row.created_at, row.pk))
    return [_message(number, row) for number, row in enumerate(chosen, start=1)]


def _ranked_hits(ticket: Ticket, actor: User, messages: list[Message], language: str) -> list[KbHit]:
    """The best published articles for the subject and the latest customer message, language first."""
    latest = next((m.text for m in reversed(messages) if m.sender == SenderType.CUSTOMER and not m.internal), "")
    found = kb_for_text(latest[:2000], language=language or None, public_only=False, limit=KB_LIMIT, user=actor, subject=ticket.subject)
    return [suggestion.hit for suggestion in found if suggestion.hit.state == ArticleState.PUBLISHED]


def kb_sources(ticket: Ticket, actor: User, messages: list[Message]) -> list[KbSource]:
    """The best published KB articles for this ticket, bounded (see the module docstring)."""
    language = ticket_language(ticket)
    hits = _ranked_hits(ticket, actor, messages, language)[:KB_LIMIT]
    if not hits:
        return []
    rows = Translation.objects.select_related("article").filter(pk__in=[hit.translation_id for hit in hits])
    by_id = {row.pk: row for row in rows}
    base = settings.SUPPORTDESK_BASE_URL.rstrip("/")
    sources: list[KbSource] = []
    used = 0
    for hit in hits:
        row = by_id.get(hit.translation_id)
        if row is None or used >= KB_BUDGET:
            continue
        text = (row.body_text or "").strip()[: min(PER_ARTICLE, KB_BUDGET - used)]
        used += len(text)
        url = base + public_url(row.article_id, row.language, row.slug) if hit.public else hit.url
        sources.append(KbSource(row.article_id, row.pk, row.title, row.language, not hit.public, url, text))
    return sources
