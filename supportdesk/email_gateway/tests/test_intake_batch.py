"""Batch intake (intake_batch.import_batch): a batch ends exactly as the same mail processed one by one,
threads into tickets opened earlier in the same batch, and isolates a message that breaks the batch."""

from __future__ import annotations

import re
from typing import Any

import pytest

from supportdesk.accounts.choices import Role
from supportdesk.accounts.models import Organization, OrganizationDomain, User
from supportdesk.email_gateway import intake_batch
from supportdesk.email_gateway.choices import InboundStatus
from supportdesk.email_gateway.intake import import_inbound, store_raw, store_raw_batch
from supportdesk.email_gateway.intake_batch import import_batch
from supportdesk.email_gateway.models import ArticleEmail, InboundMessage, TicketParticipant
from supportdesk.email_gateway.tests.mailfactory import make_mail
from supportdesk.search.models import TicketSearchDocument
from supportdesk.tickets.actions import channel_intake
from supportdesk.tickets.attachments import blob_path
from supportdesk.tickets.choices import State
from supportdesk.tickets.models import Article, Attachment, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def mails(agent_email: str) -> list[bytes]:
    """A small mailbox with every kind of message intake distinguishes, in arrival order."""
    forward = (
        "Please look at this.\n\n---------- Forwarded message ---------\n"
        "From: Dora Kunde <dora@kunde.example>\nSubject: Broken order\n\nMy order is broken.\n"
    )
    return [
        make_mail(message_id="<a1@customer.example>", extra={"Cc": "Boss <boss@customer.example>"}),
        make_mail(
            sender="Boss <boss@customer.example>",
            subject="Re: Printer on fire",
            body="Any news?",
            message_id="<a2@customer.example>",
            extra={"In-Reply-To": "<a1@customer.example>", "References": "<a1@customer.example>"},
        ),
        make_mail(
            sender="Ferenc Ügyfél <ferenc@ugyfel.example>",
            subject="Számla hiba",
            body="A számla hibás.",
            message_id="<b1@ugyfel.example>",
            html="<p>A számla <b>hibás</b>.<img src='cid:logo@x'></p>",
            attachments=[("logo.png", "image/png", PNG, "logo@x"), ("számla.pdf", "application/pdf", b"%PDF-1.4 x", "")],
        ),
        make_mail(
            subject="Out of office",
            body="I am away.",
            message_id="<ooo@customer.example>",
            extra={"In-Reply-To": "<b1@ugyfel.example>", "Auto-Submitted": "auto-replied"},
        ),
        make_mail(message_id="<a1@customer.example>", extra={"Cc": "Boss <boss@customer.example>", "Received": "from relay2"}),
        make_mail(sender=f"Alex Agent <{agent_email}>", subject="Fwd: Broken order", body=forward, message_id="<f1@example.com>"),
        make_mail(
            sender="Mallory <mallory@evil.example>",
            subject="Re: Számla hiba",
            body="Pay me instead.",
            message_id="<m1@evil.example>",
            extra={"In-Reply-To": "<b1@ugyfel.example>"},
        ),
        make_mail(sender="Nobody <>", subject="No sender", message_id="<n1@nowhere.example>"),
        make_mail(
            sender="Ferenc Ügyfél <ferenc@ugyfel.example>",
            subject="Re: Számla hiba",
            body="Még mindig hibás.",
            message_id="<b2@ugyfel.example>",
            extra={"In-Reply-To": "<b1@ugyfel.example>"},
        ),
    ]


