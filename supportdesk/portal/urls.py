"""The portal's URLs under /portal/: sign-in and account pages, and the customer's tickets."""

from django.urls import include, path

urlpatterns = [
    path("", include("supportdesk.portal.urls_auth")),
    path("", include("supportdesk.portal.urls_tickets")),
]
