"""The public KB API (/api/v1/help/...): anonymous access, no leaks, feedback, rate limits."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.api.routers.kb_public import SEARCH_LIMIT, VOTE_LIMIT
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, Category, Feedback
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def cat() -> Category:
    return make_category("billing", names={"en": "Billing"})


@pytest.fixture
def article(cat: Category) -> Article:
    return make_article(cat, {"en": ("Download your invoice", "Open <b>Billing</b>."), "hu": ("Számla letöltése", "Nyissa meg.")})


@pytest.fixture
def internal(cat: Category) -> Article:
    return make_article(cat, {"en": ("Internal invoice rules", "Only for us.")}, visibility=Visibility.INTERNAL)


def test_anonymous_search(article: Article, internal: Article) -> None:
    response = Client().get("/api/v1/help/search", {"q": "invoice"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "translation_id": tr(article).pk,
            "article_id": article.pk,
            "language": "en",
            "title": "Download your invoice",
            "snippet": "Open <b>Billing</b>.",
            "url": f"/help/en/a/{article.pk}-download-your-invoice/",
        }
    ]
    hu = Client().get("/api/v1/help/search", {"q": "szamla", "language": "hu", "limit": "5"}).json()
    assert [hit["title"] for hit in hu] == ["Számla letöltése"]


def test_staff_token_search_is_still_public_only(agent: User, article: Article, internal: Article) -> None:
    hits = ApiClient(agent).get("/api/v1/help/search", {"q": "invoice"}).json()
    assert [hit["title"] for hit in hits] == ["Download your invoice"]


@pytest.mark.parametrize(
    "params",
    [{"q": "x", "language": "xx"}, {"q": "x", "limit": 0}, {"q": "x", "limit": 1000}, {}, {"q": "x" * 1000}],
)
def test_search_bad_parameters(article: Article, params: dict[str, str | int]) -> None:
    response = Client().get("/api/v1/help/search", params)
    assert response.status_code in {404, 422}
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("query", ['"', "NEAR(a b)", ") OR (", "a\x00b", "'; DROP TABLE kb_searchdocument; --", "*"])
def test_search_hostile_queries(article: Article, query: str) -> None:
    response = Client().get("/api/v1/help/search", {"q": query})
    assert response.status_code == 200
    assert all(hit["article_id"] == article.pk for hit in response.json())


def test_get_article_anonymous(article: Article, cat: Category) -> None:
    related = make_article(cat, {"en": ("Related one", "x")})
    hidden = make_article(cat, {"en": ("Hidden related", "x")}, state=ArticleState.DRAFT)
    article.related.add(related, hidden)
    body = Client().get(f"/api/v1/help/articles/{article.pk}", {"language": "en"}).json()
    assert body["title"] == "Download your invoice"
    assert body["body_html"] == "<p>Open &lt;b&gt;Billing&lt;/b&gt;.</p>"
    assert body["public"] is True
    assert [t["language"] for t in body["translations"]] == ["en", "hu"]
    assert [t["title"] for t in body["related"]] == ["Related one"]
    assert body["url"] == f"/help/en/a/{article.pk}-download-your-invoice/"


def test_get_article_hides_non_public_from_anonymous_and_customers(internal: Article, customer: User, agent: User) -> None:
    path = f"/api/v1/help/articles/{internal.pk}"
    for client in (Client(), ApiClient(customer)):
        response = client.get(path, {"language": "en"})
        assert response.status_code == 404
        assert "Internal invoice" not in response.content.decode()
    staff = ApiClient(agent).get(path, {"language": "en"})
    assert staff.status_code == 200
    assert staff.json()["public"] is False
    assert Client().get("/api/v1/help/articles/999999", {"language": "en"}).status_code == 404
    assert Client().get(f"/api/v1/help/articles/{internal.pk}", {"language": "de"}).status_code == 404
    assert Client().get("/api/v1/help/articles/0").status_code == 422


def test_feedback_anonymous(article: Article) -> None:
    response = ApiClient(None).post(f"/api/v1/help/articles/{article.pk}/feedback", {"language": "hu", "helpful": True, "comment": "Jó."})
    assert response.status_code == 201
    assert response.json() == {"helpful_yes": 1, "helpful_no": 0}
    row = Feedback.objects.get()
    assert (row.translation_id, row.comment, row.user) == (tr(article, "hu").pk, "Jó.", None)


def test_feedback_bad_inputs(article: Article, internal: Article) -> None:
    client = ApiClient(None)
    path = f"/api/v1/help/articles/{article.pk}/feedback"
    assert client.post(path, {"language": "en", "helpful": True, "comment": "x" * 2001}).status_code == 422
    assert client.post(path, {"language": "en", "helpful": "perhaps"}).status_code == 422
    assert client.post(path, {"language": "en", "helpful": True, "user_id": 1}).status_code == 422  # no mass assignment
    assert client.post(path, {"language": "de", "helpful": True}).status_code == 404  # no German translation
    assert client.post(path, {"language": "xx", "helpful": True}).status_code == 404
    internal_path = f"/api/v1/help/articles/{internal.pk}/feedback"
    assert client.post(internal_path, {"language": "en", "helpful": True}).status_code == 404
    assert Feedback.objects.count() == 0


def test_signed_in_feedback_once_a_day(article: Article, customer: User) -> None:
    client = ApiClient(customer)
    path = f"/api/v1/help/articles/{article.pk}/feedback"
    assert client.post(path, {"language": "en", "helpful": False}).status_code == 201
    assert client.post(path, {"language": "en", "helpful": False}).status_code == 409
    assert Feedback.objects.get().user == customer


def test_feedback_rate_limit(article: Article) -> None:
    path = f"/api/v1/help/articles/{article.pk}/feedback"
    statuses = [ApiClient(None).post(path, {"language": "en", "helpful": True}).status_code for _ in range(VOTE_LIMIT[0] + 1)]
    assert statuses == [201] * VOTE_LIMIT[0] + [429]
    assert tr(article).helpful_yes == VOTE_LIMIT[0]


def test_search_rate_limit(article: Article) -> None:
    client = Client()
    statuses = {client.get("/api/v1/help/search", {"q": "invoice"}).status_code for _ in range(SEARCH_LIMIT[0])}
    assert statuses == {200}
    assert client.get("/api/v1/help/search", {"q": "invoice"}).status_code == 429


def test_operations_are_public_in_the_schema() -> None:
    schema = Client().get("/api/schema").json()
    operations = [
        ("/api/v1/help/search", "get"),
        ("/api/v1/help/articles/{article_id}", "get"),
        ("/api/v1/help/articles/{article_id}/feedback", "post"),
    ]
    for path, method in operations:
        assert {} in schema["paths"][path][method]["security"], path
