"""Limits, input checks, slugs and the search-index helpers shared by the KB actions."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import count

from django.utils.text import slugify
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import NotFound, ValidationFailed
from supportdesk.core.html import sanitize_html
from supportdesk.kb import search as kb_search
from supportdesk.kb.access import access_category
from supportdesk.kb.models import MAX_BODY, MAX_SLUG, MAX_TITLE, Category, Translation
from supportdesk.kb.selectors import language_codes
from supportdesk.kb.versions import readable_text

logger = logging.getLogger("supportdesk.kb.actions")


MAX_NAME = 100  # a category name, per language
MAX_DESCRIPTION = 500
MAX_DEPTH = 6  # levels of the category tree
MAX_TAGS = 50
MAX_RELATED = 50
MAX_NOTE = 180  # Version.note holds 200 with the code in front
MAX_ATTACHMENTS = 100  # per article
MAX_POSITION = 1_000_000
CATEGORY_FIELDS = ("names", "descriptions", "kind", "visibility", "position", "slug", "parent_id")
ARTICLE_FIELDS = ("visibility", "category_id", "tags", "related_ids")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Letters that Unicode does not decompose into a base letter plus accents.
_FOLD = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
    | {"ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i"}
)
# What the first bytes of a raster image look like; anything else is not served as an image.
IMAGE_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}


# -- input checks ----------------------------------------------------------------------------------


def single_line(value: object, *, key: str, limit: int, required: bool, errors: dict[str, str]) -> str:
    """Printable characters only, whitespace collapsed (no CR/LF or NUL reaches a title or a name)."""
    if not isinstance(value, str):
        errors[key] = _("Give a text.")
        return ""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    if required and not text:
        errors[key] = _("Required.")
    elif len(text) > limit:
        errors[key] = _("At most %(count)d characters.") % {"count": limit}
    return text


def raise_errors(errors: dict[str, str], message: str | None = None) -> None:
    if errors:
        raise ValidationFailed(message or _("Please correct the article."), field_errors=errors)


def clean_title(value: object) -> str:
    errors: dict[str, str] = {}
    title = single_line(value, key="title", limit=MAX_TITLE, required=True, errors=errors)
    raise_errors(errors)
    return title


def clean_body(value: object) -> tuple[str, str]:
    """(sanitized HTML, its readable text). Hostile markup is removed (BAD-INPUTS 23)."""
    if not isinstance(value, str):
        raise ValidationFailed(_("Please correct the article."), field_errors={"body_html": _("Give a text.")})
    too_long = ValidationFailed(
        _("The article is too long."), field_errors={"body_html": _("At most %(count)d characters of HTML.") % {"count": MAX_BODY}}
    )
    if len(value) > MAX_BODY:
        raise too_long
    body = sanitize_html(value) if value.strip() else ""
    if len(body) > MAX_BODY:
        raise too_long
    return body, readable_text(body)


def clean_language(value: object, *, key: str = "language") -> str:
    codes = language_codes()
    if not isinstance(value, str) or value not in codes:
        raise ValidationFailed(_("Unknown language."), field_errors={key: _("Use one of: %(codes)s.") % {"codes": ", ".join(codes)}})
    return value


def clean_note(value: object) -> str:
    errors: dict[str, str] = {}
    note = single_line(value or "", key="note", limit=MAX_NOTE, required=False, errors=errors)
    raise_errors(errors, _("Please correct the note."))
    return note


def clean_id(value: object, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**63:
        raise ValidationFailed(_("Invalid id."), field_errors={key: _("Use an id.")})
    return value


def slug_for(text: str, *, fallback: str = "article") -> str:
    """An ASCII slug: accents folded (ő -> o, ā -> a, ß -> ss), django's slugify, at most MAX_SLUG."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text.translate(_FOLD)) if not unicodedata.combining(ch))
    slug = slugify(folded)[:MAX_SLUG].strip("-")
    return slug or fallback


def first_free_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    for n in count(2):
        suffix = f"-{n}"
        candidate = base[: MAX_SLUG - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")


def unique_translation_slug(language: str, title: str, *, exclude_pk: int | None = None) -> str:
    """The title's slug, made unique among the translations in `language` with -2, -3..."""
    base = slug_for(title)
    rows = Translation.objects.filter(language=language, slug__startswith=base[: MAX_SLUG - 8])
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return first_free_slug(base, set(rows.values_list("slug", flat=True)))


# -- search index ------------------------------------------------------------------------------------


def reindex(translations: Iterable[Translation]) -> int:
    """index_translation for each (kb.search owns the index); returns how many."""
    done = 0
    for row in translations:
        kb_search.index_translation(row)
        done += 1
    return done


def translations_of(article_ids: Iterable[int]) -> Iterator[Translation]:
    ids = list(article_ids)
    return Translation.objects.filter(article_id__in=ids).select_related("article__category").order_by("pk").iterator(chunk_size=500)


def translations_in(category_ids: Iterable[int]) -> Iterator[Translation]:
    ids = list(category_ids)
    return (
        Translation.objects.filter(article__category_id__in=ids).select_related("article__category").order_by("pk").iterator(chunk_size=500)
    )


def category_for(actor: User, category_id: object) -> Category:
    try:
        return access_category(actor, clean_id(category_id, "category_id"))
    except NotFound as exc:
        raise ValidationFailed(_("Please correct the article."), field_errors={"category_id": _("Unknown category.")}) from exc
