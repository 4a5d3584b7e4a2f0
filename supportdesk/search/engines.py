# ruff: noqa: S608, S611 - SQL here interpolates only module constants; user text is always a bound parameter.
"""The two full-text engines behind search_tickets: SQLite FTS5 and PostgreSQL tsvector + GIN.

Everything that turns user input into engine syntax lives here. User text never reaches FTS5
MATCH or to_tsquery raw: it is cut into word tokens (letters and digits only), and each token is
either quoted as an FTS5 string or handed to plainto_tsquery/to_tsquery as a bound parameter
that cannot contain an operator. So `"`, `*`, `NEAR(`, `) AND (`, `-` and SQL-ish input are just
words or nothing, never a syntax error (BAD-INPUTS 47).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

FTS_TABLE = "search_ticket_fts"
DOC_TABLE = "search_ticketsearchdocument"
PG_CONFIG = "supportdesk_search"
PG_INDEX = "search_document_tsv_gin"
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

PG_CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {DOC_TABLE} USING gin (to_tsvector('{PG_CONFIG}'::regconfig, content))"
PG_DROP_INDEX = f"DROP INDEX IF EXISTS {PG_INDEX}"
PG_INSTALL = [
    # unaccent is a trusted contrib extension (PostgreSQL 13+): a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}') THEN "
    f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple); "
    f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple; "
    "END IF; END $$",
    PG_CREATE_INDEX,
]
PG_UNINSTALL = [PG_DROP_INDEX, f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}"]


def install_sql(vendor: str) -> list[str]:
    """DDL that creates the full-text index for this database vendor (nothing for others)."""
    return {"sqlite": SQLITE_INSTALL, "postgresql": PG_INSTALL}.get(vendor, [])


def uninstall_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_UNINSTALL, "postgresql": PG_UNINSTALL}.get(vendor, [])


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
    `is_common()` picks between them with a probe that stops at COMMON_MATCHES documents.
    """

    ids_sql: str
    params: list[str]
    row_test: str
    test_params: list[str]
    probe_sql: str
    probe_params: list[str]
    probe_setup: tuple[str, ...] = ()
    postgres: bool = False

    def ids(self) -> RawSQL:
        return RawSQL(self.ids_sql, self.params)  # type: ignore[arg-type]

    def is_common(self) -> bool:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in self.probe_setup:
                cursor.execute(statement)
            threshold = PG_COMMON_MATCHES if self.postgres else COMMON_MATCHES
            cursor.execute(self.probe_sql, [*self.probe_params, threshold])
            return int(cursor.fetchone()[0]) >= threshold


# A match with at least this many documents is "common" (see Match). The walk tests about
# 26 / (share of visible tickets that match) rows; on PostgreSQL each test recomputes to_tsvector
# (~0.15 ms), so the walk only wins for words in a few percent of a large table; measured on 1M
# tickets (docs/benchmarks.md). FTS5 tests a row far more cheaply.
COMMON_MATCHES = 2000
PG_COMMON_MATCHES = 30_000


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
        probe_sql=f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
        probe_params=[exact],
    )


PG_VECTOR = f"to_tsvector('{PG_CONFIG}'::regconfig, content)"


def postgres_match(query: str) -> Match | None:
    """tsquery from plainto_tsquery (uses the same parser as the index, so e-mail addresses and
    hyphenated words match as indexed); a trailing plain word of MIN_PREFIX+ characters is matched
    as a prefix through to_tsquery, whose input is then letters and digits only.

    The id set is a MATERIALIZED CTE: left to itself the planner walks tickets and recomputes
    to_tsvector per row even for a word that matches three documents (minutes on 1M tickets).
    The probe runs with more work_mem so the bitmap stays exact (a lossy bitmap rechecks rows by
    recomputing to_tsvector) and without seq scans, so it always reads the GIN index.
    """
    terms = query_terms(query)
    if not terms:
        return None
    words = query.split()
    last = words[-1]
    tsquery = f"plainto_tsquery('{PG_CONFIG}'::regconfig, %s)"
    params = [query]
    if WORD.fullmatch(last) and len(last) >= MIN_PREFIX:
        tsquery = f"(plainto_tsquery('{PG_CONFIG}'::regconfig, %s) && to_tsquery('{PG_CONFIG}'::regconfig, %s))"
        params = [" ".join(words[:-1]), f"{last}:*"]
    return Match(
        ids_sql=f"WITH m AS MATERIALIZED (SELECT ticket_id FROM {DOC_TABLE} WHERE {PG_VECTOR} @@ {tsquery}) SELECT ticket_id FROM m",
        params=params,
        row_test=f"EXISTS (SELECT 1 FROM {DOC_TABLE} d WHERE d.ticket_id = tickets_ticket.id AND to_tsvector("
        f"'{PG_CONFIG}'::regconfig, d.content) @@ {tsquery})",
        test_params=params,
        probe_sql=f"SELECT count(*) FROM (SELECT 1 FROM {DOC_TABLE} WHERE {PG_VECTOR} @@ {tsquery} LIMIT %s) s",
        probe_params=params,
        probe_setup=("SET LOCAL work_mem = '64MB'", "SET LOCAL enable_seqscan = off"),
        postgres=True,
    )
