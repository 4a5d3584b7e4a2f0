"""PostgreSQL: store each search document's tsvector in a generated column and index that column.

Why: with the GIN index over the expression to_tsvector(content) (0002), every row tested one by
one (the newest-first walk for common words) and every row of a lossy bitmap's recheck re-parsed
the whole document, ~0.15 ms each (docs/benchmarks.md). A STORED generated column is parsed once
per write, kept in step by PostgreSQL itself, and to_tsvector(regconfig, text) is immutable, so the
unaccent-based configuration is allowed in it.

Cost on a populated database: the table is rewritten (1M documents: minutes) under an ACCESS
EXCLUSIVE lock on the search documents only; writes that touch a document wait until it is done.
The old expression index is dropped first, or the rewrite would rebuild it as well.
SQLite keeps its FTS5 table: nothing to do there. The statements are written out here, as they
are today, so this step never changes with the code.
"""

from django.db import migrations

TABLE = "search_ticketsearchdocument"
FORWARDS = [
    "DROP INDEX IF EXISTS search_document_tsv_gin",
    # For this transaction only: a GIN build with room for its posting lists is several times faster.
    "SET LOCAL maintenance_work_mem = '512MB'",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('supportdesk_search'::regconfig, content)) STORED",
    f"CREATE INDEX IF NOT EXISTS search_document_tsv_column_gin ON {TABLE} USING gin (tsv)",
    # The planner's word statistics for the new column; without them it guesses every selectivity.
    f"ANALYZE {TABLE}",
]
BACKWARDS = [
    "SET LOCAL maintenance_work_mem = '512MB'",
    f"CREATE INDEX IF NOT EXISTS search_document_tsv_gin ON {TABLE} "
    "USING gin (to_tsvector('supportdesk_search'::regconfig, content))",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS tsv",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
