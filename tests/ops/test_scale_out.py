"""Scale-out settings: a read replica for public reads, sessions in Redis and the database, media on S3."""

import json
import subprocess
import sys

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from gmg import db_router
from gmg.middleware import ReplicaReadsMiddleware
from registry.models import Agency

router = db_router.PrimaryReplicaRouter()


def settings_with(code, **environ):
    """Evaluate `code` in a fresh interpreter, as a deployment would: it sees the settings as `s`
    and, Django being set up, the default file storage as `storage`."""
    program = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"from django.core.files.storage import default_storage as storage; print(json.dumps({code}))"
    )
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "gmg.settings"}
    result = subprocess.run([sys.executable, "-c", program], env=base | environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_replica_there_is_no_router_and_one_database():
    assert settings_with("[list(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', [])]") == [["default"], []]


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    names, routers, middleware = settings_with(
        "[list(s.DATABASES), s.DATABASE_ROUTERS, s.MIDDLEWARE[:2]]",
        DATABASE_URL="postgres://app@primary:5432/gmg",
        DATABASE_REPLICA_URL="postgres://app@replica:5432/gmg",
    )
    assert names == ["default", "replica"]
    assert routers == ["gmg.db_router.PrimaryReplicaRouter"]
    assert middleware == ["gmg.middleware.RequestLogMiddleware", "gmg.middleware.ReplicaReadsMiddleware"]


def test_public_reads_go_to_the_replica_and_everything_else_to_the_primary():
    assert router.db_for_read(Agency) == "default"  # commands, shell, tests
    with db_router.replica_reads(True):
        assert router.db_for_read(Agency) == "replica"
        assert router.db_for_write(Agency) == "default"
    with db_router.replica_reads(False):
        assert router.db_for_read(Agency) == "default"
    assert router.allow_migrate("replica", "registry") is False
    assert router.allow_migrate("default", "registry") is True


def test_reads_inside_a_transaction_stay_on_the_primary(db):
    with db_router.replica_reads(True), transaction.atomic():
        assert router.db_for_read(Agency) == "default"


def _route_seen_by_the_view(request):
    seen = []
    ReplicaReadsMiddleware(lambda r: seen.append(router.db_for_read(Agency)) or HttpResponse())(request)
    return seen[0]


@pytest.mark.parametrize(
    ("method", "headers", "cookies", "expected"),
    [
        ("get", {}, {}, "replica"),
        ("head", {}, {}, "replica"),
        ("get", {}, {"csrftoken": "x"}, "replica"),
        ("get", {}, {"sessionid": "abc"}, "default"),  # maybe signed in: must read its own writes
        ("get", {"HTTP_AUTHORIZATION": "Token abc"}, {}, "default"),
        ("post", {}, {}, "default"),
    ],
)
def test_the_middleware_sends_only_anonymous_safe_requests_to_the_replica(method, headers, cookies, expected):
    factory = RequestFactory()
    for name, value in cookies.items():
        factory.cookies[name] = value
    request = getattr(factory, method)("/agencies/", **headers)
    assert _route_seen_by_the_view(request) == expected
    assert router.db_for_read(Agency) == "default"  # and the choice ends with the request


def test_with_redis_sessions_are_cached_and_written_to_the_database():
    assert settings_with("s.SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/7") == "gmg.sessions.cached_db"
    assert settings_with("s.SESSION_ENGINE") == "gmg.sessions.db"


def test_media_stay_on_the_local_disk_unless_a_bucket_is_named():
    assert settings_with("s.STORAGES['default']['BACKEND']") == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_puts_media_on_s3_compatible_storage_with_signed_links():
    backend, url = settings_with(
        "[s.STORAGES['default']['BACKEND'], storage.url('logos/unhcr.png')]",
        S3_BUCKET="gmg-media",
        S3_ENDPOINT_URL="https://objects.example.org",
        S3_REGION="eu-west-1",
        S3_ACCESS_KEY_ID="AKIDEXAMPLE",
        S3_SECRET_ACCESS_KEY="secret",
    )
    assert backend == "storages.backends.s3.S3Storage"
    assert url.startswith("https://objects.example.org/gmg-media/media/logos/unhcr.png?")
    assert "Signature=" in url or "X-Amz-Signature=" in url
