import pytest
from rest_framework.test import APIClient

from tests.factories import (
    AgencyFactory,
    ChairTermFactory,
    EventFactory,
    InitiativeFactory,
    MembershipFactory,
    PublicationFactory,
    ReportedTotalFactory,
    StatementFactory,
    TopicFactory,
    WorkingGroupFactory,
)


@pytest.fixture(autouse=True)
def no_throttling(settings):
    """Tests make many requests a minute; only the throttle test turns throttling back on."""
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth_failure": "100000/min"}  # always on otherwise
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": [],
        "DEFAULT_THROTTLE_RATES": rates,
    }


@pytest.fixture
def api():
    return APIClient()


RESOURCES = [
    "agencies", "memberships", "chair-terms", "reported-totals", "statements", "working-groups", "events",
    "publications", "initiatives", "topics",
]  # fmt: skip


@pytest.fixture
def one_of_each(db):
    """One published record of every resource, around the agency UNHCR."""
    agency = AgencyFactory(acronym="UNHCR", slug="unhcr")
    MembershipFactory(agency=agency)
    ChairTermFactory(agency=agency)
    ReportedTotalFactory()
    StatementFactory(slug="joint-2010").signatories.add(agency)
    EventFactory(slug="principals-2010")
    PublicationFactory(slug="report-2010")
    WorkingGroupFactory(slug="human-rights")
    InitiativeFactory(slug="gfmd")
    TopicFactory(slug="human-rights")
    return agency
