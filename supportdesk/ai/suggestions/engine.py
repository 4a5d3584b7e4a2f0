# ruff: noqa: S608 - SQL here interpolates only module constants and placeholders; every term and id is a bound parameter.
"""Ranked "any of these words" retrieval over the ticket search index (search app), per engine.

The ticket search (search/queries.py) needs every word of a query; similar tickets need the
opposite: any of a dozen words, ranked by how many (and how rare) of them a document holds. This
module asks the same index, never another one: SQLite's FTS5 table and PostgreSQL's stored
tsvector with its GIN index (search/engines.py, migrations 0002 and 0003).

Safety (BAD-INPUTS 47): terms are word tokens (letters and digits only, search.engines.WORD,
checked again here). On FTS5 each is a quoted string joined with OR, so `NEAR`, `AND`, `*`, `:`
or `-` can never be operators; on PostgreSQL each goes to plainto_tsquery as a bound parameter.

Cost bounds: a document frequency is counted up to a cap (or, on a large PostgreSQL table, taken
from the planner's estimate, as search.engines does: counting a common word there reads its whole
posting list). The candidates are the `pool` newest matching tickets, so a query whose words are
all common scores no more than `pool` rows. PostgreSQL statements run bounded (run_bounded).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import OperationalError, connection, transaction

from supportdesk.search.engines import DOC_TABLE, FTS_TABLE, PG_CONFIG, PG_TSV, QUERY_CANCELED, WORD

TICKETS = "tickets_ticket"
# Up to this many documents a PostgreSQL count is exact; beyond, the planner estimates.
PG_EXACT_BELOW = 20_000
STATEMENT_TIMEOUT_MS = 1500
# For the counting and candidates statements only (see _postgres_candidates); constants, never input.
PG_SETTINGS = {
    "enable_seqscan": "off",
    "max_parallel_workers_per_gather": "0",
    "statement_timeout": f"{STATEMENT_TIMEOUT_MS}ms",
}
T = TypeVar("T")


def run_bounded(run: Callable[[], T]) -> T | None:
    """PostgreSQL: run `run` with PG_SETTINGS; None when the statement timeout cut it.

    Like search.engines.run_bounded, in three statements instead of three per setting: in a
    savepoint (a cancelled statement leaves an outer transaction usable), and the previous values
    are put back, since set_config(..., true) would otherwise last to the end of that transaction.
    """
    names = list(PG_SETTINGS)
    assign = "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(["current_setting(%s)"] * len(names)), names)
        previous = cursor.fetchone()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(assign, [value for name in names for value in (name, PG_SETTINGS[name])])
            result = run()
            cursor.execute(assign, [value for name, old in zip(names, previous, strict=True) for value in (name, old)])
            return result
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) == QUERY_CANCELED:
            return None
        raise


def supported() -> bool:
    return connection.vendor in ("sqlite", "postgresql")


def _safe(terms: Sequence[str]) -> list[str]:
    """Only word tokens: anything else would be a bug upstream, and is dropped rather than sent."""
    return [term for term in terms if WORD.fullmatch(term)]


def _plain(count: int) -> list[str]:
    return [f"plainto_tsquery('{PG_CONFIG}'::regconfig, %s)"] * count


def document_count() -> int:
    """How many ticket documents the index holds (PostgreSQL: the table statistics when large)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [DOC_TABLE])
            row = cursor.fetchone()
            estimate = int(row[0]) if row and row[0] is not None else -1
            if estimate >= PG_EXACT_BELOW:
                return estimate
        cursor.execute(f"SELECT count(*) FROM {DOC_TABLE}")
        return int(cursor.fetchone()[0])


def _plan_rows(plan: Any) -> float:
    decoded = json.loads(plan) if isinstance(plan, str) else plan
    return float(decoded[0]["Plan"]["Plan Rows"])


def document_frequencies(terms: Sequence[str], *, total: int, cap: int) -> dict[str, int]:
    """Documents holding each term, counted up to `cap` (a term at the cap is "common").

    Exact counts go in one statement (one capped sub-select per term). On PostgreSQL that
    statement runs with PG_SETTINGS (a LIMIT made the planner walk the table, parsing every
    vector, for words it thought common), and a large table gets the planner's estimates
    instead, one EXPLAIN per term (see the module doc), as does a count that hits the timeout."""
    safe = _safe(terms)
    if not safe:
        return {}
    if connection.vendor == "postgresql":
        counted = _postgres_counts(safe, cap=cap) if total < PG_EXACT_BELOW else None
        return counted if counted is not None else _postgres_estimates(safe, cap=cap)
    one = f"(SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s))"
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([one] * len(safe)), [value for term in safe for value in (f'"{term}"', cap)])
        row = cursor.fetchone()
    return {term: int(count) for term, count in zip(safe, row, strict=True)}


def _postgres_counts(terms: list[str], *, cap: int) -> dict[str, int] | None:
    one = f"(SELECT count(*) FROM (SELECT 1 FROM {DOC_TABLE} WHERE {PG_TSV} @@ {_plain(1)[0]} LIMIT %s) s)"

    def run() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join([one] * len(terms)), [value for term in terms for value in (term, cap)])
            return tuple(cursor.fetchone())

    row = run_bounded(run)
    return None if row is None else {term: int(count) for term, count in zip(terms, row, strict=True)}


