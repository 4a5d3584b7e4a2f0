# ruff: noqa: S608, S611 - SQL here interpolates only module constants; user text is always a bound parameter.
"""The two full-text engines behind search_tickets: SQLite FTS5 and PostgreSQL tsvector + GIN.

Everything that turns user input into engine syntax lives here. User text never reaches FTS5
MATCH or to_tsquery raw: it is cut into word tokens (letters and digits only), and each token is
either quoted as an FTS5 string or handed to plainto_tsquery/to_tsquery as a bound parameter
that cannot contain an operator. So `"`, `*`, `NEAR(`, `) AND (`, `-` and SQL-ish input are just
words or nothing, never a syntax error (BAD-INPUTS 47).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import OperationalError, connection, transaction
from django.db.models.expressions import RawSQL

FTS_TABLE = "search_ticket_fts"
DOC_TABLE = "search_ticketsearchdocument"
PG_CONFIG = "supportdesk_search"
PG_INDEX = "search_document_tsv_column_gin"
T = TypeVar("T")
QUERY_CANCELED = "57014"  # SQLSTATE of a statement stopped by statement_timeout
# A query is cut to this many word tokens; more words only narrow results and cost more.
MAX_TERMS = 12
# The last word is matched as a prefix (search-as-you-type) only from this length on: shorter
# prefixes match a large part of any index and are both slow and useless.
MIN_PREFIX = 3

# Letters and digits; '_' and punctuation separate words, as in both engines' tokenizers.
WORD = re.compile(r"[^\W_]+")

SQLITE_INSTALL = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(content, content='{DOC_TABLE}', content_rowid='ticket_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER search_doc_ai AFTER INSERT ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, content) VALUES (new.ticket_id, new.content); END",
    f"CREATE TRIGGER search_doc_ad AFTER DELETE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, content) VALUES ('delete', old.ticket_id, old.content); END",
    f"CREATE TRIGGER search_doc_au AFTER UPDATE ON {DOC_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, content) VALUES ('delete', old.ticket_id, old.content); "
    f"INSERT INTO {FTS_TABLE}(rowid, content) VALUES (new.ticket_id, new.content); END",
    # Index rows that existed before this migration (an upgrade of a populated database).
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_doc_ai",
    "DROP TRIGGER IF EXISTS search_doc_ad",
    "DROP TRIGGER IF EXISTS search_doc_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# The tsvector of each document is stored (a generated column, migration 0003), so neither the
# per-row test nor a bitmap recheck re-parses the document text; the GIN index is over that column.
PG_TSV = "tsv"
PG_CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {DOC_TABLE} USING gin ({PG_TSV})"


def clean_query(raw: str, *, max_chars: int) -> str:
    """Drop control characters (NUL breaks PostgreSQL text), collapse whitespace, bound the length."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: max_chars * 4])
    return " ".join(text.split())[:max_chars]


def query_terms(query: str) -> list[str]:
    """The word tokens of a query, in order, at most MAX_TERMS."""
    return WORD.findall(query)[:MAX_TERMS]


@dataclass(frozen=True)
class Match:
    """How to find the tickets matching one query on one engine, in two shapes.

    `ids()`: the set of matching ticket ids, computed through the full-text index first; cheap
    when few documents match. `row_test`: an SQL condition on tickets_ticket tested per row while
    walking tickets newest first; cheap when many match, as a page fills after a few dozen rows.
    `is_common()` picks between them. SQLite counts matches with a probe that stops at
    COMMON_MATCHES. PostgreSQL asks the planner instead: a GIN index can only be read as a bitmap
    of every match, so counting even a capped number of matches of a word in half the documents
    costs 150-700 ms on 1M tickets, while an estimate from the column's lexeme statistics costs
    a millisecond. Each word is estimated alone and the smallest estimate counts: the planner's
    estimate for all words together assumes they are independent, and words of one language
    are not ("rēķins nosūtiet": 9,000 estimated, 88,000 real, 2 s through the id set). A walk
    that turns out slow (words that are common alone but rare together) is cut short by the
    caller; see queries.py.
    """

    ids_sql: str
    params: list[str]
    row_test: str
    test_params: list[str]
    # (sql, params) pairs: SQLite's one counting probe, or PostgreSQL's one probe per word to plan.
    probes: tuple[tuple[str, tuple[str, ...]], ...]
    postgres: bool = False

    def ids(self) -> RawSQL:
        return RawSQL(self.ids_sql, self.params)  # type: ignore[arg-type]

    def is_common(self) -> bool:
        with connection.cursor() as cursor:
            if self.postgres:
                estimates = []
                for sql, params in self.probes:
                    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", list(params))
                    estimates.append(_plan_rows(cursor.fetchone()[0]))
                return bool(estimates) and min(estimates) >= PG_COMMON_MATCHES
            sql, params = self.probes[0]
            cursor.execute(sql, [*params, COMMON_MATCHES])
            return int(cursor.fetchone()[0]) >= COMMON_MATCHES


