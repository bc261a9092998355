"""With the database unreachable: a styled 503 page, the API's JSON 503, /readyz failing, /healthz up.

In-process tests make every new cursor fail as a refused connection does; one test starts a real
server whose DATABASE_URL points at a closed port.
"""

import pytest
from django.db import OperationalError, connection

from tests.ops.conftest import closed_port
from tests.ops.servers import app_server, fetch


@pytest.fixture
def database_down(db, client):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed: Connection refused')

    client.raise_request_exception = False  # answer as a server would, instead of raising into the test
    # Undone here rather than by monkeypatch, whose teardown may come after the test transaction's rollback.
    connection.create_cursor = refuse
    yield
    del connection.create_cursor


def test_a_page_answers_503_in_the_site_style_with_the_request_id(client, database_down):
    response = client.get("/agencies/", HTTP_X_REQUEST_ID="page-outage-1")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<h1>Temporarily unavailable</h1>" in html
    assert "/static/css/site.css" in html
    assert "page-outage-1" in html
    assert response["X-Request-ID"] == "page-outage-1"


def test_the_api_answers_a_json_503_with_a_detail(client, database_down):
    response = client.get("/api/v1/agencies/", HTTP_X_REQUEST_ID="api-outage-1")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The registry's database is unavailable; please try again in a few minutes.",
        "request_id": "api-outage-1",
    }
    assert response["Retry-After"] == "30"


def test_a_token_authenticated_api_write_answers_503_too(client, database_down):
    response = client.post(
        "/api/v1/topics/", {"name": "X"}, content_type="application/json", HTTP_AUTHORIZATION="Token abc"
    )
    assert response.status_code == 503
    assert "database is unavailable" in response.json()["detail"]


def test_readyz_fails_naming_the_database_and_healthz_stays_up(client, database_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "down", "cache": "ok"},
        "detail": "Not ready: database unavailable.",
    }
    assert client.get("/healthz").status_code == 200


def test_readyz_fails_naming_the_cache_when_redis_is_down(client, db, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "down"}
    assert response.json()["detail"] == "Not ready: cache unavailable."


def test_readyz_is_200_when_both_answer(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_any_other_error_is_still_a_500_with_the_request_id(client, db, monkeypatch):
    from registry.views import agencies

    def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(agencies.AgencyListView, "get", boom)
    client.raise_request_exception = False
    response = client.get("/agencies/", HTTP_X_REQUEST_ID="bug-1")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "bug-1" in response.content.decode()


def test_a_real_server_with_its_database_at_a_closed_port(tmp_path):
    database = f"postgres://postgres@127.0.0.1:{closed_port()}/gmg_ops"
    with app_server(8121, DATABASE_URL=database, REDIS_URL=f"redis://127.0.0.1:{closed_port()}/7") as base:
        assert fetch(base + "/healthz").status == 200
        page = fetch(base + "/agencies/")
        assert page.status == 503
        assert "Temporarily unavailable" in page.text
        assert page.headers["X-Request-ID"] in page.text
        api = fetch(base + "/api/v1/agencies/")
        assert api.status == 503
        assert api.json()["detail"] == "The registry's database is unavailable; please try again in a few minutes."
        ready = fetch(base + "/readyz")
        assert ready.status == 503
        assert ready.json()["checks"] == {"database": "down", "cache": "down"}


def test_a_sign_in_attempt_answers_503_not_500(client, database_down):
    """The lockout check (django-axes) reads the database before the password is even looked at."""
    response = client.post("/admin/login/", {"username": "bob", "password": "wrong"}, HTTP_X_REQUEST_ID="login-1")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "login-1" in response.content.decode()
