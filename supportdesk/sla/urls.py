from django.urls import path

from supportdesk.sla import views

urlpatterns = [
    path("settings/calendars/", views.calendar_list, name="sla-calendars"),
    path("settings/calendars/new/", views.calendar_create, name="sla-calendar-create"),
    path("settings/calendars/<int:calendar_id>/", views.calendar_edit, name="sla-calendar-edit"),
    path("settings/calendars/<int:calendar_id>/delete/", views.calendar_delete, name="sla-calendar-delete"),
    path("settings/sla-policies/", views.policy_list, name="sla-policies"),
    path("settings/sla-policies/new/", views.policy_create, name="sla-policy-create"),
    path("settings/sla-policies/<int:policy_id>/", views.policy_edit, name="sla-policy-edit"),
    path("settings/sla-policies/<int:policy_id>/move/", views.policy_move, name="sla-policy-move"),
    path("settings/sla-policies/<int:policy_id>/delete/", views.policy_delete, name="sla-policy-delete"),
]
