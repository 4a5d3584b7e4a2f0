"""URL patterns of the AI pages (mounted at /)."""

from django.urls import URLPattern, URLResolver, include, path

from supportdesk.ai import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/ai/", views.ai_settings, name="ai-settings"),
    path("tickets/<int:ticket_id>/ai/apply/", views.apply_prediction, name="ai-apply"),
    path("", include("supportdesk.ai.suggestions.urls")),
    path("", include("supportdesk.ai.llm.urls")),
]
