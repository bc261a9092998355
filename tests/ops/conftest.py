import socket

import pytest


def closed_port():
    """A loopback port nothing listens on: bound by us for a moment, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The cache at a Redis URL where nothing answers, as in an outage."""
    settings.CACHES = {
        "default": {
            "BACKEND": "gmg.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/7",
            "KEY_PREFIX": "gmg-ops-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "gmg.sessions.cached_db"


@pytest.fixture
def throttled(settings):
    """The API throttle on, with a rate the tests can exceed."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["registry.api.throttling.AnonThrottle", "registry.api.throttling.UserThrottle"],
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"},
    }


@pytest.fixture(autouse=True)
def forget_restored_content_types():
    """A restore recreates content types under new ids inside the test's transaction, which is then rolled
    back: forget the ids Django cached, or a later test writes rows pointing at content types that are gone."""
    yield
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
