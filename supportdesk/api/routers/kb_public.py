"""Public knowledge base API: search, read an article, and "was this helpful?" feedback.

These operations work without authentication (anonymous visitors, the help centre's own clients);
a token or session of helpdesk staff is honoured when present, so staff may also read non-public
articles with GET /help/articles/{id}. Anonymous and customer callers only ever see published
public articles in a public category chain; anything else is the same 404 as a missing article.
Every operation is rate-limited per client address (429 over the limit).
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.accounts.models import User
from supportdesk.api.auth import SessionAuth, TokenAuth
from supportdesk.api.common import Input, PathId
from supportdesk.core.errors import DomainError, NotFound
from supportdesk.core.ratelimit import allow, client_ip
from supportdesk.kb import feedback as kb_feedback
from supportdesk.kb import public_selectors as sel
from supportdesk.kb.models import MAX_COMMENT, Feedback
from supportdesk.kb.search import MAX_LIMIT, MAX_QUERY_CHARS, public_url, search_articles

router = Router(tags=["kb"])

SEARCH_LIMIT = (120, timedelta(minutes=1))
READ_LIMIT = (300, timedelta(minutes=1))
VOTE_LIMIT = (20, timedelta(hours=1))


class TooMany(DomainError):
    status = 429


class Anonymous:
    """The caller when neither a token nor a session identifies one (truthy, so ninja lets it in)."""

    def __bool__(self) -> bool:
        return True


def anonymous(request: HttpRequest) -> Anonymous:
    return Anonymous()


# Tried in order: a valid token or session user first, else an anonymous caller.
OPTIONAL_AUTH = [TokenAuth(), SessionAuth(), anonymous]
# The empty requirement tells OpenAPI clients that no credentials are needed (ninja lists only
# the named schemes; this is appended to them).
PUBLIC_OPENAPI: dict[str, Any] = {"security": [{}]}


def _caller(request: HttpRequest) -> User | None:
    user = getattr(request, "auth", None)
    return user if isinstance(user, User) else None


def _limit(request: HttpRequest, scope: str, rate: tuple[int, timedelta]) -> None:
    count, window = rate
    if not allow(f"kb-api-{scope}:ip:{client_ip(request)}", limit=count, window=window):
        raise TooMany(_("Too many requests. Please try again later."))


class HelpHitOut(Schema):
    translation_id: int
    article_id: int
    language: str
    title: str
    snippet: str = Field(description="Plain text around the first match; escape it when showing it as HTML.")
    url: str = Field(description="Path of the help-centre page.")


class HelpTranslationRefOut(Schema):
    language: str
    title: str
    url: str


class HelpArticleOut(Schema):
    article_id: int
    translation_id: int
    language: str
    title: str
    body_html: str = Field(description="Sanitized HTML.")
    body_text: str
    category_slug: str
    category_kind: str
    public: bool = Field(description="False only for staff reading a non-public article.")
    state: str
    url: str
    published_at: dt.datetime | None
    updated_at: dt.datetime
    view_count: int
    helpful_yes: int
    helpful_no: int
    translations: list[HelpTranslationRefOut] = Field(description="Public translations of the article, every language.")
    related: list[HelpTranslationRefOut] = Field(description="Public related articles in the same language.")


class HelpFeedbackIn(Input):
    language: str = Field(min_length=2, max_length=8, examples=["en"])
    helpful: bool
    comment: str = Field("", max_length=MAX_COMMENT)


class HelpFeedbackOut(Schema):
    helpful_yes: int
    helpful_no: int


def _ref(article_id: int, language: str, title: str, slug: str) -> HelpTranslationRefOut:
    return HelpTranslationRefOut(language=language, title=title, url=public_url(article_id, language, slug))


@router.get(
    "/help/search",
    auth=OPTIONAL_AUTH,
    openapi_extra=PUBLIC_OPENAPI,
    response=list[HelpHitOut],
    summary="Search public KB articles (no auth needed)",
)
def search(
    request: HttpRequest,
    q: str = Query(..., max_length=MAX_QUERY_CHARS * 2, description="Words; the last one also matches as a prefix."),
    language: str | None = Query(None, max_length=8, description="en, de, hu or lv; all languages when omitted."),
    limit: int = Query(10, ge=1, le=MAX_LIMIT),
) -> list[Any]:
    """Published public articles only, best matches first, whoever calls."""
    _limit(request, "search", SEARCH_LIMIT)
    if language:
        sel.check_language(language)
    return [
        HelpHitOut(**{name: getattr(hit, name) for name in HelpHitOut.model_fields})
        for hit in search_articles(q, language=language, limit=limit)
    ]


@router.get(
    "/help/articles/{article_id}",
    auth=OPTIONAL_AUTH,
    openapi_extra=PUBLIC_OPENAPI,
    response=HelpArticleOut,
    summary="Read a KB article (no auth needed)",
)
def get_article(request: HttpRequest, article_id: PathId, language: str = Query("en", min_length=2, max_length=8)) -> HelpArticleOut:
    """One article in one language: public ones for everybody, any for helpdesk staff. A public
    article without a (public) translation in `language` is a 404; `translations` of another call
    in an existing language lists them."""
    _limit(request, "read", READ_LIMIT)
    view = sel.article_view(_caller(request), article_id, language)
    translation = view.translation
    if translation is None:
        raise NotFound()
    article = view.article
    related = sel.related_translations(article, language, category_ids=view.category_ids)
    return HelpArticleOut(
        article_id=article.pk,
        translation_id=translation.pk,
        language=translation.language,
        title=translation.title,
        body_html=translation.body_html,
        body_text=translation.body_text,
        category_slug=article.category.slug,
        category_kind=article.category.kind,
        public=view.public,
        state=translation.state,
        url=public_url(article.pk, translation.language, translation.slug),
        published_at=translation.published_at,
        updated_at=translation.updated_at,
        view_count=translation.view_count,
        helpful_yes=translation.helpful_yes,
        helpful_no=translation.helpful_no,
        translations=[_ref(article.pk, t.language, t.title, t.slug) for t in view.alternates],
        related=[_ref(t.article_id, t.language, t.title, t.slug) for t in related],
    )


@router.post(
    "/help/articles/{article_id}/feedback",
    auth=OPTIONAL_AUTH,
    openapi_extra=PUBLIC_OPENAPI,
    response={201: HelpFeedbackOut},
    summary="Was this article helpful? (no auth needed)",
)
def post_feedback(request: HttpRequest, article_id: PathId, payload: HelpFeedbackIn) -> Status[HelpFeedbackOut]:
    """A yes/no vote with an optional comment on a public article's translation. Rate-limited per
    client address; a signed-in caller votes at most once per article per day (409 after that)."""
    view = sel.article_view(None, article_id, payload.language)  # votes only on public translations
    translation = view.translation
    if translation is None or not view.public:
        raise NotFound()
    user = _caller(request)
    if user is not None:
        since = kb_feedback.start_of_day()
        if Feedback.objects.filter(translation__article_id=article_id, user=user, created_at__gte=since).exists():
            raise _AlreadyVoted(_("You already gave feedback on this article today."))
    _limit(request, "vote", VOTE_LIMIT)
    kb_feedback.record_feedback(translation, payload.helpful, payload.comment, user)
    translation.refresh_from_db(fields=["helpful_yes", "helpful_no"])
    return Status(201, HelpFeedbackOut(helpful_yes=translation.helpful_yes, helpful_no=translation.helpful_no))


class _AlreadyVoted(DomainError):
    status = 409
