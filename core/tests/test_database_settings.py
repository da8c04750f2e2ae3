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