def snapshot() -> dict[str, Any]:
    """Everything intake wrote, with database ids, numbers and timestamps replaced by positions."""
    tickets = list(Ticket.objects.order_by("id"))
    position = {ticket.pk: index for index, ticket in enumerate(tickets)}
    numbers = {str(ticket.number): f"#{index}" for index, ticket in enumerate(tickets)}

    def renumber(text: str) -> str:
        return re.sub(r"\d{3,}", lambda m: numbers.get(m.group(0), m.group(0)), text)

    inbound_position = {pk: index for index, pk in enumerate(InboundMessage.objects.order_by("id").values_list("pk", flat=True))}

    def reason(text: str) -> str:
        return re.sub(r"inbound message (\d+)", lambda m: f"inbound message @{inbound_position[int(m.group(1))]}", text)

    return {
        "tickets": [
            (t.subject, t.customer.email, t.state, t.article_count, t.group.name, t.organization_id is not None, t.channel) for t in tickets
        ],
        "articles": [
            (position[a.ticket_id], a.sender_type, a.from_address, a.cc_addresses, a.subject, a.body_text, a.body_html, a.is_internal)
            for a in Article.objects.order_by("ticket_id", "id")
        ],
        "events": [
            (position[e.ticket_id], e.kind, e.field, e.old_value, e.new_value, e.actor.email if e.actor else None)
            for e in TicketEvent.objects.order_by("ticket_id", "id")
        ],
        "documents": sorted((position[d.ticket_id], renumber(d.content)) for d in TicketSearchDocument.objects.all()),
        "mail": [
            (position[m.article.ticket_id], m.message_id, m.in_reply_to, m.references)
            for m in ArticleEmail.objects.order_by("article__ticket_id", "article_id")
        ],
        "participants": sorted((position[p.ticket_id], p.address, p.role) for p in TicketParticipant.objects.all()),
        "attachments": sorted(
            (position[a.article.ticket_id], a.filename, a.content_type, a.size, a.content_id) for a in Attachment.objects.all() if a.article
        ),
        "inbound": [
            (m.status, reason(m.reason), position.get(m.ticket_id or 0), m.article_id is not None, m.attempts)
            for m in InboundMessage.objects.order_by("id")
        ],
        "customers": sorted(User.objects.filter(role=Role.CUSTOMER).values_list("email", "full_name")),
    }


def wipe() -> None:
    Ticket.objects.all().delete()
    InboundMessage.objects.all().delete()
    User.objects.filter(role=Role.CUSTOMER).delete()


def test_a_batch_ends_exactly_as_the_same_mail_one_by_one(agent: User) -> None:
    organization = Organization.objects.create(name="Ügyfél Kft.")
    OrganizationDomain.objects.create(organization=organization, domain="ugyfel.example")
    raws = mails(agent.email)
    for raw in raws:
        import_inbound(store_raw(raw, source="import").pk)
    one_by_one = snapshot()
    wipe()
    stored = [store_raw(raw, source="import").pk for raw in raws]
    results = import_batch(stored)
    batched = snapshot()
    assert [r.inbound.pk for r in results] == stored
    assert batched == one_by_one
    # And what both did is what intake promises (a spot check, so equality is not of two wrong runs).
    statuses = [status for status, *_rest in batched["inbound"]]
    assert statuses == [
        InboundStatus.PROCESSED,  # new ticket, Cc boss
        InboundStatus.PROCESSED,  # boss (a Cc participant) replies into it, in the same batch
        InboundStatus.PROCESSED,  # new ticket with an inline image and a PDF
        InboundStatus.IGNORED,  # auto-reply
        InboundStatus.DUPLICATE,  # the first mail again, via another relay
        InboundStatus.PROCESSED,  # an agent's forward: ticket for Dora
        InboundStatus.PROCESSED,  # a stranger's "reply": a new ticket, never an article on Ferenc's
        InboundStatus.QUARANTINED,  # no sender
        InboundStatus.PROCESSED,  # Ferenc's reply
    ]
    assert [(subject, email, count) for subject, email, _s, count, *_ in batched["tickets"]] == [
        ("Printer on fire", "carla@customer.example", 2),
        ("Számla hiba", "ferenc@ugyfel.example", 2),
        ("Fwd: Broken order", "dora@kunde.example", 1),
        ("Re: Számla hiba", "mallory@evil.example", 1),
    ]
    assert batched["tickets"][1][5] is True  # Ferenc joined his domain's organization
    assert ("logo.png", "image/png", len(PNG), "logo@x") in [row[1:] for row in batched["attachments"]]
    assert batched["inbound"][4][1] == "duplicate of inbound message @0"


def test_reply_in_batch_reopens_a_solved_ticket_with_an_event(customer: User) -> None:
    first = import_batch([store_raw(make_mail(sender=f"C <{customer.email}>", message_id="<s1@x.example>"), source="import").pk])
    ticket = Ticket.objects.get(pk=first[0].inbound.ticket_id or 0)
    Ticket.objects.filter(pk=ticket.pk).update(state=State.SOLVED)
    reply = make_mail(sender=f"C <{customer.email}>", message_id="<s2@x.example>", extra={"In-Reply-To": "<s1@x.example>"})
    other = make_mail(sender="New <new@x.example>", subject="Another", message_id="<s3@x.example>")
    import_batch([store_raw(reply, source="import").pk, store_raw(other, source="import").pk])
    ticket.refresh_from_db()
    assert (ticket.state, ticket.article_count) == (State.OPEN, 2)
    reopen = TicketEvent.objects.get(ticket=ticket, field="state")
    assert (reopen.old_value, reopen.new_value, reopen.data) == (State.SOLVED, State.OPEN, {"reason": "customer_reply"})
    assert TicketSearchDocument.objects.get(ticket=ticket).content.count("The printer in room 4 is on fire.") == 2


