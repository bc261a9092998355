"""Property-based checks against the live schema: no input gives a 5xx, no response breaks the schema.

Every operation gets a bounded number of generated requests (reads anonymously, writes with an
admin's token), through the Django WSGI app. The run is derandomised so CI is repeatable.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gmg.wsgi import application
from registry.models import ApiToken

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
READ_EXAMPLES = 25
WRITE_EXAMPLES = 15


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests through the WSGI app end with close_old_connections(), which on PostgreSQL would close
    the connection holding the test's transaction; Django's own test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema():
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def records(one_of_each, admin_user):
    """Some data to find, and an admin token for the writes."""
    return {"Authorization": f"Token {ApiToken.objects.create_for(admin_user)[1]}"}


schema = schemathesis.pytest.from_fixture("api_schema")
# Generated examples only: schemathesis's coverage phase (each boundary and negative combination
# of up to 14 query parameters, thousands of requests per list) would take most of an hour on two
# cores. The robustness tests cover those edge cases by hand.
HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.generate, Phase.shrink],
}


@pytest.mark.schemathesis
@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(max_examples=READ_EXAMPLES, **HYPOTHESIS)
def test_reads_never_fail_and_match_the_schema(case, records):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.schemathesis
@pytest.mark.django_db
@schema.exclude(method="GET").parametrize()
@settings(max_examples=WRITE_EXAMPLES, **HYPOTHESIS)
def test_writes_never_fail_and_match_the_schema(case, records):
    case.call_and_validate(headers=records, checks=CHECKS)
