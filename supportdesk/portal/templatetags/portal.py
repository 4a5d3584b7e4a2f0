"""Template helpers of the portal and help centre: the organization's branding.

`{% portal_brand as brand %}` gives brand.name, brand.has_logo, brand.version (for cache-busting
URLs of brand.css and the logo) and the colours. The settings row is read once per request.
"""

from __future__ import annotations

from typing import Any

from django import template

from supportdesk.portal.branding import Brand, brand_of, get_portal_settings

register = template.Library()

_CACHE_ATTR = "_supportdesk_portal_brand"


@register.simple_tag(takes_context=True)
def portal_brand(context: dict[str, Any]) -> Brand:
    request = context.get("request")
    cached = getattr(request, _CACHE_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    brand = brand_of(get_portal_settings())
    if request is not None:
        setattr(request, _CACHE_ATTR, brand)
    return brand
