"""The staff KB API: every endpoint, bad inputs, roles, and customers finding nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.accounts.models import User
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.kb import actions
from supportdesk.kb.choices import ArticleState
from supportdesk.kb.models import ArticleAttachment, Category, Translation
from supportdesk.kb.tests.test_actions_support import PNG, publish
from supportdesk.kb.tests.test_actions_support import kb_category as kb_category
from supportdesk.kb.tests.test_actions_support import make_article as make_article
from supportdesk.kb.tests.test_actions_support import supervisor as supervisor
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

Api = Callable[[User | None], ApiClient]
MakeArticle = Callable[..., Translation]
BASE = "/api/v1/kb"


def upload(client: ApiClient, article_id: int, content: bytes, name: str, content_type: str, *, image: bool = False) -> Any:
    data: dict[str, Any] = {"file": SimpleUploadedFile(name, content, content_type=content_type)}
    if image:
        data["image"] = "true"
    return client.client.post(f"{BASE}/articles/{article_id}/attachments", data=data, headers=client.headers)


def test_categories_crud(api_as: Api, admin: User, agent: User) -> None:
    as_admin = api_as(admin)
    created = as_admin.post(f"{BASE}/categories", {"names": {"en": "Billing", "de": "Abrechnung"}, "kind": "faq"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["slug"], body["kind"], body["names"], body["parent_id"]) == ("billing", "faq", {"en": "Billing", "de": "Abrechnung"}, None)
    child = as_admin.post(f"{BASE}/categories", {"names": {"en": "Refunds"}, "parent_id": body["id"]}).json()
    assert api_as(agent).get(f"{BASE}/categories/{child['id']}").json()["parent_id"] == body["id"]
    assert [c["id"] for c in api_as(agent).get(f"{BASE}/categories").json()["items"]] == [body["id"], child["id"]]
    assert api_as(agent).post(f"{BASE}/categories", {"names": {"en": "X"}}).status_code == 403
    assert api_as(agent).patch(f"{BASE}/categories/{child['id']}", {"names": {"en": "Y"}}).status_code == 403
    cycle = as_admin.patch(f"{BASE}/categories/{body['id']}", {"parent_id": child["id"]})
    assert cycle.status_code == 422 and "parent_id" in cycle.json()["errors"]
    moved = as_admin.patch(f"{BASE}/categories/{child['id']}", {"parent_id": None, "position": 5})
    assert (moved.json()["parent_id"], moved.json()["position"]) == (None, 5)
    assert as_admin.delete(f"{BASE}/categories/{body['id']}").status_code == 204
    assert as_admin.get(f"{BASE}/categories/{body['id']}").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"names": {}},
        {"names": {"en": "A"}, "kind": "blog"},
        {"names": {"en": "A"}, "is_admin": True},
        {"names": {"en": "A"}, "parent_id": 2**63},
        {"names": {"en": "A"}, "position": -1},
        {"names": "A"},
        {"names": {"en": "A"}, "slug": "../etc"},
    ],
)
def test_category_bad_inputs_are_422(api_as: Api, admin: User, body: dict[str, Any]) -> None:
    response = api_as(admin).post(f"{BASE}/categories", body)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert not Category.objects.exists()


def test_article_lifecycle_over_the_api(api_as: Api, agent: User, supervisor: User, kb_category: Category) -> None:
    as_agent, as_supervisor = api_as(agent), api_as(supervisor)
    created = as_agent.post(
        f"{BASE}/articles",
        {
            "category_id": kb_category.pk,
            "language": "en",
            "title": "Printer offline",
            "body_html": "<p>Restart it.</p><script>x</script>",
            "tags": ["Printer"],
        },
    )
    assert created.status_code == 201, created.content
    article = created.json()
    assert article["tags"] == ["printer"] and article["created_by"]["id"] == agent.pk
    assert [(t["language"], t["state"], t["version"]) for t in article["translations"]] == [("en", "draft", 1)]
    url = f"{BASE}/articles/{article['id']}/translations/en"
    read = as_agent.get(url).json()
    assert read["body_html"] == "<p>Restart it.</p>" and read["permissions"] == {
        "can_edit": True,
        "transitions": ["submit"],
        "can_restore": False,
    }

    saved = as_agent.put(url, {"title": "Printer offline", "body_html": "<p>Restart the printer.</p>", "base_version": 1, "note": "detail"})
    assert saved.status_code == 200 and saved.json()["version"] == 2
    stale = as_supervisor.put(url, {"title": "Mine", "body_html": "<p>x</p>", "base_version": 1})
    assert stale.status_code == 409 and "base_version" in stale.json()["errors"]
    missing_base = as_agent.put(url, {"title": "Printer offline", "body_html": "<p>y</p>"})
    assert missing_base.status_code == 422 and "base_version" in missing_base.json()["errors"]

    german = as_agent.put(
        f"{BASE}/articles/{article['id']}/translations/de", {"title": "Drucker offline", "body_html": "<p>Neu starten.</p>"}
    )
    assert german.status_code == 201 and (german.json()["language"], german.json()["version"]) == ("de", 1)

    submitted = as_agent.post(url + "/transitions", {"action": "submit", "base_version": 2})
    assert submitted.status_code == 200 and submitted.json()["state"] == "in_review"
    assert as_agent.post(url + "/transitions", {"action": "approve"}).status_code == 403
    assert as_supervisor.post(url + "/transitions", {"action": "send_back"}).status_code == 422
    assert as_supervisor.post(url + "/transitions", {"action": "fly"}).status_code == 422
    approved = as_supervisor.post(url + "/transitions", {"action": "approve"})
    assert approved.json()["state"] == "published" and approved.json()["reviewer"]["id"] == supervisor.pk
    assert as_supervisor.post(url + "/transitions", {"action": "approve"}).status_code == 409

    versions = as_agent.get(url + "/versions").json()["items"]
    assert [(v["number"], v["event"], v["note"]) for v in versions] == [
        (4, "approve", ""),
        (3, "submit", ""),
        (2, "edit", "detail"),
        (1, "create", ""),
    ]
    one = as_agent.get(url + "/versions/1").json()
    assert one["body_html"] == "<p>Restart it.</p>"
    diff = as_agent.get(url + "/versions/2/diff").json()
    assert (diff["old_number"], diff["new_number"], diff["added"], diff["removed"]) == (1, 2, 1, 1)
    assert "-Restart it." in diff["unified"] and "+Restart the printer." in diff["unified"]
    assert as_agent.get(url + "/versions/9/diff").status_code == 404
    assert as_agent.get(url + "/versions/99999999999/diff").status_code == 422  # bounded by the 32-bit column
    assert as_agent.get(url + "/versions/1/diff", {"against": 2**40}).status_code == 422
    assert as_agent.post(url + "/versions/1/restore", {}).status_code == 403
    restored = as_supervisor.post(url + "/versions/1/restore", {"base_version": 4})
    assert restored.status_code == 200 and (restored.json()["version"], restored.json()["body_text"]) == (5, "Restart it.")

    full = as_agent.get(f"{BASE}/articles/{article['id']}").json()
    assert [(t["language"], t["state"]) for t in full["translations"]] == [("de", "draft"), ("en", "published")]


def test_article_patch_and_list_filters(api_as: Api, agent: User, supervisor: User, make_article: MakeArticle, admin: User) -> None:
    other = actions.create_category(admin, {"names": {"en": "Other"}})
    first, second = make_article(title="First"), publish(supervisor, make_article(title="Second"))
    as_agent = api_as(agent)
    patched = as_agent.patch(
        f"{BASE}/articles/{first.article_id}", {"tags": ["a"], "related_ids": [second.article_id], "category_id": other.pk}
    )
    assert patched.status_code == 200, patched.content
    assert (patched.json()["tags"], patched.json()["related_ids"], patched.json()["category"]["id"]) == (
        ["a"],
        [second.article_id],
        other.pk,
    )
    assert as_agent.get(f"{BASE}/articles/{second.article_id}").json()["related_ids"] == [first.article_id]
    assert as_agent.patch(f"{BASE}/articles/{second.article_id}", {"visibility": "internal"}).status_code == 403
    assert as_agent.patch(f"{BASE}/articles/{first.article_id}", {"created_by_id": 1}).status_code == 422

    def ids(**params: Any) -> list[int]:
        response = as_agent.get(f"{BASE}/articles", params)
        assert response.status_code == 200, response.content
        return [a["id"] for a in response.json()["items"]]

    assert ids() == [second.article_id, first.article_id]
    assert ids(state="published") == [second.article_id]
    assert ids(state="published", language="de") == []
    assert ids(category_id=other.pk) == [first.article_id]
    page = as_agent.get(f"{BASE}/articles", {"limit": 1}).json()
    assert (
        len(page["items"]) == 1
        and as_agent.get(f"{BASE}/articles", {"cursor": page["next_cursor"]}).json()["items"][0]["id"] == first.article_id
    )
    for bad in ({"state": "gone"}, {"language": "xx"}, {"visibility": "'; --"}, {"limit": 1000}, {"cursor": "!!"}, {"category_id": "x"}):
        assert as_agent.get(f"{BASE}/articles", bad).status_code == 422, bad


def test_article_list_has_a_query_budget(api_as: Api, agent: User, make_article: MakeArticle) -> None:
    client = api_as(agent)
    for n in range(3):
        row = make_article(title=f"T{n}", tags=["x", f"t{n}"])
        actions.add_translation(agent, row.article, language="de", title=f"D{n}")
    client.get(f"{BASE}/articles")  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as few:
        client.get(f"{BASE}/articles")
    for n in range(3, 9):
        make_article(title=f"T{n}", tags=["y"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(f"{BASE}/articles")
    assert len(response.json()["items"]) == 9
    assert len(many) == len(few) <= 9


def test_bad_create_inputs(api_as: Api, agent: User, kb_category: Category) -> None:
    client = api_as(agent)
    good = {"category_id": kb_category.pk, "language": "en", "title": "T"}
    for change in (
        {"title": ""},
        {"title": "a\r\nb"},
        {"title": "x" * 201},
        {"language": "xx"},
        {"category_id": 0},
        {"category_id": 999_999},
        {"visibility": "everyone"},
        {"tags": ["x" * 65]},
        {"related_ids": [1] * 51},
        {"body_html": "x" * 200_001},
        {"author_id": 1},
    ):
        response = client.post(f"{BASE}/articles", {**good, **change})
        assert response.status_code == 422, (change, response.content)
    assert not Translation.objects.exists()
    assert client.post(f"{BASE}/articles", "{not json", content_type="application/json").status_code == 400


def test_customers_and_anonymous_find_nothing(
    api_as: Api, customer: User, make_article: MakeArticle, supervisor: User, kb_category: Category
) -> None:
    row = publish(supervisor, make_article())  # even a public, published article: this API is for staff
    client = api_as(customer)
    urls = [
        f"{BASE}/categories",
        f"{BASE}/categories/{kb_category.pk}",
        f"{BASE}/articles",
        f"{BASE}/articles/{row.article_id}",
        f"{BASE}/articles/{row.article_id}/translations/en",
        f"{BASE}/articles/{row.article_id}/translations/en/versions",
        f"{BASE}/articles/{row.article_id}/translations/en/versions/1/diff",
        f"{BASE}/articles/{row.article_id}/attachments",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert api_as(None).get(url).status_code == 401, url
    assert client.post(f"{BASE}/articles", {"category_id": kb_category.pk, "language": "en", "title": "T"}).status_code == 404
    assert client.put(f"{BASE}/articles/{row.article_id}/translations/de", {"title": "x"}).status_code == 404
    assert client.post(f"{BASE}/articles/{row.article_id}/translations/en/transitions", {"action": "archive"}).status_code == 404
    assert client.post(f"{BASE}/categories", {"names": {"en": "X"}}).status_code == 404
    assert Translation.objects.get(pk=row.pk).state == ArticleState.PUBLISHED


def test_attachments_over_the_api(api_as: Api, agent: User, customer: User, make_article: MakeArticle) -> None:
    row = make_article()
    client = api_as(agent)
    image = upload(client, row.article_id, PNG, "../shot.png", "image/png", image=True)
    assert image.status_code == 201, image.content
    body = image.json()
    assert (body["filename"], body["content_type"], body["size"]) == ("shot.png", "image/png", len(PNG))
    refused = upload(client, row.article_id, b"<svg onload=alert(1)>", "x.svg", "image/svg+xml", image=True)
    assert refused.status_code == 422
    pdf = upload(client, row.article_id, b"%PDF-1.4", "guide.pdf", "application/pdf").json()
    assert [a["filename"] for a in client.get(f"{BASE}/articles/{row.article_id}/attachments").json()] == ["shot.png", "guide.pdf"]
    content = client.get(f"{BASE}/attachments/{body['id']}/content")
    assert content.status_code == 200 and content["X-Content-Type-Options"] == "nosniff"
    assert api_as(customer).get(f"{BASE}/attachments/{body['id']}/content").status_code == 404
    assert client.delete(f"{BASE}/articles/{row.article_id}/attachments/{pdf['id']}").status_code == 204
    assert client.delete(f"{BASE}/articles/{row.article_id}/attachments/{pdf['id']}").status_code == 404
    assert list(ArticleAttachment.objects.values_list("filename", flat=True)) == ["shot.png"]


def test_draft_from_ticket_over_the_api(
    api_as: Api, make_ticket: Callable[..., Ticket], agent: User, outsider: User, kb_category: Category
) -> None:
    ticket = make_ticket(subject="Refund for order 42", body="Where is my refund?", language="hu")
    add_article(agent, ticket, body_text="note: fraud check pending", is_internal=True)
    add_article(agent, ticket, body_text="It was sent today.")
    response = api_as(agent).post(f"{BASE}/articles/from-ticket", {"ticket_id": ticket.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["language"], body["title"], body["state"]) == ("hu", "Refund for order 42", "draft")
    assert "Where is my refund?" in body["body_text"] and "It was sent today." in body["body_text"] and "fraud" not in body["body_html"]
    assert api_as(outsider).post(f"{BASE}/articles/from-ticket", {"ticket_id": ticket.pk}).status_code == 404
    assert api_as(agent).post(f"{BASE}/articles/from-ticket", {"ticket_id": ticket.pk, "language": "zz"}).status_code == 422


def test_openapi_documents_the_kb_endpoints(api_as: Api, agent: User) -> None:
    schema = api_as(agent).get("/api/schema").json()
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/kb/categories", "post"),
        ("/api/v1/kb/articles", "get"),
        ("/api/v1/kb/articles/{article_id}", "patch"),
        ("/api/v1/kb/articles/{article_id}/translations/{language}", "put"),
        ("/api/v1/kb/articles/{article_id}/translations/{language}/transitions", "post"),
        ("/api/v1/kb/articles/{article_id}/translations/{language}/versions/{number}/diff", "get"),
        ("/api/v1/kb/articles/{article_id}/translations/{language}/versions/{number}/restore", "post"),
        ("/api/v1/kb/articles/{article_id}/attachments", "post"),
        ("/api/v1/kb/articles/from-ticket", "post"),
    ]:
        assert method in paths[path], (path, method)