def run_bounded(run: Callable[[], T], *, settings: dict[str, str]) -> T | None:
    """PostgreSQL: run `run`'s queries with these settings (e.g. statement_timeout); None if the
    statement timeout cut them.

    In a savepoint, so a cancelled statement leaves an outer transaction usable; the old values
    are put back, since set_config(..., true) would otherwise last to the end of that transaction.
    Setting names are module constants, never user input.
    """
    with connection.cursor() as cursor:
        previous = {}
        for name in settings:
            cursor.execute("SELECT current_setting(%s)", [name])
            previous[name] = cursor.fetchone()[0]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for name, value in settings.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
            result = run()
            for name, value in previous.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
            return result
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) == QUERY_CANCELED:
            return None
        raise


def _plan_rows(plan: str | list[dict[str, Any]]) -> float:
    """The planner's row estimate from EXPLAIN (FORMAT JSON) output (text or already decoded)."""
    decoded = json.loads(plan) if isinstance(plan, str) else plan
    return float(decoded[0]["Plan"]["Plan Rows"])


# A match with at least this many documents is "common" (see Match). The walk tests about
# 26 / (share of visible tickets that match) rows. FTS5 tests a row cheaply. On PostgreSQL a row
# test reads the stored tsvector (~0.01 ms; before migration 0003 it re-parsed the document,
# ~0.15 ms), so the walk wins from about 1% of a large table: a word in 10,000 of 1M documents
# fills a page of a 40%-visibility agent after ~6,500 rows, while its id set costs as much.
COMMON_MATCHES = 2000
PG_COMMON_MATCHES = 10_000


def sqlite_match(query: str) -> Match | None:
    """FTS5: every token quoted (a string, never an operator), all required; last one as a prefix.

    The probe and the per-row test use the exact words: testing a prefix per row rescans every
    term with that prefix and costs far more. For a common word the newest page is full of exact
    hits anyway, so only longer forms of the last word ("printers") may drop off that page.
    """
    terms = query_terms(query)
    if not terms:
        return None
    parts = [f'"{term}"' for term in terms]
    exact = " ".join(parts)
    if len(terms[-1]) >= MIN_PREFIX and query.rstrip().endswith(terms[-1]):
        parts[-1] += "*"
    return Match(
        ids_sql=f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
        params=[" ".join(parts)],
        row_test=f"EXISTS (SELECT 1 FROM {FTS_TABLE} f WHERE f.{FTS_TABLE} MATCH %s AND f.rowid = tickets_ticket.id)",
        test_params=[exact],
        probes=((f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)", (exact,)),),
    )


def postgres_match(query: str) -> Match | None:
    """tsquery from plainto_tsquery (uses the same parser as the index, so e-mail addresses and
    hyphenated words match as indexed); a trailing plain word of MIN_PREFIX+ characters is matched
    as a prefix through to_tsquery, whose input is then letters and digits only.

    All three shapes read the stored column PG_TSV, never to_tsvector(content): a per-row test
    or a bitmap recheck then compares lexemes instead of re-parsing the document. The id set is a
    MATERIALIZED CTE so the planner cannot turn a rare word into a walk over all tickets. The
    probes are only planned, never run (see Match).
    """
    terms = query_terms(query)
    if not terms:
        return None
    words = query.split()
    last = words[-1]
    plain = f"plainto_tsquery('{PG_CONFIG}'::regconfig, %s)"
    prefix = f"to_tsquery('{PG_CONFIG}'::regconfig, %s)"
    tsquery = plain
    params = [query]
    # Words without a letter or digit are no lexeme and restrict nothing: no estimate for them.
    probes = [(f"SELECT 1 FROM {DOC_TABLE} WHERE {PG_TSV} @@ {plain}", (word,)) for word in words if WORD.search(word)]
    if WORD.fullmatch(last) and len(last) >= MIN_PREFIX:
        tsquery = f"({plain} && {prefix})"
        params = [" ".join(words[:-1]), f"{last}:*"]
        probes[-1] = (f"SELECT 1 FROM {DOC_TABLE} WHERE {PG_TSV} @@ {prefix}", (f"{last}:*",))
    return Match(
        ids_sql=f"WITH m AS MATERIALIZED (SELECT ticket_id FROM {DOC_TABLE} WHERE {PG_TSV} @@ {tsquery}) SELECT ticket_id FROM m",
        params=params,
        row_test=f"EXISTS (SELECT 1 FROM {DOC_TABLE} d WHERE d.ticket_id = tickets_ticket.id AND d.{PG_TSV} @@ {tsquery})",
        test_params=params,
        probes=tuple(probes[:MAX_TERMS]),
        postgres=True,
    )
