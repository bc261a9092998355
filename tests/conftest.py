import importlib

import pytest
from django.core.management import call_command


def pytest_configure(config):
    from django.conf import settings

    # Hashing is the slowest part of creating users; tests do not need it strong.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages are tested as rendered; the response cache has its own tests (tests/site/test_response_cache.py),
    # which switch it on. Left on, a test that changes rows in bulk (no signals) would read a stale page.
    settings.RESPONSE_CACHE = False


@pytest.fixture
def seed(db):
    """The real seed data, loaded inside the test's transaction and rolled back with it.

    Loading it per test costs about half a second, and buys isolation: no test ever sees rows
    another test left behind, so factory tests can count their own rows.
    """
    call_command("seed", verbosity=0)


@pytest.fixture
def roles_restored(db):
    """The groups the data migration made, put back if an earlier transactional test's flush removed them.

    pytest-django runs transactional tests after all the others, and empties every table after each
    one; a later transactional test that needs the roles asks for this fixture.
    """
    from django.contrib.auth.models import Group, Permission

    roles = importlib.import_module("registry.migrations.0003_roles").ROLES
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="registry", codename__in=codenames))


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "password")


def _member_of(django_user_model, username, group_name, agency=None):
    from django.contrib.auth.models import Group

    from registry.models import Profile

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    if agency is not None:
        Profile.objects.create(user=user, agency=agency)
    return user


@pytest.fixture
def editor(db, django_user_model):
    """bob edits everything but cannot publish."""
    return _member_of(django_user_model, "bob", "Editor")


@pytest.fixture
def publisher(db, django_user_model):
    """carol edits and publishes."""
    return _member_of(django_user_model, "carol", "Publisher")


@pytest.fixture
def own_agency(db):
    from tests.factories import AgencyFactory

    return AgencyFactory(acronym="OWN", slug="own")


@pytest.fixture
def other_agency(db):
    from tests.factories import AgencyFactory

    return AgencyFactory(acronym="OTHER", slug="other")


@pytest.fixture
def focal_point(db, django_user_model, own_agency):
    """dave is a focal point of the OWN agency."""
    return _member_of(django_user_model, "dave", "Agency focal point", agency=own_agency)


@pytest.fixture
def stranger(db, django_user_model):
    """eve is logged in, staff, but holds no role."""
    return django_user_model.objects.create_user("eve", "eve@example.org", "password", is_staff=True)
