"""A session cookie that cannot be one of ours is no session: never a 500, whatever the database."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.test import Client
from django.utils.module_loading import import_string

FORGED = ["abcdefgh\x00ijk", "x" * 8 + "\x00", "ABCDEFGHIJ", "abc def ghij", "a" * 41, "../../../etc"]


@pytest.mark.parametrize("value", FORGED)
@pytest.mark.parametrize("url", ["/", "/api/v1/statements/", "/admin/login/"])
def test_a_forged_session_cookie_is_ignored_not_a_500(db, value, url):
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = value
    response = client.get(url)
    assert response.status_code == 200, (value, url, response.status_code)


@pytest.mark.parametrize("engine", ["gmg.sessions.db", "gmg.sessions.cached_db"])
def test_both_stores_accept_the_keys_django_makes_and_no_others(db, engine):
    store = import_string(f"{engine}.SessionStore")
    made = store()
    made["visits"] = 1
    made.save()
    assert store(made.session_key).load() == {"visits": 1}  # a key Django made reads the session back
    assert len(made.session_key) == 32
    for value in FORGED:
        assert store(value).session_key is None, value  # no query is made with it
    assert issubclass(store, SessionBase)


def test_a_signed_in_editor_keeps_their_session(client, django_user_model):
    user = django_user_model.objects.create_user("erin", password="a long enough password 1", is_staff=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user
