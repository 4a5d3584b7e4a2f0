"""The workspace API: inbox views with counts, saved views, notifications, own profile."""

from __future__ import annotations

import json

import pytest

from supportdesk.accounts.tokens import create_token
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Notification, SavedView


def call(client, user, method, path, body=None):
    _token, key = create_token(user)
    kwargs = {"HTTP_AUTHORIZATION": f"Token {key}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


def test_inbox_views_with_counts(client, agent, make_ticket):
    make_ticket()
    make_ticket(owner_id=agent.pk)
    views = {v["slug"]: v for v in call(client, agent, "get", "/views").json()}
    assert (views["mine"]["count"], views["unassigned"]["count"], views["open"]["count"]) == (1, 1, 2)
    assert views["recent"]["count"] is None
    assert views["open"]["count_capped"] is False


def test_saved_views_are_personal(client, agent, reader):
    created = call(client, agent, "post", "/saved-views", {"name": "Urgent ones", "filters": {"priority": ["urgent"]}})
    assert created.status_code == 201
    assert created.json()["filters"] == {"priority": ["urgent"]}
    assert [v["name"] for v in call(client, agent, "get", "/saved-views").json()] == ["Urgent ones"]
    assert call(client, reader, "get", "/saved-views").json() == []
    assert call(client, reader, "delete", f"/saved-views/{created.json()['id']}").status_code == 404
    assert call(client, agent, "delete", f"/saved-views/{created.json()['id']}").status_code == 204
    assert not SavedView.objects.exists()


@pytest.mark.parametrize("filters", [{"sort": "password"}, {"state": ["bogus"]}, {"evil": "1"}])
def test_saved_view_filters_are_validated(client, agent, filters):
    response = call(client, agent, "post", "/saved-views", {"name": "x", "filters": filters})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_customers_have_no_saved_views(client, customer):
    assert call(client, customer, "get", "/saved-views").status_code == 403


def test_notifications_list_and_mark_read(client, agent, ticket, group):
    from supportdesk.testing.factories import AgentFactory, add_member

    colleague = AgentFactory.create(email="colleague@support.example")
    add_member(group, colleague, "write")
    add_article(agent, ticket, body_text="@colleague@support.example have a look")
    page = call(client, colleague, "get", "/notifications?unread=true").json()
    assert [n["kind"] for n in page["items"]] == ["mention"]
    assert call(client, agent, "get", "/notifications").json()["items"] == []
    assert call(client, agent, "post", "/notifications/read", {"ids": [page["items"][0]["id"]]}).json() == {"marked": 0}
    assert call(client, colleague, "post", "/notifications/read", {}).json() == {"marked": 1}
    assert Notification.objects.get().read_at is not None


def test_patch_me_changes_only_own_preferences(client, agent):
    response = call(client, agent, "patch", "/me", {"language": "lv", "time_zone": "Europe/Riga"})
    assert response.status_code == 200
    assert response.json() == {"full_name": "Alex Agent", "language": "lv", "time_zone": "Europe/Riga"}
    assert call(client, agent, "patch", "/me", {"language": "xx"}).status_code == 422
    assert call(client, agent, "patch", "/me", {"time_zone": "Mars/Olympus"}).status_code == 422
    assert call(client, agent, "patch", "/me", {"role": "admin"}).status_code == 422
    agent.refresh_from_db()
    assert (agent.role, agent.language) == ("agent", "lv")
    assert call(client, agent, "get", "/me").status_code == 200
