"""Database helpers for the few paths where the ORM's round trips are the cost."""

from contextlib import nullcontext

from django.db import connections, router, transaction
from django.db.models.expressions import RawSQL
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
    parent_sql, parent_params = _insert_sql(parent, connection)
    link_field = child._meta.get_field(link)
    setattr(child, link_field.attname, RawSQL("(SELECT id FROM parent)", ()))
    child_sql, child_params = _insert_sql(child, connection)
    parent_pk = connection.ops.quote_name(parent._meta.pk.column)
    child_pk = connection.ops.quote_name(child._meta.pk.column)
    link_column = connection.ops.quote_name(link_field.column)
    sql = (
        f"WITH parent AS ({parent_sql} RETURNING {parent_pk} AS id) "
        f"{child_sql} RETURNING {child_pk}, {link_column}"
    )
    # Inside a transaction (an import, say), a savepoint keeps a failed insert from
    # aborting it; outside one, the statement is its own transaction.
    guard = nullcontext() if connection.get_autocommit() else transaction.atomic(using=alias)
    with guard, connection.cursor() as cursor:
        cursor.execute(sql, (*parent_params, *child_params))
        child_id, parent_id = cursor.fetchone()
    parent.pk, child.pk = parent_id, child_id
    setattr(child, link, parent)
    for obj in (parent, child):
        obj._state.adding, obj._state.db = False, alias


def _insert_compiler(obj, connection):
    """Compiles the INSERT Django itself would send for `obj` (defaults, auto_now, field
    preparation), leaving out the primary key for the database to choose."""
    meta = obj._meta
    query = InsertQuery(type(obj))
    query.insert_values([f for f in meta.local_concrete_fields if f is not meta.auto_field], [obj])
    return query.get_compiler(connection=connection)


def _insert_sql(obj, connection) -> tuple[str, tuple]:
    [(sql, params)] = _insert_compiler(obj, connection).as_sql()
    return sql, params


def _insert(obj, connection) -> None:
    [row] = _insert_compiler(obj, connection).execute_sql([obj._meta.pk])
    obj.pk = row[0]
    obj._state.adding, obj._state.db = False, connection.alias
