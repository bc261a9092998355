"""Every API error is JSON that names the problem; input never produces a 500.

DRF already turns its own exceptions, Http404 and PermissionDenied into JSON. This handler adds
the Django exceptions a model or the database may raise, so no request falls through to Django's
HTML error page.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gmg.errors import RETRY_AFTER_SECONDS, database_unavailable_json, is_database_unavailable

logger = logging.getLogger(__name__)


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has changed since you read it (If-Match does not match its ETag).")
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This change conflicts with other records.")
    default_code = "conflict"


def django_errors_to_dict(exc, non_field_key="non_field_errors"):
    """A Django ValidationError as DRF's {"field": ["message", ...]} shape."""
    if hasattr(exc, "error_dict"):
        result = {}
        for field, messages in exc.message_dict.items():
            key = non_field_key if field == NON_FIELD_ERRORS else field
            result.setdefault(key, []).extend(messages)
        return result
    return {non_field_key: list(exc.messages)}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    from registry.services import Conflict as VersionConflict

    if isinstance(exc, VersionConflict):
        return Response({"detail": _("%s Read it again and retry.") % exc}, status=status.HTTP_412_PRECONDITION_FAILED)
    if isinstance(exc, DjangoValidationError):
        return Response(django_errors_to_dict(exc), status=status.HTTP_400_BAD_REQUEST)
    if is_database_unavailable(exc):
        logger.error("API request failed: database unavailable: %s", exc)
        request_id = getattr(context.get("request"), "request_id", None)
        return Response(
            database_unavailable_json(request_id),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, IntegrityError):
        logger.warning("API write refused by the database: %s", exc)
        return Response(
            {"detail": _("The database refused this change because it conflicts with another record.")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, (DataError, SuspiciousOperation, OverflowError)):
        return Response(
            {"detail": (_("The request cannot be processed: %s") % exc)[:500]}, status=status.HTTP_400_BAD_REQUEST
        )
    logger.exception("Unexpected API error", exc_info=exc)
    return Response({"detail": _("Internal error; it has been logged.")}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
