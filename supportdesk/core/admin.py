"""Django's admin is a superuser-only back office; the product's settings pages are separate."""

from django.contrib import admin
from django.http import HttpRequest


def superusers_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = superusers_only  # type: ignore[method-assign]
admin.site.site_header = "Supportdesk back office"
