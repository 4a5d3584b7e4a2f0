"""Pages of the replies app (admin settings and the composer search)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.automation.replies import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/reply-templates/", views.template_list, name="reply-templates"),
    path("settings/reply-templates/new/", views.template_create, name="reply-template-create"),
    path("settings/reply-templates/<int:template_id>/", views.template_edit, name="reply-template-edit"),
    path("settings/reply-templates/<int:template_id>/delete/", views.template_delete, name="reply-template-delete"),
    path("tickets/<int:ticket_id>/reply-templates/", views.composer_search, name="reply-template-search"),
    path("tickets/<int:ticket_id>/reply-templates/<int:template_id>/use/", views.composer_use, name="reply-template-use"),
]
