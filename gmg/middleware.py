"""Request-level operations: a request id and one structured log line per request; public reads to the replica.

`RequestLogMiddleware` goes first in MIDDLEWARE so that it times and logs everything, including
responses produced by other middleware and error handlers. `ReplicaReadsMiddleware` decides, per
request and before anything reads the database, whether reads may go to the read replica
(see gmg.db_router).
"""

import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils.functional import empty

from gmg import db_router

logger = logging.getLogger("gmg.request")

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only if it is short and plain, so it cannot forge log lines or headers.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


def request_id_from(request):
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if _SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def user_id_of(request):
    """The signed-in user's id, or None, without a database query when the user was never looked up.

    DRF stores the token's user on the request; a session user is named by the session itself.
    """
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is not empty and wrapped is not None:
        return wrapped.pk if wrapped.is_authenticated else None
    session = getattr(request, "session", None)
    if session is None:
        return None
    try:
        return session.get(SESSION_KEY)
    except Exception:  # the session store is down: the request has been answered already
        return None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        user_id = user_id_of(request)
        logger.info(
            json.dumps(
                {
                    "request_id": request.request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": str(user_id) if user_id is not None else "anonymous",
                },
                ensure_ascii=False,
            )
        )
        return response


class ReplicaReadsMiddleware:
    """Lets the reads of an anonymous GET/HEAD go to the replica; everything else reads the primary.

    "Anonymous" is judged without a query: no session cookie and no Authorization header. Someone
    who has just saved something always has a session or a token, so they read their own writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "Authorization" not in request.headers
        )
        with db_router.replica_reads(public):
            return self.get_response(request)
