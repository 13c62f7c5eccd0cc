"""Model instances from plain SQL rows, converted as the ORM converts them, for the few hot reads
written in SQL because compiling the ORM's query cost more than running it."""

import functools

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import signals


@functools.lru_cache(maxsize=512)
def _converters(field, connection) -> tuple:
    """``field``'s column and the converters the ORM runs on its values from ``connection``."""
    column = field.get_col(field.model._meta.db_table)
    return column, (*connection.ops.get_db_converters(column), *field.get_db_converters(connection))


def converted(model, fields: list[str], rows) -> list[list]:
    """Plain SQL ``rows`` whose first columns are ``model``'s ``fields`` (attnames), with those
    converted to Python values as the ORM converts them (SQLite returns dates as text and
    booleans as integers); any further columns are left as they are."""
    connection = connections[DEFAULT_DB_ALIAS]
    steps = []
    for index, name in enumerate(fields):
        column, found = _converters(model._meta.get_field(name), connection)
        if found:
            steps.append((index, column, found))
    rows = [list(row) for row in rows]
    for index, column, found in steps:
        for row in rows:
            for converter in found:
                row[index] = converter(row[index], column, connection)
    return rows


def value(model, name: str, raw):
    """One value of ``model``'s field ``name`` as the database driver gave it, as the ORM would
    load it (an aware datetime, decoded JSON, ...)."""
    return converted(model, [name], [[raw]])[0][0]


def instances(model, fields: list[str], rows) -> list:
    """Instances of ``model`` from plain SQL rows of ``fields`` (attnames, in the model's field
    order), converted and loaded as a QuerySet loads them; the fields left out are deferred."""
    return [model.from_db(DEFAULT_DB_ALIAS, fields, row) for row in converted(model, fields, rows)]


def columns(model, fields: list[str], alias: str) -> str:
    """``fields`` as a SELECT list of the table ``alias``."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    return ", ".join(f"{alias}.{quote(model._meta.get_field(name).column)}" for name in fields)


def select(model, *, order_by: tuple[str, ...] = (), **where) -> list:
    """The instances of ``model`` whose columns equal ``where`` (attnames), all their columns
    loaded, in ``order_by``'s order: the ORM's ``filter(**where).order_by(*order_by)``, without
    compiling a query."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    fields = concrete_fields(model)

    def column(name: str) -> str:
        return f"t.{quote(model._meta.get_field(name).column)}"

    sql = (
        f"SELECT {columns(model, fields, 't')} FROM {quote(model._meta.db_table)} t"
        f" WHERE {' AND '.join(f'{column(name)} = %s' for name in where)}"
    )
    if order_by:
        sql += f" ORDER BY {', '.join(column(name) for name in order_by)}"
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, list(where.values()))
        return instances(model, fields, cursor.fetchall())


def one(model, **where):
    """The instance of ``model`` whose columns equal ``where`` (attnames), all its columns loaded,
    or None: the ORM's ``get()`` for a row found by a unique key, without compiling a query."""
    found = select(model, **where)
    return found[0] if found else None


def concrete_fields(model, *leave_out: str) -> list[str]:
    """The attnames of ``model``'s columns, in order, but those named in ``leave_out``."""
    return [f.attname for f in model._meta.concrete_fields if f.name not in leave_out]


def insert(instance) -> None:
    """Write the new ``instance``'s row as ``save(force_insert=True)`` writes it, in plain SQL:
    each field's pre_save (auto_now and the like), its value converted for the database as the
    ORM converts it, the key read back, the save signals sent. For a model without parents
    whose only column the database fills is its key; any other goes through the ORM."""
    model = type(instance)
    meta = model._meta
    connection = connections[DEFAULT_DB_ALIAS]
    if (
        meta.parents
        or instance.pk is not None
        or list(meta.db_returning_fields) != [meta.pk]
        or not connection.features.can_return_columns_from_insert
    ):
        instance.save_base(force_insert=True)
        return
    instance._prepare_related_fields_for_save(operation_name="save")
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None
    )
    fields = [f for f in meta.local_concrete_fields if f is not meta.pk and not f.generated]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(meta.pk.column)}",
            [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields],
        )
        (key,) = cursor.fetchone()
    instance.pk = key
    instance._state.adding, instance._state.db = False, DEFAULT_DB_ALIAS
    signals.post_save.send(
        sender=model,
        instance=instance,
        created=True,
        update_fields=None,
        raw=False,
        using=DEFAULT_DB_ALIAS,
    )


def update(instance, names: list[str]) -> None:
    """Write ``instance``'s fields ``names`` to its row as ``save(update_fields=names)``
    writes them, in plain SQL (values converted as the ORM converts them, the save signals
    sent); like it, raise DatabaseError when the row is gone."""
    model = type(instance)
    meta = model._meta
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [meta.get_field(name) for name in names]
    update_fields = frozenset(names)
    signals.pre_save.send(
        sender=model,
        instance=instance,
        raw=False,
        using=DEFAULT_DB_ALIAS,
        update_fields=update_fields,
    )
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s",
            [
                *(f.get_db_prep_save(f.pre_save(instance, False), connection) for f in fields),
                meta.pk.get_db_prep_value(instance.pk, connection),
            ],
        )
        if not cursor.rowcount:
            raise DatabaseError("Save with update_fields did not affect any rows.")
    instance._state.db = DEFAULT_DB_ALIAS
    signals.post_save.send(
        sender=model,
        instance=instance,
        created=False,
        update_fields=update_fields,
        raw=False,
        using=DEFAULT_DB_ALIAS,
    )
