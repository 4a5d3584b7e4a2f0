"""GET /api/v1/tickets/{id}/suggestions and the ticket page's lazy panel: content, escaping,
permissions (customers and agents of other groups get the missing-ticket 404) and query budgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.ai.tests.suggestions_world import solved_ticket
from supportdesk.api.tests.conftest import ApiClient
from supportdesk.automation.replies import actions as replies
from supportdesk.kb.tests.kbpub_factories import make_article, make_category
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def scene(make_ticket: Callable[..., Ticket], agent: User, admin: User) -> dict[str, Any]:
    past = solved_ticket(
        make_ticket,
        agent,
        subject=f"Scanner driver crash {HOSTILE}",
        body="The scanner driver crashes on start.",
        reply=f"Hello,\n\nReinstall the scanner driver 4.2 {HOSTILE}.\n\nBest regards",
        note="INTERNAL-ONLY scanner note",
    )
    make_article(make_category("hw"), {"en": (f"Scanner driver crash {HOSTILE}", "Reinstall the scanner driver from the download page.")})
    template = replies.create_template(
        admin, {"name": f"Scanner {HOSTILE}", "body": "Reinstall the scanner driver, {{ customer.first_name }}."}
    )
    ticket = make_ticket(subject="Scanner driver crash", body="My scanner driver crashes every time.", language="en")
    return {"past": past, "ticket": ticket, "template": template}


def test_agent_gets_every_suggestion(agent: User, scene: dict[str, Any]) -> None:
    response = ApiClient(agent).get(f"/api/v1/tickets/{scene['ticket'].pk}/suggestions")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ticket_id"] == scene["ticket"].pk and body["language"] == "en"
    assert set(body["terms"]) >= {"scanner", "driver", "crash"}
    [similar] = body["similar_tickets"]
    assert similar["id"] == scene["past"].pk and similar["number"] == scene["past"].number and similar["state"] == "solved"
    assert similar["reply_snippet"] == f"Reinstall the scanner driver 4.2 {HOSTILE}."
    assert body["kb_articles"][0]["title"] == f"Scanner driver crash {HOSTILE}" and body["kb_articles"][0]["public"] is True
    assert body["suggested_reply"]["source"] in ("kb", "ticket")
    assert body["suggested_reply"]["text"].startswith("Hello Carla,\n\n")
    assert [t["id"] for t in body["reply_templates"]] == [scene["template"].pk]
    assert body["reply_templates"][0]["text"] == "Reinstall the scanner driver, Carla."
    assert "INTERNAL-ONLY" not in response.content.decode()


def test_customers_and_other_groups_get_the_missing_ticket_404(customer: User, outsider: User, reader: User, scene: dict[str, Any]) -> None:
    path = f"/api/v1/tickets/{scene['ticket'].pk}/suggestions"
    missing = ApiClient(customer).get("/api/v1/tickets/999999999/suggestions")
    assert missing.status_code == 404
    for user in (customer, outsider):
        response = ApiClient(user).get(path)
        assert response.status_code == 404
        assert response.json() == missing.json()
    assert ApiClient(None).get(path).status_code == 401
    assert ApiClient(reader).get(path).status_code == 200  # read-only staff may read suggestions


def test_api_query_budget(
    make_ticket: Callable[..., Ticket], agent: User, admin: User, scene: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    """The count does not grow with the matches: more similar tickets, articles and templates."""
    for index in range(8):
        solved_ticket(make_ticket, agent, subject=f"Scanner driver crash {index}", body="Scanner driver crash.", reply=f"Fix {index}")
        make_article(make_category(f"c{index}"), {"en": (f"Scanner driver {index}", "Scanner driver crash help.")})
        replies.create_template(admin, {"name": f"Scanner driver {index}", "body": "Scanner driver crash."})
    client = ApiClient(agent)
    # At most KB_TERMS KB searches of 3 queries each; PostgreSQL adds 5 per bounded statement (2).
    with django_assert_max_num_queries(36):
        response = client.get(f"/api/v1/tickets/{scene['ticket'].pk}/suggestions")
    assert response.status_code == 200
    assert len(response.json()["similar_tickets"]) == 5 and len(response.json()["reply_templates"]) == 3


def _page_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_ticket_page_only_has_a_lazy_placeholder(agent: User, customer: User, scene: dict[str, Any]) -> None:
    ticket = scene["ticket"]
    html = _page_client(agent).get(f"/tickets/{ticket.pk}/").content.decode()
    assert f'hx-get="/tickets/{ticket.pk}/ai/suggestions/" hx-trigger="revealed"' in html
    assert 'data-testid="similar-ticket"' not in html  # computed only when the panel loads
    assert _page_client(customer).get(f"/tickets/{ticket.pk}/").status_code == 404


def test_the_panel_escapes_everything_and_offers_insert(agent: User, scene: dict[str, Any]) -> None:
    ticket, past = scene["ticket"], scene["past"]
    response = _page_client(agent).get(f"/tickets/{ticket.pk}/ai/suggestions/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'<a href="/tickets/{past.pk}/">#{past.number}</a>' in html
    assert 'data-testid="insert-suggested-reply"' in html and 'data-testid="insert-similar-reply"' in html
    assert f'data-use-url="/tickets/{ticket.pk}/reply-templates/{scene["template"].pk}/use/"' in html
    assert 'data-testid="insert-kb-link"' in html and 'data-kb-insert="/kb/composer/text/' in html
    assert "INTERNAL-ONLY" not in html


def test_the_panel_for_read_only_staff_has_no_insert_buttons(reader: User, scene: dict[str, Any]) -> None:
    html = _page_client(reader).get(f"/tickets/{scene['ticket'].pk}/ai/suggestions/").content.decode()
    assert 'data-testid="similar-ticket"' in html
    assert "data-reply-template" not in html and "data-kb-insert" not in html


def test_the_panel_is_404_for_customers_and_other_groups(customer: User, outsider: User, scene: dict[str, Any]) -> None:
    path = f"/tickets/{scene['ticket'].pk}/ai/suggestions/"
    for user in (customer, outsider):
        assert _page_client(user).get(path).status_code == 404
    assert _page_client(customer).get("/tickets/999999999/ai/suggestions/").status_code == 404
    assert Client().get(path).status_code == 302  # signed out: to the sign-in page
    assert _page_client(customer).post(path).status_code == 405
