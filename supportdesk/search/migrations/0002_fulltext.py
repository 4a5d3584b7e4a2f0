"""Full-text indexes over TicketSearchDocument.content, one engine per database vendor.

SQLite: an external-content FTS5 table (no second copy of the text) kept in step by triggers.
PostgreSQL: a GIN index over to_tsvector of a 'simple'-based configuration that also strips
diacritics (unaccent), because tickets are multilingual and language stemming would be wrong half
the time. The SQL lives in supportdesk.search.engines so queries and migration name the same objects.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from supportdesk.search.engines import install_sql

    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    from supportdesk.search.engines import uninstall_sql

    for statement in uninstall_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
