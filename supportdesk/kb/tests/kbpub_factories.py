"""Plain KB rows for the help-centre tests (kb authoring actions are another module's; these
tests need only rows in a given state, each indexed through the real index_translation)."""

from __future__ import annotations

from itertools import count

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.kb.models import Article, Category, Translation
from supportdesk.kb.search import index_translation
from supportdesk.tickets.models import Tag

_serial = count(1)


def make_category(
    slug: str | None = None,
    *,
    names: dict[str, str] | None = None,
    parent: Category | None = None,
    kind: str = CategoryKind.ARTICLES,
    visibility: str = Visibility.PUBLIC,
    position: int = 0,
) -> Category:
    slug = slug or f"cat-{next(_serial)}"
    return Category.objects.create(
        slug=slug, names=names or {"en": slug.replace("-", " ").title()}, parent=parent, kind=kind, visibility=visibility, position=position
    )


def make_article(
    category: Category,
    texts: dict[str, tuple[str, str]],
    *,
    state: str = ArticleState.PUBLISHED,
    visibility: str = Visibility.PUBLIC,
    tags: list[str] | None = None,
    states: dict[str, str] | None = None,
) -> Article:
    """An article with one translation per language: texts = {language: (title, body text)}."""
    article = Article.objects.create(category=category, visibility=visibility)
    for name in tags or []:
        article.tags.add(Tag.objects.get_or_create(name=name)[0])
    for language, (title, body) in texts.items():
        the_state = (states or {}).get(language, state)
        translation = Translation.objects.create(
            article=article,
            language=language,
            title=title,
            slug=slugify(title)[:80] or "article",
            body_html="".join(f"<p>{escape(para)}</p>" for para in body.split("\n\n")),
            body_text=body,
            state=the_state,
            published_at=timezone.now() if the_state == ArticleState.PUBLISHED else None,
        )
        index_translation(translation)
    return article


def tr(article: Article, language: str = "en") -> Translation:
    return Translation.objects.get(article=article, language=language)
