"""Error pages that hold up when the database is what failed.

Django calls `server_error` (handler500) for any exception no view handled. An exception that means
the database is unreachable is not a bug in the page: it answers 503 Service Unavailable with a
Retry-After, as a styled page for the site and as JSON for the API, and both carry the request id
that the log line has. Neither template touches the database: they are rendered without a request
context (no context processors) and link with plain paths.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = "The registry's database is unavailable; please try again in a few minutes."


def is_database_unavailable(exc):
    return isinstance(exc, (OperationalError, InterfaceError))


def _wants_json(request):
    return request.path.startswith("/api/")


def database_unavailable_json(request_id=None):
    body = {"detail": DATABASE_UNAVAILABLE}
    if request_id:
        body["request_id"] = request_id
    return body


def server_error(request, template_name="500.html"):
    request_id = getattr(request, "request_id", "")
    unavailable = is_database_unavailable(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if _wants_json(request):
        body = (
            database_unavailable_json(request_id)
            if unavailable
            else {"detail": "Internal error; it has been logged.", "request_id": request_id}
        )
        response = JsonResponse(body, status=status)
    else:
        template = loader.get_template("503.html" if unavailable else template_name)
        response = HttpResponse(template.render({"request_id": request_id}), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
