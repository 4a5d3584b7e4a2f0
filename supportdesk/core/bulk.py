"""Writing many rows at once, for the mail import (issue 3), with the values Django's save writes.

Django's bulk_update builds one CASE WHEN per field over all rows; for a few hundred rows and a
handful of fields compiling that expression costs more than the database work (it was a third of
a mail import's time). update_rows runs one prepared UPDATE per row through executemany instead:
the statement is compiled once and the driver loops in C. insert_rows does the same for INSERTs,
and create_objects replaces bulk_create for new model instances whose ids are needed
(INSERT ... RETURNING, as bulk_create itself does on SQLite >= 3.35 and PostgreSQL), without
bulk_create's per-value compilation.

Every value is prepared by its field's get_db_prep_save, as save does; _preparer only skips that
chain where it provably returns the value unchanged (a str, or a str subclass such as a choices
member, for a plain CharField or TextField; a bool for a BooleanField) or reduces to one backend
call (an int for an integer field, a dict or list for a JSONField), and computes each distinct
datetime, and NULL, once per column (a batch stamps hundreds of rows with one `now`).

new_objects builds the unsaved instances themselves (what model(**values) builds) from a template
instance's attributes: Model.__init__ costs ~20 us per ticket, most of it in the foreign-key
descriptors and default handling, about ten times a dict copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import fields as field_types
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

Preparer = Callable[[Any], Any]
M = TypeVar("M", bound=models.Model)
_TEXT_PREP = (field_types.CharField.get_prep_value, field_types.TextField.get_prep_value)
_TEXT_TO_PYTHON = (field_types.CharField.to_python, field_types.TextField.to_python)
_JSON_PLAIN = frozenset({dict, list, str, int, float, bool})
_NOTHING: frozenset[type] = frozenset()


def _plain_str_type(kind: type) -> bool:
    """A str subclass (a TextChoices member, say) that is no SQL expression: the text fields'
    get_prep_value returns it unchanged (CharField/TextField.to_python keep any str)."""
    return issubclass(kind, str) and not hasattr(kind, "as_sql") and not hasattr(kind, "resolve_expression")


def _preparer(field: Any, connection: BaseDatabaseWrapper) -> Preparer:
    """field.get_db_prep_save(value, connection), with shortcuts that give the very same result.

    Where a shortcut applies, None (NULL, in many nullable columns of a batch) is prepared once:
    get_db_prep_save(None) depends on the field and the connection only.
    """
    return _column_preparer(field, connection)[0]


def _column_preparer(field: Any, connection: BaseDatabaseWrapper) -> tuple[Preparer, frozenset[type]]:
    """_preparer, and the value types it returns unchanged: a column holding only those is passed
    to the driver as it is (most columns of a batch: text, integers, ids, flags, NULLs)."""
    full: Preparer = partial(field.get_db_prep_save, connection=connection)
    kind = type(field)
    ops = type(connection.ops)
    if isinstance(field, models.ForeignKey) and kind.get_db_prep_save is models.ForeignKey.get_db_prep_save:
        (target, unchanged), none = _column_preparer(field.target_field, connection), full(None)
        # ForeignKey.get_db_prep_save: None and "" (where it means NULL) take its own path.
        return (
            lambda value: none if value is None else full(value) if value == "" else target(value),
            (unchanged - {str, type(None)}) | _none_type(none),
        )
    if kind.get_db_prep_save is models.JSONField.get_db_prep_save:
        if kind.get_db_prep_value is models.JSONField.get_db_prep_value and kind.get_prep_value is field_types.Field.get_prep_value:
            # JSONField: None is NULL; otherwise get_db_prep_value -> adapt_json_value(get_prep_value(value)).
            adapt_json, encoder = connection.ops.adapt_json_value, field.encoder
            return lambda value: adapt_json(value, encoder) if type(value) in _JSON_PLAIN else full(value), _NOTHING
        return full, _NOTHING
    if kind.get_db_prep_save is not field_types.Field.get_db_prep_save:
        return full, _NOTHING
    prep, db_prep = kind.get_prep_value, kind.get_db_prep_value
    if db_prep is field_types.Field.get_db_prep_value and prep in _TEXT_PREP and kind.to_python in _TEXT_TO_PYTHON:
        return _text_preparer(full), frozenset({str}) | _none_type(full(None))
    none = full(None)
    if db_prep is field_types.Field.get_db_prep_value and prep is field_types.BooleanField.get_prep_value:
        return lambda value: value if type(value) is bool else none if value is None else full(value), frozenset({bool}) | _none_type(none)
    if prep is field_types.IntegerField.get_prep_value and db_prep is field_types.IntegerField.get_db_prep_value:
        adapt, internal = connection.ops.adapt_integerfield_value, field.get_internal_type()
        same = frozenset({int}) if ops.adapt_integerfield_value is BaseDatabaseOperations.adapt_integerfield_value else _NOTHING
        return (
            lambda value: adapt(value, internal) if type(value) is int else none if value is None else full(value),
            same | _none_type(none),
        )
    if prep is field_types.IntegerField.get_prep_value and db_prep is field_types.AutoFieldMixin.get_db_prep_value:  # type: ignore[attr-defined]
        validate = connection.ops.validate_autopk_value
        same = frozenset({int}) if ops.validate_autopk_value is BaseDatabaseOperations.validate_autopk_value else _NOTHING
        return (
            lambda value: validate(value) if type(value) is int else none if value is None else full(value),
            same | _none_type(none),
        )
    if prep is field_types.DateTimeField.get_prep_value and db_prep is field_types.DateTimeField.get_db_prep_value:
        done: dict[Any, Any] = {None: none}

        def prepare_datetime(value: Any) -> Any:
            if type(value) is not datetime and value is not None:
                return full(value)
            if value not in done:
                done[value] = full(value)
            return done[value]

        return prepare_datetime, _none_type(none)
    return full, _NOTHING


def _none_type(prepared_none: Any) -> frozenset[type]:
    """{NoneType} when NULL is prepared as None itself."""
    return frozenset({type(None)}) if prepared_none is None else _NOTHING


def _prepare_rows(preparers: Sequence[tuple[Preparer, frozenset[type]]], rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Every row's values prepared, column by column: a column whose values are all of types its
    preparer returns unchanged is kept as it is (one type check per value, in C), the others are
    mapped through the preparer. Rows must have one value per preparer."""
    if not rows:
        return []
    if set(map(len, rows)) - {len(preparers)}:
        raise ValueError(f"every row needs {len(preparers)} values")
    columns: list[Sequence[Any]] = []
    for (prepare, unchanged), column in zip(preparers, zip(*rows, strict=True), strict=True):
        columns.append(column if unchanged and unchanged.issuperset(map(type, column)) else list(map(prepare, column)))
    return list(zip(*columns, strict=True))


