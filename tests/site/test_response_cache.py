"""The server-side response cache: anonymous reads come from it, and the next read after any write is fresh."""

import contextlib
import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient
from reversion.models import Version

from registry import cache, services
from registry.models import Agency, ApiToken, Statement
from tests.editorial.conftest import admin_url, change_form, form_data
from tests.factories import StatementFactory

STATEMENT = "/statements/human-rights-irregular-2010/"
API_STATEMENT = "/api/v1/statements/human-rights-irregular-2010/"
# Where a statement's title shows to the public: its page, the list, the API, the feed.
SHOWS_STATEMENTS = ["/statements/", "/api/v1/statements/", "/statements/feed/", "/sitemap-statements.xml"]


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.RESPONSE_CACHE = True
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    caches["default"].clear()
    yield
    caches["default"].clear()


def cached(client, url):
    """GET `url` until it comes from the cache, so that a later fresh answer proves an invalidation."""
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)
    assert again["X-Cache"] == "hit", url
    return again.content.decode()


def fresh(client, url):
    response = client.get(url)
    assert response.get("X-Cache") == "miss", url
    return response


def test_an_anonymous_page_is_rendered_once_then_served_with_one_query(client, world, django_assert_num_queries):
    assert client.get("/agencies/unhcr/")["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        response = client.get("/agencies/unhcr/")
    assert response["X-Cache"] == "hit"
    assert "Office of the United Nations High Commissioner for Refugees" in response.content.decode()


def test_an_edit_through_the_admin_shows_on_the_next_anonymous_get(client, world, admin_client):
    for url in [STATEMENT, API_STATEMENT, *SHOWS_STATEMENTS]:
        cached(client, url)
    statement = Statement.objects.get(slug="human-rights-irregular-2010")
    _, data = change_form(admin_client, statement)
    data.update(title="Revised statement on migrants' rights", slug="revised-rights-2010")
    assert admin_client.post(admin_url(statement, "change"), data).status_code == 302

    assert client.get(STATEMENT).status_code == 404
    assert "Revised statement on migrants" in fresh(client, "/statements/revised-rights-2010/").content.decode()
    assert "Revised statement on migrants" in fresh(client, "/api/v1/statements/revised-rights-2010/").json()["title"]
    for url in SHOWS_STATEMENTS:
        assert "revised" in fresh(client, url).content.decode().lower(), url


def test_an_edit_through_the_api_shows_on_the_next_anonymous_get(client, world, publisher):
    for url in [STATEMENT, API_STATEMENT, *SHOWS_STATEMENTS[:3]]:
        cached(client, url)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(publisher)[1]}")
    answer = api.patch(API_STATEMENT, {"title": "Statement edited through the API"}, format="json")
    assert answer.status_code == 200, answer.content

    for url in [STATEMENT, API_STATEMENT, *SHOWS_STATEMENTS[:3]]:
        assert "Statement edited through the API" in fresh(client, url).content.decode(), url


def test_restoring_a_revision_shows_on_the_next_anonymous_get(client, world, admin_client):
    unhcr = Agency.objects.get(slug="unhcr")
    _, data = change_form(admin_client, unhcr)
    admin_client.post(admin_url(unhcr, "change"), {**data, "name": "First name on record"})
    first = Version.objects.get_for_object(unhcr).first()
    _, data = change_form(admin_client, unhcr)
    admin_client.post(admin_url(unhcr, "change"), {**data, "name": "A mistaken name"})
    assert "A mistaken name" in cached(client, "/agencies/unhcr/")
    assert "A mistaken name" in cached(client, "/api/v1/agencies/unhcr/")

    revision_url = admin_url(Agency, "revision", unhcr.pk, first.pk)
    assert admin_client.post(revision_url, form_data(admin_client.get(revision_url))).status_code == 302

    for url in ["/agencies/unhcr/", "/api/v1/agencies/unhcr/", "/agencies/"]:
        body = fresh(client, url).content.decode()
        assert "First name on record" in body and "A mistaken name" not in body, url


def test_a_scheduled_publication_shows_once_due_with_no_write_at_all(client, world, publisher):
    noon = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(noon - datetime.timedelta(hours=3), tick=False):
        statement = StatementFactory(draft=True, title="Statement scheduled for noon", slug="scheduled-noon")
        services.publish(obj=statement, user=publisher, when=noon)
    with time_machine.travel(noon - datetime.timedelta(seconds=30), tick=False):  # well within the cache's timeout
        for url in SHOWS_STATEMENTS:
            assert "scheduled" not in cached(client, url).lower(), url
        assert client.get("/statements/scheduled-noon/").status_code == 404
    with time_machine.travel(noon + datetime.timedelta(seconds=1), tick=False):
        for url in SHOWS_STATEMENTS:
            assert "scheduled" in fresh(client, url).content.decode().lower(), url
        assert client.get("/statements/scheduled-noon/").status_code == 200


