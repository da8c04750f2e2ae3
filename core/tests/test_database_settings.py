"""Connection settings that the benchmark showed matter on PostgreSQL."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """JIT compilation added ~35 ms to each scoped list count on the volume data: the app turns it off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_the_embedded_database_waits_for_a_concurrent_writer_instead_of_failing(tmp_path, django_db_blocker):
    """Two people saving at once on SQLite: WAL, write lock taken at the start, a 20 s busy timeout."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from hrms.settings.base import SQLITE_OPTIONS

    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }
    wrapper = DatabaseWrapper(settings_dict, alias="wal-check")
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == 20000
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()
