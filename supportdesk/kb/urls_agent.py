"""Agent pages of the knowledge base, mounted at /kb/ (url names start with "kb-").

`kb-article` takes the article id and redirects to the reader's language; `kb-translation` is the
page of one translation. kb/composer/ is the reply composer's (kb.urls_composer), mounted first.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from supportdesk.kb import views_agent as views

ARTICLE = "articles/<int:article_id>/"
TRANSLATION = ARTICLE + "<str:language>/"

urlpatterns: list[URLPattern] = [
    path("", views.article_list, name="kb-articles"),
    path("review/", views.review_queue, name="kb-review"),
    path("new/", views.article_create, name="kb-article-create"),
    path("categories/", views.category_list, name="kb-categories"),
    path("categories/<int:category_id>/", views.category_edit, name="kb-category-edit"),
    path("categories/<int:category_id>/delete/", views.category_delete, name="kb-category-delete"),
    path("attachments/<int:attachment_id>/<str:filename>", views.attachment_download, name="kb-attachment"),
    path("from-ticket/<int:ticket_id>/", views.draft_from_ticket, name="kb-from-ticket"),
    path(ARTICLE, views.article_detail, name="kb-article"),
    # Fixed words before <str:language>, which would match them too.
    path(ARTICLE + "settings/", views.article_settings, name="kb-article-settings"),
    path(ARTICLE + "translate/", views.translation_add, name="kb-translation-add"),
    path(ARTICLE + "attachments/", views.attachment_upload, name="kb-attachment-upload"),
    path(ARTICLE + "attachments/<int:attachment_id>/delete/", views.attachment_delete, name="kb-attachment-delete"),
    path(TRANSLATION, views.translation_detail, name="kb-translation"),
    path(TRANSLATION + "edit/", views.translation_edit, name="kb-translation-edit"),
    path(TRANSLATION + "state/", views.translation_state, name="kb-translation-state"),
    path(TRANSLATION + "versions/<int:number>/", views.version_diff, name="kb-version"),
    path(TRANSLATION + "versions/<int:number>/restore/", views.version_restore, name="kb-version-restore"),
]
