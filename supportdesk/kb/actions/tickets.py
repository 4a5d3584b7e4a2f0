"""Drafts from tickets: the question and the last public answer, never internal notes."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.html import text_to_html
from supportdesk.kb.access import require_kb_staff
from supportdesk.kb.actions._common import category_for, clean_language
from supportdesk.kb.actions.articles import create_article
from supportdesk.kb.choices import CategoryKind, Visibility
from supportdesk.kb.models import MAX_BODY, MAX_TITLE, Category, Translation
from supportdesk.kb.selectors import language_codes
from supportdesk.tickets.access import access_ticket
from supportdesk.tickets.choices import SenderType
from supportdesk.tickets.models import Article as TicketArticle
from supportdesk.tickets.models import Ticket

logger = logging.getLogger("supportdesk.kb.actions")


def _article_html(article: TicketArticle | None, budget: int) -> str:
    if article is None:
        return ""
    if article.body_html and len(article.body_html) <= budget:
        return article.body_html
    return text_to_html(article.body_text[: budget // 2])


def _draft_language(actor: User, ticket_language: str, requested: str | None) -> str:
    if requested:
        return clean_language(requested)
    codes = language_codes()
    for code in (ticket_language, actor.language):
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


def _default_category() -> Category:
    category = Category.objects.order_by("parent_id", "position", "pk").filter(kind=CategoryKind.ARTICLES).first() or (
        Category.objects.order_by("position", "pk").first()
    )
    if category is None:
        raise ValidationFailed(_("Create a knowledge base category first."), field_errors={"category_id": _("No category exists.")})
    return category


def draft_from_ticket(actor: User, ticket: Ticket | int, *, category_id: int | None = None, language: str | None = None) -> Translation:
    """An internal draft from a ticket the actor may read: the subject is the title, the body the
    customer's first public message (the question) and the last public agent reply (the answer).
    Internal notes are never copied. The language is the ticket's (else the actor's, else the
    site's); the category the given one, else the first top-level article category. `ticket` is a
    Ticket or its id."""
    require_kb_staff(actor)
    ticket = access_ticket(actor, ticket.pk if isinstance(ticket, Ticket) else ticket)  # read access, checked again for objects
    code = _draft_language(actor, ticket.language, language)
    category = category_for(actor, category_id) if category_id is not None else _default_category()
    public = TicketArticle.objects.filter(ticket=ticket, is_internal=False)
    question = public.filter(sender_type=SenderType.CUSTOMER).order_by("created_at", "pk").first()
    answer = public.filter(sender_type=SenderType.AGENT).order_by("-created_at", "-pk").first()
    budget = MAX_BODY // 3
    with translation.override(code):
        # Plain calls, not inside f-strings: makemessages does not see those.
        question_heading, answer_heading = escape(_("Question")), escape(_("Answer"))
        parts = [f"<h2>{question_heading}</h2>", _article_html(question, budget)]
        if answer is not None:
            parts += [f"<h2>{answer_heading}</h2>", _article_html(answer, budget)]
    title = " ".join(ticket.subject.split())[:MAX_TITLE] or _("Untitled")
    row = create_article(
        actor,
        category_id=category.pk,
        language=code,
        title=title,
        body_html="".join(parts),
        visibility=Visibility.INTERNAL,  # customer text may hold personal data: a person decides to publish
        source_ticket_id=ticket.pk,
    )
    logger.info("kb article %s drafted from ticket %s by user %s", row.article_id, ticket.pk, actor.pk)
    return row
