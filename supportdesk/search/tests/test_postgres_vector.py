"""PostgreSQL only: the stored tsvector column (migration 0003) serves every search query shape."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from supportdesk.accounts.models import User
from supportdesk.search import engines, queries
from supportdesk.search.queries import search_tickets
from supportdesk.tickets.actions import add_article, update_ticket
from supportdesk.tickets.models import Ticket

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text only"),
]


def _fetch(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


def test_the_vector_is_a_generated_column_with_the_gin_index_on_it() -> None:
    assert _fetch(
        "SELECT is_generated, generation_expression FROM information_schema.columns "
        "WHERE table_name = 'search_ticketsearchdocument' AND column_name = 'tsv'"
    ) == [("ALWAYS", "to_tsvector('supportdesk_search'::regconfig, content)")]
    assert _fetch(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_ticketsearchdocument' AND indexdef LIKE %s",
        ["%USING gin%"],
    ) == [
        (
            "search_document_tsv_column_gin",
            "CREATE INDEX search_document_tsv_column_gin ON public.search_ticketsearchdocument USING gin (tsv)",
        )
    ]


def test_the_stored_vector_follows_replies_and_renames(agent: User, ticket: Ticket) -> None:
    add_article(agent, ticket, body_text="The Überweisung failed.")
    update_ticket(agent, ticket, {"subject": "Bank transfer"})
    [(vector,)] = _fetch("SELECT tsv::text FROM search_ticketsearchdocument WHERE ticket_id = %s", [ticket.pk])
    assert "'uberweisung'" in str(vector)
    assert "'bank'" in str(vector)
    assert "'printer'" in str(vector)  # still in the first message


@pytest.mark.parametrize("common", [False, True])
def test_no_query_shape_parses_documents(agent: User, ticket: Ticket, monkeypatch: pytest.MonkeyPatch, common: bool) -> None:
    """The plan of the id-set and of the per-row walk reads tsv; re-parsing content per row was the slow part."""
    monkeypatch.setattr(engines, "PG_COMMON_MATCHES", 1 if common else 10_000)
    match = engines.postgres_match("printer fir")
    assert match is not None
    assert match.is_common() is common
    assert [t.pk for t in search_tickets(agent, "printer fir").items] == [ticket.pk]
    walk = f"SELECT id FROM tickets_ticket WHERE {match.row_test} ORDER BY updated_at DESC LIMIT 26"
    shapes: list[tuple[str, list[Any]]] = [
        (match.ids_sql, match.params),
        *[(sql, list(params)) for sql, params in match.probes],
        (walk, match.test_params),
    ]
    for sql, params in shapes:
        plan = "\n".join(str(row[0]) for row in _fetch(f"EXPLAIN (VERBOSE) {sql}", params))
        assert "to_tsvector" not in plan
        assert "tsv @@" in plan


def test_a_walk_cut_by_the_timeout_leaves_the_transaction_usable_and_the_setting_restored() -> None:
    [(before,)] = _fetch("SHOW statement_timeout")
    result = engines.run_bounded(lambda: _fetch("SELECT pg_sleep(2)"), settings={"statement_timeout": "50ms"})
    assert result is None
    assert _fetch("SHOW statement_timeout") == [(before,)]
    assert engines.run_bounded(lambda: _fetch("SELECT 7"), settings={"statement_timeout": "5s"}) == [(7,)]
    assert _fetch("SHOW statement_timeout") == [(before,)]


def test_a_cut_walk_falls_back_to_the_id_set_with_the_same_page(agent: User, make_ticket: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "PG_COMMON_MATCHES", 1)
    tickets = [make_ticket(subject=f"Modem light {i}") for i in range(3)]
    walked = [t.pk for t in search_tickets(agent, "modem light").items]
    monkeypatch.setattr(queries, "run_bounded", lambda run, settings: None)
    assert [t.pk for t in search_tickets(agent, "modem light").items] == walked == [t.pk for t in reversed(tickets)]
