"""Permissions and escaping on the agent UI (BAD-INPUTS 23, 24, 26, 30, 31, 32)."""

from __future__ import annotations

import html as html_lib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supportdesk.tickets.actions import add_article, add_tags, update_ticket
from supportdesk.tickets.attachments import create_attachment
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Article, Attachment, CustomFieldDefinition

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = "<svg onload=alert(3)>"
PAYLOADS = [SCRIPT, IMG, SVG]


def post_urls(ticket, link_id: int = 1) -> list[str]:
    base = f"/tickets/{ticket.pk}/"
    return [
        base + p
        for p in ("reply/", "properties/", "tags/add/", "tags/remove/", "links/add/", f"links/{link_id}/remove/", "merge/", "split/")
    ]


POST_DATA = {"body": "hi", "state": "closed", "tag": "x", "number": "10001", "kind": "related", "article_ids": "1"}


@pytest.fixture
def attachment(agent, ticket):
    """A file on an internal note: staff of the group may fetch it, nobody else (not even the customer)."""
    upload = create_attachment(chunks=[b"secret"], filename="secret.txt", content_type="text/plain", uploaded_by_id=agent.pk)
    add_article(agent, ticket, body_text="see file", is_internal=True, attachment_ids=[upload.pk])
    return upload


@pytest.mark.parametrize("who", ["outsider", "customer"])
def test_outsider_and_customer_get_404_for_page_posts_and_attachment(client, request, ticket, attachment, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/tickets/{ticket.pk}/").status_code == 404
    for url in post_urls(ticket):
        assert client.post(url, POST_DATA).status_code == 404, url
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404
    ticket.refresh_from_db()
    assert ticket.state == State.NEW
    assert Article.objects.filter(ticket=ticket).count() == 2


def test_missing_ticket_is_the_same_404(client, agent):
    client.force_login(agent)
    assert client.get("/tickets/999999/").status_code == 404
    assert client.post("/tickets/999999/reply/", {"body": "x"}).status_code == 404


def test_reader_sees_page_without_composer_or_edit_controls_and_gets_403_on_posts(client, reader, ticket, attachment):
    client.force_login(reader)
    response = client.get(f"/tickets/{ticket.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The printer in room 4 is on fire." in html
    assert 'id="composer"' not in html
    assert 'id="properties-form"' not in html
    assert "/tags/add/" not in html
    assert "/merge/" not in html
    assert "Read only" in html
    for url in post_urls(ticket):
        assert client.post(url, POST_DATA).status_code == 403, url
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 200
    ticket.refresh_from_db()
    assert ticket.state == State.NEW


def test_write_agent_cannot_merge_or_split_and_ui_does_not_offer_it(client, group, make_ticket):
    from supportdesk.accounts.choices import GroupAccess
    from supportdesk.testing.factories import AgentFactory, add_member

    writer = AgentFactory.create(email="writer@support.example")
    add_member(group, writer, GroupAccess.WRITE)
    ticket, other = make_ticket(), make_ticket(subject="Other")
    client.force_login(writer)
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert 'id="composer"' in html
    assert "/merge/" not in html
    assert 'form="split-form"' not in html
    assert client.post(f"/tickets/{ticket.pk}/merge/", {"number": str(other.number)}).status_code == 403
    ticket.refresh_from_db()
    assert ticket.state == State.NEW


def _hostile_ticket(agent, make_ticket, payload: str):
    CustomFieldDefinition.objects.get_or_create(key="note", defaults={"label": "Note", "field_type": "text"})
    ticket = make_ticket(
        subject=f"Subject {payload}",
        customer_email="evil@customer.example",
        customer_name=f"Eve {payload}",
        body=f"Body {payload}",
    )
    add_tags(agent, ticket, [f"tag {payload}"])
    update_ticket(agent, ticket, {"custom_fields": {"note": f"Field {payload}"}})
    upload = create_attachment(chunks=[b"x"], filename=f"file {payload}.txt", content_type="text/plain", uploaded_by_id=agent.pk)
    add_article(agent, ticket, body_text=f"Reply {payload}", body_html=f"<p>Html {payload}</p>", attachment_ids=[upload.pk])
    return ticket


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_escaped_on_inbox_ticket_and_search(client, agent, make_ticket, payload):
    ticket = _hostile_ticket(agent, make_ticket, payload)
    client.force_login(agent)
    escaped = html_lib.escape(payload, quote=False)
    pages = {
        "inbox": client.get("/inbox/?view=recent").content.decode(),
        "ticket": client.get(f"/tickets/{ticket.pk}/").content.decode(),
        "search": client.get("/search/?q=Subject").content.decode(),
    }
    for name, page in pages.items():
        assert payload not in page, name
        assert f"Subject {escaped}" in page, name
    ticket_page = pages["ticket"]
    for text in (f"Eve {escaped}", f"tag {escaped}", f"Field {escaped}", f"Body {escaped}"):
        assert text in ticket_page, text
    filename = Attachment.objects.get(article__ticket=ticket).filename
    assert f"📎 {html_lib.escape(filename, quote=False)}</a>" in ticket_page
    # The sanitised HTML body keeps the text but no live markup.
    assert "<p>Html" in ticket_page
    assert "<p>Html " + payload not in ticket_page
    assert f"tag {escaped}" in pages["inbox"]
    assert f"Eve {escaped}" in pages["inbox"]


def test_csp_header_forbids_inline_script(client, agent, ticket):
    client.force_login(agent)
    response = client.get(f"/tickets/{ticket.pk}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()
    assert " style=" not in response.content.decode()
    assert " onclick=" not in response.content.decode()


def test_uploaded_hostile_filename_is_cleaned_and_escaped(client, agent, ticket):
    client.force_login(agent)
    upload = SimpleUploadedFile("../../<img src=x onerror=alert(1)>.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml")
    client.post(f"/tickets/{ticket.pk}/reply/", {"body": "file", "files": [upload]})
    attachment = Article.objects.filter(ticket=ticket).latest("id").attachments.get()
    assert "/" not in attachment.filename
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "<img src=x onerror" not in html
    download = client.get(f"/attachments/{attachment.pk}/")
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
