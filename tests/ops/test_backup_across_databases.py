"""A backup made on SQLite restores losslessly into PostgreSQL, with real commands in fresh processes.

On the PostgreSQL leg only: the restore goes into a database of its own, `<DATABASE_URL's name>2`
(gmg_ops2 for DATABASE_URL=…/gmg_ops), created and dropped here.
"""

import json
import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.ops.servers import PROJECT


def manage(*args, database_url, **extra):
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DATABASE_URL": database_url, **extra}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def empty_postgres_database():
    if connection.vendor != "postgresql":
        pytest.skip("restores into PostgreSQL; run with DATABASE_URL=postgres://…")
    # Without the db fixture, settings hold the configured name (gmg_ops), not the test database's.
    configured = settings.DATABASES["default"]
    name = f"{configured['NAME']}2"
    server = {
        "host": configured["HOST"] or "127.0.0.1",
        "port": configured["PORT"] or 5432,
        "user": configured["USER"],
        "password": configured["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgresql_and_exports_the_same(tmp_path, empty_postgres_database):
    sqlite = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    manage("migrate", "-v0", database_url=sqlite)
    manage("seed", "-v0", database_url=sqlite)
    manage(
        "createsuperuser", "--noinput", "--username", "root", "--email", "root@example.org",
        database_url=sqlite, DJANGO_SUPERUSER_PASSWORD="a long passphrase",
    )  # fmt: skip
    manage("export_registry", str(tmp_path / "from-sqlite.json"), database_url=sqlite)

    manage("migrate", "-v0", database_url=empty_postgres_database)
    restored = manage("import_registry", str(tmp_path / "from-sqlite.json"), database_url=empty_postgres_database)
    assert "Restored" in restored
    manage("export_registry", str(tmp_path / "from-postgres.json"), database_url=empty_postgres_database)

    before = json.loads((tmp_path / "from-sqlite.json").read_text())
    after = json.loads((tmp_path / "from-postgres.json").read_text())
    assert (before["database_vendor"], after["database_vendor"]) == ("sqlite", "postgresql")
    assert before["counts"]["registry.agency"] == 19  # the seed (FACTS.md members, FAO, WFP)
    assert before["counts"]["auth.user"] == 1
    assert after["counts"] == before["counts"]
    for label, rows in before["objects"].items():
        assert after["objects"][label] == rows, label
