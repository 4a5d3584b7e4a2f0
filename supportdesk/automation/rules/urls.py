"""Pages of the rules app (admin settings and agent views)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.automation.rules import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/triggers/", views.trigger_list, name="rules-triggers"),
    path("settings/triggers/new/", views.trigger_form, name="rules-trigger-create"),
    path("settings/triggers/<int:trigger_id>/", views.trigger_form, name="rules-trigger-edit"),
    path("settings/triggers/<int:trigger_id>/move/", views.trigger_move, name="rules-trigger-move"),
    path("settings/triggers/<int:trigger_id>/delete/", views.trigger_delete, name="rules-trigger-delete"),
    path("settings/schedulers/", views.scheduler_list, name="rules-schedulers"),
    path("settings/schedulers/new/", views.scheduler_form, name="rules-scheduler-create"),
    path("settings/schedulers/<int:scheduler_id>/", views.scheduler_form, name="rules-scheduler-edit"),
    path("settings/schedulers/<int:scheduler_id>/delete/", views.scheduler_delete, name="rules-scheduler-delete"),
    path("settings/macros/", views.macro_list, name="rules-macros"),
    path("settings/macros/new/", views.macro_form, name="rules-macro-create"),
    path("settings/macros/<int:macro_id>/", views.macro_form, name="rules-macro-edit"),
    path("settings/macros/<int:macro_id>/delete/", views.macro_delete, name="rules-macro-delete"),
    path("tickets/<int:ticket_id>/macro/", views.apply_to_ticket, name="rules-macro-apply"),
    path("inbox/macro/", views.apply_to_selection, name="rules-macro-bulk"),
]
