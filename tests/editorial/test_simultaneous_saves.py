"""Two saves of the same version at the same moment: the row lock lets exactly one through (PostgreSQL)."""

import importlib
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction

from registry import services
from registry.models import Agency
from tests.factories import AgencyFactory

ROLES = importlib.import_module("registry.migrations.0003_roles").ROLES


@pytest.fixture
def roles_restored():
    """A transactional test empties every table; put back the groups the data migration made."""
    yield
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_version_let_only_one_through(roles_restored):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; it serialises writers instead")
    users = [get_user_model().objects.create_superuser(n, f"{n}@example.org", "pw") for n in ("ann", "ben")]
    agency = AgencyFactory(name="Original")
    seen = services.version_token(agency.updated_at)
    both_read = threading.Barrier(2)
    outcome = {}

    def write(user):
        try:
            with transaction.atomic():
                obj = Agency.objects.get(pk=agency.pk)
                obj.name = f"Saved by {user.username}"
                both_read.wait(timeout=10)
                services.save(obj=obj, user=user, expected_version=seen)
                time.sleep(0.5)  # hold the row lock while the other save waits for it
            outcome[user.username] = "saved"
        except services.Conflict:
            outcome[user.username] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome.values()) == ["conflict", "saved"]
    winner = next(name for name, result in outcome.items() if result == "saved")
    assert Agency.objects.get(pk=agency.pk).name == f"Saved by {winner}"
