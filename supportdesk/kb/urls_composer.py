"""The KB panel of the reply composer, mounted at /kb/composer/ (staff only)."""

from django.urls import URLPattern, path

from supportdesk.kb import views_composer

urlpatterns: list[URLPattern] = [
    path("search", views_composer.search, name="kb-composer-search"),
    path("link/<int:translation_id>", views_composer.link, name="kb-composer-link"),
    path("text/<int:translation_id>", views_composer.text, name="kb-composer-text"),
]
