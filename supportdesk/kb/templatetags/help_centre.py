"""Template filters of the help centre: per-language names of categories, the public article body."""

from __future__ import annotations

import re

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from supportdesk.kb.models import Category

register = template.Library()


@register.filter
def kb_name(category: Category, language: str) -> str:
    """The category's name in `language` (English, any name or the slug as fallbacks)."""
    return category.name_in(language)


@register.filter
def kb_get(mapping: object, key: str) -> str:
    """mapping[key] for a per-language JSON dict, '' when missing or not a dict."""
    if isinstance(mapping, dict):
        value = mapping.get(key, "")
        return value if isinstance(value, str) else ""
    return ""


def _agent_attachment_pattern() -> re.Pattern[str] | None:
    """The src of inline images as kb authoring writes them (its `kb-attachment` URL), if installed."""
    try:
        sample = reverse("kb-attachment", args=[987654321, "f"])
    except NoReverseMatch:
        return None
    prefix, _sep, rest = sample.partition("987654321")
    if not prefix or not rest.startswith("/"):
        return None
    return re.compile(r'src="' + re.escape(prefix) + r'(\d+)/([^"/?#]*)"')


@register.filter(name="kb_public_body")
def public_body_html(body_html: str) -> SafeString:
    """The sanitized body, with inline images pointed at the public attachment URL.

    Only body_html (sanitized by kb actions on the way in) is ever marked safe. The rewrite changes
    a same-origin path for another same-origin path of digits and the same file name; it cannot
    add markup."""
    pattern = _agent_attachment_pattern()
    html = body_html or ""
    if pattern is not None and pattern.search(html):
        public_prefix = reverse("help-attachment", args=[987654321, "f"]).partition("987654321")[0]
        html = pattern.sub(lambda m: f'src="{public_prefix}{int(m.group(1))}/{m.group(2) or "file"}"', html)
    return mark_safe(html)  # noqa: S308 - sanitized field (core.html) with a path-only rewrite
