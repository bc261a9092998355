import pytest
from django.core.management import call_command
from django.utils import translation


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


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request activates its language in the test's thread; put English back, so that no later test
    reverses an address or renders a message in the language of another test's last request."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_content_types_after_a_flush(request):
    """A transactional test's flush recreates the content types under new ids; forget the cached old ones."""
    yield
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    if marked or {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


def _uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(DB_FIXTURES & set(item.fixturenames))


@pytest.fixture(scope="session", autouse=True)
def role_definitions(request, django_db_setup, django_db_blocker):
    """The role groups and their permissions as the migrations left them, read once at the start of the
    session (autouse: before any transactional test can flush them). A run of tests that use no database
    sets none up (pytest-django), so there is nothing to read."""
    from django.contrib.auth.models import Group

    if not any(_uses_database(item) for item in request.session.items):
        return {}
    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.prefetch_related("permissions")
        }


@pytest.fixture
def roles_restored(db, role_definitions):
    """The role groups, put back if an earlier transactional test's flush removed them.

    A transactional test (live server, browser) empties every table when it ends, and the groups
    come from data migrations, which a flush does not replay; every role fixture asks for this.
    """
    from django.contrib.auth.models import Group, Permission

    for name, permissions in role_definitions.items():
        group, created = Group.objects.get_or_create(name=name)
        if created or not group.permissions.exists():
            wanted = Permission.objects.none()
            for app, code in permissions:
                wanted |= Permission.objects.filter(content_type__app_label=app, codename=code)
            group.permissions.set(wanted)


@pytest.fixture
def admin_user(db, django_user_model, roles_restored):
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
def editor(db, django_user_model, roles_restored):
    """bob edits everything but cannot publish."""
    return _member_of(django_user_model, "bob", "Editor")


@pytest.fixture
def publisher(db, django_user_model, roles_restored):
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
def focal_point(db, django_user_model, own_agency, roles_restored):
    """dave is a focal point of the OWN agency."""
    return _member_of(django_user_model, "dave", "Agency focal point", agency=own_agency)


@pytest.fixture
def stranger(db, django_user_model, roles_restored):
    """eve is logged in, staff, but holds no role."""
    return django_user_model.objects.create_user("eve", "eve@example.org", "password", is_staff=True)


@pytest.fixture
def as_user(db):
    """An API client authenticated by token as `user`, the way an API consumer would be: `as_user(bob).get(...)`."""
    from rest_framework.test import APIClient

    from registry.models import ApiToken

    def client_for(user):
        client = APIClient()
        _token, key = ApiToken.objects.create_for(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return client_for
