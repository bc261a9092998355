import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import (
    AgencyFactory,
    ChairTermFactory,
    EventFactory,
    InitiativeFactory,
    MembershipFactory,
    PublicationFactory,
    StatementFactory,
    TopicFactory,
    WorkingGroupFactory,
)


@pytest.fixture(autouse=True)
def no_throttling(settings):
    """Tests make many requests a minute; only the throttle test turns throttling back on."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def seed(db):
    """The real seed data, loaded inside the test's transaction and rolled back with it.

    This overrides the session-wide `seed` of tests/conftest.py for the API tests: that one is
    committed, and tests in other packages that run later count their own rows.
    """
    call_command("seed", verbosity=0)


@pytest.fixture(autouse=True)
def only_this_tests_records(request):
    """Factory tests start from an empty registry, even after another test has loaded the seed data.

    The seed is loaded once per session and committed (see tests/conftest.py), so a test counting
    its own factory rows would otherwise see the real agencies too. The rows are deleted inside the
    test's transaction, which is rolled back, so the seed is back for the next test that asks for it.
    """
    uses_db = "db" in request.fixturenames or request.node.get_closest_marker("django_db")
    if "seed" in request.fixturenames or not uses_db:
        return
    request.getfixturevalue("db")
    from django.apps import apps
    from reversion.models import Revision, Version

    models = [*apps.get_app_config("registry").get_models(), Version, Revision]
    for model in models:
        for field in model._meta.many_to_many:
            field.remote_field.through.objects.all()._raw_delete(using="default")
    for model in models:
        if model._meta.model_name != "profile":
            model.objects.all()._raw_delete(using="default")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_user(db):
    """A client authenticated by token as `user`, the way an API consumer would be."""

    def client_for(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


RESOURCES = [
    "agencies", "memberships", "chair-terms", "statements", "working-groups", "events", "publications",
    "initiatives", "topics",
]  # fmt: skip


@pytest.fixture
def one_of_each(db):
    """One published record of every resource, around the agency UNHCR."""
    agency = AgencyFactory(acronym="UNHCR", slug="unhcr")
    MembershipFactory(agency=agency)
    ChairTermFactory(agency=agency)
    StatementFactory(slug="joint-2010").signatories.add(agency)
    EventFactory(slug="principals-2010")
    PublicationFactory(slug="report-2010")
    WorkingGroupFactory(slug="human-rights")
    InitiativeFactory(slug="gfmd")
    TopicFactory(slug="human-rights")
    return agency
