"""Staff survey pages: the settings (admins) and the results (supervisors and admins)."""

from django.urls import URLPattern, path

from supportdesk.surveys import views_admin

urlpatterns: list[URLPattern] = [
    path("settings/surveys/", views_admin.settings_page, name="survey-settings"),
    path("surveys/results/", views_admin.results_page, name="survey-results"),
]
