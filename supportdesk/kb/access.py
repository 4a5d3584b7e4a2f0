"""The only gate to the knowledge base for authors (agent pages and the staff API).

Rules (docs/knowledge-base.md):
- every active staff user (admin, supervisor, agent) reads every article, internal ones and every
  state included; customers, inactive users and anonymous visitors reach nothing here: missing
  and forbidden raise the same NotFound. (The public help centre has its own, published-only view.)
- agents create articles, add translations, edit drafts and submit them for review (or withdraw
  them); they change an article's visibility, category, tags, related articles and attachments only
  while none of its translations is published, since those changes would reach customers unreviewed.
- supervisors and admins also review (approve, or send back with a note), publish, unpublish,
  archive and unarchive, edit text in every state but archived, restore old versions, and change
  any article.
- admins manage categories.

Views and the API ask `translation_permissions` / `article_permissions` what to offer; actions ask
again before they write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, PermissionDenied
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, ArticleAttachment, Category, Translation

DRAFT = ArticleState.DRAFT
IN_REVIEW = ArticleState.IN_REVIEW
PUBLISHED = ArticleState.PUBLISHED
ARCHIVED = ArticleState.ARCHIVED
REVIEWER_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class Transition:
    """A move between editorial states: from any of `sources` to `target`."""

    name: str
    sources: frozenset[str]
    target: str
    reviewer_only: bool
    note_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", frozenset({DRAFT}), IN_REVIEW, reviewer_only=False),
        Transition("withdraw", frozenset({IN_REVIEW}), DRAFT, reviewer_only=False),
        Transition("approve", frozenset({IN_REVIEW}), PUBLISHED, reviewer_only=True),
        Transition("send_back", frozenset({IN_REVIEW}), DRAFT, reviewer_only=True, note_required=True),
        Transition("publish", frozenset({DRAFT}), PUBLISHED, reviewer_only=True),
        Transition("unpublish", frozenset({PUBLISHED}), DRAFT, reviewer_only=True),
        Transition("archive", frozenset({DRAFT, IN_REVIEW, PUBLISHED}), ARCHIVED, reviewer_only=True),
        Transition("unarchive", frozenset({ARCHIVED}), DRAFT, reviewer_only=True),
    )
}


class ArticleNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("Article not found."))


class CategoryNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("Category not found."))


class AttachmentNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(_("Attachment not found."))


def is_kb_staff(user: object) -> TypeGuard[User]:
    """An active admin, supervisor or agent: reads every article."""
    return isinstance(user, User) and user.is_authenticated and user.is_active and user.is_helpdesk_staff


def is_reviewer(user: object) -> bool:
    return is_kb_staff(user) and user.role in REVIEWER_ROLES


def require_kb_staff(user: object) -> None:
    """NotFound for everyone else: to them the authoring side of the knowledge base does not exist."""
    if not is_kb_staff(user):
        raise NotFound()


def require_category_admin(user: object) -> None:
    if not is_kb_staff(user):
        raise NotFound()
    if user.role != Role.ADMIN:
        raise PermissionDenied(_("Only admins may manage knowledge base categories."))


def require_reviewer(user: object) -> None:
    require_kb_staff(user)
    if not is_reviewer(user):
        raise PermissionDenied(_("Only supervisors and admins may do this."))


# -- reads ---------------------------------------------------------------------------------------


def visible_articles(user: object) -> QuerySet[Article]:
    """Every article, for staff; nothing for anyone else. The base of every authoring list."""
    return Article.objects.all() if is_kb_staff(user) else Article.objects.none()


def visible_translations(user: object) -> QuerySet[Translation]:
    return Translation.objects.all() if is_kb_staff(user) else Translation.objects.none()


def visible_categories(user: object) -> QuerySet[Category]:
    return Category.objects.all() if is_kb_staff(user) else Category.objects.none()


def _valid_id(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def access_article(user: object, article_id: object, *, lock: bool = False) -> Article:
    """An article the user may read (staff: every one); else ArticleNotFound, also for a missing id."""
    if not (is_kb_staff(user) and _valid_id(article_id)):
        raise ArticleNotFound()
    queryset = Article.objects.select_related("category", "created_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    article = queryset.filter(pk=article_id).first()
    if article is None:
        raise ArticleNotFound()
    return article


def access_translation(user: object, article_id: object, language: object, *, lock: bool = False) -> Translation:
    """The article's translation in `language`; ArticleNotFound when either is missing or hidden."""
    if not (is_kb_staff(user) and _valid_id(article_id) and isinstance(language, str)):
        raise ArticleNotFound()
    queryset = Translation.objects.select_related("article__category", "author", "reviewer")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    translation = queryset.filter(article_id=article_id, language=language[:8]).first()
    if translation is None:
        raise ArticleNotFound()
    return translation


