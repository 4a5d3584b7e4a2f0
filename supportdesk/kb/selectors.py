"""Reads of the knowledge base for authors (agent pages and the staff API).

Every function starts from the access gate (kb.access), so customers and anonymous callers get
nothing or NotFound. Lists are bounded and load what their rows show in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.pagination import Page, paginate
from supportdesk.kb import search as kb_search
from supportdesk.kb.access import visible_articles, visible_categories, visible_translations
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, ArticleAttachment, Category, Feedback, Translation, Version
from supportdesk.kb.versions import Diff, Side, decode_note, diff_versions

MAX_QUERY = 200
SEARCH_LIMIT = 50
MAX_VERSIONS_SHOWN = 50
MAX_COMMENTS_SHOWN = 20
MAX_CATEGORIES = 1000


def language_codes() -> list[str]:
    """The languages articles and category names may be written in (read at call time)."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices_list() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


# What each version note code means, in the reader's language.
NOTE_LABELS = {
    "create": gettext_lazy("Created"),
    "translate": gettext_lazy("Translation added"),
    "edit": gettext_lazy("Edited"),
    "submit": gettext_lazy("Submitted for review"),
    "withdraw": gettext_lazy("Withdrawn from review"),
    "approve": gettext_lazy("Approved and published"),
    "send_back": gettext_lazy("Sent back for changes"),
    "publish": gettext_lazy("Published"),
    "unpublish": gettext_lazy("Unpublished"),
    "archive": gettext_lazy("Archived"),
    "unarchive": gettext_lazy("Unarchived"),
    "restore": gettext_lazy("Restored"),
}


@dataclass(frozen=True)
class ArticleFilters:
    """The list filters; each is optional. Values are checked against allowlists (BAD-INPUTS 47)."""

    state: str = ""
    language: str = ""
    category_id: int | None = None
    visibility: str = ""
    q: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, object]) -> ArticleFilters:
        """From query parameters: unknown values are refused with a message, not ignored."""
        errors: dict[str, str] = {}
        state = str(data.get("state") or "")
        if state and state not in ArticleState.values:
            errors["state"] = _("Unknown state.")
        language = str(data.get("language") or "")
        if language and language not in language_codes():
            errors["language"] = _("Unknown language.")
        visibility = str(data.get("visibility") or "")
        if visibility and visibility not in Visibility.values:
            errors["visibility"] = _("Unknown visibility.")
        raw_category = data.get("category_id") or data.get("category") or None
        category_id: int | None = None
        if raw_category is not None:
            text = str(raw_category)
            if not text.isdigit() or len(text) > 18 or int(text) < 1:
                errors["category_id"] = _("Unknown category.")
            else:
                category_id = int(text)
        q = " ".join(str(data.get("q") or "").split())[:MAX_QUERY]
        if errors:
            raise ValidationFailed(_("Please correct the filters."), field_errors=errors)
        return cls(state=state, language=language, category_id=category_id, visibility=visibility, q=q)


def _search_ids(user: User, filters: ArticleFilters) -> list[int]:
    """Translation ids matching the text, best first (kb.search; staff get every state)."""
    hits = kb_search.search_articles(filters.q, language=filters.language or None, user=user, public_only=False, limit=SEARCH_LIMIT)
    return [hit.translation_id for hit in hits]


def translation_rows(user: User, filters: ArticleFilters) -> QuerySet[Translation]:
    """Translations matching the filters, with what a list row shows (no per-row queries)."""
    rows = visible_translations(user)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.visibility:
        rows = rows.filter(article__visibility=filters.visibility)
    if filters.category_id is not None:
        rows = rows.filter(article__category_id=filters.category_id)
    siblings = Prefetch("article__translations", queryset=Translation.objects.only("pk", "article_id", "language", "state"))
    return rows.select_related("article__category", "author", "reviewer").prefetch_related(siblings)


@dataclass(frozen=True)
class ListResult:
    rows: list[Translation]
    next_cursor: str | None
    searched: bool


