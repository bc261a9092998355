"""Two app servers, one PostgreSQL, one Redis: the servers keep no state of their own.

A write through one is visible through the other on the next request, and a session opened on one
is valid on the other. The `two_servers` fixture is the harness: add assertions that need both
servers here.

Runs on the PostgreSQL leg of CI only (SQLite is one file on one machine: nothing to scale out).
"""

import os
import uuid

import pytest
import redis
from django.db import connection
from django.test import override_settings

from registry.models import ApiToken
from tests.ops.servers import SERVER_SECRET_KEY, Visitor, app_server, fetch, set_password_for_servers

REDIS_URL = "redis://127.0.0.1:6379/7"
PORTS = (8131, 8132)


def _redis_or_skip():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        reason = f"no Redis at {REDIS_URL} ({exc})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI this test must run (.ci/run starts Redis).")
        pytest.skip(reason)


def _database_url():
    """The test database itself, so the servers see the migrations and the rows the test commits."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


# The servers read what the test commits, so the test runs outside a transaction (roles_restored puts
# back the groups that an earlier transactional test's flush may have removed).
servers_test = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_servers(db, roles_restored):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the servers share one database server")
    _redis_or_skip()
    environment = {
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"gmg-two-servers-{uuid.uuid4().hex[:8]}",  # this run's keys only
        "CONN_MAX_AGE": "0",  # let the test database be dropped at the end
        "BEHIND_TLS_PROXY": "1",  # as deployed: the Visitor plays the proxy
    }
    with app_server(PORTS[0], **environment) as first, app_server(PORTS[1], **environment) as second:
        yield first, second


@pytest.mark.postgres
@servers_test
def test_a_write_through_one_server_is_read_through_the_other(two_servers, editor):
    first, second = two_servers
    with override_settings(SECRET_KEY=SERVER_SECRET_KEY):  # a token is bound to the key of the servers it is for
        key = ApiToken.objects.create_for(editor)[1]
    token = {"Authorization": f"Token {key}", "Content-Type": "application/json"}
    created = fetch(first + "/api/v1/topics/", method="POST", data={"name": "Return migration"}, headers=token)
    assert created.status == 201, created.text

    read = fetch(second + "/api/v1/topics/return-migration/")
    assert read.status == 200
    assert read.json()["name"] == "Return migration"

    change = {"description": "Changed on B."}
    changed = fetch(second + "/api/v1/topics/return-migration/", method="PATCH", data=change, headers=token)
    assert changed.status == 200, changed.text
    assert fetch(first + "/api/v1/topics/return-migration/").json()["description"] == "Changed on B."


@pytest.mark.postgres
@servers_test
def test_a_session_opened_on_one_server_is_valid_on_the_other(two_servers, editor):
    first, second = two_servers
    set_password_for_servers(editor, "password")
    visitor = Visitor()
    assert visitor.admin_login(first, "bob", "password").status == 302
    assert visitor.cookie("__Host-sessionid")  # the production name (DEBUG off)
    signed_in = visitor.request(second + "/admin/")
    assert signed_in.status == 200
    assert "Log out" in signed_in.text
    assert Visitor().request(second + "/admin/").status == 302  # a stranger is sent to the login page


@pytest.mark.postgres
@servers_test
def test_a_login_lockout_on_one_server_holds_on_the_other(two_servers, editor):
    first, second = two_servers
    set_password_for_servers(editor, "password")
    statuses = [Visitor().admin_login(first, "bob", "wrong").status for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # django-axes locks a username from an address at the fifth
    locked = Visitor().admin_login(second, "bob", "password")
    assert locked.status == 429, locked.text[:300]
    assert "Log out" not in locked.text
