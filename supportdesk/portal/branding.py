"""The portal's settings row and its branding: name, logo and colours.

`get_portal_settings()` is the only way to read the settings (it creates row pk=1 on first use).
`update_portal_settings()` is the only way to write them (admins only). The colours reach the
browser as CSS custom properties in /portal/brand.css, never as inline styles (strict CSP); the
logo is stored as a Blob with the attachment storage helpers and served from /portal/logo with
nosniff and a sandbox CSP. SVG logos are refused: an SVG can carry script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supportdesk.accounts.models import User
from supportdesk.core.errors import PermissionDenied, ValidationFailed
from supportdesk.portal.models import HEX_COLOUR, MAX_BRAND, PortalSettings
from supportdesk.tickets.attachments import store_blob

LOGO_MAX_BYTES = 512 * 1024
# Magic bytes of the raster formats a logo may have; the declared type is never trusted.
LOGO_SIGNATURES: tuple[tuple[str, bytes, int], ...] = (
    ("image/png", b"\x89PNG\r\n\x1a\n", 0),
    ("image/jpeg", b"\xff\xd8\xff", 0),
    ("image/webp", b"WEBP", 8),
)
MAX_LINK_MINUTES = 24 * 60
_HEX = re.compile(HEX_COLOUR)
EDITABLE = ("brand_name", "primary_colour", "accent_colour", "self_registration", "public_form", "sign_in_link_minutes")


def get_portal_settings() -> PortalSettings:
    """The settings row, created with defaults on first use."""
    row, _created = PortalSettings.objects.get_or_create(pk=1)
    return row


@dataclass(frozen=True)
class Brand:
    """What templates need to show the organization's branding."""

    name: str
    has_logo: bool
    version: str
    primary_colour: str
    accent_colour: str
    self_registration: bool
    public_form: bool


def settings_version(row: PortalSettings) -> str:
    """Changes with every save (microseconds: two saves in one second still differ), so URLs that
    carry it can be cached for a year."""
    return str(int(row.updated_at.timestamp() * 1_000_000))


def brand_of(row: PortalSettings) -> Brand:
    return Brand(
        name=row.brand_name,
        has_logo=row.logo_id is not None,
        version=settings_version(row),
        primary_colour=row.primary_colour,
        accent_colour=row.accent_colour,
        self_registration=row.self_registration,
        public_form=row.public_form,
    )


def check_colour(value: str) -> str:
    value = (value or "").strip()
    if not _HEX.fullmatch(value):
        raise ValidationFailed(_("A colour must look like #1f5fbf."), field_errors={"colour": _("Use the form #rrggbb.")})
    return value.lower()


def sniff_logo(content: bytes) -> str:
    """The image type of `content` by its magic bytes; ValidationFailed for anything else (SVG too)."""
    if len(content) > LOGO_MAX_BYTES:
        message = _("The logo is too large (at most %(n)s KB).") % {"n": LOGO_MAX_BYTES // 1024}
        raise ValidationFailed(message, field_errors={"logo": message})
    for content_type, magic, offset in LOGO_SIGNATURES:
        if content[offset : offset + len(magic)] == magic and (content_type != "image/webp" or content[:4] == b"RIFF"):
            return content_type
    message = _("The logo must be a PNG, JPEG or WebP image.")
    raise ValidationFailed(message, field_errors={"logo": message})


def check_settings_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate a partial update of the editable fields; unknown keys are refused."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationFailed(_("Unknown settings: %(names)s.") % {"names": ", ".join(unknown)})
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in changes.items():
        try:
            if name in ("primary_colour", "accent_colour"):
                clean[name] = check_colour(str(value))
            elif name == "brand_name":
                text = " ".join(str(value or "").split())
                if len(text) > MAX_BRAND:
                    raise ValidationFailed(_("At most %(n)s characters.") % {"n": MAX_BRAND})
                clean[name] = text
            elif name in ("self_registration", "public_form"):
                if not isinstance(value, bool):
                    raise ValidationFailed(_("Must be true or false."))
                clean[name] = value
            elif name == "sign_in_link_minutes":
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LINK_MINUTES:
                    raise ValidationFailed(_("Between 1 and %(n)s minutes.") % {"n": MAX_LINK_MINUTES})
                clean[name] = value
        except ValidationFailed as exc:
            errors[name] = exc.message
    if errors:
        raise ValidationFailed(_("Please correct the settings."), field_errors=errors)
    return clean


def require_admin(actor: User) -> None:
    if not (actor.is_active and actor.is_admin):
        raise PermissionDenied(_("Only admins can change the portal settings."))


def update_portal_settings(
    actor: User, changes: dict[str, Any], *, logo: bytes | None = None, remove_logo: bool = False
) -> tuple[PortalSettings, list[str]]:
    """Apply validated `changes` (and a new or removed logo) as admin `actor`; returns the row and
    the names of the fields that changed. Bumps updated_at, which versions brand.css and the logo URL."""
    require_admin(actor)
    clean = check_settings_changes(changes)
    logo_type = sniff_logo(logo) if logo is not None else ""
    with transaction.atomic():
        row = get_portal_settings()
        row = PortalSettings.objects.select_for_update().get(pk=row.pk)
        changed = [name for name, value in clean.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, clean[name])
        if logo is not None:
            row.logo = store_blob([logo])
            row.logo_content_type = logo_type
            changed.append("logo")
        elif remove_logo and row.logo_id is not None:
            row.logo = None
            row.logo_content_type = ""
            changed.append("logo")
        if changed:
            row.updated_at = timezone.now()
            row.save()
    return row, changed


def brand_css(row: PortalSettings) -> str:
    """The stylesheet of the branding: custom properties only (the colours are validated hex)."""
    primary = row.primary_colour if _HEX.fullmatch(row.primary_colour or "") else "#1f5fbf"
    accent = row.accent_colour if _HEX.fullmatch(row.accent_colour or "") else "#0f7b5f"
    return f":root {{\n  --brand: {primary};\n  --accent: {accent};\n}}\n"
