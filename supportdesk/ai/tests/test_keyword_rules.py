"""Keyword rules: validation in the action, the admin pages (/settings/ai/rules/) and the API.

Until the lead includes supportdesk.ai.rules_urls and registers the ai_rules router, this module
mounts both itself (it is its own URLconf); afterwards it uses the real site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, include, path
from ninja import Router

from supportdesk.accounts.models import Group, User
from supportdesk.ai import classifier, keyword_rules
from supportdesk.ai.models import KeywordRule
from supportdesk.api import urls as api_urls
from supportdesk.api.auth import SessionAuth, TokenAuth
from supportdesk.api.routers import ai_rules
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.api.tests.conftest import api_as as api_as
from supportdesk.core.errors import NotFound, PermissionDenied, ValidationFailed

Api = Callable[[User | None], ApiClient]


def _test_api_urls() -> list[URLPattern | URLResolver]:
    if ai_rules.router in api_urls.ROUTERS:
        return []
    api = api_urls.SupportdeskAPI(title="ai rules test", version="1", urls_namespace="ai-rules-test", auth=[TokenAuth(), SessionAuth()])
    api_urls.problems.install(api)
    v1 = Router()
    v1.add_router("", ai_rules.router)
    api.add_router("/v1/", v1)
    return [path("api/", api.urls)]


urlpatterns: list[URLPattern | URLResolver] = [
    *_test_api_urls(),
    path("", include("supportdesk.ai.rules_urls")),
    path("", include("supportdesk.urls")),
]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _fresh_classifier() -> Iterator[None]:
    classifier.forget_all()
    yield
    classifier.forget_all()


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the actions -------------------------------------------------------------------------------------------


def test_rules_are_validated_against_their_field(admin: User, group: Group) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"target": "group", "value": "999999", "keywords": ["x"]}, "value"),
        ({"target": "group", "value": "99999999999999999999999", "keywords": ["x"]}, "value"),
        ({"target": "priority", "value": "critical", "keywords": ["x"]}, "value"),
        ({"target": "owner", "value": "1", "keywords": ["x"]}, "target"),
        ({"target": "tags", "value": "vip", "keywords": []}, "keywords"),
        ({"target": "tags", "value": "vip", "keywords": ["!!!", " "]}, "keywords"),
        ({"target": "tags", "value": "vip", "keywords": ["x" * 101]}, "keywords"),
        ({"target": "tags", "value": "vip", "keywords": "x"}, ""),
        ({"target": "tags", "value": "vip", "keywords": ["x"], "weight": 1.5}, "weight"),
        ({"target": "tags", "value": "vip", "keywords": ["x"], "weight": True}, "weight"),
        ({"target": "tags", "value": "vip", "keywords": ["x"], "language": "<script>"}, "language"),
        ({"target": "tags", "value": "vip", "keywords": ["x"], "position": -1}, "position"),
        ({"target": "tags", "value": "", "keywords": ["x"]}, "value"),
        ({"target": "tags", "value": "vip", "keywords": ["x"], "is_admin": True}, "is_admin"),
    ]
    for data, field in cases:
        if not field:
            # A plain string is read as lines/commas (the form's textarea); it is valid.
            assert keyword_rules.create_rule(admin, data).keywords == ["x"]
            continue
        with pytest.raises(ValidationFailed) as error:
            keyword_rules.create_rule(admin, data)
        assert field in error.value.field_errors, (data, error.value.field_errors)
    rule = keyword_rules.create_rule(
        admin, {"target": "group", "value": f" {group.pk} ", "keywords": ["VPN", "vpn", " Kein  Netz "], "language": "DE", "weight": 1}
    )
    assert (rule.value, rule.keywords, rule.language, rule.weight) == (str(group.pk), ["vpn", "kein netz"], "de", 1.0)


def test_only_admins_change_rules_and_customers_see_none(admin: User, agent: User, customer: User) -> None:
    with pytest.raises(PermissionDenied):
        keyword_rules.create_rule(agent, {"target": "tags", "value": "vip", "keywords": ["ceo"]})
    rule = keyword_rules.create_rule(admin, {"target": "tags", "value": "vip", "keywords": ["ceo"]})
    assert keyword_rules.get_rule(agent, rule.pk) == rule
    with pytest.raises(NotFound):
        keyword_rules.get_rule(customer, rule.pk)
    with pytest.raises(PermissionDenied):
        keyword_rules.delete_rule(agent, rule)
    assert keyword_rules.update_rule(admin, rule, {"weight": 0.9, "value": "vip"}) == ["weight"]


# --- the pages ---------------------------------------------------------------------------------------------


def test_rules_pages_for_admins_only(admin: User, agent: User, customer: User) -> None:
    assert Client().get("/settings/ai/rules/").status_code == 302
    assert login(agent).get("/settings/ai/rules/").status_code == 403
    assert login(customer).get("/settings/ai/rules/new/").status_code == 403
    assert login(admin).get("/settings/ai/rules/").status_code == 200


def test_admin_creates_edits_and_deletes_a_rule_escaped(admin: User, group: Group) -> None:
    client = login(admin)
    form = {"target": "group", "value": str(group.pk), "keywords": "printer\n<script>alert(1)</script>", "weight": "0.7", "position": "0"}
    bad = client.post("/settings/ai/rules/new/", {**form, "value": "424242"})
    assert bad.status_code == 200 and "Give the id of an active group." in bad.content.decode()
    created = client.post("/settings/ai/rules/new/", {**form, "is_active": "on"})
    assert created.status_code == 303 and created["Location"] == "/settings/ai/rules/"
    rule = KeywordRule.objects.get()
    assert rule.keywords == ["printer", "script alert 0 script"] and rule.weight == 0.7
    listing = client.get("/settings/ai/rules/").content.decode()
    assert "Support" in listing and f'href="/settings/ai/rules/{rule.pk}/"' in listing
    keyword_rules.create_rule(admin, {"target": "tags", "value": "<b>x</b>", "keywords": ["x"]})
    listing = client.get("/settings/ai/rules/").content.decode()
    assert "<b>x</b>" not in listing and "&lt;b&gt;x&lt;/b&gt;" in listing
    KeywordRule.objects.filter(target="tags").delete()
    assert client.post(f"/settings/ai/rules/{rule.pk}/", {**form, "weight": "0.3"}).status_code == 303
    rule.refresh_from_db()
    assert (rule.weight, rule.is_active) == (0.3, False)
    assert client.get("/settings/ai/rules/999999/").status_code == 404
    assert client.post(f"/settings/ai/rules/{rule.pk}/delete/").status_code == 303
    assert not KeywordRule.objects.exists()


# --- the API -------------------------------------------------------------------------------------------------


def test_api_crud_and_permissions(api_as: Api, admin: User, agent: User, customer: User) -> None:
    body = {"target": "priority", "value": "urgent", "keywords": ["outage", "Ausfall"], "language": "", "weight": 0.8}
    assert api_as(agent).post("/api/v1/ai/rules", body).status_code == 403
    assert api_as(None).get("/api/v1/ai/rules").status_code == 401
    created = api_as(admin).post("/api/v1/ai/rules", body)
    assert created.status_code == 201, created.content
    rule_id = created.json()["id"]
    assert created.json() == {**body, "id": rule_id, "keywords": ["outage", "ausfall"], "is_active": True, "position": 0}
    assert api_as(agent).get(f"/api/v1/ai/rules/{rule_id}").json()["value"] == "urgent"
    assert api_as(customer).get(f"/api/v1/ai/rules/{rule_id}").status_code == 404
    assert api_as(customer).get("/api/v1/ai/rules").status_code == 404
    bad = api_as(admin).patch(f"/api/v1/ai/rules/{rule_id}", {"value": "critical"})
    assert bad.status_code == 422 and "value" in bad.json()["errors"]
    assert api_as(admin).post("/api/v1/ai/rules", {**body, "is_admin": True}).status_code == 422
    assert api_as(admin).post("/api/v1/ai/rules", {**body, "keywords": []}).status_code == 422
    assert api_as(admin).post("/api/v1/ai/rules", {**body, "weight": 2}).status_code == 422
    assert api_as(admin).get("/api/v1/ai/rules/99999999999999999999").status_code == 422
    patched = api_as(admin).patch(f"/api/v1/ai/rules/{rule_id}", {"is_active": False, "keywords": ["down"]})
    assert (patched.json()["is_active"], patched.json()["keywords"]) == (False, ["down"])
    assert api_as(agent).delete(f"/api/v1/ai/rules/{rule_id}").status_code == 403
    assert api_as(admin).delete(f"/api/v1/ai/rules/{rule_id}").status_code == 204
    assert api_as(admin).get(f"/api/v1/ai/rules/{rule_id}").status_code == 404


def test_api_list_is_paginated_with_a_query_budget(api_as: Api, admin: User) -> None:
    for n in range(7):
        keyword_rules.create_rule(admin, {"target": "tags", "value": f"t{n}", "keywords": [f"word{n}"]})
    client = api_as(admin)
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/ai/rules", {"limit": 5})
    assert len(queries) <= 4  # token, user, page (+ savepoint noise on some backends)
    assert [r["value"] for r in first.json()["items"]] == ["t0", "t1", "t2", "t3", "t4"]
    rest = client.get("/api/v1/ai/rules", {"limit": 5, "cursor": first.json()["next_cursor"]}).json()
    assert [r["value"] for r in rest["items"]] == ["t5", "t6"] and rest["next_cursor"] is None
