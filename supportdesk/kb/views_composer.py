"""The KB panel of the agent reply composer (/kb/composer/): search, and text or link to insert.

Staff only (customers and other signed-in non-staff get the same 404 as a missing article).
Agents search every article, internal ones and all states included, marked in the results; a
link can only be inserted for a published public article, since the customer could not open any
other; the text of any article can be inserted (the agent decides what to send).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound
from supportdesk.core.pages import guarded_page
from supportdesk.kb import public_selectors as sel
from supportdesk.kb.models import Translation
from supportdesk.kb.search import MAX_QUERY_CHARS, public_url, search_articles

RESULT_LIMIT = 10


def require_staff(user: User) -> None:
    if not sel.is_staff(user):
        raise NotFound()


def _translation(translation_id: int) -> Translation:
    row = Translation.objects.select_related("article").filter(pk=translation_id).first()
    if row is None:
        raise NotFound()
    return row


def _text(body: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8", status=status)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@guarded_page(require_staff)
def search(request: HttpRequest) -> HttpResponse:
    """The result list (htmx partial): best matches first, any language unless one is chosen."""
    query = request.GET.get("q", "")[: MAX_QUERY_CHARS * 2]
    asked = request.GET.get("language", "")
    language = asked if asked in sel.language_codes() else None
    hits = search_articles(query, language=language, user=request.user, public_only=False, limit=RESULT_LIMIT) if query.strip() else []
    return render(request, "kb/composer/_results.html", {"hits": hits, "q": query.strip()})


@require_GET
@guarded_page(require_staff)
def link(request: HttpRequest, translation_id: int) -> HttpResponse:
    """The text to insert for a link: the title and the absolute public URL. Refused (409) for an
    article customers cannot open: internal, unpublished, or in an internal category."""
    translation = _translation(translation_id)
    if not sel.is_public_translation(translation):
        return _text(_("This article is not public; customers cannot open a link to it."), status=409)
    url = settings.SUPPORTDESK_BASE_URL.rstrip("/") + public_url(translation.article_id, translation.language, translation.slug)
    return _text(f"{translation.title}: {url}")


@require_GET
@guarded_page(require_staff)
def text(request: HttpRequest, translation_id: int) -> HttpResponse:
    """The article's plain text (title, blank line, body) to insert into the reply."""
    translation = _translation(translation_id)
    return _text(f"{translation.title}\n\n{translation.body_text.strip()}")
