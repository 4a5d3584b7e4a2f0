"""Reads of the public help centre: what a visitor may see, in which language, and report counts.

The one gate of the help centre is `public_translations(viewer)` / `readable_translation(...)`:
for anyone but active helpdesk staff they allow only PUBLISHED_PUBLIC translations whose category
chain is public to the root (a public article in an internal category, or under an internal
parent, is not public). Missing and forbidden raise the same NotFound. Staff may open any
article (a preview, marked on the page) but lists stay the public ones, so what staff see on the
help centre is what customers see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from supportdesk.core.errors import NotFound
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import PUBLISHED_PUBLIC, Article, ArticleAttachment, Category, Deflection, Translation

POPULAR_COUNT = 8
RELATED_COUNT = 6
MAX_CATEGORY_ARTICLES = 500
SITEMAP_MAX_URLS = 50_000


def is_staff(user: object) -> bool:
    """Active helpdesk staff (admin, supervisor, agent): may preview non-public articles."""
    return all(getattr(user, flag, False) for flag in ("is_authenticated", "is_active", "is_helpdesk_staff"))


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def check_language(language: str) -> str:
    """The language if the help centre is served in it (settings.LANGUAGES), else NotFound."""
    if language not in language_codes():
        raise NotFound()
    return language


def public_category_ids() -> set[int]:
    """Ids of categories that are public together with every ancestor (one query over a small table)."""
    rows = {pk: (parent, visibility) for pk, parent, visibility in Category.objects.values_list("pk", "parent_id", "visibility")}
    return {pk for pk in rows if _chain_public(pk, rows)}


def _chain_public(pk: int, rows: Mapping[int, tuple[int | None, str]]) -> bool:
    seen: set[int] = set()
    node: int | None = pk
    while node is not None:
        if node in seen or node not in rows:
            return False
        seen.add(node)
        parent, visibility = rows[node]
        if visibility != Visibility.PUBLIC:
            return False
        node = parent
    return True


def public_filter(category_ids: set[int] | None = None) -> Q:
    """The Q of translations the public may read (PUBLISHED_PUBLIC over the whole category chain)."""
    ids = public_category_ids() if category_ids is None else category_ids
    return PUBLISHED_PUBLIC & Q(article__category_id__in=ids)


def public_translations(language: str | None = None, *, category_ids: set[int] | None = None) -> QuerySet[Translation]:
    qs = Translation.objects.filter(public_filter(category_ids))
    return qs.filter(language=language) if language else qs


def is_public_translation(translation: Translation, *, category_ids: set[int] | None = None) -> bool:
    ids = public_category_ids() if category_ids is None else category_ids
    return (
        translation.state == ArticleState.PUBLISHED
        and translation.article.visibility == Visibility.PUBLIC
        and translation.article.category_id in ids
    )


@dataclass(frozen=True)
class ArticleView:
    """What the article page needs: the translation (None when the article has none in the asked
    language), whether it is public, and the public translations in other languages."""

    article: Article
    translation: Translation | None
    public: bool
    alternates: list[Translation]  # public translations of the article, every language (hreflang)
    category_ids: set[int]


def article_view(viewer: object, article_id: int, language: str) -> ArticleView:
    """The one gate of the article page: NotFound unless the viewer may read the article.

    Non-staff: the article must have at least one public translation; the asked language may be
    missing (the page then lists the languages it exists in) but never non-public. Staff: any
    article; a non-public one is a preview."""
    check_language(language)
    ids = public_category_ids()
    article = Article.objects.select_related("category").filter(pk=article_id).first()
    if article is None:
        raise NotFound()
    translations = list(Translation.objects.filter(article=article).order_by("language"))
    public_ones = [t for t in translations if _translation_public(t, article, ids)]
    wanted = next((t for t in translations if t.language == language), None)
    staff = is_staff(viewer)
    if not staff:
        if not public_ones:
            raise NotFound()
        if wanted is not None and wanted not in public_ones:
            wanted = None
    public = wanted is not None and wanted in public_ones
    return ArticleView(article=article, translation=wanted, public=public, alternates=public_ones, category_ids=ids)


def _translation_public(translation: Translation, article: Article, ids: set[int]) -> bool:
    return translation.state == ArticleState.PUBLISHED and article.visibility == Visibility.PUBLIC and article.category_id in ids


def related_translations(article: Article, language: str, *, category_ids: set[int]) -> list[Translation]:
    """Public translations, in `language`, of the article's related articles."""
    related_ids = list(article.related.values_list("pk", flat=True)[:100])
    if not related_ids:
        return []
    qs = public_translations(language, category_ids=category_ids).filter(article_id__in=related_ids)
    return list(qs.order_by("article__position", "article_id")[:RELATED_COUNT])


