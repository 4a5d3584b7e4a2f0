"""The public help centre pages under /help/: what anonymous visitors, customers and staff see."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import User
from supportdesk.kb.choices import ArticleState, CategoryKind, Visibility
from supportdesk.kb.models import Article, Category, Translation
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def cat() -> Category:
    return make_category("billing", names={"en": "Billing", "de": "Abrechnung", "hu": "Számlázás", "lv": "Rēķini"})


@pytest.fixture
def article(cat: Category) -> Article:
    return make_article(
        cat,
        {
            "en": ("Download your invoice", "Open Billing and choose Download."),
            "hu": ("Számla letöltése", "Nyissa meg a Számlázás menüt."),
        },
    )


def url(article: Article, language: str = "en") -> str:
    return f"/help/{language}/a/{article.pk}-{tr(article, language).slug}/"


def test_root_redirects_to_request_language(client: Client) -> None:
    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="hu")
    assert response.status_code == 302
    assert response["Location"] == "/help/hu/"
    assert client.get("/help/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/help/en/"


def test_home_lists_public_categories_and_popular(client: Client, cat: Category, article: Article) -> None:
    make_category("secret", names={"en": "Secret stuff"}, visibility=Visibility.INTERNAL)
    Translation.objects.filter(pk=tr(article).pk).update(view_count=5)
    response = client.get("/help/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Billing" in html
    assert "Secret stuff" not in html
    assert "Download your invoice" in html
    assert 'hreflang="hu" href="http://127.0.0.1:8000/help/hu/"' in html
    hu = client.get("/help/hu/").content.decode()
    assert "Számlázás" in hu
    assert 'lang="hu"' in hu  # the interface follows the URL's language


@pytest.mark.parametrize("path", ["/help/fr/", "/help/xx/search/?q=a", "/help/fr/c/billing/", "/help/zz/a/1-x/"])
def test_unknown_language_is_404(client: Client, article: Article, path: str) -> None:
    assert client.get(path).status_code == 404


def test_category_page_lists_articles_and_subcategories(client: Client, cat: Category, article: Article) -> None:
    child = make_category("cards", names={"en": "Cards"}, parent=cat)
    make_category("hidden-child", names={"en": "Hidden child"}, parent=cat, visibility=Visibility.INTERNAL)
    make_article(cat, {"en": ("Draft thing", "x")}, state=ArticleState.DRAFT)
    make_article(cat, {"en": ("Internal thing", "x")}, visibility=Visibility.INTERNAL)
    response = client.get("/help/en/c/billing/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Download your invoice" in html
    assert "Cards" in html and f"/help/en/c/{child.slug}/" in html
    assert "Hidden child" not in html
    assert "Draft thing" not in html and "Internal thing" not in html


def test_category_under_internal_parent_is_404(client: Client, cat: Category) -> None:
    internal = make_category("internal", visibility=Visibility.INTERNAL)
    make_category("child", parent=internal)
    assert client.get("/help/en/c/internal/").status_code == 404
    assert client.get("/help/en/c/child/").status_code == 404
    assert client.get("/help/en/c/does-not-exist/").status_code == 404


def test_faq_category_shows_questions_and_answers(client: Client) -> None:
    faq = make_category("faq", names={"en": "FAQ"}, kind=CategoryKind.FAQ)
    make_article(faq, {"en": ("Can I pay by card?", "Yes, all major cards.")})
    html = client.get("/help/en/c/faq/").content.decode()
    assert re.search(r"<details[^>]*>\s*<summary>Can I pay by card\?</summary>", html)
    assert "<p>Yes, all major cards.</p>" in html


def test_article_page(client: Client, article: Article) -> None:
    related = make_article(article.category, {"en": ("Change billing address", "Edit it.")})
    hidden_related = make_article(article.category, {"en": ("Secret related", "x")}, visibility=Visibility.INTERNAL)
    article.related.add(related, hidden_related)
    response = client.get(url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Download your invoice</h1>" in html
    assert "<p>Open Billing and choose Download.</p>" in html
    assert "Change billing address" in html
    assert "Secret related" not in html
    assert f'hreflang="hu" href="http://127.0.0.1:8000/help/hu/a/{article.pk}-szamla-letoltese/"' in html
    assert f'href="/help/hu/a/{article.pk}-szamla-letoltese/"' in html  # the other-languages link
    assert "Was this article helpful?" in html


def test_wrong_or_missing_slug_redirects_permanently(client: Client, article: Article) -> None:
    response = client.get(f"/help/en/a/{article.pk}-old-slug/?from=form&visit=abc")
    assert response.status_code == 301
    assert response["Location"] == f"{url(article)}?from=form&visit=abc"
    response = client.get(f"/help/en/a/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == url(article)


def test_article_not_in_language_lists_existing_ones(client: Client, article: Article) -> None:
    response = client.get(f"/help/de/a/{article.pk}-whatever/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="not-in-language"' in html
    assert url(article, "en") in html and url(article, "hu") in html


@pytest.mark.parametrize(
    ("kwargs", "internal_category"),
    [
        ({"state": ArticleState.DRAFT}, False),
        ({"state": ArticleState.IN_REVIEW}, False),
        ({"state": ArticleState.ARCHIVED}, False),
        ({"visibility": Visibility.INTERNAL}, False),
        ({}, True),
    ],
)
def test_non_public_articles_are_404_for_anonymous_and_customers(
    client: Client, customer: User, agent: User, kwargs: dict[str, str], internal_category: bool
) -> None:
    category = make_category("int", visibility=Visibility.INTERNAL if internal_category else Visibility.PUBLIC)
    hidden = make_article(category, {"en": ("Hidden answer", "secret text")}, **kwargs)  # type: ignore[arg-type]
    path = url(hidden)
    assert client.get(path).status_code == 404
    assert client.get(f"/help/de/a/{hidden.pk}-x/").status_code == 404  # no "other languages" leak either
    client.force_login(customer)
    assert client.get(path).status_code == 404
    assert b"Hidden answer" not in client.get(path).content
    # Staff see a marked preview, which counts no view.
    client.force_login(agent)
    response = client.get(path)
    assert response.status_code == 200
    assert b'data-testid="preview-banner"' in response.content
    assert tr(hidden).view_count == 0


def test_draft_translation_of_public_article_is_404_in_its_language(client: Client, cat: Category) -> None:
    article = make_article(cat, {"en": ("Public one", "x"), "de": ("Entwurf", "y")}, states={"de": ArticleState.DRAFT})
    assert client.get(url(article, "en")).status_code == 200
    response = client.get(url(article, "de"))
    assert response.status_code == 404
    assert b"Entwurf" not in response.content
    assert b'hreflang="de"' not in client.get(url(article, "en")).content


def test_missing_article_is_404(client: Client) -> None:
    assert client.get("/help/en/a/999999-x/").status_code == 404
    assert client.get("/help/en/a/99999999999999999999-x/").status_code == 404


def test_view_count_increments_for_visitors_not_staff(client: Client, article: Article, agent: User, customer: User) -> None:
    client.get(url(article))
    client.get(url(article))
    assert tr(article).view_count == 2
    assert tr(article, "hu").view_count == 0
    client.force_login(customer)
    client.get(url(article))
    assert tr(article).view_count == 3
    client.force_login(agent)
    client.get(url(article))
    assert tr(article).view_count == 3


def test_search_page(client: Client, article: Article, cat: Category) -> None:
    make_article(cat, {"en": ("Invoice draft", "invoice")}, state=ArticleState.DRAFT)
    response = client.get("/help/en/search/?q=invoice")
    assert response.status_code == 200
    html = response.content.decode()
    assert url(article) in html
    assert "Invoice draft" not in html
    assert "Számla" not in html  # other languages stay out
    hu = client.get("/help/hu/search/?q=szamla").content.decode()
    assert url(article, "hu") in hu
    empty = client.get("/help/en/search/?q=").content.decode()
    assert "Type a few words" in empty


@pytest.mark.parametrize("query", ['"', "NEAR(", "<script>alert(1)</script>", "a\x00b", "x" * 5000, ") OR 1=1 --"])
def test_search_page_survives_hostile_queries(client: Client, article: Article, query: str) -> None:
    response = client.get("/help/en/search/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_hostile_text_is_escaped(client: Client, cat: Category) -> None:
    evil = make_article(cat, {"en": ('<img src=x onerror="alert(1)"> Title', "body <script>alert(2)</script> text")})
    for path in (url(evil), "/help/en/c/billing/", "/help/en/search/?q=title", "/help/en/search/?q=body"):
        html = client.get(path).content.decode()
        assert "<img src=x" not in html, path
        assert "<script>alert(2)" not in html, path


def test_query_counts_are_bounded(client: Client, cat: Category) -> None:
    for n in range(6):
        a = make_article(cat, {"en": (f"Article {n}", "walrus text")})
        make_category(f"sub-{n}", parent=cat)
        if n:
            a.related.add(Article.objects.get(translations__title="Article 0"))
    first = Article.objects.get(translations__title="Article 0")
    budgets = {"/help/en/": 10, "/help/en/c/billing/": 10, url(first): 16, "/help/en/search/?q=walrus": 12}
    for path, budget in budgets.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert len(queries) <= budget, (path, len(queries), [q["sql"] for q in queries])


def test_pages_send_the_strict_csp_and_no_inline_script(client: Client, article: Article) -> None:
    response = client.get(url(article))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
    assert " style=" not in response.content.decode()
