"""Articles and translations: create, translate, edit with optimistic concurrency, editorial
states, restore, and article settings (visibility, category, tags, related articles)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, reject_unknown_fields
from supportdesk.core.events import publish_on_commit
from supportdesk.kb.access import TRANSITIONS, require_article_change, require_edit, require_kb_staff, translation_permissions
from supportdesk.kb.actions._common import (
    ARTICLE_FIELDS,
    MAX_RELATED,
    MAX_TAGS,
    category_for,
    clean_body,
    clean_id,
    clean_language,
    clean_note,
    clean_title,
    reindex,
    translations_of,
    unique_translation_slug,
)
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, Translation, Version
from supportdesk.kb.versions import encode_note
from supportdesk.tickets.actions.tags import normalize_tag
from supportdesk.tickets.models import Tag

logger = logging.getLogger("supportdesk.kb.actions")

# Published after commit whenever a translation's text is new or replaced (payload: translation_id);
# the local AI detects its language (supportdesk.ai.kb_language).
TEXT_CHANGED = "kb.translation_text_changed"

# -- versions ---------------------------------------------------------------------------------------


def _append_version(row: Translation, actor: User | None, code: str, note: str = "", *, restored: int | None = None) -> Version:
    """Write the next Version with the translation's current text and bump `row.version` (the
    caller saves the row). The unique (translation, number) constraint turns a lost race between
    two savers into a Conflict instead of two versions with one number."""
    number = row.version + 1
    try:
        with transaction.atomic():
            version = Version.objects.create(
                translation=row,
                number=number,
                title=row.title,
                body_html=row.body_html,
                author=actor,
                note=encode_note(code, note, restored=restored),
            )
    except IntegrityError as exc:
        raise _stale(row.version) from exc
    row.version = number
    return version


def _stale(current: int) -> Conflict:
    return Conflict(
        _("Someone saved this article after you opened it (it is now at version %(n)d). Reload it and apply your changes again.")
        % {"n": current},
        field_errors={"base_version": _("Stale version.")},
    )


def _lock(translation: Translation) -> Translation:
    return Translation.objects.select_for_update(of=("self",)).select_related("article__category").get(pk=translation.pk)


def _check_base(row: Translation, base_version: object) -> None:
    if not isinstance(base_version, int) or isinstance(base_version, bool):
        raise ValidationFailed(_("Please correct the article."), field_errors={"base_version": _("Send the version you edited.")})
    if base_version != row.version:
        raise _stale(row.version)


# -- articles and translations ------------------------------------------------------------------------


def _new_translation(actor: User, article: Article, *, language: str, title: str, body: tuple[str, str], code: str) -> Translation:
    now = timezone.now()
    row = Translation.objects.create(
        article=article,
        language=language,
        title=title,
        slug=unique_translation_slug(language, title),
        body_html=body[0],
        body_text=body[1],
        author=actor,
        version=1,
        created_at=now,
        updated_at=now,
    )
    Version.objects.create(translation=row, number=1, title=title, body_html=body[0], author=actor, note=encode_note(code))
    publish_on_commit(TEXT_CHANGED, translation_id=row.pk)
    return row


def _text_replaced(row: Translation) -> None:
    """New text: the detected language is unknown again until the worker looks (ai.kb_language)."""
    row.detected_language, row.detected_language_confidence = "", None
    publish_on_commit(TEXT_CHANGED, translation_id=row.pk)


def create_article(
    actor: User,
    *,
    category_id: int,
    language: str,
    title: str,
    body_html: str = "",
    visibility: str = Visibility.PUBLIC,
    tags: Iterable[str] = (),
    related_ids: Iterable[int] = (),
    source_ticket_id: int | None = None,
) -> Translation:
    """A new article with its first translation (a draft, version 1, the actor its author)."""
    require_kb_staff(actor)
    language = clean_language(language)
    title = clean_title(title)
    body = clean_body(body_html)
    category = category_for(actor, category_id)
    if visibility not in Visibility.values:
        raise ValidationFailed(_("Please correct the article."), field_errors={"visibility": _("Use public or internal.")})
    tag_objects = _tags(tags)
    with transaction.atomic():
        article = Article.objects.create(category=category, visibility=visibility, source_ticket_id=source_ticket_id, created_by=actor)
        row = _new_translation(actor, article, language=language, title=title, body=body, code="create")
        if tag_objects:
            article.tags.set(tag_objects)
        related = _related(article, related_ids)
        if related:
            article.related.set(related)
        reindex([row])
    logger.info("kb article %s created by user %s", article.pk, actor.pk)
    return row


def add_translation(actor: User, article: Article, *, language: str, title: str, body_html: str = "") -> Translation:
    """The article in another language: a new draft translation at version 1."""
    require_kb_staff(actor)
    language = clean_language(language)
    title = clean_title(title)
    body = clean_body(body_html)
    with transaction.atomic():
        if Translation.objects.filter(article=article, language=language).exists():
            raise Conflict(_("This article already has a translation in this language."), field_errors={"language": _("Exists.")})
        try:
            with transaction.atomic():
                row = _new_translation(actor, article, language=language, title=title, body=body, code="translate")
        except IntegrityError as exc:  # a concurrent request added it first
            raise Conflict(_("This article already has a translation in this language."), field_errors={"language": _("Exists.")}) from exc
        reindex([row])
    logger.info("kb article %s: %s translation added by user %s", article.pk, language, actor.pk)
    return row


def edit_translation(
    actor: User, translation: Translation, *, title: str, body_html: str, base_version: int, note: str = ""
) -> Translation:
    """Save new text as the next version. `base_version` is the version the editor started from;
    when someone saved in between, nothing is written and Conflict is raised. Saving unchanged
    text writes no version."""
    title = clean_title(title)
    body = clean_body(body_html)
    note = clean_note(note)
    with transaction.atomic():
        row = _lock(translation)
        require_edit(actor, row)
        _check_base(row, base_version)
        if row.title == title and row.body_html == body[0]:
            return row
        if row.title != title:
            row.slug = unique_translation_slug(row.language, title, exclude_pk=row.pk)
        row.title, row.body_html, row.body_text = title, body[0], body[1]
        _text_replaced(row)
        _append_version(row, actor, "edit", note)
        row.updated_at = timezone.now()
        row.save()
        reindex([row])
    logger.info("kb translation %s saved as version %s by user %s", row.pk, row.version, actor.pk)
    return row


def change_state(actor: User, translation: Translation, transition: str, *, note: str = "", base_version: int | None = None) -> Translation:
    """Move a translation through the editorial states (access.TRANSITIONS): submit, withdraw,
    approve, send_back (note required), publish, unpublish, archive, unarchive. Approving or
    publishing makes the actor the reviewer and stamps published_at. Each transition is a version
    in the history, with the note."""
    spec = TRANSITIONS.get(transition) if isinstance(transition, str) else None
    if spec is None:
        raise ValidationFailed(
            _("Unknown state change."), field_errors={"action": _("Use one of: %(values)s.") % {"values": ", ".join(TRANSITIONS)}}
        )
    note = clean_note(note)
    with transaction.atomic():
        row = _lock(translation)
        if base_version is not None:
            _check_base(row, base_version)
        if row.state not in spec.sources:
            raise Conflict(
                _("This is not possible while the article is %(state)s.") % {"state": ArticleState(row.state).label},
                field_errors={"action": _("Not possible in this state.")},
            )
        if not translation_permissions(actor, row).allows(transition):
            raise PermissionDenied(_("Only supervisors and admins may do this."))
        if spec.note_required and not note:
            raise ValidationFailed(_("Say what should change."), field_errors={"note": _("Required.")})
        if spec.target in {ArticleState.IN_REVIEW, ArticleState.PUBLISHED} and not row.body_text.strip():
            raise ValidationFailed(
                _("Write the article before it goes to review or is published."), field_errors={"body_html": _("Empty.")}
            )
        now = timezone.now()
        row.state = spec.target
        if spec.target == ArticleState.PUBLISHED:
            row.reviewer = actor
            row.published_at = now
        _append_version(row, actor, transition, note)
        row.updated_at = now
        row.save()
        reindex([row])
    logger.info("kb translation %s: %s by user %s", row.pk, transition, actor.pk)
    return row


def restore_version(actor: User, translation: Translation, number: int, *, base_version: int | None = None) -> Translation:
    """Make version `number`'s text current again, as a new version (history is never rewritten).
    Supervisors and admins; the state does not change."""
    with transaction.atomic():
        row = _lock(translation)
        if not translation_permissions(actor, row).can_restore:
            raise PermissionDenied(_("Only supervisors and admins may restore versions of articles that are not archived."))
        if base_version is not None:
            _check_base(row, base_version)
        valid = isinstance(number, int) and not isinstance(number, bool) and 0 < number < 2**31
        old = Version.objects.filter(translation=row, number=number).first() if valid else None
        if old is None:
            raise NotFound(_("Version not found."))
        if old.title == row.title and old.body_html == row.body_html:
            raise ValidationFailed(_("This version's text is the current text."), field_errors={"number": _("Nothing to restore.")})
        if row.title != old.title:
            row.slug = unique_translation_slug(row.language, old.title, exclude_pk=row.pk)
        body = clean_body(old.body_html)  # sanitized again: the allowlist may have tightened since
        row.title, row.body_html, row.body_text = old.title, body[0], body[1]
        _text_replaced(row)
        _append_version(row, actor, "restore", restored=old.number)
        row.updated_at = timezone.now()
        row.save()
        reindex([row])
    logger.info("kb translation %s: version %s restored by user %s", row.pk, number, actor.pk)
    return row


def _tags(names: Iterable[str]) -> list[Tag]:
    names = list(names)
    if len(names) > MAX_TAGS:
        raise ValidationFailed(_("Too many tags."), field_errors={"tags": _("At most %(n)s.") % {"n": MAX_TAGS}})
    if any(not isinstance(name, str) for name in names):
        raise ValidationFailed(_("Invalid tag."), field_errors={"tags": _("Give texts.")})
    clean = sorted({normalize_tag(name) for name in names})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=clean)}
    return [existing.get(name) or Tag.objects.get_or_create(name=name)[0] for name in clean]


def _related(article: Article, ids: Iterable[int]) -> list[Article]:
    wanted = list(ids)
    if len(wanted) > MAX_RELATED:
        raise ValidationFailed(_("Too many related articles."), field_errors={"related_ids": _("At most %(n)s.") % {"n": MAX_RELATED}})
    clean = {clean_id(pk, "related_ids") for pk in wanted}
    if article.pk in clean:
        raise ValidationFailed(_("An article cannot be related to itself."), field_errors={"related_ids": _("Not itself.")})
    found = list(Article.objects.filter(pk__in=clean))
    if len(found) != len(clean):
        raise ValidationFailed(_("Unknown related article."), field_errors={"related_ids": _("Unknown article.")})
    return found


def update_article(actor: User, article: Article, changes: Mapping[str, Any]) -> Article:
    """Change visibility, category, tags (names) or related articles (ids; the relation is
    symmetrical). Agents may do this only while no translation is published; every translation is
    reindexed when visibility, category or tags change."""
    require_kb_staff(actor)
    reject_unknown_fields(changes, ARTICLE_FIELDS)
    with transaction.atomic():
        article = Article.objects.select_for_update().select_related("category").get(pk=article.pk)
        require_article_change(actor, article)
        needs_index = False
        if "visibility" in changes:
            if changes["visibility"] not in Visibility.values:
                raise ValidationFailed(_("Please correct the article."), field_errors={"visibility": _("Use public or internal.")})
            needs_index |= article.visibility != changes["visibility"]
            article.visibility = changes["visibility"]
        if "category_id" in changes:
            category = category_for(actor, changes["category_id"])
            needs_index |= article.category_id != category.pk
            article.category = category
        article.save()
        if "tags" in changes:
            tags = _tags(changes["tags"] or [])
            before = set(article.tags.values_list("pk", flat=True))
            if before != {tag.pk for tag in tags}:
                article.tags.set(tags)
                needs_index = True
        if "related_ids" in changes:
            article.related.set(_related(article, changes["related_ids"] or []))
        if needs_index:
            reindex(translations_of([article.pk]))
    logger.info("kb article %s changed by user %s", article.pk, actor.pk)
    return article
