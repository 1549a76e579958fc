"""Database helpers for the few paths where the ORM's round trips are the cost."""

from contextlib import nullcontext
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.backends.utils import CursorDebugWrapper
from django.db.models.sql import InsertQuery


def insert_with_child(parent, child, link: str) -> None:
    """Insert a new `parent` row and a new `child` row whose foreign key `link` points at
    it, both or neither.

    On PostgreSQL this is one statement (a data-modifying CTE) in autocommit: one round
    trip instead of four (BEGIN, INSERT, INSERT, COMMIT). Every OpenRosa submission is
    such a pair, and on PostgreSQL those round trips were a fifth of its cost
    (bench/ingest.py). Elsewhere it is two inserts in a transaction. No save signals are
    sent on either path, so that both behave alike: use it only for models nothing
    listens to. Both objects come back saved, with their primary keys."""
    alias = router.db_for_write(type(parent))
    connection = connections[alias]
    if connection.vendor != "postgresql":
        with transaction.atomic(using=alias):
            _insert(parent, connection)
            setattr(child, link, parent)
            _insert(child, connection)
        return
    sql, parent_fields, child_fields = _paired_insert(type(parent), type(child), link, alias)
    params = (
        *_values(parent, parent_fields, connection),
        *_values(child, child_fields, connection),
    )
    # Inside a transaction (an import, say), a savepoint keeps a failed insert from
    # aborting it; outside one, the statement is its own transaction.
    guard = nullcontext() if connection.get_autocommit() else transaction.atomic(using=alias)
    with guard, prepared_cursor(alias) as cursor:
        cursor.execute(sql, params)
        child_id, parent_id = cursor.fetchone()
    parent.pk, child.pk = parent_id, child_id
    setattr(child, link, parent)
    for obj in (parent, child):
        obj._state.adding, obj._state.db = False, alias


@cache
def _paired_insert(parent_model, child_model, link: str, alias: str) -> tuple[str, list, list]:
    """The statement for a pair of models, worked out once: the text is the same for
    every pair, only the values change (and a prepared statement needs the same text).
    Returns it with the fields whose values it takes, in order."""
    quote = connections[alias].ops.quote_name
    parent_fields = _inserted_fields(parent_model)
    link_field = child_model._meta.get_field(link)
    child_fields = _inserted_fields(child_model)

    def insert(model, fields, placeholders):
        columns = ", ".join(quote(f.column) for f in fields)
        # Only the models' own table and column names are put into the text.
        table = quote(model._meta.db_table)
        return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608

    parent_sql = insert(parent_model, parent_fields, ", ".join("%s" for _ in parent_fields))
    child_sql = insert(
        child_model,
        child_fields,
        ", ".join("(SELECT id FROM parent)" if f is link_field else "%s" for f in child_fields),
    )
    sql = (
        f"WITH parent AS ({parent_sql} RETURNING {quote(parent_model._meta.pk.column)} AS id) "
        f"{child_sql} RETURNING {quote(child_model._meta.pk.column)}, {quote(link_field.column)}"
    )
    return sql, parent_fields, [f for f in child_fields if f is not link_field]


def _inserted_fields(model) -> list:
    """The columns Django's own INSERT names: all but an automatic primary key."""
    meta = model._meta
    return [f for f in meta.local_concrete_fields if f is not meta.auto_field]


def _values(obj, fields, connection) -> list:
    # What Django's SQLInsertCompiler does per field: pre_save (auto_now, defaults)
    # then the database preparation.
    return [f.get_db_prep_save(f.pre_save(obj, True), connection=connection) for f in fields]


def _insert(obj, connection) -> None:
    query = InsertQuery(type(obj))
    query.insert_values(_inserted_fields(type(obj)), [obj])
    [row] = query.get_compiler(connection=connection).execute_sql([obj._meta.pk])
    obj.pk = row[0]
    obj._state.adding, obj._state.db = False, connection.alias


def prepared_cursor(alias: str = DEFAULT_DB_ALIAS):
    """A cursor for the statements every device request runs, again and again with other
    values. On PostgreSQL it sends the values apart from the text and prepares each
    statement, so the server parses and plans it once per connection instead of once per
    request: that halved PostgreSQL's work per submission (bench/ingest.py). Elsewhere it
    is the usual cursor. Queries are logged and wrapped
    as through `connection.cursor()`, so tests still count them.

    Select columns by name, never with *: a prepared statement whose result columns
    change under it (a migration adding one) fails until the connection is renewed."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = _preparing_cursor_class()(connection.connection)
        # The same time-zone rule as Django's own cursors (DatabaseWrapper.create_cursor).
        loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        if connection.timezone != loader.timezone:
            register_tzloader(connection.timezone, cursor)
        connection.validate_thread_sharing()
        if connection.queries_logged:
            return _PreparedDebugWrapper(cursor, connection)
        return connection.make_cursor(cursor)


class _PreparedDebugWrapper(CursorDebugWrapper):
    """Logs the statement as written: Django's way of showing it with its values filled
    in reads what a client-side cursor keeps, which a prepared one has not."""

    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
        return super().debug_sql(sql, params, use_last_executed_query=False, many=many)


TIMESTAMPTZ_OID = 1184


@cache
def _preparing_cursor_class():
    # Imported on first use: psycopg is there only for PostgreSQL.
    from psycopg import Cursor

    class PreparingCursor(Cursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


def model_from_row(model, values, alias: str = DEFAULT_DB_ALIAS):
    """An instance from a row of all its concrete columns (in field order), converted as
    a queryset would convert them (JSON decoded, SQLite's dates parsed)."""
    connection = connections[alias]
    fields = model._meta.concrete_fields
    converted = []
    for value, field, converters in zip(values, fields, _converters(model, alias), strict=True):
        for converter in converters:
            value = converter(value, field, connection)
        converted.append(value)
    return model.from_db(alias, [f.attname for f in fields], converted)


_CONVERTERS: dict = {}


def _converters(model, alias: str) -> list:
    """Per field, the database's converters then the field's: what the SQL compiler
    applies to every row it reads (SQLCompiler.get_converters)."""
    key = (model, alias)
    if key not in _CONVERTERS:
        connection = connections[alias]
        _CONVERTERS[key] = [
            [
                *connection.ops.get_db_converters(field.cached_col),
                *field.cached_col.get_db_converters(connection),
            ]
            for field in model._meta.concrete_fields
        ]
    return _CONVERTERS[key]
