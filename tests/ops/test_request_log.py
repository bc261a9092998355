"""Every request gets an id (the caller's if sane), sent back as X-Request-ID, and one JSON log line."""

import json
import logging

import pytest

from registry.models import ApiToken


@pytest.fixture
def request_log(caplog):
    # The request logger writes its own lines and does not propagate, so listen to it directly.
    logger = logging.getLogger("gmg.request")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="gmg.request")
    yield lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == "gmg.request"]
    logger.removeHandler(caplog.handler)


def test_a_request_gets_a_generated_id_in_the_header_and_one_log_line(client, db, request_log):
    response = client.get("/agencies/?kind=fund")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0
    [line] = request_log()
    assert line["request_id"] == request_id
    assert line["method"] == "GET"
    assert line["path"] == "/agencies/"
    assert line["status"] == 200
    assert line["user"] == "anonymous"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


def test_two_requests_get_different_ids(client, db):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_a_sane_incoming_request_id_is_kept(client, db, request_log):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a:42.1")
    assert response["X-Request-ID"] == "lb-7f3a:42.1"
    assert request_log()[0]["request_id"] == "lb-7f3a:42.1"


@pytest.mark.parametrize(
    "incoming", ["", "has space", "x" * 101, 'quote"inject', "line\u2028break", "-starts-with-dash", "é"]
)
def test_an_insane_incoming_request_id_is_replaced(client, db, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_a_signed_in_user_is_logged_by_id(client, editor, request_log):
    client.force_login(editor)
    client.get("/admin/")
    assert request_log()[-1]["user"] == str(editor.pk)
    assert request_log()[-1]["status"] == 200


def test_an_api_token_user_is_logged_by_id(client, editor, request_log):
    key = ApiToken.objects.create_for(editor)[1]
    client.get("/api/v1/topics/", HTTP_AUTHORIZATION=f"Token {key}")
    assert request_log()[-1]["user"] == str(editor.pk)


def test_a_404_and_a_refused_write_are_logged_with_their_status(client, db, request_log):
    client.get("/no-such-page/")
    client.post("/api/v1/topics/", {"name": "x"}, content_type="application/json")
    assert [(line["path"], line["status"]) for line in request_log()] == [
        ("/no-such-page/", 404),
        ("/api/v1/topics/", 401),
    ]


def test_logging_the_user_costs_no_query_when_the_view_never_looked_them_up(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/healthz")
