"""The admins' portal settings page, and the branding files every portal page loads.

/portal/brand.css carries the colours as CSS custom properties (the CSP forbids inline styles)
and /portal/logo the uploaded logo; both are public (the sign-in page shows them) and cacheable
for a long time because their URLs carry the settings' version (?v=).
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from supportdesk.accounts.models import User
from supportdesk.core.errors import ValidationFailed
from supportdesk.core.pages import guarded_page, see_other
from supportdesk.portal.branding import (
    LOGO_MAX_BYTES,
    brand_css,
    get_portal_settings,
    require_admin,
    settings_version,
    update_portal_settings,
)
from supportdesk.portal.forms_auth import PortalSettingsForm
from supportdesk.tickets.attachments import blob_path

admin_page = guarded_page(require_admin)
CACHE_VERSIONED = "public, max-age=31536000, immutable"
CACHE_UNVERSIONED = "public, max-age=300"


@require_http_methods(["GET", "POST"])
@admin_page
def settings_view(request: HttpRequest) -> HttpResponse:
    row = get_portal_settings()
    initial = {name: getattr(row, name) for name in PortalSettingsForm.base_fields if name not in ("logo", "remove_logo")}
    form = PortalSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo")
        logo: bytes | None = None
        if upload:
            logo = upload.read(LOGO_MAX_BYTES + 1)
        try:
            update_portal_settings(cast(User, request.user), form.changes(), logo=logo, remove_logo=form.cleaned_data["remove_logo"])
        except ValidationFailed as exc:
            form.add_domain_error(exc, field_map={"colour": "primary_colour"})
        else:
            messages.success(request, _("The portal settings have been saved."))
            return see_other(reverse("portal-settings"))
    return render(request, "portal/settings.html", {"form": form, "portal": row, "version": settings_version(row)})


def _versioned(request: HttpRequest) -> bool:
    return bool(request.GET.get("v"))


@require_GET
def brand_css_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(brand_css(get_portal_settings()), content_type="text/css; charset=utf-8")
    response.headers["Cache-Control"] = CACHE_VERSIONED if _versioned(request) else CACHE_UNVERSIONED
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def logo_view(request: HttpRequest) -> FileResponse:
    row = get_portal_settings()
    if row.logo_id is None or not row.logo_content_type:
        raise Http404("No logo.")
    path = blob_path(row.logo_id)
    if not path.exists():
        raise Http404("No logo.")
    response = FileResponse(path.open("rb"), content_type=row.logo_content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = CACHE_VERSIONED if _versioned(request) else CACHE_UNVERSIONED
    return response
