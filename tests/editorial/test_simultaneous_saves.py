"""Two saves of the same version at the same moment: the row lock lets exactly one through (PostgreSQL)."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from registry import services
from registry.models import Agency
from tests.factories import AgencyFactory


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
