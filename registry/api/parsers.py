"""JSON request bodies with a size and a nesting limit: 413 or 400 with a message, never a 500.

DRF reads the request stream directly, which skips Django's DATA_UPLOAD_MAX_MEMORY_SIZE check, and
Python's json module answers very deep nesting with RecursionError. Both are checked here first.
"""

import re

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

# Strings are skipped when counting depth: a "[" inside a string opens nothing.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def nesting_depth(raw):
    depth = deepest = 0
    for byte in _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw)):
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = b"" if stream is None else stream.read(limit + 1)
        if len(raw) > limit:
            raise RequestTooLarge(f"The request body is larger than the limit of {limit} bytes.")
        if nesting_depth(raw) > settings.API_JSON_MAX_DEPTH:
            raise ParseError(f"JSON nested more than {settings.API_JSON_MAX_DEPTH} levels deep is not accepted.")
        try:
            text = raw.decode((parser_context or {}).get("encoding") or "utf-8")
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
