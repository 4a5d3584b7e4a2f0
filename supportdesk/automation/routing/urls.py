"""Pages of the routing app (admin settings and agent views)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.automation.routing import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/routing/", views.group_list, name="routing-groups"),
    path("settings/routing/groups/<int:group_id>/", views.group_rules, name="routing-group"),
    path("settings/routing/rules/<int:rule_id>/", views.rule_action, name="routing-rule-action"),
    path("routing/me/", views.my_routing, name="routing-me"),
    path("routing/agents/<int:user_id>/", views.agent_page, name="routing-agent"),
    path("routing/absences/<int:absence_id>/delete/", views.absence_delete, name="routing-absence-delete"),
    path("routing/status/", views.set_status, name="routing-status"),
]
