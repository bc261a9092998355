import pytest
from django.core.management import call_command


def pytest_configure(config):
    from django.conf import settings

    # Hashing is the slowest part of creating users; tests do not need it strong.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def seeded_db(django_db_setup, django_db_blocker):
    """The real seed data, loaded once per test session (tests using it must not change it)."""
    with django_db_blocker.unblock():
        call_command("seed", verbosity=0)


@pytest.fixture
def seed(seeded_db, db):
    """Seed data inside a test's transaction (re-seeded if a transactional test flushed it)."""
    from registry.models import Agency

    if not Agency.objects.exists():
        call_command("seed", verbosity=0)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "password")
