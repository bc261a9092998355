"""A signed-in session ends after an hour without a request; each request renews it."""

import datetime

import time_machine
from django.utils import timezone


def test_a_session_idle_for_more_than_an_hour_is_signed_out(client, editor):
    client.force_login(editor)
    start = timezone.now()
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_each_request_renews_the_session(client, editor):
    client.force_login(editor)
    start = timezone.now()
    for minutes in (50, 100, 150):  # 2½ hours in all, never an hour apart
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/admin/").status_code == 200


def test_a_visitor_without_a_session_gets_no_session_cookie(client, db):
    response = client.get("/")
    assert "sessionid" not in response.cookies


def test_deactivating_a_user_ends_their_open_sessions(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    editor.is_active = False
    editor.save()
    assert client.get("/admin/").status_code == 302


def test_signing_in_issues_a_new_session_key(client, editor):
    client.get("/admin/login/")
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    client.post("/admin/login/", {"username": "bob", "password": "password", "next": "/admin/"})
    assert client.cookies["sessionid"].value not in ("", "attacker-chosen-session-key")
    assert client.get("/admin/").status_code == 200
