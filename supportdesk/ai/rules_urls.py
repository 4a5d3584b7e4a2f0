"""Admin pages of the AI keyword rules; included from supportdesk/urls.py at the site root."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.ai import rules_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/ai/rules/", rules_views.rule_list, name="ai-rules"),
    path("settings/ai/rules/new/", rules_views.rule_create, name="ai-rule-create"),
    path("settings/ai/rules/<int:rule_id>/", rules_views.rule_edit, name="ai-rule-edit"),
    path("settings/ai/rules/<int:rule_id>/delete/", rules_views.rule_delete, name="ai-rule-delete"),
]
