"""Writing many rows' changed fields at once.

Django's bulk_update builds one CASE WHEN per field over all rows; for a few hundred rows and a
handful of fields compiling that expression costs more than the database work (it was a third of
a mail import's time). update_rows runs one prepared UPDATE per row through executemany instead:
the statement is compiled once and the driver loops in C.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router


def update_rows(objects: Sequence[models.Model], field_names: Sequence[str]) -> int:
    """Write the named fields of every object (by primary key); return how many objects were given."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    concrete = [field for field in fields if getattr(field, "concrete", False) and not getattr(field, "many_to_many", False)]
    if len(concrete) != len(fields):
        raise ValueError("update_rows only writes concrete, non-relational-set fields")
    alias = router.db_for_write(model)
    connection = connections[alias]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in concrete)  # type: ignore[union-attr]
    pk_field = meta.pk
    assert pk_field is not None and pk_field.column is not None
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(pk_field.column)} = %s"  # noqa: S608 - names from the model
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in concrete]  # type: ignore[union-attr]
        + [pk_field.get_db_prep_value(obj.pk, connection)]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(objects)


def insert_rows(
    model: type[models.Model], field_names: Sequence[str], rows: Sequence[Sequence[object]], *, ignore_conflicts: bool = False
) -> int:
    """INSERT plain value tuples (in `field_names` order) through executemany, for rows nobody reads
    back in the same step (events, search documents, mail metadata): no model instances, no RETURNING.

    Values are prepared by each field exactly as Django's own save does (get_db_prep_save), so JSON,
    dates and foreign keys (pass the id, field name "ticket" or "ticket_id") are stored the same way.
    Defaults are not applied: name every column that has no database default.
    """
    if not rows:
        return 0
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    alias = router.db_for_write(model)
    connection = connections[alias]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)  # type: ignore[union-attr]
    placeholders = ", ".join(["%s"] * len(fields))
    suffix = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}){suffix}"  # noqa: S608 - names from the model
    preparers = [field.get_db_prep_save for field in fields]  # type: ignore[union-attr]
    params = [[prepare(value, connection) for prepare, value in zip(preparers, row, strict=True)] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)
