"""With Redis unreachable the site, the API and its throttle keep serving, uncached; the outage is logged once."""

import logging

import pytest
from django.core.cache import cache

from gmg.cache import ResilientRedisCache
from tests.factories import AgencyFactory


def test_every_cache_call_behaves_as_a_miss_while_redis_is_down(redis_down):
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert cache.get_or_set("k", 42) == 42
    with pytest.raises(ValueError, match="not found"):
        cache.incr("k")


def test_the_outage_is_logged_once_not_on_every_call(redis_down, caplog, monkeypatch):
    monkeypatch.setattr(ResilientRedisCache, "RETRY_AFTER", 0)  # try Redis on every call
    with caplog.at_level(logging.WARNING, logger="gmg.cache"):
        for _ in range(5):
            cache.get("k")
    warnings = [r for r in caplog.records if r.name == "gmg.cache"]
    assert len(warnings) == 1
    assert "Cache unavailable" in warnings[0].getMessage()


def test_the_api_answers_with_redis_down_and_the_throttle_on(client, db, redis_down, throttled):
    AgencyFactory(acronym="UNHCR", slug="unhcr")
    responses = [client.get("/api/v1/agencies/") for _ in range(3)]
    # The throttle cannot count without its store, so it lets requests through rather than failing them.
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[0].json()["results"][0]["acronym"] == "UNHCR"


def test_public_pages_answer_with_redis_down(client, seed, redis_down):
    for url in ["/", "/agencies/", "/agencies/unhcr/", "/chairs/", "/statements/"]:
        assert client.get(url).status_code == 200, url


def test_an_editor_can_sign_in_and_use_the_admin_with_redis_down(client, editor, redis_down):
    response = client.post("/admin/login/?next=/admin/", {"username": "bob", "password": "password"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_redis_up_the_throttle_counts_there(client, db, settings, throttled):
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/7", socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "gmg.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "KEY_PREFIX": "gmg-ops-test-throttle",
        }
    }
    cache.clear()
    try:
        assert [client.get("/api/v1/agencies/").status_code for _ in range(3)] == [200, 200, 429]
    finally:
        cache.clear()