def test_a_message_that_breaks_the_batch_is_quarantined_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    real = intake_batch.write_incoming

    def fragile(new_tickets: list, replies: list, **kwargs: object) -> None:
        if any(item.subject == "boom" for item in new_tickets):
            raise RuntimeError("disk on fire")
        real(new_tickets, replies, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake_batch, "write_incoming", fragile)
    ids = [
        store_raw(make_mail(subject=subject, message_id=f"<{subject}@x.example>"), source="import").pk for subject in ("one", "boom", "two")
    ]
    results = import_batch(ids)
    assert [(r.inbound.status, r.inbound.reason) for r in results] == [
        (InboundStatus.PROCESSED, "new ticket"),
        (InboundStatus.QUARANTINED, "import failed: RuntimeError: disk on fire"),
        (InboundStatus.PROCESSED, "new ticket"),
    ]
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["one", "two"]
    # After the fix the held message imports, once.
    monkeypatch.setattr(intake_batch, "write_incoming", real)
    again = import_batch(ids)
    assert [r.inbound.status for r in again] == [InboundStatus.PROCESSED] * 3
    assert Ticket.objects.count() == 3


def test_processed_messages_are_returned_unchanged_and_raw_bytes_may_come_from_memory() -> None:
    raw = make_mail()
    inbound = store_raw(raw, source="import")
    first = import_batch([inbound.pk], raw={inbound.raw_id: raw})
    again = import_batch([inbound.pk])
    assert (first[0].inbound.status, again[0].inbound.status, again[0].inbound.attempts) == (InboundStatus.PROCESSED,) * 2 + (1,)
    assert Ticket.objects.count() == 1


def test_attachment_files_are_durable_before_any_row_of_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """write_incoming stores (and syncs) the batch's files first: no ticket, article or event row of
    the batch exists yet when they are written, so a commit never names a file not on disk."""
    real = channel_intake.store_blobs
    seen: list[tuple[int, int, int]] = []

    def watching(contents: list[bytes]) -> list:
        seen.append((Ticket.objects.count(), Article.objects.count(), TicketEvent.objects.count()))
        return real(contents)

    monkeypatch.setattr(channel_intake, "store_blobs", watching)
    with_file = make_mail(message_id="<f@x.example>", attachments=[("a.pdf", "application/pdf", b"%PDF-1.4 one", "")])
    ids = [store_raw(raw, source="import").pk for raw in (make_mail(message_id="<p@x.example>"), with_file)]
    results = import_batch(ids)
    assert [r.inbound.status for r in results] == [InboundStatus.PROCESSED] * 2
    assert seen == [(0, 0, 0)]
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.article_id, attachment.size) == ("a.pdf", results[1].inbound.article_id, 12)
    assert blob_path(attachment.blob_id).read_bytes() == b"%PDF-1.4 one"


def test_rows_the_caller_just_stored_are_used_unless_someone_touched_them() -> None:
    raws = [make_mail(subject=subject, message_id=f"<{subject}@x.example>") for subject in ("kept", "touched")]
    stored = store_raw_batch([(raw, "ref") for raw in raws], source="import")
    results = import_batch([row.pk for row in stored], stored=stored)
    assert [result.inbound is row for result, row in zip(results, stored, strict=True)] == [True, True]
    assert [(r.inbound.status, r.inbound.attempts) for r in results] == [(InboundStatus.PROCESSED, 1)] * 2
    # Another worker ran an attempt on a row since the caller stored it: the batch reads the rows again.
    wipe()
    stored = store_raw_batch([(raw, "ref") for raw in raws], source="import")
    InboundMessage.objects.filter(pk=stored[1].pk).update(attempts=1)
    results = import_batch([row.pk for row in stored], stored=stored)
    assert [result.inbound is row for result, row in zip(results, stored, strict=True)] == [False, False]
    assert [(r.inbound.status, r.inbound.attempts) for r in results] == [(InboundStatus.PROCESSED, 1), (InboundStatus.PROCESSED, 2)]
    assert InboundMessage.objects.get(pk=stored[1].pk).attempts == 2
