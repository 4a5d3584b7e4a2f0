"""Top-level URL configuration. Each domain app owns its own urls module."""

from django.contrib import admin
from django.urls import include, path

from supportdesk.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("supportdesk.accounts.urls")),
    path("", include("supportdesk.tickets.urls")),
    path("", include("supportdesk.email_gateway.urls")),
]
