"""The KB panel of the reply composer: staff-only search, insert text, insert link (public only)."""

from __future__ import annotations

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.kb.choices import ArticleState, Visibility
from supportdesk.kb.models import Article, Category
from supportdesk.kb.tests.kbpub_factories import make_article, make_category, tr
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def cat() -> Category:
    return make_category("billing", names={"en": "Billing"})


@pytest.fixture
def public(cat: Category) -> Article:
    return make_article(cat, {"en": ("Reset the router", "Unplug it for ten seconds."), "de": ("Router neu starten", "Zehn Sekunden.")})


@pytest.fixture
def internal(cat: Category) -> Article:
    return make_article(cat, {"en": ("Router escalation policy", "Call the network team.")}, visibility=Visibility.INTERNAL)


def test_agent_search_lists_internal_and_drafts_marked(
    client: Client, agent: User, public: Article, internal: Article, cat: Category
) -> None:
    make_article(cat, {"en": ("Router draft", "wip")}, state=ArticleState.DRAFT)
    client.force_login(agent)
    response = client.get("/kb/composer/search", {"q": "router", "language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="kb-composer-hit"') == 3
    assert "Router escalation policy" in html and "Router draft" in html
    assert html.count('data-testid="kb-internal"') == 1
    assert "Router neu starten" not in html  # language filter
    # Insert link is offered only for the public article; insert text for all three.
    assert html.count('data-testid="kb-insert-link"') == 1
    assert f'/kb/composer/link/{tr(public).pk}"' in html
    assert html.count('data-testid="kb-insert-text"') == 3
    every = client.get("/kb/composer/search", {"q": "router"}).content.decode()
    assert "Router neu starten" in every


def test_empty_or_hostile_query(client: Client, agent: User, public: Article) -> None:
    client.force_login(agent)
    assert "kb-composer-hit" not in client.get("/kb/composer/search", {"q": ""}).content.decode()
    for query in ['"', "NEAR(", ") OR (", "\x00", "<script>"]:
        response = client.get("/kb/composer/search", {"q": query, "language": "zz"})
        assert response.status_code == 200
        assert b"<script>" not in response.content


def test_insert_text_and_link(client: Client, agent: User, public: Article, internal: Article) -> None:
    client.force_login(agent)
    text = client.get(f"/kb/composer/text/{tr(public).pk}")
    assert text.status_code == 200
    assert text["Content-Type"].startswith("text/plain")
    assert text.content.decode() == "Reset the router\n\nUnplug it for ten seconds."
    link = client.get(f"/kb/composer/link/{tr(public).pk}")
    assert link.content.decode() == f"Reset the router: http://127.0.0.1:8000/help/en/a/{public.pk}-reset-the-router/"
    # Internal: text yes (the agent decides), link refused.
    assert client.get(f"/kb/composer/text/{tr(internal).pk}").status_code == 200
    refused = client.get(f"/kb/composer/link/{tr(internal).pk}")
    assert refused.status_code == 409
    assert "not public" in refused.content.decode()
    assert client.get("/kb/composer/link/999999").status_code == 404


def test_link_refused_for_drafts_and_internal_categories(client: Client, agent: User, cat: Category) -> None:
    draft = make_article(cat, {"en": ("Draft", "x")}, state=ArticleState.DRAFT)
    hidden_cat = make_category("hidden", visibility=Visibility.INTERNAL)
    in_hidden = make_article(hidden_cat, {"en": ("Hidden", "x")})
    client.force_login(agent)
    assert client.get(f"/kb/composer/link/{tr(draft).pk}").status_code == 409
    assert client.get(f"/kb/composer/link/{tr(in_hidden).pk}").status_code == 409


@pytest.mark.parametrize("path", ["/kb/composer/search?q=router", "/kb/composer/text/{pk}", "/kb/composer/link/{pk}"])
def test_staff_only(client: Client, customer: User, internal: Article, path: str) -> None:
    path = path.format(pk=tr(internal).pk)
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(customer)
    response = client.get(path)
    assert response.status_code == 404
    assert b"escalation" not in response.content


def test_ticket_page_has_the_kb_panel(client: Client, agent: User, ticket: Ticket) -> None:
    client.force_login(agent)
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="kb-composer"' in html
    assert "/kb/composer/search" in html
    assert "js/kb-composer.js" in html