def _text_preparer(full: Preparer) -> Preparer:
    none = full(None)
    plain: dict[type, bool] = {}

    def prepare_text(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return value
        if value is None:
            return none
        known = plain.get(kind)
        if known is None:
            known = plain[kind] = _plain_str_type(kind)
        return value if known else full(value)

    return prepare_text


def new_objects(model: type[M], rows: Iterable[Mapping[str, Any]]) -> list[M]:
    """Unsaved instances of `model` with exactly the attributes model(**row) gives them, for batches.

    Every row names the same fields: field names (a related instance, or None, for a foreign key,
    which is also cached on the instance as its descriptor would) or attnames ("ticket_id").
    Fields a row leaves out get their defaults, a callable default called for each instance (so
    no two instances share a dict). Falls back to model(**row) when something listens to the
    model's init signals or a row names a one-to-one relation (whose descriptor also sets the
    reverse side).
    """
    rows = list(rows)
    if not rows:
        return []
    meta = model._meta
    names = list(rows[0])
    fields = [meta.get_field(name) for name in names]
    if (
        pre_init.has_listeners(model)
        or post_init.has_listeners(model)
        or any(not getattr(field, "concrete", False) or field.one_to_one for field in fields)
        or any(len(row) != len(names) for row in rows)
    ):
        return [model(**row) for row in rows]
    given = {field.attname for field in fields}  # type: ignore[union-attr]
    # (row key, attname, attribute of the related instance holding the key, or "" for a plain value)
    plan = [
        (name, field.attname, field.target_field.attname if field.is_relation and name == field.name else "")  # type: ignore[union-attr]
        for name, field in zip(names, fields, strict=True)
    ]
    fresh = [
        (field.attname, field.get_default)
        for field in meta.concrete_fields
        if field.attname not in given and field.has_default() and callable(field.default)
    ]
    template = {key: value for key, value in vars(model()).items() if key != "_state"}
    objects = []
    for row in rows:
        values = dict(template)
        for attname, default in fresh:
            values[attname] = default()
        cache: dict[str, Any] = {}
        state = ModelState()
        for name, attname, target in plan:
            value = row[name]
            if target:
                cache[name] = value
                if value is None:
                    values[attname] = None
                    continue
                if state.db is None:  # as the descriptor does on its first related instance
                    state.db = router.db_for_write(model, instance=value)
                value = getattr(value, target)
            values[attname] = value
        state.fields_cache = cache
        values["_state"] = state
        obj = model.__new__(model)
        obj.__dict__ = values
        objects.append(obj)
    return objects


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
    preparers = [_column_preparer(field, connection) for field in concrete]
    preparers.append((partial(pk_field.get_db_prep_value, connection=connection), _NOTHING))
    read = attrgetter(*[field.attname for field in concrete], "pk")  # type: ignore[union-attr]
    params = _prepare_rows(preparers, [read(obj) for obj in objects])
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
    params = _prepare_rows([_column_preparer(field, connection) for field in fields], rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


def create_objects(objects: Sequence[models.Model]) -> None:
    """Insert new instances of one model (every concrete field but the auto primary key) and set
    their ids, as bulk_create does: multi-row INSERT ... RETURNING, ids in the order of `objects`.

    Without RETURNING support (old SQLite, other backends) it is bulk_create itself. Signals are not
    sent, as with bulk_create; fields with auto_now(_add) are stamped by their pre_save.
    """
    if not objects:
        return
    model = type(objects[0])
    meta = model._meta
    alias = router.db_for_write(model)
    connection = connections[alias]
    pk_field = meta.pk
    supported = connection.features.can_return_rows_from_bulk_insert and isinstance(pk_field, field_types.AutoFieldMixin)
    if not supported or any(obj.pk is not None for obj in objects):
        model._default_manager.bulk_create(objects)  # type: ignore[attr-defined]
        return
    fields = [field for field in meta.concrete_fields if field is not pk_field and not getattr(field, "generated", False)]
    stamped = {field.attname for field in fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)}
    preparers = [_column_preparer(field, connection) for field in fields]
    names = [field.attname for field in fields]
    read = attrgetter(*names) if len(names) > 1 else lambda obj: tuple(getattr(obj, name) for name in names)
    stamping = [(index, field) for index, field in enumerate(fields) if field.attname in stamped]
    values: list[Sequence[Any]] = []
    for obj in objects:
        row: Sequence[Any] = read(obj)
        if stamping:
            stamped_row = list(row)
            for index, field in stamping:
                stamped_row[index] = field.pre_save(obj, True)
            row = stamped_row
        values.append(row)
    rows = _prepare_rows(preparers, values)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(connection.ops.bulk_batch_size(fields, objects), 1)
    returning = quote(str(pk_field.column))
    ids: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {', '.join([one_row] * len(chunk))} RETURNING {returning}"  # noqa: S608
            cursor.execute(sql, list(chain.from_iterable(chunk)))
            ids.extend(row[0] for row in cursor.fetchall())
    if len(ids) != len(objects):
        raise RuntimeError(f"{len(ids)} ids returned for {len(objects)} new {meta.label} rows")
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias
