"""/help/sitemap.xml: published public translations only, hreflang alternates, escaped, capped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Translation
from supportdesk.kb.sitemap import sitemap_xml
from supportdesk.kb.tests.kbpub_factories import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=False)

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BASE = "http://127.0.0.1:8000"


def test_sitemap_lists_public_translations_with_alternates(client: Client) -> None:
    cat = make_category("billing")
    internal_cat = make_category("internal", visibility=Visibility.INTERNAL)
    under_internal = make_category("under", parent=internal_cat)
    both = make_article(cat, {"en": ("Invoice", "x"), "de": ("Rechnung", "x"), "hu": ("Számla", "x")}, states={"hu": ArticleState.DRAFT})
    single = make_article(cat, {"lv": ("Rēķins", "x")})
    make_article(cat, {"en": ("Internal", "x")}, visibility=Visibility.INTERNAL)
    make_article(internal_cat, {"en": ("In internal category", "x")})
    make_article(under_internal, {"en": ("Under internal parent", "x")})
    make_article(cat, {"en": ("Archived", "x")}, state=ArticleState.ARCHIVED)

    response = client.get("/help/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert locs == [
        f"{BASE}/help/de/a/{both.pk}-rechnung/",
        f"{BASE}/help/en/a/{both.pk}-invoice/",
        f"{BASE}/help/lv/a/{single.pk}-rekins/",
    ]
    first = root.findall("s:url", NS)[0]
    alternates = {link.get("hreflang"): link.get("href") for link in first.findall("x:link", NS)}
    assert alternates == {"de": f"{BASE}/help/de/a/{both.pk}-rechnung/", "en": f"{BASE}/help/en/a/{both.pk}-invoice/"}
    assert root.findall("s:url", NS)[2].findall("x:link", NS) == []  # one language: no alternates


def test_sitemap_escapes_and_caps() -> None:
    cat = make_category("billing")
    for n in range(3):
        make_article(cat, {"en": (f"Article {n}", "x")})
    # A slug with XML specials (slugs are validated by forms, but the sitemap must not trust that).
    Translation.objects.filter(title="Article 0").update(slug='a&b<c>"d')
    xml = sitemap_xml(limit=2)
    root = ET.fromstring(xml)  # well-formed despite the specials
    assert len(root.findall("s:url", NS)) == 2
    first = root.findall("s:url", NS)[0].findtext("s:loc", namespaces=NS)
    assert first is not None and first.endswith("-a&b%3Cc%3E%22d/")  # "&" kept by reverse(), escaped in the XML
    assert "a&amp;b" in xml
    assert "<c>" not in xml
