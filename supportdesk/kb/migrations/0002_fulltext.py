"""Full-text index over kb SearchDocument.content, one engine per database vendor.

SQLite: an external-content FTS5 table with three columns (title, meta, content) read through a
view that splits the document's first two lines, kept in step by triggers; bm25 weights the
columns. PostgreSQL: a stored generated tsvector column (title lexemes weight A, category names
and tags B, everything D) with a GIN index, and a small second one of the title and meta lines
only (`tsv_head`, GIN-indexed too, for cheap first-pass ranking), in the ticket search's 'simple' + unaccent
configuration (search/0002), because articles exist in several languages. The PostgreSQL
statements are written out here, as they are today, so this step never changes with the code.
"""

from django.db import migrations

TABLE = "kb_searchdocument"
CONFIG = "'supportdesk_search'::regconfig"
PG_FORWARDS = [
    "SET LOCAL maintenance_work_mem = '256MB'",
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({CONFIG}, split_part(content, E'\\n', 1)), 'A') || "
    f"setweight(to_tsvector({CONFIG}, split_part(content, E'\\n', 2)), 'B') || "
    f"to_tsvector({CONFIG}, content)) STORED",
    # Title and meta only: small enough to rank every match cheaply (kb/search.py ranks in two steps).
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS tsv_head tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector({CONFIG}, split_part(content, E'\\n', 1)), 'A') || "
    f"setweight(to_tsvector({CONFIG}, split_part(content, E'\\n', 2)), 'B')) STORED",
    f"CREATE INDEX IF NOT EXISTS kb_searchdoc_tsv_gin ON {TABLE} USING gin (tsv)",
    f"CREATE INDEX IF NOT EXISTS kb_searchdoc_tsv_head_gin ON {TABLE} USING gin (tsv_head)",
    f"ANALYZE {TABLE}",
]
PG_BACKWARDS = [
    "DROP INDEX IF EXISTS kb_searchdoc_tsv_gin",
    "DROP INDEX IF EXISTS kb_searchdoc_tsv_head_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS tsv_head",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS tsv",
]


def forwards(apps, schema_editor):
    from supportdesk.kb.search import SQLITE_INSTALL

    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_INSTALL, "postgresql": PG_FORWARDS}.get(vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    from supportdesk.kb.search import SQLITE_UNINSTALL

    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_UNINSTALL, "postgresql": PG_BACKWARDS}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("kb", "0001_initial"), ("search", "0003_stored_tsvector")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
