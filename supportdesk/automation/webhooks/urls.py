"""Pages of the webhooks app (admin settings: webhooks and the delivery log)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from supportdesk.automation.webhooks import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("settings/webhooks/", views.webhook_list, name="webhooks"),
    path("settings/webhooks/new/", views.webhook_create, name="webhook-create"),
    path("settings/webhooks/<int:webhook_id>/", views.webhook_edit, name="webhook-edit"),
    path("settings/webhooks/<int:webhook_id>/secret/", views.webhook_secret, name="webhook-secret"),
    path("settings/webhooks/<int:webhook_id>/delete/", views.webhook_delete, name="webhook-delete"),
    path("settings/webhook-deliveries/", views.delivery_log, name="webhook-deliveries"),
    path("settings/webhook-deliveries/<int:delivery_id>/", views.delivery_detail, name="webhook-delivery"),
    path("settings/webhook-deliveries/<int:delivery_id>/redeliver/", views.delivery_redeliver, name="webhook-redeliver"),
]
