import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request):
    """Liveness only: answers without touching the database, so a slow database does not kill the process."""
    return JsonResponse({"status": "ok"})


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as exc:
        logger.warning("Readiness: database unavailable: %s", exc)
        return False


def _cache_ok():
    # The cache backend turns an outage into a miss (gmg.cache), so a value that does not come back
    # is how an outage shows.
    key, token = "readyz", uuid.uuid4().hex
    cache.set(key, token, 10)
    return cache.get(key) == token


@require_safe
@never_cache
def readyz(request):
    """Readiness: 200 when the database and the cache both answer, else 503 naming what is down."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "unavailable" if down else "ok",
        "checks": {name: "ok" if ok else "down" for name, ok in checks.items()},
    }
    if down:
        body["detail"] = f"Not ready: {' and '.join(down)} unavailable."
    return JsonResponse(body, status=503 if down else 200)