def access_category(user: object, category_id: object) -> Category:
    if not (is_kb_staff(user) and _valid_id(category_id)):
        raise CategoryNotFound()
    category = Category.objects.filter(pk=category_id).first()
    if category is None:
        raise CategoryNotFound()
    return category


def category_chain_is_public(category: Category) -> bool:
    """True when the category and every ancestor are public (one query per level; trees are shallow)."""
    seen: set[int] = set()
    node: Category | None = category
    while node is not None and node.pk not in seen:
        if node.visibility != Visibility.PUBLIC:
            return False
        seen.add(node.pk)
        node = Category.objects.filter(pk=node.parent_id).first() if node.parent_id else None
    return True


def is_publicly_visible(article: Article) -> bool:
    """A customer or anonymous visitor may see this article: it is public, its category chain is
    public, and at least one translation is published."""
    return (
        article.visibility == Visibility.PUBLIC
        and article.translations.filter(state=PUBLISHED).exists()
        and category_chain_is_public(article.category)
    )


def access_attachment(user: object, attachment_id: object) -> ArticleAttachment:
    """A file or inline image of an article: staff reach every one; anyone else (customers,
    anonymous visitors of the help centre) only those of publicly visible articles. Else the
    same NotFound as for a missing id (BAD-INPUTS 30)."""
    if not _valid_id(attachment_id):
        raise AttachmentNotFound()
    attachment = ArticleAttachment.objects.select_related("article__category", "blob").filter(pk=attachment_id).first()
    if attachment is None:
        raise AttachmentNotFound()
    if is_kb_staff(user) or is_publicly_visible(attachment.article):
        return attachment
    raise AttachmentNotFound()


# -- what a user may do --------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationPermissions:
    """What one staff user may do to one translation now; the UI offers exactly these."""

    can_edit: bool  # title and body
    transitions: tuple[str, ...]  # names of TRANSITIONS allowed from the current state
    can_restore: bool  # restore an old version

    def allows(self, transition: str) -> bool:
        return transition in self.transitions


@dataclass(frozen=True)
class ArticlePermissions:
    can_change: bool  # visibility, category, tags, related articles, attachments
    can_translate: bool  # add a translation in another language


NO_TRANSLATION_PERMISSIONS = TranslationPermissions(False, (), False)


def translation_permissions(user: object, translation: Translation) -> TranslationPermissions:
    if not is_kb_staff(user):
        return NO_TRANSLATION_PERMISSIONS
    reviewer = is_reviewer(user)
    state = translation.state
    can_edit = state == DRAFT or (reviewer and state in {IN_REVIEW, PUBLISHED})
    transitions = tuple(name for name, t in TRANSITIONS.items() if state in t.sources and (reviewer or not t.reviewer_only))
    return TranslationPermissions(can_edit=can_edit, transitions=transitions, can_restore=reviewer and state != ARCHIVED)


def article_permissions(user: object, article: Article, *, has_published: bool | None = None) -> ArticlePermissions:
    """`has_published` may be passed when the caller already knows it (saves a query)."""
    if not is_kb_staff(user):
        return ArticlePermissions(False, False)
    if is_reviewer(user):
        return ArticlePermissions(True, True)
    if has_published is None:
        has_published = article.translations.filter(state=PUBLISHED).exists()
    return ArticlePermissions(can_change=not has_published, can_translate=True)


def require_edit(user: object, translation: Translation) -> None:
    if not translation_permissions(user, translation).can_edit:
        if translation.state == ARCHIVED:
            raise PermissionDenied(_("Archived articles cannot be edited; unarchive it first."))
        raise PermissionDenied(_("Only supervisors and admins may edit an article that is in review or published."))


def require_article_change(user: object, article: Article) -> None:
    if not article_permissions(user, article).can_change:
        raise PermissionDenied(_("This article is published: only supervisors and admins may change it."))
