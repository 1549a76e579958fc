"""The database helpers of the device path: prepared statements, rows into models, the
paired insert."""

import pytest
from django.db import IntegrityError, connection, transaction

from coalition.accounts.models import AppToken, User
from coalition.core.db import insert_with_child, model_from_row, prepared_cursor

pytestmark = pytest.mark.django_db


def test_prepared_statements_are_prepared_on_postgresql_and_logged_everywhere(
    django_assert_num_queries,
):
    sql = "SELECT %s + 1"
    with django_assert_num_queries(2):
        for n in (1, 2):
            with prepared_cursor() as cursor:
                cursor.execute(sql, [n])
                assert cursor.fetchone()[0] == n + 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            statements = [row[0] for row in cursor.fetchall()]
        assert "SELECT $1 + 1" in statements


def test_a_row_becomes_the_model_a_queryset_would_give():
    user = User.objects.create_user(email="row@example.org", password="a long password!")
    columns = [f.column for f in User._meta.concrete_fields]
    quote = connection.ops.quote_name
    with prepared_cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} "  # noqa: S608
            f"FROM {quote(User._meta.db_table)} WHERE id = %s",
            [user.pk],
        )
        made = model_from_row(User, cursor.fetchone())
    fetched = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:
        assert getattr(made, field.attname) == getattr(fetched, field.attname), field.name
    assert not made._state.adding


def test_insert_with_child_writes_both_rows_or_neither():
    parent = User(email="pair@example.org")
    child = AppToken(name="Phone", digest_ha1="0" * 32)
    insert_with_child(parent, child, "user")
    stored = AppToken.objects.select_related("user").get(pk=child.pk)
    assert stored.user.pk == parent.pk == child.user_id
    assert stored.user.email == "pair@example.org"
    assert stored.created_at is not None  # auto_now_add filled in, as by save()

    before = (User.objects.count(), AppToken.objects.count())
    # The child breaks a rule (no password digest): the parent must not stay behind.
    broken = AppToken(name="Phone", digest_ha1=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_with_child(User(email="orphan@example.org"), broken, "user")
    assert (User.objects.count(), AppToken.objects.count()) == before
    assert not User.objects.filter(email="orphan@example.org").exists()
