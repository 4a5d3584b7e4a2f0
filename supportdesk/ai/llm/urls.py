"""URL patterns of the LLM drafting and summaries (mounted at / through ai/urls.py)."""

from django.urls import URLPattern, path

from supportdesk.ai.llm import views

urlpatterns: list[URLPattern] = [
    path("tickets/<int:ticket_id>/ai/llm/draft/", views.draft, name="ai-llm-draft"),
    path("tickets/<int:ticket_id>/ai/llm/summary/", views.summary, name="ai-llm-summary"),
    path("settings/ai/llm/test/", views.test_connection, name="ai-llm-test"),
]
