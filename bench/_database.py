"""A database of the benchmark's own, so that a run never touches the demo's or the tests' data.

SQLite in a temporary folder by default; with ``DATABASE_URL`` naming PostgreSQL, a fresh
``<name><suffix>`` database next to it, dropped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit


def prepare_environment(workdir: str, suffix: str) -> tuple[str, Callable[[], None]]:
    """Point Django at the benchmark's database; return its description and a clean-up function."""
    url = os.environ.get("DATABASE_URL", "")
    os.environ["SHOP_DEMO_VAR_DIR"] = workdir
    os.environ["SHOP_DEMO_VISIT_LOG"] = "0"
    os.environ.pop("CELERY_BROKER_URL", None)  # eager: benchmarks call the services directly
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_demo.settings")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/") + suffix
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))

        def drop() -> None:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"PostgreSQL ({name})", drop
    os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    return "SQLite (temporary file)", lambda: None


def analyze() -> None:
    """Fresh planner statistics, as a live database's autovacuum keeps them (Django must be set up)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def vacuum_analyze(*tables: str) -> None:
    """Statistics and, on PostgreSQL, the visibility map (index-only scans), as autovacuum keeps them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return analyze()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")

