"""Categories: admins create, change, move (no cycles, bounded depth) and delete empty ones."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import Conflict, ValidationFailed, reject_unknown_fields
from supportdesk.kb.access import require_category_admin
from supportdesk.kb.actions._common import (
    CATEGORY_FIELDS,
    MAX_DEPTH,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_POSITION,
    SLUG_PATTERN,
    clean_id,
    first_free_slug,
    raise_errors,
    reindex,
    single_line,
    slug_for,
    translations_in,
)
from supportdesk.kb.choices import CategoryKind, Visibility
from supportdesk.kb.models import MAX_SLUG, Category
from supportdesk.kb.selectors import language_codes

logger = logging.getLogger("supportdesk.kb.actions")


def _tree() -> dict[int, int | None]:
    """Category id -> parent id, for the whole tree (categories are few; one query)."""
    return dict(Category.objects.values_list("pk", "parent_id"))


def _subtree(tree: dict[int, int | None], root: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in tree.items():
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, []))
    return found


def _depth(tree: dict[int, int | None], pk: int | None) -> int:
    """Levels from the root down to `pk` (a top-level category is 1; None is 0)."""
    depth, seen = 0, set()
    while pk is not None and pk not in seen:
        seen.add(pk)
        depth += 1
        pk = tree.get(pk)
    return depth


def _height(tree: dict[int, int | None], root: int) -> int:
    """Levels of the subtree under `root`, itself included."""
    top = _depth(tree, root)
    return max(_depth(tree, pk) - top + 1 for pk in _subtree(tree, root))


def _clean_per_language(value: object, *, key: str, limit: int, one_line: bool) -> dict[str, str]:
    """{language code: text} with known codes only; empty texts are dropped."""
    if not isinstance(value, Mapping):
        raise ValidationFailed(_("Please correct the category."), field_errors={key: _("Give a text per language code.")})
    codes = language_codes()
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for code, text in value.items():
        field = f"{key}.{str(code)[:20]}"
        if code not in codes:
            errors[field] = _("Unknown language; use one of: %(codes)s.") % {"codes": ", ".join(codes)}
        elif one_line:
            texts[code] = single_line(text, key=field, limit=limit, required=False, errors=errors)
        elif not isinstance(text, str) or len(text) > limit:
            errors[field] = _("At most %(count)d characters.") % {"count": limit}
        else:
            texts[code] = text.replace("\x00", "").strip()
    raise_errors(errors, _("Please correct the category."))
    return {code: text for code, text in texts.items() if text}


def _clean_category(values: Mapping[str, Any], category: Category | None) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if "names" in values:
        clean["names"] = _clean_per_language(values["names"], key="names", limit=MAX_NAME, one_line=True)
        if not clean["names"]:
            errors["names"] = _("Give the name in at least one language.")
    if "descriptions" in values:
        descriptions = values["descriptions"] or {}
        clean["descriptions"] = _clean_per_language(descriptions, key="descriptions", limit=MAX_DESCRIPTION, one_line=False)
    if "kind" in values:
        if values["kind"] not in CategoryKind.values:
            errors["kind"] = _("Use one of: %(values)s.") % {"values": ", ".join(CategoryKind.values)}
        clean["kind"] = values["kind"]
    if "visibility" in values:
        if values["visibility"] not in Visibility.values:
            errors["visibility"] = _("Use one of: %(values)s.") % {"values": ", ".join(Visibility.values)}
        clean["visibility"] = values["visibility"]
    if "position" in values:
        position = values["position"]
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= MAX_POSITION:
            errors["position"] = _("Use a number from 0 to %(max)d.") % {"max": MAX_POSITION}
        clean["position"] = position
    if values.get("slug"):
        slug = values["slug"]
        if not isinstance(slug, str) or len(slug) > MAX_SLUG or not SLUG_PATTERN.match(slug):
            errors["slug"] = _("Lower-case letters, digits and single hyphens; at most %(count)d characters.") % {"count": MAX_SLUG}
        elif Category.objects.filter(slug=slug).exclude(pk=category.pk if category else 0).exists():
            errors["slug"] = _("Another category has this slug.")
        clean["slug"] = slug
    raise_errors(errors, _("Please correct the category."))
    return clean


def _category_slug(names: dict[str, str]) -> str:
    name = names.get("en") or next(iter(names.values()))
    base = slug_for(name, fallback="category")
    return first_free_slug(base, set(Category.objects.filter(slug__startswith=base[: MAX_SLUG - 8]).values_list("slug", flat=True)))


def _check_parent(category: Category | None, parent_id: object) -> Category | None:
    """The new parent (None: top level); refuses cycles and trees deeper than MAX_DEPTH."""
    if parent_id is None:
        return None
    parent = Category.objects.filter(pk=clean_id(parent_id, "parent_id")).first()
    if parent is None:
        raise ValidationFailed(_("Please correct the category."), field_errors={"parent_id": _("Unknown category.")})
    tree = _tree()
    if category is not None and parent.pk in _subtree(tree, category.pk):
        raise ValidationFailed(
            _("A category cannot be moved into itself or one of its subcategories."),
            field_errors={"parent_id": _("This would make a cycle.")},
        )
    height = _height(tree, category.pk) if category is not None else 1
    if _depth(tree, parent.pk) + height > MAX_DEPTH:
        raise ValidationFailed(
            _("Categories nest at most %(count)d levels deep.") % {"count": MAX_DEPTH}, field_errors={"parent_id": _("Too deep.")}
        )
    return parent


def create_category(actor: User, values: Mapping[str, Any]) -> Category:
    """Create a category (admins). `names` is required: {language: name}, at least one."""
    require_category_admin(actor)
    reject_unknown_fields(values, CATEGORY_FIELDS)
    if "names" not in values:
        raise ValidationFailed(_("Please correct the category."), field_errors={"names": _("Give the name in at least one language.")})
    clean = _clean_category(values, None)
    with transaction.atomic():
        parent = _check_parent(None, values.get("parent_id"))
        clean.setdefault("slug", _category_slug(clean["names"]))
        try:
            with transaction.atomic():
                category = Category.objects.create(parent=parent, **clean)
        except IntegrityError as exc:
            raise Conflict(_("Another category has this slug."), field_errors={"slug": _("Taken.")}) from exc
    logger.info("kb category %s created by user %s", category.pk, actor.pk)
    return category


def update_category(actor: User, category: Category, changes: Mapping[str, Any]) -> Category:
    """Change names, descriptions, kind, visibility, position, slug or parent (a move; see
    move_category). Articles in the category and below are reindexed when names, visibility or the
    place in the tree change, since those decide what the help centre shows and finds."""
    require_category_admin(actor)
    reject_unknown_fields(changes, CATEGORY_FIELDS)
    clean = _clean_category(changes, category)
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category.pk)
        moved = False
        if "parent_id" in changes and changes["parent_id"] != category.parent_id:
            category.parent = _check_parent(category, changes["parent_id"])
            moved = True
        affects_index = moved or any(key in clean and clean[key] != getattr(category, key) for key in ("names", "visibility"))
        for key, value in clean.items():
            setattr(category, key, value)
        try:
            with transaction.atomic():
                category.save()
        except IntegrityError as exc:
            raise Conflict(_("Another category has this slug."), field_errors={"slug": _("Taken.")}) from exc
        if affects_index:
            reindex(translations_in(_subtree(_tree(), category.pk)))
    logger.info("kb category %s changed by user %s", category.pk, actor.pk)
    return category


def move_category(actor: User, category: Category, parent_id: int | None, *, position: int | None = None) -> Category:
    """Put the category under another one (None: top level). No cycles, at most MAX_DEPTH levels."""
    changes: dict[str, Any] = {"parent_id": parent_id}
    if position is not None:
        changes["position"] = position
    return update_category(actor, category, changes)


def delete_category(actor: User, category: Category) -> None:
    """Delete an empty category: one with subcategories or articles (archived ones too) is kept."""
    require_category_admin(actor)
    with transaction.atomic():
        category = Category.objects.select_for_update().get(pk=category.pk)
        if category.children.exists():
            raise Conflict(_("This category has subcategories: move or delete them first."))
        if category.articles.exists():
            raise Conflict(_("This category has articles: move them to another category first."))
        pk = category.pk
        category.delete()
    logger.info("kb category %s deleted by user %s", pk, actor.pk)
