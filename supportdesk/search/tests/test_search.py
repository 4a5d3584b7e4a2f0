"""search_tickets on the engine of the test database (SQLite FTS5 by default, PostgreSQL full text
with DATABASE_URL=postgres://...). State is built with the real actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from supportdesk.accounts.models import Group, User
from supportdesk.core.errors import ValidationFailed
from supportdesk.search import engines
from supportdesk.search.models import TicketSearchDocument
from supportdesk.search.queries import search_tickets, ticket_snippets
from supportdesk.tickets.actions import add_article, merge_tickets
from supportdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=False)

MakeTicket = Callable[..., Ticket]


def numbers(user: User, query: str, **kwargs: object) -> list[int]:
    return [t.number for t in search_tickets(user, query, **kwargs).items]  # type: ignore[arg-type]


def test_finds_by_subject(agent: User, make_ticket: MakeTicket) -> None:
    wanted = make_ticket(subject="Printer on fire")
    make_ticket(subject="Password reset", body="I forgot my password.")
    assert numbers(agent, "printer") == [wanted.number]
    assert numbers(agent, "PRINTER fire") == [wanted.number]


def test_finds_text_of_a_later_reply(agent: User, ticket: Ticket, make_ticket: MakeTicket) -> None:
    make_ticket(subject="Other")
    add_article(agent, ticket, body_text="Please restart the flux capacitor twice.")
    assert numbers(agent, "capacitor") == [ticket.number]


def test_finds_text_of_the_first_message(agent: User, make_ticket: MakeTicket) -> None:
    wanted = make_ticket(subject="Help", body="The espresso machine hisses.")
    assert numbers(agent, "espresso") == [wanted.number]


def test_finds_customer_name_and_email(agent: User, make_ticket: MakeTicket, customer: User, other_customer: User) -> None:
    mine = make_ticket(customer_email=customer.email)
    theirs = make_ticket(customer_email=other_customer.email)
    assert numbers(agent, "Carla Customer") == [mine.number]
    assert numbers(agent, "carla@customer.example") == [mine.number]
    assert numbers(agent, "bert@other.example") == [theirs.number]
    assert numbers(agent, "carla") == [mine.number]


def test_finds_ticket_by_number_with_and_without_hash(agent: User, make_ticket: MakeTicket) -> None:
    first = make_ticket()
    second = make_ticket()
    assert numbers(agent, str(second.number)) == [second.number]
    assert numbers(agent, f"#{first.number}") == [first.number]
    assert numbers(agent, f"  #{first.number} ") == [first.number]
    assert numbers(agent, "#99999999") == []
    assert numbers(agent, "9" * 40) == []  # beyond bigint: searched as text, no overflow


def test_diacritics_are_ignored_both_ways(agent: User, make_ticket: MakeTicket) -> None:
    hu = make_ticket(subject="Hibás számla")
    add_article(agent, hu, body_text="A számla összege hibás.")
    assert numbers(agent, "számla") == [hu.number]
    assert numbers(agent, "szamla") == [hu.number]
    assert numbers(agent, "OSSZEGE") == [hu.number]


def test_german_hungarian_latvian_words(agent: User, make_ticket: MakeTicket) -> None:
    de = make_ticket(subject="Frage zur Rechnung")
    hu = make_ticket(subject="Kérdés")
    lv = make_ticket(subject="Jautājums")
    add_article(agent, de, body_text="Die Rechnung für März ist doppelt.")
    add_article(agent, hu, body_text="Nem érkezett meg a számla.")
    add_article(agent, lv, body_text="Lūdzu, nosūtiet rēķinu vēlreiz.")
    assert numbers(agent, "Rechnung") == [de.number]
    assert numbers(agent, "März") == [de.number]
    assert numbers(agent, "érkezett") == [hu.number]
    assert numbers(agent, "rēķinu") == [lv.number]
    assert numbers(agent, "rekinu") == [lv.number]


def test_multiple_terms_must_all_match(agent: User, make_ticket: MakeTicket) -> None:
    both = make_ticket(subject="Invoice missing")
    add_article(agent, both, body_text="The March invoice never arrived.")
    make_ticket(subject="Invoice wrong")
    assert numbers(agent, "invoice march") == [both.number]
    assert numbers(agent, "invoice zebra") == []


def test_last_word_matches_as_prefix(agent: User, make_ticket: MakeTicket) -> None:
    wanted = make_ticket(subject="Kubernetes cluster down")
    assert numbers(agent, "kuber") == [wanted.number]
    assert numbers(agent, "cluster kuber") == [wanted.number]
    assert numbers(agent, "ku") == []  # too short to be a prefix


HOSTILE = [
    '"',
    '""',
    "*",
    "'",
    "OR",
    "AND",
    "NOT",
    "NEAR(",
    "NEAR/3",
    ") AND (",
    "printer AND (",
    "printer OR",
    "-printer",
    "printer*",
    "^printer",
    "content:printer",
    "{printer}",
    "'; DROP TABLE tickets_ticket; --",
    "printer\x00fire",
    "\x00",
    "x" * 10_000,
    "printer " * 2_000,
    "a&b|c!d<->e:*",
    "\\",
    "%_%",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(agent: User, ticket: Ticket, query: str) -> None:
    result = search_tickets(agent, query)
    assert result.next_cursor is None
    assert all(t.pk == ticket.pk for t in result.items)
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_hostile_queries_that_contain_a_word_still_find_it(agent: User, ticket: Ticket) -> None:
    assert numbers(agent, "printer) (") == [ticket.number]
    assert numbers(agent, "printer AND (") == []  # AND is a word to find, not an operator
    assert numbers(agent, '"printer"') == [ticket.number]
    assert numbers(agent, "printer\x00fire") == [ticket.number]
    assert numbers(agent, "'; DROP TABLE") == []


def test_empty_query_finds_nothing(agent: User, ticket: Ticket) -> None:
    assert numbers(agent, "") == []
    assert numbers(agent, "   ") == []


def test_outsider_agent_never_finds_other_groups_tickets(agent: User, outsider: User, ticket: Ticket) -> None:
    assert numbers(agent, "printer") == [ticket.number]
    assert numbers(outsider, "printer") == []
    assert numbers(outsider, str(ticket.number)) == []
    assert numbers(outsider, f"#{ticket.number}") == []


def test_customer_finds_only_own_tickets(agent: User, make_ticket: MakeTicket, customer: User, other_customer: User) -> None:
    own = make_ticket(customer_email=customer.email, subject="Printer jam")
    other = make_ticket(customer_email=other_customer.email, subject="Printer jam")
    assert numbers(customer, "printer") == [own.number]
    assert numbers(other_customer, "printer") == [other.number]
    assert numbers(customer, f"#{other.number}") == []
    assert numbers(customer, "bert") == []


def test_merged_tickets_articles_are_found_on_the_survivor(agent: User, make_ticket: MakeTicket) -> None:
    source = make_ticket(subject="Duplicate")
    add_article(agent, source, body_text="The toner cartridge leaks.")
    target = make_ticket(subject="Original")
    merge_tickets(agent, source, target)
    assert numbers(agent, "toner cartridge") == [target.number]


def test_keyset_pagination_newest_change_first(agent: User, make_ticket: MakeTicket) -> None:
    tickets = [make_ticket(subject=f"Router problem {i}") for i in range(5)]
    base = timezone.now()
    for offset, ticket in enumerate(tickets):
        Ticket.objects.filter(pk=ticket.pk).update(updated_at=base - timedelta(minutes=offset))
    first = search_tickets(agent, "router", limit=2)
    second = search_tickets(agent, "router", limit=2, cursor=first.next_cursor)
    third = search_tickets(agent, "router", limit=2, cursor=second.next_cursor)
    expected = [t.number for t in tickets]
    assert [t.number for t in first.items] == expected[:2]
    assert [t.number for t in second.items] == expected[2:4]
    assert [t.number for t in third.items] == expected[4:]
    assert third.next_cursor is None


@pytest.mark.parametrize("common", [False, True])
def test_common_words_walk_newest_first_with_the_same_results(
    agent: User, outsider: User, make_ticket: MakeTicket, monkeypatch: pytest.MonkeyPatch, common: bool
) -> None:
    """A common word switches to a per-row test; results and pages must not change."""
    monkeypatch.setattr(engines, "COMMON_MATCHES", 1 if common else 10_000)
    monkeypatch.setattr(engines, "PG_COMMON_MATCHES", 1 if common else 10_000)
    tickets = [make_ticket(subject=f"Router problem {i}") for i in range(3)]
    make_ticket(subject="Unrelated")
    base = timezone.now()
    for offset, ticket in enumerate(tickets):
        Ticket.objects.filter(pk=ticket.pk).update(updated_at=base - timedelta(minutes=offset))
    first = search_tickets(agent, "router problem", limit=2)
    second = search_tickets(agent, "router problem", limit=2, cursor=first.next_cursor)
    assert [t.number for t in first.items + second.items] == [t.number for t in tickets]
    assert second.next_cursor is None
    assert numbers(outsider, "router problem") == []


def test_bad_cursor_is_a_validation_error(agent: User, ticket: Ticket) -> None:
    with pytest.raises(ValidationFailed):
        search_tickets(agent, "printer", cursor="not-a-cursor!")


def test_snippets_are_plain_excerpts_around_the_match(agent: User, ticket: Ticket) -> None:
    add_article(agent, ticket, body_text="word " * 100 + "<script>alert(1)</script> the számla is wrong " + "tail " * 100)
    snippets = ticket_snippets([ticket], "szamla", width=60)
    text = snippets[ticket.pk]
    assert "számla" in text
    assert text.startswith("…")
    assert text.endswith("…")
    assert len(text) <= 62


def test_reindex_rebuilds_every_document(agent: User, ticket: Ticket, make_ticket: MakeTicket) -> None:
    second = make_ticket(subject="Second one")
    TicketSearchDocument.objects.all().delete()
    assert numbers(agent, "printer") == []
    call_command("reindex", batch=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert TicketSearchDocument.objects.count() == 2
    assert numbers(agent, "fire") == [second.number, ticket.number]
    assert numbers(agent, "carla") == [second.number, ticket.number]


def test_internal_notes_are_not_searchable_by_customers(agent: User, customer: User, make_ticket: MakeTicket) -> None:
    ticket = make_ticket(subject="Broken screen", body="My screen flickers.")
    add_article(agent, ticket, body_text="Customer is on the watchlist", is_internal=True)
    add_article(agent, ticket, body_text="We will replace the panel.")
    assert numbers(customer, "watchlist") == []
    assert numbers(agent, "watchlist") == [ticket.number]
    assert numbers(customer, "panel") == [ticket.number]
    assert numbers(customer, "screen replace") == [ticket.number]
    assert numbers(customer, "screen dishwasher") == []


def test_agent_who_is_customer_elsewhere_cannot_search_that_tickets_notes(
    agent: User, outsider: User, other_group: Group, make_ticket: MakeTicket
) -> None:
    own_request = make_ticket(actor=outsider, customer_email=agent.email, group_id=other_group.pk, subject="Laptop", body="Fan noise")
    add_article(outsider, own_request, body_text="secretword in a note", is_internal=True)
    assert numbers(agent, "secretword") == []
    assert numbers(outsider, "secretword") == [own_request.number]
