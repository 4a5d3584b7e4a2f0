"""Public survey URLs under /survey/: the signed answer link and the portal panel's form."""

from django.urls import URLPattern, path

from supportdesk.surveys import views

urlpatterns: list[URLPattern] = [
    path("portal/<int:invitation_id>/", views.portal_answer, name="survey-portal-answer"),
    path("<str:token>/", views.answer_page, name="survey-answer"),
]
