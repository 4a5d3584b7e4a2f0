"""Read-only admin views of the knowledge base (Django's admin is for superusers only).

Changes go through kb.actions (versions, sanitizing, the search index), so nothing is editable here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from supportdesk.kb.models import Article, ArticleAttachment, Category, Feedback, Translation, Version


class ReadOnlyAdmin(admin.ModelAdmin):
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ("slug", "kind", "visibility", "parent", "position")
    list_filter = ("kind", "visibility")
    search_fields = ("slug",)


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("pk", "category", "visibility", "created_by", "created_at")
    list_filter = ("visibility",)
    list_select_related = ("category", "created_by")
    raw_id_fields = ("source_ticket", "created_by")


@admin.register(Translation)
class TranslationAdmin(ReadOnlyAdmin):
    list_display = ("title", "language", "state", "version", "author", "reviewer", "updated_at")
    list_filter = ("state", "language")
    search_fields = ("title",)
    list_select_related = ("author", "reviewer")
    exclude = ("body_text",)


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = ("translation", "number", "author", "note", "created_at")
    list_select_related = ("translation", "author")
    raw_id_fields = ("translation",)


@admin.register(ArticleAttachment)
class ArticleAttachmentAdmin(ReadOnlyAdmin):
    list_display = ("filename", "article", "content_type", "size", "created_at")
    raw_id_fields = ("article", "blob")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("translation", "helpful", "created_at")
    list_filter = ("helpful",)
    raw_id_fields = ("translation", "user")
