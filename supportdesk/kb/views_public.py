"""The public help centre under /help/: home, categories, articles, search, feedback, attachments.

No sign-in needed. Thin: each view checks the language, asks public_selectors (the one gate:
missing and non-public answer the same 404) and renders. Pages are shown in the language of the
URL, whatever the visitor's UI language, so the interface matches the article text.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.signing import BadSignature
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation as i18n
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.pages import see_other
from supportdesk.core.ratelimit import allow, client_ip
from supportdesk.kb import feedback as kb_feedback
from supportdesk.kb import public_selectors as sel
from supportdesk.kb.models import ArticleAttachment, Feedback
from supportdesk.kb.search import MAX_QUERY_CHARS, public_url, search_articles
from supportdesk.tickets.downloads import stored_file_response

SEARCH_LIMIT = 20
SEARCH_RATE = (60, timedelta(minutes=1))  # searches per client IP
VOTE_RATE = (20, timedelta(hours=1))  # votes per client IP, whatever the cookie says
VOTE_COOKIE = "sd_kb_votes"
VOTE_SALT = "supportdesk.kb.votes"
VOTE_COOKIE_MAX_IDS = 100


# -- helpers --------------------------------------------------------------------------------------


def _language(language: str) -> str:
    try:
        return sel.check_language(language)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def absolute(path: str) -> str:
    return settings.SUPPORTDESK_BASE_URL.rstrip("/") + path


def _languages(paths: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The page in each language: absolute URLs for hreflang alternates, paths for the language links."""
    return {"alternates": [(code, absolute(path)) for code, path in paths], "lang_links": paths}


