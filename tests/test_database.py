"""The suite runs on the database DATABASE_URL names: prove it, so a PostgreSQL run in CI
cannot silently fall back to SQLite."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_configured_database():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
