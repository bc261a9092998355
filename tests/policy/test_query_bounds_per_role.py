"""Reading through visible_to costs the same number of queries whatever the number of records."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import StatementFactory

URLS = ["/api/v1/statements/", "/api/v1/statements/?format=csv", reverse("admin:registry_statement_changelist")]


@pytest.fixture
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("role", ["focal_point", "editor"])
def test_ten_times_the_statements_cost_no_more_queries(request, role, own_agency, other_agency, no_throttling):
    client = Client()
    client.force_login(request.getfixturevalue(role))

    def add(n):
        for i in range(n):
            statement = StatementFactory(draft=bool(i % 2))
            statement.signatories.add(own_agency if i % 3 else other_agency)
            StatementFactory(language="fr", translation_of=statement)  # whose original may be unreadable

    add(5)
    for url in URLS:
        client.get(url)  # warm the per-process caches (content types), which are not per request
    few = {url: queries(client, url) for url in URLS}
    add(45)
    many = {url: queries(client, url) for url in URLS}

    assert many == few
