"""Similar solved tickets: ranking on constructed en/de tickets, visibility, snippets, hostile text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from supportdesk.accounts.models import Group, User
from supportdesk.ai.models import TicketInsight
from supportdesk.ai.suggestions import engine
from supportdesk.ai.suggestions.selectors import compute, suggestions_for
from supportdesk.ai.suggestions.similar import query_terms
from supportdesk.ai.tests.suggestions_world import solved_ticket
from supportdesk.tickets.access import TicketNotFound
from supportdesk.tickets.actions import add_article
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db

PRINTER_REPLY = "Hello Bert,\n\nOpen tray 2, remove the stuck sheet and restart the printer.\n\nBest regards,\nAlex"


@pytest.fixture
def world(make_ticket: Callable[..., Ticket], agent: User, admin: User, other_group: Group) -> dict[str, Ticket]:
    """Solved tickets in en and de, one still open, one in another group, one unrelated."""
    return {
        "jam_en": solved_ticket(
            make_ticket,
            agent,
            subject="Printer paper jam in tray 2",
            body="The printer reports a paper jam in tray 2.",
            reply=PRINTER_REPLY,
            language="en",
        ),
        "jam_de": solved_ticket(
            make_ticket,
            agent,
            subject="Papierstau im Drucker Fach 2",
            body="Der Drucker meldet einen Papierstau in Fach 2 (printer paper jam, tray 2).",
            reply="Hallo,\n\nbitte öffnen Sie Fach 2 und entfernen Sie das Blatt.\n\nViele Grüße",
            language="de",
        ),
        "invoice": solved_ticket(
            make_ticket,
            agent,
            subject="Invoice shows the wrong amount",
            body="Our invoice 2024-17 shows a wrong amount.",
            reply="Corrected.",
        ),
        "open_jam": make_ticket(subject="Printer paper jam again", body="Paper jam in tray 2 of the printer."),
        "other_group_jam": solved_ticket(
            make_ticket,
            admin,
            subject="Printer paper jam tray 2",
            body="Printer paper jam in tray 2, exactly the same.",
            reply="Billing fixed the printer jam.",
            group=other_group,
        ),
    }


def similar_ids(user: User, ticket: Ticket) -> list[int]:
    return [t.id for t in suggestions_for(user, ticket.pk).similar]


def test_finds_solved_tickets_sharing_words_and_never_open_unrelated_or_itself(
    make_ticket: Callable[..., Ticket], agent: User, world: dict[str, Ticket]
) -> None:
    ticket = make_ticket(subject="Paper jam in the printer", body="Hi, the printer has a paper jam in tray 2. Thanks!", language="en")
    found = suggestions_for(agent, ticket.pk).similar
    ids = [t.id for t in found]
    assert ids[0] == world["jam_en"].pk
    assert world["invoice"].pk not in ids
    assert world["open_jam"].pk not in ids  # open tickets are not solutions
    assert ticket.pk not in ids
    top = found[0]
    assert (top.number, top.subject, top.state, top.same_group) == (world["jam_en"].number, "Printer paper jam in tray 2", "solved", True)
    assert 0.5 < top.score <= 1.0


def test_same_language_ranks_first(make_ticket: Callable[..., Ticket], agent: User, world: dict[str, Ticket]) -> None:
    # Both solved tickets hold every word: only the language tells them apart.
    german = make_ticket(subject="Printer paper jam", body="Printer paper jam, tray 2.", language="de")
    english = make_ticket(subject="Printer paper jam", body="Printer paper jam, tray 2.", language="en")
    assert similar_ids(agent, german)[0] == world["jam_de"].pk
    assert similar_ids(agent, english)[0] == world["jam_en"].pk


def test_detected_language_counts_when_the_ticket_has_none(
    make_ticket: Callable[..., Ticket], agent: User, world: dict[str, Ticket]
) -> None:
    ticket = make_ticket(subject="Printer paper jam", body="Printer paper jam, tray 2.")
    TicketInsight.objects.create(ticket=ticket, language="de", language_confidence=0.9)
    assert similar_ids(agent, ticket)[0] == world["jam_de"].pk


def test_same_group_is_preferred(make_ticket: Callable[..., Ticket], admin: User, world: dict[str, Ticket], other_group: Group) -> None:
    ticket = make_ticket(admin, subject="Printer paper jam tray 2", body="Paper jam in tray 2 of the printer.", group_id=other_group.pk)
    found = suggestions_for(admin, ticket.pk).similar
    assert found[0].id == world["other_group_jam"].pk and found[0].same_group
    assert world["jam_en"].pk in [t.id for t in found]


def test_never_suggests_a_ticket_the_agent_cannot_see(
    make_ticket: Callable[..., Ticket], agent: User, admin: User, outsider: User, customer: User, world: dict[str, Ticket]
) -> None:
    ticket = make_ticket(subject="Printer paper jam tray 2", body="Printer paper jam in tray 2, exactly the same.")
    assert world["other_group_jam"].pk not in similar_ids(agent, ticket)
    assert world["other_group_jam"].pk in similar_ids(admin, ticket)
    for user in (outsider, customer):
        with pytest.raises(TicketNotFound):
            suggestions_for(user, ticket.pk)


def test_the_snippet_is_the_last_public_agent_reply_never_a_note(make_ticket: Callable[..., Ticket], agent: User, customer: User) -> None:
    solved = solved_ticket(
        make_ticket,
        agent,
        subject="VPN token expired",
        body="My VPN token expired yesterday.",
        reply="Hello Carla,\n\nI renewed your VPN token; log in again.\n\nKind regards",
        note="SECRET internal: customer owes us money, VPN token renewed anyway",
    )
    only_note = solved_ticket(
        make_ticket, agent, subject="VPN token expired again", body="VPN token expired.", note="SECRET note only, VPN token"
    )
    add_article(customer, solved, body_text="Thank you, the VPN token works!")  # reopens: solve again
    from supportdesk.tickets.actions import update_ticket

    update_ticket(agent, solved, {"state": "closed"})
    ticket = make_ticket(subject="VPN token expired", body="The VPN token expired, please renew the VPN token.")
    found = {t.id: t for t in suggestions_for(agent, ticket.pk).similar}
    assert found[solved.pk].reply_snippet == "I renewed your VPN token; log in again."
    assert found[solved.pk].reply_text == "I renewed your VPN token; log in again."
    assert found[only_note.pk].reply_snippet == "" and found[only_note.pk].reply_text == ""
    for match in found.values():
        assert "SECRET" not in match.reply_snippet and "SECRET" not in match.reply_text


@pytest.mark.parametrize(
    "subject",
    [
        '"printer" NEAR(paper jam) AND -tray:* ( ) ^ \' ; DROP TABLE tickets_ticket; --',
        "printer* OR jam NOT paper",
        "printer:jam {tray} [2] \\ \u202e \u200b",
        "col:printer - - - jam NEAR/2 tray",
    ],
)
def test_search_syntax_in_the_text_is_only_words(
    make_ticket: Callable[..., Ticket], agent: User, world: dict[str, Ticket], subject: str
) -> None:
    ticket = make_ticket(subject=subject, body=subject + " paper jam in the printer tray")
    found = suggestions_for(agent, ticket.pk)
    assert world["jam_en"].pk in [t.id for t in found.similar]
    assert all(term.isalnum() for term in found.terms)


def test_empty_and_huge_texts_are_bounded(make_ticket: Callable[..., Ticket], agent: User, world: dict[str, Ticket]) -> None:
    nothing = make_ticket(subject="?!", body="... --- !!!")
    assert suggestions_for(agent, nothing.pk).similar == []
    words = " ".join(f"word{i} printer paper jam" for i in range(20_000))
    huge = make_ticket(subject="x" * 250, body=words[:60_000])
    found = suggestions_for(agent, huge.pk)
    assert len(found.terms) <= 10
    assert len(found.similar) <= 5


def test_query_terms_drop_stopwords_and_words_no_other_ticket_has(make_ticket: Callable[..., Ticket], world: dict[str, Ticket]) -> None:
    make_ticket(subject="Hello, please help", body="Thanks in advance for the help with the zyxwvut printer.")
    terms = [t.text for t in query_terms("Hello, please help", "Thanks in advance for the help with the zyxwvut printer.")]
    assert "printer" in terms
    assert "zyxwvut" not in terms  # only this ticket holds it: it can find nothing
    assert not {"hello", "please", "help", "thanks", "the", "for", "with"} & set(terms)


def test_common_words_give_way_to_rare_ones(make_ticket: Callable[..., Ticket], agent: User, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(12):
        make_ticket(subject=f"Router problem {index}", body="The router blinks.")
    rare = solved_ticket(make_ticket, agent, subject="Router firmware 7.1 bricked", body="Firmware update bricked the router.", reply="RMA")
    ticket = make_ticket(subject="Router firmware bricked", body="The firmware update bricked my router.")
    monkeypatch.setattr("supportdesk.ai.suggestions.similar.MIN_DOCS_FOR_SHARE", 5)
    # "router" is in 14 of 15 documents (over MAX_DF_SHARE): it goes; the rare words stay.
    terms = query_terms("Router firmware bricked", "The firmware update bricked my router.")
    assert [(t.text, t.documents) for t in terms] == [("firmware", 2), ("bricked", 2), ("update", 2)]
    assert [t.id for t in compute(agent, ticket).similar] == [rare.pk]


def test_document_frequencies_count_up_to_the_cap(make_ticket: Callable[..., Ticket]) -> None:
    for _ in range(4):
        make_ticket(subject="Scanner offline", body="The scanner is offline.")
    assert engine.document_frequencies(["scanner", "nothingsuch", "bad term", "x:y"], total=4, cap=3) == {"scanner": 3, "nothingsuch": 0}
