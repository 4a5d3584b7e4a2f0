"""URL patterns of the AI pages (mounted at /)."""

from django.urls import URLPattern, path

from supportdesk.ai import views

urlpatterns: list[URLPattern] = [
    path("settings/ai/", views.ai_settings, name="ai-settings"),
    path("tickets/<int:ticket_id>/ai/apply/", views.apply_prediction, name="ai-apply"),
]
