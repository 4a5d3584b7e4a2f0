"""Writing the knowledge base: categories, articles, translations, editorial states, versions,
attachments, and drafts from tickets.

Every action checks the caller with kb.access, validates its input with clear ValidationFailed
messages, writes in one transaction, and brings the search index in step (kb.search.
index_translation) inside that transaction for every translation whose text, state, visibility,
tags or category changed. Bodies are sanitized here, once (core.html), and body_text is derived
from the sanitized HTML.

Versions are an append-only log of a translation: creating it is version 1, and every save, state
change and restore appends the next one with a copy of the text, its author and a note, so the
history says who did what when. `Translation.version` is the number of the newest. Editors send
the version they started from (`base_version`); a save based on an older one is a Conflict and
overwrites nothing.

Modules: categories, articles (translations, states, versions, article settings), files,
tickets (drafts from tickets); _common holds the limits and input checks they share.
"""

from supportdesk.kb.actions._common import (
    MAX_ATTACHMENTS,
    MAX_DEPTH,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_NOTE,
    MAX_POSITION,
    MAX_RELATED,
    MAX_TAGS,
    clean_body,
    clean_language,
    clean_note,
    clean_title,
    slug_for,
    unique_translation_slug,
)
from supportdesk.kb.actions.articles import add_translation, change_state, create_article, edit_translation, restore_version, update_article
from supportdesk.kb.actions.categories import create_category, delete_category, move_category, update_category
from supportdesk.kb.actions.files import add_attachment, attachment_url, delete_attachment
from supportdesk.kb.actions.tickets import draft_from_ticket

__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_DEPTH",
    "MAX_DESCRIPTION",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_POSITION",
    "MAX_RELATED",
    "MAX_TAGS",
    "add_attachment",
    "add_translation",
    "attachment_url",
    "change_state",
    "clean_body",
    "clean_language",
    "clean_note",
    "clean_title",
    "create_article",
    "create_category",
    "delete_attachment",
    "delete_category",
    "draft_from_ticket",
    "edit_translation",
    "move_category",
    "restore_version",
    "slug_for",
    "unique_translation_slug",
    "update_article",
    "update_category",
]
