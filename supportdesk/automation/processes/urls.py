"""Pages of the processes app (admin settings and agent views)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.automation.processes import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/processes/", views.template_list, name="process-templates"),
    path("settings/processes/new/", views.template_create, name="process-template-create"),
    path("settings/processes/<int:template_id>/", views.template_edit, name="process-template-edit"),
    path("settings/processes/<int:template_id>/delete/", views.template_delete, name="process-template-delete"),
    path("process-tasks/", views.my_tasks, name="process-tasks"),
    path("tickets/<int:ticket_id>/processes/start/", views.start, name="process-start"),
    path("process-tasks/<int:task_id>/complete/", views.task_action, {"verb": "complete"}, name="process-task-complete"),
    path("process-tasks/<int:task_id>/approve/", views.task_action, {"verb": "approve"}, name="process-task-approve"),
    path("process-tasks/<int:task_id>/reject/", views.task_action, {"verb": "reject"}, name="process-task-reject"),
    path("process-runs/<int:run_id>/cancel/", views.cancel, name="process-cancel"),
]
