"""The ticket page: timeline, composer, properties, tags, links, merge and split through the UI."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Article, CustomFieldDefinition, Notification, TicketLink

pytestmark = pytest.mark.django_db


def test_page_shows_timeline_with_articles_and_events_in_plain_words(client, agent, ticket):
    add_article(agent, ticket, body_text="We are on it.\nSecond line")
    add_article(agent, ticket, body_text="Call the fire brigade", is_internal=True, time_spent_minutes=5)
    client.force_login(agent)

    html = client.get(f"/tickets/{ticket.pk}/").content.decode()

    assert f"{ticket.display_number}" in html
    assert "The printer in room 4 is on fire." in html
    assert "We are on it.<br>Second line" in html
    assert '<article class="article article--agent article--internal"' in html
    assert "Internal note" in html
    assert "Alex Agent created the ticket" in html
    assert "Alex Agent changed state from New to Open" in html
    assert 'id="composer"' in html
    assert f'<div id="presence" data-ticket-id="{ticket.pk}"></div>' in html


def test_reply_and_note_with_attachment_and_time(client, agent, ticket):
    client.force_login(agent)
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 data", content_type="application/pdf")
    response = client.post(
        f"/tickets/{ticket.pk}/reply/", {"body": "Here is the report", "internal": "", "time_spent": "12", "files": [upload]}
    )
    assert response.status_code == 303
    assert response["Location"] == f"/tickets/{ticket.pk}/#composer"
    reply = Article.objects.filter(ticket=ticket).latest("id")
    assert (reply.body_text, reply.is_internal, reply.time_spent_minutes, reply.sender_type) == ("Here is the report", False, 12, "agent")
    assert [(a.filename, a.size) for a in reply.attachments.all()] == [("report.pdf", 13)]

    client.post(f"/tickets/{ticket.pk}/reply/", {"body": "Only for us", "internal": "1"})
    note = Article.objects.filter(ticket=ticket).latest("id")
    assert (note.body_text, note.is_internal) == ("Only for us", True)

    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    attachment = reply.attachments.get()
    assert f'href="/attachments/{attachment.pk}/"' in html
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 200


def test_empty_reply_is_refused_with_a_message(client, agent, ticket):
    client.force_login(agent)
    response = client.post(f"/tickets/{ticket.pk}/reply/", {"body": "   "}, HTTP_REFERER=f"/tickets/{ticket.pk}/", follow=True)
    assert Article.objects.filter(ticket=ticket).count() == 1
    assert [str(m) for m in response.context["messages"]] == ["A message is required. body: A message is required."]


def test_mention_creates_notification_and_bell_count(client, agent, reader, ticket, group):
    from supportdesk.accounts.choices import GroupAccess
    from supportdesk.testing.factories import AgentFactory, add_member

    colleague = AgentFactory.create(email="colleague@support.example", full_name="Cole League")
    add_member(group, colleague, GroupAccess.WRITE)
    client.force_login(agent)
    client.post(f"/tickets/{ticket.pk}/reply/", {"body": "Ping @colleague@support.example", "internal": "1"})
    assert Notification.objects.filter(user=colleague, read_at=None).count() == 1

    client.force_login(colleague)
    inbox = client.get("/inbox/").content.decode()
    assert '<span class="bell__count" data-testid="unread-count">1</span>' in inbox
    page = client.get("/notifications/").content.decode()
    assert f"Alex Agent mentioned you on {ticket.display_number}" in page
    assert "notification--unread" in page
    assert Notification.objects.filter(user=colleague, read_at=None).count() == 0
    assert "bell__count" not in client.get("/inbox/").content.decode()


def test_properties_update_state_priority_owner_and_custom_field(client, agent, ticket):
    CustomFieldDefinition.objects.create(key="contract", label="Contract", field_type="select", options=["basic", "premium"])
    client.force_login(agent)
    response = client.post(
        f"/tickets/{ticket.pk}/properties/",
        {
            "state": "open",
            "priority": "high",
            "owner": str(agent.pk),
            "group": str(ticket.group_id),
            "pending_until": "",
            "custom_fields": "1",
            "cf_contract": "premium",
        },
    )
    assert response.status_code == 303
    ticket.refresh_from_db()
    assert (ticket.state, ticket.priority, ticket.owner_id, ticket.custom_fields) == ("open", "high", agent.pk, {"contract": "premium"})
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Alex Agent changed priority from Normal to High" in html
    assert "Alex Agent changed owner from none to agent@support.example" in html


def test_pending_state_without_time_is_refused(client, agent, ticket):
    client.force_login(agent)
    response = client.post(f"/tickets/{ticket.pk}/properties/", {"state": "pending_reminder", "pending_until": ""}, follow=True)
    ticket.refresh_from_db()
    assert ticket.state == State.NEW
    assert [str(m) for m in response.context["messages"]] == ["A pending state needs a time. pending_until: Required for pending states."]


def test_tags_add_and_remove(client, agent, ticket):
    client.force_login(agent)
    client.post(f"/tickets/{ticket.pk}/tags/add/", {"tag": "  Hardware "})
    assert [t.name for t in ticket.tags.all()] == ["hardware"]
    client.post(f"/tickets/{ticket.pk}/tags/remove/", {"tag": "hardware"})
    assert list(ticket.tags.all()) == []
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Alex Agent added the tag hardware" in html
    assert "Alex Agent removed the tag hardware" in html


def test_link_by_number_and_unlink(client, agent, ticket, make_ticket):
    other = make_ticket(subject="Related thing")
    client.force_login(agent)
    client.post(f"/tickets/{ticket.pk}/links/add/", {"number": other.display_number, "kind": "related"})
    link = TicketLink.objects.get()
    assert (link.source_id, link.target_id, link.kind) == (ticket.pk, other.pk, "related")
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert f'<a href="/tickets/{other.pk}/">{other.display_number}</a> Related thing' in html
    assert client.post(f"/tickets/{ticket.pk}/links/{link.pk}/remove/").status_code == 303
    assert not TicketLink.objects.exists()


def test_link_to_invisible_ticket_looks_like_unknown_number(client, agent, ticket, outsider, other_group, make_ticket):
    foreign = make_ticket(actor=outsider, subject="Foreign", group_id=other_group.pk)
    client.force_login(agent)
    response = client.post(f"/tickets/{ticket.pk}/links/add/", {"number": str(foreign.number), "kind": "related"}, follow=True)
    assert not TicketLink.objects.exists()
    assert [str(m) for m in response.context["messages"]] == ["No ticket with that number. number: Unknown ticket number."]


def test_merge_into_other_ticket_by_number(client, agent, ticket, make_ticket):
    target = make_ticket(subject="Survivor")
    client.force_login(agent)
    response = client.post(f"/tickets/{ticket.pk}/merge/", {"number": f"#{target.number}"})
    assert response["Location"] == f"/tickets/{target.pk}/"
    ticket.refresh_from_db()
    assert (ticket.state, ticket.merged_into_id) == (State.MERGED, target.pk)
    assert f"Alex Agent merged {ticket.display_number} into this ticket" in client.get(f"/tickets/{target.pk}/").content.decode()


def test_split_selected_articles(client, agent, ticket):
    second = add_article(agent, ticket, body_text="Another question entirely")
    client.force_login(agent)
    response = client.post(f"/tickets/{ticket.pk}/split/", {"article_ids": [second.pk], "subject": "Second question"})
    second.refresh_from_db()
    new = second.ticket
    assert new.pk != ticket.pk
    assert new.subject == "Second question"
    assert response["Location"] == f"/tickets/{new.pk}/"


def test_timeline_and_sidebar_refresh_on_own_ticket_events(client, agent, ticket):
    client.force_login(agent)
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert f'id="timeline" class="timeline" data-live-ticket="{ticket.pk}"' in html
    assert html.count('hx-trigger="sd:this-ticket-changed from:body delay:500ms"') == 2


def test_customer_of_merged_ticket_state_shown(client, agent, ticket):
    update_ticket(agent, ticket, {"state": "solved"})
    client.force_login(agent)
    html = client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert '<span class="state state--solved" data-testid="ticket-state">Solved</span>' in html