def test_staff_never_get_a_cached_page_and_never_fill_the_cache(client, world, editor):
    cached(client, "/agencies/unhcr/")
    staff = Client()
    staff.force_login(editor)
    response = staff.get("/agencies/unhcr/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]

    caches["default"].clear()
    staff.get("/statements/")
    assert client.get("/statements/")["X-Cache"] == "miss"  # the staff view was not stored


def test_a_staff_preview_of_a_draft_is_never_cached(client, world, admin_client):
    preview = admin_client.get("/statements/secret-draft/")
    assert preview.status_code == 200 and "X-Cache" not in preview
    assert client.get("/statements/secret-draft/").status_code == 404


def test_a_token_holder_is_answered_privately_and_never_from_the_cache(client, world, publisher):
    cached(client, "/api/v1/statements/")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(publisher)[1]}")
    response = api.get("/api/v1/statements/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "secret-draft" in response.content.decode()  # a publisher sees drafts; the public copy does not
    assert "secret-draft" not in client.get("/api/v1/statements/").content.decode()


def test_the_key_tells_formats_apart(client, world):
    json_body = cached(client, "/api/v1/statements/")
    csv = client.get("/api/v1/statements/", HTTP_ACCEPT="text/csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert client.get("/api/v1/statements/?format=csv")["Content-Type"].startswith("text/csv")
    assert client.get("/api/v1/statements/").content.decode() == json_body


@pytest.mark.parametrize("url", ["/agencies/unhcr/", "/statements/", "/api/v1/statements/", API_STATEMENT])
def test_a_conditional_get_of_an_unchanged_response_is_a_304(client, world, url):
    tag = client.get(url)["ETag"]
    assert tag
    again = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_conditional_get_after_a_write_gets_the_new_page(client, world):
    tag = client.get("/statements/")["ETag"]
    Statement.objects.filter(slug="human-rights-irregular-2010").get().save()  # any write
    statement = Statement.objects.get(slug="human-rights-irregular-2010")
    statement.title = "Retitled"
    statement.save()
    response = client.get("/statements/", HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 200 and "Retitled" in response.content.decode()


@pytest.mark.parametrize("url", ["/agencies/", "/api/v1/agencies/", "/sitemap.xml"])
def test_anonymous_public_responses_say_how_long_a_cdn_may_keep_them(client, world, settings, url):
    control = client.get(url)["Cache-Control"]
    assert "public" in control
    assert f"s-maxage={settings.SHARED_CACHE_SECONDS}" in control


def test_a_cache_that_is_down_does_not_break_the_site(client, world, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr("registry.cache._backend", Down)
    for url in ["/agencies/unhcr/", "/api/v1/statements/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Cache" in response  # attempted, failed quietly


def test_bulk_writes_that_skip_signals_bump_the_version_themselves(client, world):
    cached(client, "/agencies/")
    from registry import cache

    Agency.objects.filter(slug="unhcr").update(name="Renamed in bulk")
    cache.bump_version()
    assert "Renamed in bulk" in fresh(client, "/agencies/").content.decode()


REDIS = "redis://127.0.0.1:6379/1"


@pytest.fixture
def two_servers_on_one_redis(settings):
    """Two cache clients on Redis db 1, standing for two app servers; the database is shared as in production."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS}: {exc}")
    client = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": "gmg-test"}
    settings.CACHES = {**settings.CACHES, "server_a": client, "server_b": dict(client)}
    caches["server_a"].clear()
    yield settings
    caches["server_a"].clear()


def test_two_app_servers_sharing_one_redis_see_each_others_entries_and_invalidations(
    client, world, two_servers_on_one_redis
):
    settings = two_servers_on_one_redis
    assert caches["server_a"] is not caches["server_b"]

    settings.RESPONSE_CACHE_ALIAS = "server_a"
    assert client.get("/agencies/unhcr/")["X-Cache"] == "miss"
    settings.RESPONSE_CACHE_ALIAS = "server_b"
    assert client.get("/agencies/unhcr/")["X-Cache"] == "hit"  # stored by A, served by B

    unhcr = Agency.objects.get(slug="unhcr")  # a write handled by server A
    unhcr.name = "Renamed on server A"
    unhcr.save()

    response = client.get("/agencies/unhcr/")  # server B
    assert response["X-Cache"] == "miss" and "Renamed on server A" in response.content.decode()
    settings.RESPONSE_CACHE_ALIAS = "server_a"
    response = client.get("/agencies/unhcr/")
    assert response["X-Cache"] == "hit" and "Renamed on server A" in response.content.decode()


def test_a_page_that_used_a_csp_nonce_is_never_stored(client, db):
    """The API docs carry a per-request nonce; a replayed copy would be blocked by the next request's header."""
    first = client.get("/api/v1/docs/")
    second = client.get("/api/v1/docs/")
    assert first.status_code == second.status_code == 200
    assert second.get("X-Cache") != "hit"
    assert "public" not in second.get("Cache-Control", "")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Stands for a commit inside the test's transaction: runs the on-commit callbacks registered in it, once."""

    @contextlib.contextmanager
    def commit():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        connection.run_on_commit.clear()  # run already; a real commit would have emptied the list

    return commit


@pytest.fixture
def shared_redis(two_servers_on_one_redis):
    """One app server on Redis, whose version copy starts empty."""
    two_servers_on_one_redis.RESPONSE_CACHE_ALIAS = "server_a"
    return caches["server_a"]


def test_with_the_version_in_redis_a_hit_reads_no_database(
    client, world, shared_redis, django_assert_num_queries, committed
):
    with committed():  # a committed write shares its version
        cache.bump_version()
    assert client.get("/agencies/unhcr/")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get("/agencies/unhcr/")["X-Cache"] == "hit"


def test_a_committed_write_on_one_server_is_seen_through_the_version_in_redis(
    client, world, two_servers_on_one_redis, committed
):
    settings = two_servers_on_one_redis
    settings.RESPONSE_CACHE_ALIAS = "server_a"
    with committed():
        cache.bump_version()
    cached(client, "/agencies/unhcr/")
    with committed():  # server A's write, committed
        Agency.objects.filter(slug="unhcr").update(name="Renamed and committed")
        cache.bump_version()
    settings.RESPONSE_CACHE_ALIAS = "server_b"
    assert "Renamed and committed" in fresh(client, "/agencies/unhcr/").content.decode()


def test_a_version_lost_from_redis_is_read_from_the_database_again(
    client, world, shared_redis, django_assert_num_queries, committed
):
    with committed():
        cache.bump_version()
    cached(client, "/agencies/")
    shared_redis.delete(cache.VERSION_KEY)  # evicted, or Redis restarted
    with django_assert_num_queries(1):
        assert client.get("/agencies/")["X-Cache"] == "hit"


def test_an_older_version_never_replaces_a_newer_one_in_redis(world, shared_redis):
    from registry.models import versioning

    serial, token, due = versioning.current_row()
    cache._publish(shared_redis, (serial, token, due))
    cache._publish(shared_redis, (serial - 1, "an-older-token", due))  # a slow reader arriving late
    assert cache._shared_version(shared_redis) == token


def test_redis_unreachable_still_answers_every_page(client, world, settings):
    settings.CACHES = {
        **settings.CACHES,
        "dead": {"BACKEND": "gmg.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/3"},
    }
    settings.RESPONSE_CACHE_ALIAS = "dead"
    for url in ["/agencies/unhcr/", "/api/v1/statements/", "/statements/"]:
        assert client.get(url).status_code == 200, url


def test_an_unreadable_content_version_renders_uncached_rather_than_failing(client, world, monkeypatch):
    from django.db import DatabaseError

    def unreadable():
        raise DatabaseError("version table locked")

    monkeypatch.setattr("registry.models.versioning.current_row", unreadable)
    response = client.get("/agencies/unhcr/")
    assert response.status_code == 200
    assert "X-Cache" not in response


class ReadsToAReplica:
    """A router as gmg.db_router is during an anonymous GET: every read to "replica" (which lags)."""

    asked = []

    def db_for_read(self, model, **hints):
        self.asked.append(model._meta.label)
        return "replica"


def test_the_content_version_is_read_from_the_primary_never_a_replica(world, monkeypatch, settings):
    # No shared cache, so the version is read from the database. Were it read from the replica, the
    # router's alias (not configured here) would raise; a lagging replica would give the old version.
    settings.RESPONSE_CACHE_ALIAS = "default"
    monkeypatch.setattr("registry.cache._shared", lambda: None)
    from django.db import router

    monkeypatch.setattr(router, "routers", [ReadsToAReplica()])
    with connection.cursor() as cursor:  # what the primary holds
        cursor.execute("SELECT token FROM registry_contentversion")
        (token,) = cursor.fetchone()
    assert cache.current_version() == token
    assert "registry.ContentVersion" not in ReadsToAReplica.asked


def test_a_request_with_a_session_cookie_is_never_looked_up(client, world, editor):
    cached(client, "/agencies/")
    staff = Client()
    staff.force_login(editor)
    assert "X-Cache" not in staff.get("/agencies/")


def test_a_cached_english_page_does_not_stop_the_first_visit_redirect(client, world):
    cached(client, "/agencies/")
    response = client.get("/agencies/", HTTP_ACCEPT_LANGUAGE="fr", HTTP_ACCEPT="text/html")
    assert response.status_code == 302 and response["Location"].startswith("/fr/")


def test_a_hit_carries_the_headers_of_a_rendered_answer(client, world):
    rendered = client.get("/agencies/")
    hit = client.get("/agencies/")
    assert hit["X-Cache"] == "hit"
    for header in ["Content-Security-Policy", "X-Frame-Options", "Vary", "Cache-Control", "ETag", "Content-Type"]:
        assert hit.get(header) == rendered.get(header), header
