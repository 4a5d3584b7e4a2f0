"""Reply template pages: the admin form with variable errors, and the composer search (escaped)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from supportdesk.accounts.models import User
from supportdesk.automation.replies import actions
from supportdesk.automation.replies.models import ReplyTemplate
from supportdesk.tickets.models import Ticket


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_form_creates_and_reports_unknown_variables(admin: User, agent: User) -> None:
    assert login(agent).get("/settings/reply-templates/").status_code == 403
    client = login(admin)
    bad = client.post("/settings/reply-templates/new/", {"name": "T", "body": "Hi {{ customer.pin }}", "position": 0, "is_active": "on"})
    assert bad.status_code == 200 and "{{ customer.pin }}" in bad.content.decode()
    good = client.post("/settings/reply-templates/new/", {"name": "T", "body": "Hi {{ customer.name }}", "position": 0, "is_active": "on"})
    assert good.status_code == 303
    assert ReplyTemplate.objects.get().body == "Hi {{ customer.name }}"
    assert 'href="/settings/reply-templates/' in client.get("/settings/reply-templates/").content.decode()


def test_composer_search_renders_escaped_text_and_counts_use(admin: User, agent: User, make_ticket: Callable[..., Ticket]) -> None:
    ticket = make_ticket(subject='"><script>alert(1)</script>')
    template = actions.create_template(admin, {"name": "Ack", "body": "About {{ ticket.subject }}"})
    client = login(agent)
    page = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="reply-templates"' in page
    results = client.get(f"/tickets/{ticket.pk}/reply-templates/", {"q": "ack"}).content.decode()
    assert "<script>alert(1)</script>" not in results and "&lt;script&gt;alert(1)&lt;/script&gt;" in results
    assert client.post(f"/tickets/{ticket.pk}/reply-templates/{template.pk}/use/").status_code == 204
    template.refresh_from_db()
    assert template.usage_count == 1
