"""API parity for remote images: body_html as stored (inert), `remote_images=true` gives src to staff only."""

from __future__ import annotations

import json

import pytest

from supportdesk.api.management.commands.openapi import render_schema
from supportdesk.tickets.choices import Channel
from supportdesk.tickets.models import Article

pytestmark = pytest.mark.django_db

MAIL = '<p>Hi</p><img src="https://tracker.example/p.gif?u=7&amp;m=1" alt="pixel">'
STORED = '<p>Hi</p><img data-remote-src="https://tracker.example/p.gif?u=7&amp;m=1" alt="pixel">'
LOADED = '<p>Hi</p><img src="https://tracker.example/p.gif?u=7&amp;m=1" referrerpolicy="no-referrer" loading="lazy" alt="pixel">'


@pytest.fixture
def mail_ticket(make_ticket):
    return make_ticket(subject="Newsletter", body="Hi", body_html=MAIL, channel=Channel.EMAIL)


def test_articles_come_back_as_stored_unless_staff_ask_for_images(api_as, agent, mail_ticket):
    article = Article.objects.filter(ticket=mail_ticket).earliest("id")
    client = api_as(agent)
    base = f"/api/v1/tickets/{mail_ticket.pk}/articles"
    assert client.get(base).json()["items"][0]["body_html"] == STORED
    assert client.get(base, {"remote_images": "false"}).json()["items"][0]["body_html"] == STORED
    assert client.get(f"{base}/{article.pk}").json()["body_html"] == STORED
    assert client.get(base, {"remote_images": "true"}).json()["items"][0]["body_html"] == LOADED
    one = client.get(f"{base}/{article.pk}", {"remote_images": "true"})
    assert one.status_code == 200
    assert one.json()["body_html"] == LOADED
    assert Article.objects.get(pk=article.pk).body_html == STORED  # reading never rewrites the stored copy
    assert client.get(base, {"remote_images": "maybe"}).status_code == 422


def test_customers_always_get_the_inert_form(api_as, customer, mail_ticket):
    article = Article.objects.filter(ticket=mail_ticket).earliest("id")
    client = api_as(customer)
    base = f"/api/v1/tickets/{mail_ticket.pk}/articles"
    assert client.get(base, {"remote_images": "true"}).json()["items"][0]["body_html"] == STORED
    assert client.get(f"{base}/{article.pk}", {"remote_images": "true"}).json()["body_html"] == STORED


def test_the_parameter_does_not_reach_tickets_one_cannot_see(api_as, outsider, other_customer, mail_ticket):
    article = Article.objects.filter(ticket=mail_ticket).earliest("id")
    for user in (outsider, other_customer):
        client = api_as(user)
        for path in (f"/api/v1/tickets/{mail_ticket.pk}/articles", f"/api/v1/tickets/{mail_ticket.pk}/articles/{article.pk}"):
            response = client.get(path, {"remote_images": "true"})
            assert response.status_code == 404
            assert b"tracker.example" not in response.content


def test_the_parameter_is_in_the_schema():
    paths = json.loads(render_schema())["paths"]
    for path in ("/api/v1/tickets/{ticket_id}/articles", "/api/v1/tickets/{ticket_id}/articles/{article_id}"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert params["remote_images"]["in"] == "query"
        assert params["remote_images"]["required"] is False
        assert params["remote_images"]["schema"]["type"] == "boolean"
