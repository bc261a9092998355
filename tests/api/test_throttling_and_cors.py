"""Rate limits answer 429 with Retry-After; anonymous GETs are open to any origin."""

import pytest

from tests.factories import AgencyFactory


@pytest.fixture
def throttled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["registry.api.throttling.AnonThrottle", "registry.api.throttling.UserThrottle"],
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"},
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_client_over_its_rate_gets_a_429_with_retry_after(api, db, throttled):
    assert [api.get("/api/v1/agencies/").status_code for _ in range(3)] == [200, 200, 429]
    response = api.get("/api/v1/agencies/")
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"].lower()


def test_an_authenticated_client_has_its_own_rate(as_user, editor, throttled):
    client = as_user(editor)
    assert [client.get("/api/v1/topics/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_schema_and_root_are_throttled_too(api, db, throttled):
    assert [api.get("/api/v1/").status_code for _ in range(3)][-1] == 429


def test_throttling_is_off_in_tests_unless_asked_for(api, db):
    assert all(api.get("/api/v1/agencies/").status_code == 200 for _ in range(150))


def test_an_anonymous_get_from_another_origin_is_allowed(api, db):
    AgencyFactory()
    response = api.get("/api/v1/agencies/", HTTP_ORIGIN="https://researcher.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cors_preflight_allows_get_but_not_writes(api, db):
    response = api.options(
        "/api/v1/agencies/",
        HTTP_ORIGIN="https://researcher.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "DELETE" not in response["Access-Control-Allow-Methods"]


def test_pages_outside_the_api_send_no_cors_header(client, db):
    assert "Access-Control-Allow-Origin" not in client.get("/healthz", HTTP_ORIGIN="https://x.example.org")
