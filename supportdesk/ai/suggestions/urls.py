"""URL patterns of the suggestions panel (mounted at / through ai/urls.py)."""

from django.urls import URLPattern, path

from supportdesk.ai.suggestions import views

urlpatterns: list[URLPattern] = [
    path("tickets/<int:ticket_id>/ai/suggestions/", views.panel, name="ai-suggestions"),
]
