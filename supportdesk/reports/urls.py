"""Report pages under /reports/: the dashboards, the drill-down list and the weekly report schedules."""

from django.urls import URLPattern, path

from supportdesk.reports import views, views_schedules

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="reports"),
    path("me/", views.my_dashboard, name="reports-me"),
    path("drilldown/", views.drilldown_page, name="reports-drilldown"),
    path("schedules/", views_schedules.schedules_page, name="reports-schedules"),
    path("schedules/<int:schedule_id>/delete/", views_schedules.delete_schedule, name="reports-schedule-delete"),
    path("schedules/<int:schedule_id>/send/", views_schedules.send_schedule, name="reports-schedule-send"),
]
