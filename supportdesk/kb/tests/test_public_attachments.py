"""Article files and inline images on the help centre: served only for public, published articles."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, ArticleAttachment, Category, Translation
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr
from supportdesk.tickets.attachments import store_blob

pytestmark = pytest.mark.django_db(transaction=False)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def attach(article: Article, name: str, content: bytes, content_type: str) -> ArticleAttachment:
    blob = store_blob([content])
    return ArticleAttachment.objects.create(article=article, blob=blob, filename=name, content_type=content_type, size=len(content))


@pytest.fixture
def cat() -> Category:
    return make_category("billing")


def test_public_article_files_are_served_safely(client: Client, cat: Category) -> None:
    article = make_article(cat, {"en": ("Invoice", "x")})
    image = attach(article, "screen.png", PNG, "image/png")
    page = attach(article, "evil.html", b"<script>alert(1)</script>", "text/html")
    response = client.get(f"/help/attachments/{image.pk}/screen.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    download = client.get(f"/help/attachments/{page.pk}/evil.html")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    # The article page lists them.
    html = client.get(f"/help/en/a/{article.pk}-invoice/").content.decode()
    assert f"/help/attachments/{image.pk}/screen.png" in html


@pytest.mark.parametrize(
    ("kwargs", "category_visibility"),
    [
        ({"state": ArticleState.DRAFT}, Visibility.PUBLIC),
        ({"state": ArticleState.ARCHIVED}, Visibility.PUBLIC),
        ({"visibility": Visibility.INTERNAL}, Visibility.PUBLIC),
        ({}, Visibility.INTERNAL),
    ],
)
def test_files_of_non_public_articles_are_404_except_for_staff(
    client: Client, customer: User, agent: User, kwargs: dict[str, str], category_visibility: str
) -> None:
    category = make_category("c", visibility=category_visibility)
    article = make_article(category, {"en": ("Secret", "x")}, **kwargs)  # type: ignore[arg-type]
    image = attach(article, "secret.png", PNG, "image/png")
    path = f"/help/attachments/{image.pk}/secret.png"
    assert client.get(path).status_code == 404
    client.force_login(customer)
    assert client.get(path).status_code == 404
    client.force_login(agent)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.get("/help/attachments/999999/x.png").status_code == 404


def test_article_with_only_a_draft_translation_in_another_language(client: Client, cat: Category) -> None:
    article = make_article(cat, {"en": ("Public", "x"), "de": ("Entwurf", "y")}, states={"de": ArticleState.DRAFT})
    image = attach(article, "a.png", PNG, "image/png")
    assert client.get(f"/help/attachments/{image.pk}/a.png").status_code == 200  # public through the English one
    Translation.objects.filter(article=article, language="en").update(state=ArticleState.ARCHIVED)
    assert client.get(f"/help/attachments/{image.pk}/a.png").status_code == 404


def test_inline_images_point_to_the_public_url(client: Client, cat: Category) -> None:
    article = make_article(cat, {"en": ("With image", "x")})
    image = attach(article, "shot.png", PNG, "image/png")
    translation = tr(article)
    translation.body_html = f'<p>See <img src="/kb/attachments/{image.pk}/shot.png" alt="shot"></p>'
    translation.save()
    html = client.get(f"/help/en/a/{article.pk}-with-image/").content.decode()
    assert f'<img src="/help/attachments/{image.pk}/shot.png" alt="shot">' in html
    assert "/kb/attachments/" not in html
