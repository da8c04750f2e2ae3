"""`python -m benchmarks.database`: drop and create the benchmark database named by DATABASE_URL.

Refuses any database whose name does not contain "bench", so it can never wipe a real one.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def recreate(url: str) -> str:
    config = dj_database_url.parse(url)
    name = config["NAME"]
    if config["ENGINE"] != "django.db.backends.postgresql" or "bench" not in name:
        raise SystemExit(f"Refusing to recreate {name!r}: only a PostgreSQL database named *bench* is recreated.")
    with psycopg.connect(
        dbname="postgres",
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    ) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


if __name__ == "__main__":
    print(f"Recreated database {recreate(os.environ['DATABASE_URL'])}")
    sys.exit(0)