def label_categories(rows: list[Translation]) -> list[Translation]:
    """Give each row `category_label`: its category's name in the reader's language."""
    language = get_language() or settings.LANGUAGE_CODE
    for row in rows:
        row.category_label = row.article.category.name_in(language)  # type: ignore[attr-defined]
    return rows


def list_translations(user: User, filters: ArticleFilters, *, cursor: str | None, limit: int) -> ListResult:
    """One page of the agent list: newest changes first; with a text query, the best SEARCH_LIMIT
    search hits (after the other filters) in rank order, on one page."""
    rows = translation_rows(user, filters)
    if filters.q:
        ids = _search_ids(user, filters)
        found = {row.pk: row for row in rows.filter(pk__in=ids)}
        return ListResult(rows=label_categories([found[pk] for pk in ids if pk in found]), next_cursor=None, searched=True)
    page: Page[Translation] = paginate(rows, order=["-updated_at", "-id"], cursor=cursor, limit=limit)
    return ListResult(rows=label_categories(page.items), next_cursor=page.next_cursor, searched=False)


def review_queue(user: User) -> QuerySet[Translation]:
    """Translations waiting for review, longest waiting first."""
    return translation_rows(user, ArticleFilters(state=ArticleState.IN_REVIEW)).order_by("updated_at", "pk")


def articles_for_api(user: User, filters: ArticleFilters) -> QuerySet[Article]:
    """Articles having a translation that matches the translation-level filters (one translation
    must match state and language together), with their translations, tags and related ids."""
    articles = visible_articles(user)
    condition = Q()
    if filters.state:
        condition &= Q(state=filters.state)
    if filters.language:
        condition &= Q(language=filters.language)
    if condition:
        articles = articles.filter(pk__in=Translation.objects.filter(condition).values("article_id"))
    if filters.visibility:
        articles = articles.filter(visibility=filters.visibility)
    if filters.category_id is not None:
        articles = articles.filter(category_id=filters.category_id)
    if filters.q:
        ids = _search_ids(user, filters)
        articles = articles.filter(pk__in=Translation.objects.filter(pk__in=ids).values("article_id"))
    return with_details(articles)


def with_details(articles: QuerySet[Article]) -> QuerySet[Article]:
    translations = Prefetch("translations", queryset=Translation.objects.select_related("author", "reviewer").order_by("language"))
    related = Prefetch("related", queryset=Article.objects.only("pk"))
    return articles.select_related("category", "created_by").prefetch_related(translations, "tags", related)


# -- the article page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: Version
    label: str
    note: str
    restored: int | None
    changed: bool = True  # the text differs from the version before (False for pure state changes)
    same_as_current: bool = False  # restoring it would change nothing