def _postgres_estimates(terms: list[str], *, cap: int) -> dict[str, int]:
    found = {}
    with connection.cursor() as cursor:
        for term in terms:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {DOC_TABLE} WHERE {PG_TSV} @@ {_plain(1)[0]}", [term])
            found[term] = min(cap, int(_plan_rows(cursor.fetchone()[0])))
    return found


def _filters(alias: str, *, states: Sequence[str], exclude_id: int, group_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    sql = f" AND {alias}.state IN ({', '.join(['%s'] * len(states))}) AND {alias}.id <> %s"
    params: list[Any] = [*states, exclude_id]
    if group_ids is not None:
        sql += f" AND {alias}.group_id IN ({', '.join(['%s'] * len(group_ids))})"
        params += list(group_ids)
    return sql, params


def candidates(
    terms: Sequence[str], *, states: Sequence[str], exclude_id: int, group_ids: Sequence[int] | None, pool: int, keep: int
) -> dict[int, set[str]]:
    """Tickets in `states` (and `group_ids`, None: every group) whose document holds any term.

    Returns ticket id -> the terms its document holds, for at most `keep` tickets: on SQLite the
    best `keep` of the pool by bm25, on PostgreSQL the whole pool (scoring there tests each term
    against the stored tsvector anyway). The pool is the `pool` newest matching tickets.
    """
    safe = _safe(terms)
    if not safe or not states or (group_ids is not None and not group_ids):
        return {}
    if connection.vendor == "postgresql":
        return _postgres_candidates(safe, states=states, exclude_id=exclude_id, group_ids=group_ids, pool=pool)
    if connection.vendor == "sqlite":
        return _sqlite_candidates(safe, states=states, exclude_id=exclude_id, group_ids=group_ids, pool=pool, keep=keep)
    return {}


def _sqlite_candidates(
    terms: list[str], *, states: Sequence[str], exclude_id: int, group_ids: Sequence[int] | None, pool: int, keep: int
) -> dict[int, set[str]]:
    """FTS5 drives the join (CROSS JOIN keeps it the outer loop) newest first; each match's ticket
    row is reached by primary key. Without ORDER BY rank, bm25 is computed for pooled rows only."""
    where, params = _filters("t", states=states, exclude_id=exclude_id, group_ids=group_ids)
    sql = (
        f"SELECT t.id, bm25({FTS_TABLE}) FROM {FTS_TABLE} CROSS JOIN {TICKETS} t "
        f"WHERE {FTS_TABLE} MATCH %s AND t.id = {FTS_TABLE}.rowid{where} ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
    )
    match = " OR ".join(f'"{term}"' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, pool])
        rows = sorted(cursor.fetchall(), key=lambda row: (row[1], -row[0]))[:keep]
        found: dict[int, set[str]] = {int(row[0]): set() for row in rows}
        if not found:
            return {}
        # Which terms each candidate holds: each term's matches within the candidates' rowid range
        # (FTS5 seeks a range; `rowid IN (...)` made it test every match and cost 20x more).
        one = f"SELECT %s, rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s"
        low, high = min(found), max(found)
        params = [value for index, term in enumerate(terms) for value in (index, f'"{term}"', low, high)]
        cursor.execute(" UNION ALL ".join([one] * len(terms)), params)
        for index, ticket_id in cursor.fetchall():
            if int(ticket_id) in found:
                found[int(ticket_id)].add(terms[int(index)])
    return found


def _postgres_candidates(
    terms: list[str], *, states: Sequence[str], exclude_id: int, group_ids: Sequence[int] | None, pool: int
) -> dict[int, set[str]]:
    """The match set through the GIN index (a MATERIALIZED CTE), the newest `pool` of them after
    the state and group filters, then one test per term against each pooled document's vector.

    Measured on 20,000 tickets (docs/ai-suggestions.md): the planner estimates an OR of ten words
    at a fifth of the table and picks a sequential scan that reads every stored vector
    (80 ms); the GIN bitmap takes 7 ms, so sequential scans are switched off for this statement.
    strip() decompresses each pooled vector once (without positions) instead of once per term.
    Bounded by STATEMENT_TIMEOUT: past it there are no candidates rather than a slow page.
    """
    where, params = _filters("t", states=states, exclude_id=exclude_id, group_ids=group_ids)
    plain = _plain(len(terms))
    any_term = " || ".join(plain)
    tests = ", ".join(f"v @@ {query}" for query in plain)
    sql = (
        f"WITH m AS MATERIALIZED (SELECT ticket_id FROM {DOC_TABLE} WHERE {PG_TSV} @@ ({any_term})), "
        f"pool AS MATERIALIZED (SELECT t.id FROM {TICKETS} t JOIN m ON m.ticket_id = t.id WHERE TRUE{where} "
        "ORDER BY t.id DESC LIMIT %s) "
        f"SELECT id, {tests} FROM (SELECT d.ticket_id AS id, strip(d.{PG_TSV}) AS v FROM {DOC_TABLE} d "
        "JOIN pool ON pool.id = d.ticket_id OFFSET 0) s"
    )

    def run() -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, *params, pool, *terms])
            return list(cursor.fetchall())

    rows = run_bounded(run)
    if rows is None:
        return {}
    return {int(row[0]): {term for term, hit in zip(terms, row[1:], strict=True) if hit} for row in rows}
