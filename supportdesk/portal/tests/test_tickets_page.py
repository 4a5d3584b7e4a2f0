"""The portal ticket page: the public conversation, replies with files, close and reopen, the promised
times and the process phase; hostile content stays inert (BAD-INPUTS 23, 24, 26)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from supportdesk.accounts.models import User
from supportdesk.automation.processes import definitions, engine
from supportdesk.automation.processes.validation import StepSpec
from supportdesk.portal.selectors import promises
from supportdesk.portal.tests.portal_tickets_world import World, build_world, file, signed_in, upload
from supportdesk.sla.display import shown_time
from supportdesk.tickets.actions import NewTicket, add_article, create_ticket, customer_set_state, merge_tickets, update_ticket
from supportdesk.tickets.choices import Channel, EventKind, SenderType, State
from supportdesk.tickets.models import Article, Ticket, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def page_of(user: User, ticket: Ticket) -> str:
    response = signed_in(user).get(f"/portal/tickets/{ticket.number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_takes_the_ticket_number_not_its_id(world: World) -> None:
    ticket = world.alice_ticket
    assert ticket.pk != ticket.number
    client = signed_in(world.alice)
    assert client.get(f"/portal/tickets/{ticket.pk}/").status_code == 404
    assert client.get(f"/portal/tickets/{ticket.number}/").status_code == 200
    assert client.get("/portal/tickets/99999999999999999999999/").status_code == 404


def test_the_page_shows_subject_number_state_and_the_public_conversation_in_order(world: World) -> None:
    text = page_of(world.alice, world.alice_ticket)
    assert "Alice printer jam" in text and world.alice_ticket.display_number in text and "In progress" in text
    assert text.index("The printer jams on page two.") < text.index("Please try the manual.")
    assert f'href="/attachments/{world.alice_public_file.pk}/"' in text
    assert "Alex Agent" in text and "agent@support.example" not in text  # team members by name, never their address


def test_a_reply_with_files_is_a_customer_message_on_the_portal_channel(world: World) -> None:
    client = signed_in(world.alice)
    response = client.post(
        f"/portal/tickets/{world.alice_ticket.number}/reply/",
        {"body": "Still jams after the manual.", "files": [file("photo.png", b"\x89PNG...", "image/png"), file("log.txt")]},
    )
    article = Article.objects.filter(ticket=world.alice_ticket).order_by("-id").first()
    assert article is not None and article.body_text == "Still jams after the manual."
    assert response.status_code == 303
    assert response["Location"] == f"/portal/tickets/{world.alice_ticket.number}/#article-{article.pk}"
    assert (article.sender_type, article.channel, article.is_internal, article.author_id) == (
        SenderType.CUSTOMER,
        Channel.PORTAL,
        False,
        world.alice.pk,
    )
    assert sorted(article.attachments.values_list("filename", flat=True)) == ["log.txt", "photo.png"]
    text = client.get(response["Location"]).content.decode()
    assert "Your reply was sent." in text and "photo.png" in text


def test_a_reply_to_a_solved_ticket_reopens_it(world: World) -> None:
    customer_set_state(world.alice, world.alice_ticket, State.SOLVED)
    signed_in(world.alice).post(f"/portal/tickets/{world.alice_ticket.number}/reply/", {"body": "It is back."})
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.OPEN


def test_an_empty_reply_is_refused_next_to_the_field(world: World) -> None:
    before = Article.objects.count()
    response = signed_in(world.alice).post(f"/portal/tickets/{world.alice_ticket.number}/reply/", {"body": "   "})
    assert response.status_code == 422
    assert "A message is required." in response.content.decode()
    assert Article.objects.count() == before


def test_too_many_or_too_large_files_keep_the_typed_text(world: World, settings) -> None:
    url = f"/portal/tickets/{world.alice_ticket.number}/reply/"
    client = signed_in(world.alice)
    before = Article.objects.count()
    many = client.post(url, {"body": "Twenty-one files", "files": [file(f"f{i}.txt") for i in range(21)]})
    assert many.status_code == 422
    assert "At most 20 files at once." in many.content.decode() and "Twenty-one files</textarea>" in many.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 10
    large = client.post(url, {"body": "A large one", "files": [file("big.bin", b"x" * 11)]})
    assert large.status_code == 422
    assert "big.bin is larger than 10 bytes." in large.content.decode() and "A large one</textarea>" in large.content.decode()
    assert Article.objects.count() == before


def test_hostile_filenames_and_types_are_harmless(world: World) -> None:
    client = signed_in(world.alice)
    names = ["../../etc/passwd", "\u202eexe.txt", "a.svg", "x" * 1000 + ".txt"]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    client.post(
        f"/portal/tickets/{world.alice_ticket.number}/reply/",
        {"body": "files", "files": [SimpleUploadedFile(name, svg, content_type="image/svg+xml") for name in names]},
    )
    article = Article.objects.filter(ticket=world.alice_ticket).order_by("-id").first()
    assert article is not None
    stored = list(article.attachments.order_by("id"))
    assert [a.filename for a in stored][:3] == ["passwd", "exe.txt", "a.svg"]
    assert len(stored[3].filename) <= 200
    download = client.get(f"/attachments/{stored[2].pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")


def test_close_and_reopen(world: World) -> None:
    client = signed_in(world.alice)
    url = f"/portal/tickets/{world.alice_ticket.number}/state/"
    assert 'data-testid="portal-close"' in page_of(world.alice, world.alice_ticket)
    response = client.post(url, {"action": "close"})
    assert response.status_code == 303
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.SOLVED and world.alice_ticket.solved_at is not None
    event = TicketEvent.objects.filter(ticket=world.alice_ticket, field="state").order_by("-id").first()
    assert event is not None
    assert (event.actor_id, event.old_value, event.new_value, event.data) == (
        world.alice.pk,
        "open",
        "solved",
        {"reason": "customer_close"},
    )
    text = page_of(world.alice, world.alice_ticket)
    assert 'data-testid="portal-reopen"' in text and 'data-testid="portal-close"' not in text and "Solved" in text
    client.post(url, {"action": "reopen"})
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.state == State.OPEN
    assert client.post(url, {"action": "delete"}).status_code == 400


def test_closing_clears_a_pending_time_and_is_idempotent(world: World) -> None:
    update_ticket(world.agent, world.alice_ticket, {"state": State.PENDING_REMINDER, "pending_until": timezone.now() + timedelta(days=2)})
    assert customer_set_state(world.alice, world.alice_ticket, State.SOLVED) == ["state", "pending_until", "solved_at"]
    world.alice_ticket.refresh_from_db()
    assert world.alice_ticket.pending_until is None
    assert customer_set_state(world.alice, world.alice_ticket, State.SOLVED) == []
    events = TicketEvent.objects.filter(ticket=world.alice_ticket, kind=EventKind.CHANGED, data={"reason": "customer_close"})
    assert sorted(events.values_list("field", flat=True)) == ["pending_until", "state"]


def test_a_merged_ticket_offers_nothing_and_refuses_changes(world: World) -> None:
    other = create_ticket(world.alice, NewTicket(subject="Second printer", body="Also jams."))
    merge_tickets(world.agent, other, world.alice_ticket)
    text = page_of(world.alice, other)
    assert 'data-testid="portal-merged"' in text and 'data-testid="portal-reply-form"' not in text
    response = signed_in(world.alice).post(f"/portal/tickets/{other.number}/state/", {"action": "reopen"})
    assert response.status_code == 303
    other.refresh_from_db()
    assert other.state == State.MERGED


def test_hostile_subject_and_bodies_are_escaped_or_sanitised(world: World) -> None:
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    ticket = create_ticket(world.alice, NewTicket(subject=payload, body=payload))
    add_article(
        world.agent,
        ticket,
        body_text="",
        body_html='<p>Hi</p><script>alert(3)</script><iframe src="javascript:alert(4)"></iframe>'
        '<img src="https://tracker.example/pixel.gif"><a href="javascript:alert(5)">x</a>',
    )
    text = page_of(world.alice, ticket)
    assert "<script>alert" not in text and "<img src=x onerror" not in text and "<iframe" not in text and 'href="javascript:' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Inert (data-remote-src, no src): no tracking request from the portal.
    assert ' src="https://tracker.example/pixel.gif"' not in text and 'data-remote-src="https://tracker.example/pixel.gif"' in text
    assert "Images from other websites are not shown." in text
    assert "/tickets/" + str(ticket.pk) + "/?remote_images" not in text  # no link into the agent workspace
    listing = signed_in(world.alice).get("/portal/").content.decode()
    assert "<script>alert(1)" not in listing and "&lt;script&gt;alert(1)&lt;/script&gt;" in listing


def test_plain_mail_shows_its_quoted_history_folded(world: World) -> None:
    Article.objects.filter(pk=world.alice_reply.pk).update(
        channel=Channel.EMAIL, body_text="New answer here.\n\nOn Monday Alice wrote:\n> old text\n> more old text"
    )
    text = page_of(world.alice, world.alice_ticket)
    assert '<details class="mail-quoted">' in text and "New answer here." in text


def test_promised_times_in_the_customers_time_zone(world: World) -> None:
    alice = world.alice
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    due = (timezone.now() + timedelta(days=3)).replace(hour=15, minute=30, second=0, microsecond=0)
    Ticket.objects.filter(pk=world.alice_ticket.pk).update(
        first_response_due_at=None, next_response_due_at=due, resolution_due_at=due + timedelta(days=1), sla_paused=False
    )
    text = page_of(alice, world.alice_ticket)
    berlin, utc = shown_time(due, ZoneInfo("Europe/Berlin")), shown_time(due, ZoneInfo("UTC"))
    assert berlin != utc
    assert f"We aim to answer by {berlin}" in text and utc not in text
    assert "We aim to resolve your request by" in text


def test_promise_wording_for_late_paused_and_done_tickets(world: World) -> None:
    now = timezone.now()
    ticket = world.alice_ticket
    tz = timezone.get_current_timezone()
    ticket.next_response_due_at, ticket.resolution_due_at, ticket.sla_paused = now - timedelta(hours=1), now - timedelta(minutes=1), False
    late = promises(ticket, now=now, tz=tz)
    assert [p.tone for p in late] == ["late", "late"]
    assert late[0].text == "Our answer is taking longer than we planned. We will reply as soon as we can."
    ticket.next_response_due_at = ticket.resolution_due_at = None
    ticket.sla_paused, ticket.state = True, State.PENDING_REMINDER
    assert [p.text for p in promises(ticket, now=now, tz=tz)] == ["We are waiting for your reply. Just answer here when you are ready."]
    ticket.state = State.ON_HOLD
    assert [p.tone for p in promises(ticket, now=now, tz=tz)] == ["waiting"]
    ticket.state = State.SOLVED
    assert promises(ticket, now=now, tz=tz) == []


def test_the_phase_of_a_running_process_is_shown_without_instructions(world: World) -> None:
    from supportdesk.testing.factories import AdminFactory

    admin = AdminFactory.create()
    template = definitions.create_template(
        admin,
        {
            "name": "Replace the printer",
            "steps": [
                StepSpec(key="check", name="Check warranty", group_id=world.support.pk, instructions="SECRET: ask Bernd"),
                StepSpec(key="ship", name="Ship a new printer", group_id=world.support.pk, depends_on=("check",)),
            ],
        },
    )
    engine.check_start_process(world.agent, world.alice_ticket.pk, template.pk)
    text = page_of(world.alice, world.alice_ticket)
    assert "Replace the printer" in text and "Step 1 of 2: Check warranty" in text
    assert "SECRET" not in text and "Bernd" not in text


def test_the_ticket_page_needs_a_fixed_number_of_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(world.alice)
    url = f"/portal/tickets/{world.alice_ticket.number}/"
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for i in range(10):
        add_article(world.agent, world.alice_ticket, body_text=f"Answer {i}", attachment_ids=[upload(world.agent, f"a{i}.txt").pk])
        add_article(world.alice, world.alice_ticket, body_text=f"Question {i}")
    assert count() == few
