"""/help/sitemap.xml: every published public translation, with hreflang alternates per article.

Built by hand (not django.contrib.sitemaps) for the xhtml:link alternates; every value is XML
escaped. At most SITEMAP_MAX_URLS URLs (the sitemap protocol's limit), in a stable order.
"""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from supportdesk.kb.public_selectors import SITEMAP_MAX_URLS, sitemap_rows
from supportdesk.kb.search import public_url
from supportdesk.kb.views_public import absolute

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def sitemap_xml(limit: int = SITEMAP_MAX_URLS) -> str:
    parts = [HEADER]
    for _article_id, rows in groupby(sitemap_rows(limit), key=lambda row: row[0]):
        group = list(rows)
        urls = [(language, absolute(public_url(article_id, language, slug)), updated) for article_id, language, slug, updated in group]
        links = "".join(
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(language)} href={quoteattr(url)}/>\n' for language, url, _u in urls
        )
        for _language, url, updated in urls:
            parts.append(f"  <url>\n    <loc>{escape(url)}</loc>\n    <lastmod>{updated.date().isoformat()}</lastmod>\n")
            if len(urls) > 1:
                parts.append(links)
            parts.append("  </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


@require_GET
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(sitemap_xml(), content_type="application/xml; charset=utf-8")
