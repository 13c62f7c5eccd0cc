"""Plain SQL for the few reads every request of a page makes, where compiling the ORM's query
costs several times more than running it: a model's columns to select, and rows read back into
instances or values converted as the ORM converts them."""

import functools

from django.db import DEFAULT_DB_ALIAS, connections


def columns(model, alias: str, *, defer: tuple[str, ...] = ()) -> tuple[list, str]:
    """The model's concrete fields but ``defer`` (attribute names), and their columns as a
    select list over the table ``alias``."""
    fields = [field for field in model._meta.concrete_fields if field.attname not in defer]
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    return fields, ", ".join(f"{alias}.{quote(field.column)}" for field in fields)


@functools.lru_cache(maxsize=512)
def _converters(field, connection) -> tuple:
    column = field.get_col(field.model._meta.db_table)
    converters = [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]
    return column, converters


def converted(field, value):
    """``value`` of ``field`` as the database driver gave it, as the ORM would load it (an aware
    datetime, decoded JSON, ...)."""
    connection = connections[DEFAULT_DB_ALIAS]
    column, converters = _converters(field, connection)
    for converter in converters:
        value = converter(value, column, connection)
    return value


def instance(model, fields: list, values):
    """An instance of ``model`` loaded from ``values`` of ``fields`` (``columns``'s), the fields
    left out deferred, as a queryset would load it."""
    return model.from_db(
        DEFAULT_DB_ALIAS,
        [field.attname for field in fields],
        [converted(field, value) for field, value in zip(fields, values, strict=True)],
    )
