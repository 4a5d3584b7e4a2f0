"""Files and inline images of articles, stored like ticket attachments."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import chain

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.kb.access import require_article_change, require_kb_staff
from supportdesk.kb.actions._common import IMAGE_MAGIC, MAX_ATTACHMENTS
from supportdesk.kb.models import Article, ArticleAttachment
from supportdesk.tickets.attachments import INLINE_SAFE_TYPES, clean_filename, guess_content_type, store_blob

logger = logging.getLogger("supportdesk.kb.actions")


def _sniffed_type(first: bytes) -> str | None:
    """The raster image type the bytes really are, if any."""
    for content_type, magics in IMAGE_MAGIC.items():
        if any(first.startswith(magic) for magic in magics):
            if content_type == "image/webp" and first[8:12] != b"WEBP":
                continue
            return content_type
    return None


def add_attachment(
    actor: User, article: Article, *, chunks: Iterable[bytes], filename: str, content_type: str | None, image_only: bool = False
) -> ArticleAttachment:
    """Store an uploaded file for the article (content-addressed, like ticket attachments; the
    size limit and filename rules are theirs). Only real PNG, JPEG, GIF or WebP files are kept as
    images (served inline); everything else is a download. With `image_only` (the editor's
    image button) anything but such an image is refused."""
    require_kb_staff(actor)
    require_article_change(actor, article)
    if ArticleAttachment.objects.filter(article=article).count() >= MAX_ATTACHMENTS:
        raise ValidationFailed(_("Too many attachments."), field_errors={"file": _("At most %(n)s per article.") % {"n": MAX_ATTACHMENTS}})
    stream = iter(chunks)
    first = b""
    for piece in stream:  # the first non-empty chunk tells what the file is
        first += piece
        if len(first) >= 16:
            break
    name = clean_filename(filename)
    declared = guess_content_type(name, content_type)
    sniffed = _sniffed_type(first)
    if image_only and sniffed is None:
        raise ValidationFailed(_("Not an image."), field_errors={"file": _("Upload a PNG, JPEG, GIF or WebP image.")})
    if sniffed is not None:
        kind = sniffed
    elif declared in INLINE_SAFE_TYPES or declared.startswith(("image/svg", "text/html")):
        kind = "application/octet-stream"  # claims to be an image or a page: never displayed from our origin
    else:
        kind = declared
    blob = store_blob(chain([first], stream))
    with transaction.atomic():
        attachment = ArticleAttachment.objects.create(
            article=article, blob=blob, filename=name, content_type=kind, size=blob.size, uploaded_by=actor
        )
    logger.info("kb article %s: attachment %s uploaded by user %s", article.pk, attachment.pk, actor.pk)
    return attachment


def attachment_url(attachment: ArticleAttachment) -> str:
    """Where the file is served (staff always; everyone once the article is publicly visible)."""
    return reverse("kb-attachment", args=[attachment.pk, attachment.filename])


def delete_attachment(actor: User, attachment: ArticleAttachment) -> None:
    """Remove the file from the article (the bytes stay: blobs are shared by content)."""
    require_kb_staff(actor)
    require_article_change(actor, attachment.article)
    pk = attachment.pk
    attachment.delete()
    logger.info("kb attachment %s deleted by user %s", pk, actor.pk)