def top_categories(language: str, *, category_ids: set[int]) -> list[tuple[Category, int]]:
    """Root categories that are public, each with its number of public articles in `language` (direct ones)."""
    roots = list(Category.objects.filter(parent__isnull=True, pk__in=category_ids).order_by("position", "id"))
    counts = dict(
        public_translations(language, category_ids=category_ids)
        .filter(article__category__in=roots)
        .values_list("article__category_id")
        .annotate(n=Count("pk"))
        .values_list("article__category_id", "n")
    )
    return [(category, counts.get(category.pk, 0)) for category in roots]


def popular_translations(language: str, *, category_ids: set[int], count: int = POPULAR_COUNT) -> list[Translation]:
    return list(public_translations(language, category_ids=category_ids).order_by("-view_count", "article_id")[:count])


@dataclass(frozen=True)
class CategoryPage:
    category: Category
    ancestors: list[Category]  # root first, without the category itself
    children: list[Category]
    translations: list[Translation]


def category_page(slug: str, language: str) -> CategoryPage:
    """A public category (whole chain public) with its public subcategories and public articles in `language`."""
    check_language(language)
    ids = public_category_ids()
    category = Category.objects.filter(slug=slug, pk__in=ids).first()
    if category is None:
        raise NotFound()
    by_pk = {c.pk: c for c in Category.objects.filter(pk__in=ids)}
    ancestors: list[Category] = []
    node = by_pk.get(category.parent_id) if category.parent_id else None
    while node is not None and node not in ancestors:
        ancestors.insert(0, node)
        node = by_pk.get(node.parent_id) if node.parent_id else None
    children = [c for c in by_pk.values() if c.parent_id == category.pk]
    children.sort(key=lambda c: (c.position, c.pk))
    translations = list(
        public_translations(language, category_ids=ids)
        .filter(article__category=category)
        .order_by("article__position", "article_id")[:MAX_CATEGORY_ARTICLES]
    )
    return CategoryPage(category=category, ancestors=ancestors, children=children, translations=translations)


def public_attachment(viewer: object, attachment_id: int) -> ArticleAttachment:
    """An attachment of an article the viewer may read: public with a published public translation, or any for staff."""
    attachment = ArticleAttachment.objects.select_related("article").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound()
    if is_staff(viewer):
        return attachment
    if not public_translations(category_ids=public_category_ids()).filter(article_id=attachment.article_id).exists():
        raise NotFound()
    return attachment


def sitemap_rows(limit: int = SITEMAP_MAX_URLS) -> list[tuple[int, str, str, datetime]]:
    """(article_id, language, slug, updated_at) of public translations, at most `limit`, stable order."""
    qs = public_translations().order_by("article_id", "language").values_list("article_id", "language", "slug", "updated_at")
    return list(qs[:limit])


@dataclass(frozen=True)
class DeflectionCounts:
    """Visits of the new-ticket form that opened at least one suggested article since a time."""

    visits: int  # distinct form visits that opened a suggestion
    followed_by_ticket: int  # of those, visits that submitted a ticket anyway
    deflected: int  # visits - followed_by_ticket: the customer found the answer (presumably)
    article_opens: int  # deflection rows (one per visit and article)


def deflection_counts(since: datetime) -> DeflectionCounts:
    """Counts for reports: how many new-ticket form visits a KB suggestion answered since `since`.

    link_deflections_to_ticket marks every row of a visit, so a visit is either followed or not."""
    totals = Deflection.objects.filter(created_at__gte=since).aggregate(
        opens=Count("pk"),
        visits=Count("visit", distinct=True),
        followed=Count("visit", distinct=True, filter=Q(ticket__isnull=False)),
    )
    visits, followed = totals["visits"], totals["followed"]
    return DeflectionCounts(visits=visits, followed_by_ticket=followed, deflected=visits - followed, article_opens=totals["opens"])
