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
    path("", include("supportdesk.core.settings_hub")),
    path("", include("supportdesk.sla.urls")),
    path("", include("supportdesk.automation.routing.urls")),
    path("", include("supportdesk.automation.rules.urls")),
    path("", include("supportdesk.automation.replies.urls")),
    path("", include("supportdesk.automation.webhooks.urls")),
    path("", include("supportdesk.automation.processes.urls")),
    path("kb/composer/", include("supportdesk.kb.urls_composer")),
    path("kb/", include("supportdesk.kb.urls_agent")),
    path("help/", include("supportdesk.kb.urls_public")),
    path("portal/", include("supportdesk.portal.urls")),
    path("survey/", include("supportdesk.surveys.urls")),
    path("", include("supportdesk.ai.urls")),
    path("", include("supportdesk.ai.rules_urls")),
    path("", include("supportdesk.surveys.urls_admin")),
    path("reports/", include("supportdesk.reports.urls")),
]