def _render(request: HttpRequest, language: str, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    """Render in the page's language, with the links every help page needs."""
    with i18n.override(language):
        context = {
            "help_language": language,
            "help_home": reverse("help-home", kwargs={"language": language}),
            "help_search": reverse("help-search", kwargs={"language": language}),
            **context,
        }
        return render(request, template, context, status=status)


def _voted_ids(request: HttpRequest) -> set[int]:
    """Article ids this visitor voted on today, from the signed cookie (tampered -> none)."""
    try:
        value = request.get_signed_cookie(VOTE_COOKIE, default="", salt=VOTE_SALT, max_age=int(timedelta(days=1).total_seconds()))
    except BadSignature:
        return set()
    day, _sep, ids = (value or "").partition(":")
    if day != kb_feedback.start_of_day().date().isoformat():
        return set()
    return {int(part) for part in ids.split(",") if part.isdigit()}


def _already_voted(request: HttpRequest, article_id: int) -> bool:
    if article_id in _voted_ids(request):
        return True
    user = request.user
    if user.is_authenticated:
        since = kb_feedback.start_of_day()
        return Feedback.objects.filter(translation__article_id=article_id, user=user, created_at__gte=since).exists()
    return False


def _remember_vote(request: HttpRequest, response: HttpResponse, article_id: int) -> None:
    ids = [*sorted(_voted_ids(request) - {article_id}), article_id][-VOTE_COOKIE_MAX_IDS:]
    value = f"{kb_feedback.start_of_day().date().isoformat()}:{','.join(map(str, ids))}"
    response.set_signed_cookie(
        VOTE_COOKIE,
        value,
        salt=VOTE_SALT,
        max_age=int(timedelta(days=1).total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
        path="/help/",
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# -- pages ----------------------------------------------------------------------------------------


@require_GET
def help_root(request: HttpRequest) -> HttpResponseRedirect:
    """/help/ -> /help/<request language>/ (LocaleMiddleware and the user's setting decide)."""
    language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
    codes = sel.language_codes()
    if language not in codes:
        language = language.split("-")[0] if language.split("-")[0] in codes else settings.LANGUAGE_CODE
    return HttpResponseRedirect(reverse("help-home", kwargs={"language": language}))


@require_GET
def home(request: HttpRequest, language: str) -> HttpResponse:
    language = _language(language)
    ids = sel.public_category_ids()
    context = {
        "categories": sel.top_categories(language, category_ids=ids),
        "popular": sel.popular_translations(language, category_ids=ids),
        **_languages([(code, reverse("help-home", kwargs={"language": code})) for code in sel.language_codes()]),
    }
    return _render(request, language, "kb/public/home.html", context)


@require_GET
def search(request: HttpRequest, language: str) -> HttpResponse:
    language = _language(language)
    query = " ".join(request.GET.get("q", "")[: MAX_QUERY_CHARS * 2].split())[:MAX_QUERY_CHARS]
    hits = []
    limited = False
    if query:
        limit, window = SEARCH_RATE
        if allow(f"kb-search:ip:{client_ip(request)}", limit=limit, window=window):
            hits = search_articles(query, language=language, user=request.user, public_only=True, limit=SEARCH_LIMIT)
        else:
            limited = True
    context = {"q": query, "hits": hits, "limited": limited}
    return _render(request, language, "kb/public/search.html", context, status=429 if limited else 200)


@require_GET
def category(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    language = _language(language)
    try:
        page = sel.category_page(slug, language)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    paths = [(code, reverse("help-category", kwargs={"language": code, "slug": slug})) for code in sel.language_codes()]
    return _render(request, language, "kb/public/category.html", {"page": page, "category": page.category, **_languages(paths)})


@require_GET
def article(request: HttpRequest, language: str, article_id: int, slug: str = "") -> HttpResponse:
    language = _language(language)
    try:
        view = sel.article_view(request.user, article_id, language)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    translation = view.translation
    if translation is None:
        # The article exists (publicly) but not in this language: say where it does.
        others = [(t, public_url(view.article.pk, t.language, t.slug)) for t in view.alternates]
        return _render(request, language, "kb/public/not_in_language.html", {"others": others}, status=404)
    if slug != translation.slug:
        target = public_url(view.article.pk, language, translation.slug)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    staff = sel.is_staff(request.user)
    if view.public and not staff:
        kb_feedback.record_view(translation)
        translation.view_count += 1
        if request.GET.get("from") == "form":
            kb_feedback.record_deflection(translation, request.GET.get("q", ""), request.GET.get("visit", ""))
    context = {
        "article": view.article,
        "translation": translation,
        "preview": not view.public,
        "category": view.article.category,
        **_languages([(t.language, public_url(view.article.pk, t.language, t.slug)) for t in view.alternates]),
        "related": sel.related_translations(view.article, language, category_ids=view.category_ids),
        "attachments": list(view.article.attachments.order_by("filename", "pk")) if view.public or staff else [],
        "voted": _already_voted(request, view.article.pk),
        "feedback_url": reverse("help-feedback", kwargs={"language": language, "article_id": view.article.pk, "slug": translation.slug}),
    }
    return _render(request, language, "kb/public/article.html", context)


@require_POST
def feedback(request: HttpRequest, language: str, article_id: int, slug: str) -> HttpResponse:
    """A helpful yes/no vote with an optional comment (htmx swaps the box; without JS, a redirect)."""
    language = _language(language)
    try:
        view = sel.article_view(request.user, article_id, language)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    translation = view.translation
    if translation is None or not view.public:
        raise Http404(_("Not found."))
    article_url = public_url(view.article.pk, language, translation.slug)
    feedback_url = reverse("help-feedback", kwargs={"language": language, "article_id": view.article.pk, "slug": translation.slug})
    helpful_raw = request.POST.get("helpful", "")
    state: dict[str, Any] = {"translation": translation, "feedback_url": feedback_url}
    if helpful_raw not in {"yes", "no"}:
        state["error"] = _("Please choose yes or no.")
    elif _already_voted(request, view.article.pk):
        state["voted"] = True
    else:
        limit, window = VOTE_RATE
        if not allow(f"kb-vote:ip:{client_ip(request)}", limit=limit, window=window):
            state["error"] = _("Too many answers from your network. Please try again later.")
        else:
            try:
                voter = request.user if isinstance(request.user, User) and request.user.is_authenticated else None
                kb_feedback.record_feedback(translation, helpful_raw == "yes", request.POST.get("comment", ""), voter)
            except ValidationFailed as exc:
                state["error"] = exc.message
                state["comment"] = request.POST.get("comment", "")[: 2 * kb_feedback.MAX_COMMENT]
            else:
                state["thanks"] = True
    if _is_htmx(request):
        # htmx swaps only 2xx answers; the box itself shows the problem.
        response = _render(request, language, "kb/public/_feedback.html", state)
    else:
        if state.get("error"):
            messages.error(request, state["error"])
        elif state.get("thanks"):
            messages.success(request, _("Thank you for your feedback."))
        # Without JavaScript the answer is always the article again, with the outcome as a message.
        response = see_other(f"{article_url}#feedback")
    if state.get("thanks"):
        _remember_vote(request, response, view.article.pk)
    return response


@require_GET
def attachment(request: HttpRequest, attachment_id: int, filename: str) -> FileResponse:
    """An article's file or image, only while its article is public and published (or for staff)."""
    try:
        row: ArticleAttachment = sel.public_attachment(request.user, attachment_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    cache_control = "private, max-age=0, no-store" if sel.is_staff(request.user) else "public, max-age=300"
    return stored_file_response(row.blob_id, filename=row.filename, content_type=row.content_type, cache_control=cache_control)
