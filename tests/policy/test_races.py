"""Two people PATCH one record with the same If-Match at the same moment: one wins, the other gets 412.

On PostgreSQL the row lock (SELECT … FOR UPDATE, with no DISTINCT that would skip it) makes the
second writer wait and then see the new version — for every role, focal points included. On
SQLite, which has no row locks, writers take the database's write lock when their transaction
begins (`transaction_mode=IMMEDIATE`), with the same result instead of "database is locked".
"""

import importlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from rest_framework.test import APIClient

from registry import models as m
from registry.api.views import RecordViewSet
from registry.models import ApiToken
from tests.factories import AgencyFactory, StatementFactory

ROLES = importlib.import_module("registry.migrations.0003_roles").ROLES
GROUP = {"focal point": "Agency focal point", "editor": "Editor", "publisher": "Publisher"}


@pytest.fixture
def roles_present():
    """A transactional test empties every table: make sure the groups the data migration made are there."""

    def restore():
        for name, codenames in ROLES.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set(Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))

    restore()
    yield
    restore()


@pytest.fixture
def slow_writes(monkeypatch, settings):
    """Both requests read the record (and check If-Match) before either writes."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    checked = RecordViewSet.check_if_match

    def slow_check(self, obj):
        version = checked(self, obj)
        time.sleep(0.5)
        return version

    monkeypatch.setattr(RecordViewSet, "check_if_match", slow_check)


def _two_users(role):
    agency = AgencyFactory(acronym="OWN", slug="own")
    users = []
    for name in ("ann", "ben"):
        user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
        user.groups.add(Group.objects.get(name=GROUP[role]))
        m.Profile.objects.create(user=user, agency=agency if role == "focal point" else None)
        users.append(user)
    return users, agency


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", list(GROUP))
def test_two_patches_with_one_if_match_let_exactly_one_through(role, roles_present, slow_writes):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; the SQLite case is the next test")
    users, agency = _two_users(role)
    statement = StatementFactory(draft=True, slug="draft")
    statement.signatories.add(agency)
    reader = APIClient()
    reader.force_authenticate(users[0])
    tag = reader.get("/api/v1/statements/draft/").headers["ETag"]
    statuses = {}

    def patch(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(user)[1]}")
        try:
            response = client.patch(
                "/api/v1/statements/draft/", {"summary": f"By {user.username}"}, format="json", HTTP_IF_MATCH=tag
            )
            statuses[user.username] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses.values()) == [200, 412]
    winner = next(name for name, code in statuses.items() if code == 200)
    statement.refresh_from_db()
    assert statement.summary == f"By {winner}"


def test_on_sqlite_the_second_of_two_simultaneous_writers_gets_412_not_500():
    script = Path(__file__).with_name("sqlite_race.py")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)

    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [200, 412]
