"""Full-text indexes over TicketSearchDocument.content, one engine per database vendor.

SQLite: an external-content FTS5 table (no second copy of the text) kept in step by triggers.
PostgreSQL: a GIN index over to_tsvector of a 'simple'-based configuration that also strips
diacritics (unaccent), because tickets are multilingual and language stemming would be wrong half
the time. Migration 0003 replaces this expression index by a stored tsvector column; the
PostgreSQL statements are written out here, as they were, so this step never changes with the code.
"""

from django.db import migrations

PG_CONFIG = "supportdesk_search"
PG_INSTALL = [
    # unaccent is a trusted contrib extension (PostgreSQL 13+): a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}') THEN "
    f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple); "
    f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple; "
    "END IF; END $$",
    "CREATE INDEX IF NOT EXISTS search_document_tsv_gin ON search_ticketsearchdocument "
    f"USING gin (to_tsvector('{PG_CONFIG}'::regconfig, content))",
]
PG_UNINSTALL = ["DROP INDEX IF EXISTS search_document_tsv_gin", f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}"]


def forwards(apps, schema_editor):
    from supportdesk.search.engines import SQLITE_INSTALL

    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_INSTALL, "postgresql": PG_INSTALL}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    from supportdesk.search.engines import SQLITE_UNINSTALL

    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_UNINSTALL, "postgresql": PG_UNINSTALL}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
