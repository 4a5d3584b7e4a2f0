"""Knowledge base: nested categories, articles with per-language translations, versions, feedback.

An `Article` is the language-independent thing (category, visibility, tags, related articles);
each `Translation` is its text in one language with its own editorial state, author, reviewer,
counters and `Version` history. Translations of one article are linked by sharing the article, so
"this article in German" is one query. `SearchDocument` is one row per translation holding its
searchable text; the full-text index over it is built by kb/search.py's migration (FTS5 on
SQLite, a stored tsvector + GIN on PostgreSQL), like the ticket search.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.tickets.models import Blob, Tag, Ticket

MAX_TITLE = 200
MAX_SLUG = 80
MAX_BODY = 200_000  # characters of sanitized HTML; the editor refuses more
MAX_COMMENT = 2_000


class Category(models.Model):
    """A node of the category tree. `names` maps language code -> display name (at least one)."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent"))
    slug = models.SlugField(_("slug"), max_length=MAX_SLUG, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=10, choices=CategoryKind.choices, default=CategoryKind.ARTICLES)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    names = models.JSONField(_("names"), default=dict, help_text=_("Language code -> name."))
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.slug

    def name_in(self, language: str) -> str:
        """The name in `language`, else English, else any name, else the slug."""
        names = self.names or {}
        return names.get(language) or names.get("en") or next(iter(names.values()), "") or self.slug


class Article(models.Model):
    """One piece of knowledge, in one or more languages (its translations)."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category"))
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    tags = models.ManyToManyField(Tag, related_name="kb_articles", blank=True)  # type: ignore[var-annotated]
    related = models.ManyToManyField("self", blank=True, symmetrical=True)  # type: ignore[var-annotated]
    position = models.PositiveIntegerField(_("position"), default=0)
    source_ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="The ticket this article was drafted from."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"kb article {self.pk}"


class Translation(models.Model):
    """An article's text in one language: its own state, slug, author, reviewer and counters."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    slug = models.SlugField(_("slug"), max_length=MAX_SLUG, allow_unicode=False)
    body_html = models.TextField(_("body"), blank=True, help_text="Sanitized on the way in (core.html).")
    body_text = models.TextField(blank=True, help_text="Plain text of body_html, for search and snippets.")
    # FAQ categories show `title` as the question and the body as the answer.
    state = models.CharField(_("state"), max_length=10, choices=ArticleState.choices, default=ArticleState.DRAFT, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("reviewer")
    )
    version = models.PositiveIntegerField(default=1, help_text="Number of the current Version row.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    view_count = models.PositiveIntegerField(default=0)
    helpful_yes = models.PositiveIntegerField(default=0)
    helpful_no = models.PositiveIntegerField(default=0)
    # Filled by the worker (ai.kb_language) after each text change; a confident mismatch with
    # `language` is shown to editors. A null confidence means "not detected yet".
    detected_language = models.CharField(_("detected language"), max_length=8, blank=True)
    detected_language_confidence = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["article_id", "language"]
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="kb_translation_one_per_language")]
        indexes = [
            models.Index(fields=["language", "state"], name="kb_translation_lang_state"),
            models.Index(fields=["language", "slug"], name="kb_translation_lang_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class Version(models.Model):
    """A saved state of a translation's text; restoring one writes a new version (history stays)."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=MAX_TITLE)
    body_html = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["translation_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["translation", "number"], name="kb_version_unique_number")]

    def __str__(self) -> str:
        return f"version {self.number} of {self.translation_id}"


class ArticleAttachment(models.Model):
    """A file or image of an article (content-addressed Blob, like ticket attachments)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=127)
    size = models.BigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename


class Feedback(models.Model):
    """One "was this helpful?" answer, optionally with a comment. Counters on Translation are kept
    in step in the same transaction; rows keep the comments and the time for reports."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=MAX_COMMENT)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"feedback on {self.translation_id}: {self.helpful}"


class Deflection(models.Model):
    """A customer opened a suggested article from the new-ticket form (a deflected visit), and
    whether they went on to submit a ticket in that visit anyway (`ticket` set later)."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="deflections")
    query = models.CharField(max_length=200, blank=True)
    visit = models.CharField(max_length=64, blank=True, db_index=True, help_text="Opaque id of the form visit (no personal data).")
    ticket = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"deflection to {self.translation_id}"


class SearchDocument(models.Model):
    """The searchable text of one translation (title weighted by repetition, tags, body text).

    Kept in step by kb actions in their transaction. Like search.TicketSearchDocument, PostgreSQL
    has an extra generated `tsv` column + GIN index and SQLite an FTS5 mirror (kb migrations)."""

    translation = models.OneToOneField(Translation, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    language = models.CharField(max_length=8, db_index=True)
    public = models.BooleanField(default=False, help_text="Published, public article in a public category.")
    content = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["language", "public"], name="kb_searchdoc_lang_public")]

    def __str__(self) -> str:
        return f"search document of translation {self.translation_id}"


PUBLISHED_PUBLIC = Q(state=ArticleState.PUBLISHED, article__visibility=Visibility.PUBLIC, article__category__visibility=Visibility.PUBLIC)