@dataclass
class ArticlePage:
    """Everything the article page shows for one translation."""

    article: Article
    translation: Translation
    translations: list[Translation]
    versions: list[VersionRow]
    attachments: list[ArticleAttachment]
    comments: list[Feedback]
    related: list[tuple[Article, Translation | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def describe(version: Version, *, changed: bool = True, same_as_current: bool = False) -> VersionRow:
    note = decode_note(version.note)
    label = str(NOTE_LABELS.get(note.code, note.code))
    return VersionRow(version, label, note.text, note.restored, changed=changed, same_as_current=same_as_current)


def versions_of(translation: Translation, *, limit: int = MAX_VERSIONS_SHOWN) -> list[VersionRow]:
    """The newest `limit` versions, each marked: did its text change, is it the current text."""
    rows = list(Version.objects.filter(translation=translation).select_related("author").order_by("-number")[: limit + 1])
    current = (translation.title, translation.body_html)
    out = []
    for index, version in enumerate(rows[:limit]):
        older = rows[index + 1] if index + 1 < len(rows) else None
        text = (version.title, version.body_html)
        changed = older is None or text != (older.title, older.body_html)
        out.append(describe(version, changed=changed, same_as_current=text == current))
    return out


def best_translation(translations: list[Translation], language: str) -> Translation | None:
    """The translation in `language`, else English, else the first."""
    by_language = {t.language: t for t in translations}
    return by_language.get(language) or by_language.get("en") or (translations[0] if translations else None)


def article_page(article: Article, translation: Translation) -> ArticlePage:
    translations = list(Translation.objects.filter(article=article).select_related("author", "reviewer").order_by("language"))
    related_articles = list(
        article.related.prefetch_related(
            Prefetch("translations", queryset=Translation.objects.only("pk", "article_id", "language", "title"))
        )
    )
    related = [(other, best_translation(list(other.translations.all()), translation.language)) for other in related_articles]
    comments = list(Feedback.objects.filter(translation=translation).exclude(comment="").order_by("-created_at")[:MAX_COMMENTS_SHOWN])
    return ArticlePage(
        article=article,
        translation=translation,
        translations=translations,
        versions=versions_of(translation),
        attachments=list(ArticleAttachment.objects.filter(article=article).order_by("pk")),
        comments=comments,
        related=related,
        tags=sorted(article.tags.values_list("name", flat=True)),
    )


MAX_VERSION = 2**31 - 1  # Version.number is a 32-bit column: larger numbers cannot exist (and must not reach the query)


def get_version(translation: Translation, number: int) -> Version:
    if not isinstance(number, int) or not 0 < number <= MAX_VERSION:
        raise NotFound(_("Version not found."))
    version = Version.objects.filter(translation=translation, number=number).select_related("author").first()
    if version is None:
        raise NotFound(_("Version not found."))
    return version


def diff_of(translation: Translation, number: int, *, against: int | None = None, source: bool = False) -> Diff:
    """Version `number` compared with `against` (default: the version before it)."""
    new = get_version(translation, number)
    if against is None:
        against = max(number - 1, 1)
    old = get_version(translation, against)
    return diff_versions(Side(old.number, old.title, old.body_html), Side(new.number, new.title, new.body_html), source=source)


# -- categories ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryNode:
    category: Category
    depth: int
    article_count: int
    label: str  # the name in the reader's language

    @property
    def indent(self) -> range:
        return range(self.depth)


def category_tree(user: User) -> list[CategoryNode]:
    """Every category in tree order (parents before children, by position), with its depth and
    number of articles; two queries."""
    rows = list(visible_categories(user).annotate(n_articles=Count("articles")).order_by("position", "pk")[:MAX_CATEGORIES])
    language = get_language() or settings.LANGUAGE_CODE
    children: dict[int | None, list[Category]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    known = {row.pk for row in rows}
    out: list[CategoryNode] = []
    placed: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            if node.pk in placed:
                continue
            placed.add(node.pk)
            out.append(CategoryNode(node, depth, node.n_articles, node.name_in(language)))  # type: ignore[attr-defined]
            walk(node.pk, depth + 1)

    walk(None, 0)
    # Orphans cannot exist (PROTECT), but a cut-off list could leave some: show them at the top level.
    for row in rows:
        if row.parent_id is not None and row.parent_id not in known and row.pk not in placed:
            placed.add(row.pk)
            out.append(CategoryNode(row, 0, row.n_articles, row.name_in(language)))  # type: ignore[attr-defined]
            walk(row.pk, 1)
    return out


def subtree_ids(nodes: list[CategoryNode], root: int) -> set[int]:
    """The category and everything below it, from an already loaded tree."""
    children: dict[int | None, list[int]] = {}
    for node in nodes:
        children.setdefault(node.category.parent_id, []).append(node.category.pk)
    found, stack = set(), [root]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


# A detected language (ai.kb_language) is shown as a mismatch only when lingua is this sure and the
# text is long enough to judge.
MISMATCH_CONFIDENCE = 0.9
MISMATCH_MIN_CHARS = 40


def language_mismatch(translation: Translation) -> str:
    """The detected language's code when it confidently differs from the chosen one, else ""."""
    detected = translation.detected_language
    confidence = translation.detected_language_confidence or 0.0
    if not detected or detected == translation.language or confidence < MISMATCH_CONFIDENCE:
        return ""
    if len(translation.body_text) + len(translation.title) < MISMATCH_MIN_CHARS:
        return ""
    return detected
