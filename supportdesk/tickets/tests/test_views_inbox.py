"""The inbox: views, counts, filters, sort, cursor pages, bulk actions, saved views, query budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supportdesk.tickets.actions import add_tags, update_ticket
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import SavedView, Ticket

pytestmark = pytest.mark.django_db


def numbers_in(response) -> list[str]:
    return [t.display_number for t in response.context["tickets"]]


def test_signed_out_user_is_sent_to_sign_in(client):
    response = client.get("/inbox/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/inbox/"


def test_customer_gets_404_in_the_agent_workspace(client, customer, ticket):
    client.force_login(customer)
    assert client.get("/inbox/").status_code == 404
    assert client.get("/search/?q=printer").status_code == 404


def test_views_show_counts_and_scope(client, agent, make_ticket, outsider, other_group, customer):
    mine = make_ticket(subject="Mine")
    update_ticket(agent, mine, {"owner_id": agent.pk})
    make_ticket(subject="Nobody's")
    make_ticket(actor=outsider, subject="Other group", group_id=other_group.pk)
    client.force_login(agent)

    response = client.get("/inbox/?view=open")

    assert response.status_code == 200
    assert [t.subject for t in response.context["tickets"]] == ["Nobody's", "Mine"]
    html = response.content.decode()
    assert '<span class="count" data-testid="count-mine">1</span>' in html
    assert '<span class="count" data-testid="count-unassigned">1</span>' in html
    assert '<span class="count" data-testid="count-open">2</span>' in html
    assert "Other group" not in html
    assert [t.subject for t in client.get("/inbox/?view=mine").context["tickets"]] == ["Mine"]
    assert [t.subject for t in client.get("/inbox/?view=unassigned").context["tickets"]] == ["Nobody's"]


def test_unknown_view_is_404(client, agent):
    client.force_login(agent)
    assert client.get("/inbox/?view=everything").status_code == 404


def test_filters_and_sort(client, agent, make_ticket):
    low = make_ticket(subject="Low one", priority="low")
    high = make_ticket(subject="High one", priority="high")
    add_tags(agent, high, ["vip"])
    client.force_login(agent)

    assert [t.pk for t in client.get("/inbox/?view=recent&priority=high").context["tickets"]] == [high.pk]
    assert [t.pk for t in client.get("/inbox/?view=recent&tag=VIP").context["tickets"]] == [high.pk]
    assert [t.pk for t in client.get("/inbox/?view=recent&sort=number").context["tickets"]] == [low.pk, high.pk]
    assert [t.pk for t in client.get("/inbox/?view=recent&sort=-number").context["tickets"]] == [high.pk, low.pk]
    # Blank form fields are not filters.
    assert len(client.get("/inbox/?view=recent&owner=&tag=&priority=").context["tickets"]) == 2


@pytest.mark.parametrize(
    "query",
    ["sort=subject;DROP TABLE x", "sort=-password", "state=deleted", "created_after=yesterday", "owner=1 OR 1=1", "bogus=1"],
)
def test_hostile_filter_values_are_refused_without_error_leak(client, agent, ticket, query):
    client.force_login(agent)
    response = client.get(f"/inbox/?view=recent&{query}")
    assert response.status_code == 200
    assert response.context["filter_errors"]
    assert [t.pk for t in response.context["tickets"]] == [ticket.pk]  # falls back to no filters
    assert "Traceback" not in response.content.decode()


def test_cursor_pagination_walks_all_tickets(client, agent, make_ticket):
    created = [make_ticket(subject=f"T{i}") for i in range(5)]
    client.force_login(agent)
    first = client.get("/inbox/?view=recent&sort=number&limit=2")
    assert [t.pk for t in first.context["tickets"]] == [created[0].pk, created[1].pk]
    cursor = first.context["next_cursor"]
    assert cursor
    second = client.get(f"/inbox/?view=recent&sort=number&limit=2&cursor={cursor}")
    assert [t.pk for t in second.context["tickets"]] == [created[2].pk, created[3].pk]
    assert "Next page" in first.content.decode()


def test_broken_cursor_is_a_422_not_a_500(client, agent, ticket):
    client.force_login(agent)
    response = client.get("/inbox/?view=recent&cursor=bm90LWpzb24")
    assert response.status_code == 422


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_page_size(client, agent, make_ticket, customer):
    for i in range(5):
        t = make_ticket(subject=f"Small {i}")
        add_tags(agent, t, ["a", "b"])
        update_ticket(agent, t, {"owner_id": agent.pk})
    client.force_login(agent)
    url = "/inbox/?view=recent&limit=100"
    client.get(url)  # warm up session and content types
    small = _count_queries(client, url)
    for i in range(35):
        t = make_ticket(subject=f"Big {i}", customer_email=f"c{i}@many.example")
        add_tags(agent, t, [f"tag{i}"])
        update_ticket(agent, t, {"owner_id": agent.pk})
    assert Ticket.objects.count() == 40
    large = _count_queries(client, url)
    assert large == small


def test_bulk_update_changes_state_owner_priority_and_tag(client, agent, make_ticket):
    one, two = make_ticket(subject="One"), make_ticket(subject="Two")
    client.force_login(agent)
    response = client.post(
        "/inbox/bulk/",
        {
            "ticket_ids": [one.pk, two.pk],
            "state": "open",
            "owner": "me",
            "priority": "urgent",
            "tag": "Outage",
            "next": "/inbox/?view=recent",
        },
    )
    assert response.status_code == 303
    assert response["Location"] == "/inbox/?view=recent"
    for t in (one, two):
        t.refresh_from_db()
        assert (t.state, t.owner_id, t.priority) == ("open", agent.pk, "urgent")
        assert [tag.name for tag in t.tags.all()] == ["outage"]


def test_bulk_update_reports_tickets_of_other_groups_as_not_found(client, agent, ticket, outsider, other_group, make_ticket):
    foreign = make_ticket(actor=outsider, subject="Foreign", group_id=other_group.pk)
    client.force_login(agent)
    response = client.post("/inbox/bulk/", {"ticket_ids": [ticket.pk, foreign.pk], "priority": "high"}, follow=True)
    foreign.refresh_from_db()
    ticket.refresh_from_db()
    assert ticket.priority == "high"
    assert foreign.priority == "normal"
    texts = [str(m) for m in response.context["messages"]]
    assert texts == ["1 ticket updated.", f"Ticket {foreign.pk} not updated: Ticket not found."]


def test_bulk_merge_selected_into_one(client, agent, make_ticket):
    a, b, target = make_ticket(subject="A"), make_ticket(subject="B"), make_ticket(subject="Target")
    client.force_login(agent)
    response = client.post("/inbox/bulk/", {"ticket_ids": [a.pk, b.pk, target.pk], "merge_into": target.display_number})
    assert response.status_code == 303
    a.refresh_from_db()
    b.refresh_from_db()
    target.refresh_from_db()
    assert (a.state, a.merged_into_id) == (State.MERGED, target.pk)
    assert (b.state, b.merged_into_id) == (State.MERGED, target.pk)
    assert target.article_count == 3


def test_bulk_by_read_only_agent_changes_nothing(client, reader, ticket):
    client.force_login(reader)
    response = client.post("/inbox/bulk/", {"ticket_ids": [ticket.pk], "state": "closed"}, follow=True)
    ticket.refresh_from_db()
    assert ticket.state == State.NEW
    assert [str(m) for m in response.context["messages"]] == [f"Ticket {ticket.pk} not updated: You have read-only access to this ticket."]


def test_saved_view_create_list_use_and_delete(client, agent, make_ticket, outsider):
    high = make_ticket(subject="High", priority="high")
    make_ticket(subject="Normal")
    client.force_login(agent)

    response = client.post("/inbox/views/", {"name": "  Hot   stuff ", "query": "view=recent&priority=high&sort=number&tag="})
    saved = SavedView.objects.get(user=agent)
    assert (saved.name, saved.filters) == ("Hot stuff", {"priority": ["high"], "sort": "number"})
    assert response["Location"] == f"/inbox/?saved={saved.pk}"

    page = client.get(f"/inbox/?saved={saved.pk}")
    assert [t.pk for t in page.context["tickets"]] == [high.pk]
    assert "Hot stuff" in page.content.decode()

    client.force_login(outsider)
    assert client.get(f"/inbox/?saved={saved.pk}").status_code == 404
    assert client.post(f"/inbox/views/{saved.pk}/delete/").status_code == 404
    assert SavedView.objects.filter(pk=saved.pk).exists()

    client.force_login(agent)
    assert client.post(f"/inbox/views/{saved.pk}/delete/").status_code == 302
    assert not SavedView.objects.filter(pk=saved.pk).exists()


def test_saved_view_with_invalid_filters_is_refused(client, agent):
    client.force_login(agent)
    response = client.post("/inbox/views/", {"name": "Bad", "query": "sort=password"}, follow=True)
    assert not SavedView.objects.exists()
    assert [str(m) for m in response.context["messages"]] == ["Check the view name and filters. __all__: Invalid filters."]


def test_inbox_refreshes_on_live_events(client, agent):
    client.force_login(agent)
    html = client.get("/inbox/?view=open").content.decode()
    assert 'hx-trigger="sd:ticket-changed from:body delay:500ms"' in html
    assert "js/live.js" in html


def test_view_counts_are_exact_below_the_cap_and_capped_above(client, agent, make_ticket, monkeypatch):
    from supportdesk.tickets import selectors

    monkeypatch.setattr(selectors, "VIEW_COUNT_CAP", 3)
    for i in range(2):
        make_ticket(subject=f"Unassigned {i}")
    client.force_login(agent)
    html = client.get("/inbox/?view=open").content.decode()
    assert '<span class="count" data-testid="count-unassigned">2</span>' in html

    make_ticket(subject="Third")
    make_ticket(subject="Fourth")
    html = client.get("/inbox/?view=open").content.decode()
    assert '<span class="count" data-testid="count-unassigned" title="More than 2 tickets">2+</span>' in html
    assert '<span class="count" data-testid="count-open" title="More than 2 tickets">2+</span>' in html
    assert '<span class="count" data-testid="count-mine">0</span>' in html


def test_view_counts_count_over_a_limit_without_sorting(client, agent, ticket):
    client.force_login(agent)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/inbox/?view=open")
    counts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)") and "tickets_ticket" in q["sql"]]
    assert len(counts) == 4  # mine, unassigned, open, reminders
    assert all("LIMIT 1000" in sql and "ORDER BY" not in sql for sql in counts)


def test_list_page_ids_come_from_the_ticket_table_alone(client, agent, make_ticket):
    """The keyset query must not join users: with the join, SQLite sorts every visible ticket."""
    made = [make_ticket(subject=f"T{i}", tags=["x"]) for i in range(3)]
    client.force_login(agent)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/inbox/?view=recent&limit=2")
    assert [t.pk for t in response.context["tickets"]] == [made[2].pk, made[1].pk]
    keyset = [
        q["sql"] for q in ctx.captured_queries if "ORDER BY" in q["sql"] and 'FROM "tickets_ticket"' in q["sql"] and "LIMIT 3" in q["sql"]
    ]
    assert len(keyset) == 1
    assert "JOIN" not in keyset[0]
    with CaptureQueriesContext(connection) as ctx:
        assert [t.customer.email for t in response.context["tickets"]] == ["carla@customer.example"] * 2
        assert [[tag.name for tag in t.tags.all()] for t in response.context["tickets"]] == [["x"], ["x"]]
    assert ctx.captured_queries == []


@pytest.mark.parametrize(
    ("language", "state", "priority", "ago"),
    [("en", "New", "High", "0\xa0minutes ago"), ("de", "Neu", "Hoch", "0\xa0Minuten her")],
)
def test_rows_show_translated_labels_and_relative_time(client, agent, make_ticket, language, state, priority, ago):
    ticket = make_ticket(subject="<b>Bold</b> claim", priority="high")
    agent.language = language
    agent.save(update_fields=["language"])
    client.force_login(agent)
    html = client.get("/inbox/?view=recent").content.decode()
    assert f'<span class="state state--new">{state}</span>' in html
    assert f'<span class="prio prio--high">{priority}</span>' in html
    assert f'<time datetime="{ticket.updated_at.isoformat()}" title="' in html
    assert f'">{ago}</time>' in html
    assert "&lt;b&gt;Bold&lt;/b&gt; claim" in html and "<b>Bold</b>" not in html


def test_live_refresh_renders_only_the_list_without_counting(client, agent, make_ticket, outsider, other_group):
    mine = make_ticket(subject="Visible one")
    make_ticket(actor=outsider, subject="Other group", group_id=other_group.pk)
    client.force_login(agent)
    url = "/inbox/?view=recent"
    headers = {"HX-Request": "true", "HX-Target": "inbox-list"}
    full = _count_queries(client, url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="inbox-list" hx-get="/inbox/?view=recent"')
    assert f'<a href="/tickets/{mine.pk}/">Visible one</a>' in html
    assert "Other group" not in html and "count-mine" not in html and "<html" not in html
    assert not [q for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(ctx.captured_queries) < full
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}
    # Any other htmx request, or none, gets the whole page.
    assert "count-mine" in client.get(url, headers={"HX-Request": "true", "HX-Target": "timeline"}).content.decode()
