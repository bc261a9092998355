"""CSV for every list: the same rows as the JSON, flattened, with a header row.

Columns come from the serializer, not from the first row, so an empty result still has its
header. A nested object becomes `parent.child` columns; a list becomes one cell joining its
items with "; " (objects by their slug, acronym, title or id).

A text cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe, as OWASP advises against CSV injection; numbers are left
as they are. The file is offered as a download named after the resource (`agencies.csv`).
"""

import csv
import io

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
IDENTIFYING_KEYS = ("slug", "acronym", "title", "name", "id")


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        view = context.get("view")
        response, request = context.get("response"), context.get("request")
        if response is not None and request is not None and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{_resource_name(request)}.csv"'
        rows = data if isinstance(data, list) else [data]
        columns = csv_columns(view.get_serializer()) if view is not None else _columns_from(rows)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_safe_cell(_lookup(row, column)) for column in columns])
        return out.getvalue().encode(self.charset)


def _resource_name(request):
    """The list's address segment: /api/v1/chair-terms/ gives "chair-terms" (only [-a-z0-9] kept)."""
    segment = request.path.rstrip("/").rsplit("/", 1)[-1]
    return "".join(c for c in segment.lower() if c.isalnum() or c == "-") or "export"


def _safe_cell(value):
    text = _cell(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_columns(serializer):
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            columns += [f"{name}.{child}" for child in field.fields]
        else:
            columns.append(name)
    return columns


def _columns_from(rows):
    return list(rows[0]) if rows and isinstance(rows[0], dict) else []


def _lookup(row, column):
    value = row
    for part in column.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(_identify(item)) for item in value)
    if isinstance(value, dict):
        return _cell(_identify(value))
    return str(value)


def _identify(item):
    if isinstance(item, dict):
        for key in IDENTIFYING_KEYS:
            if item.get(key) not in (None, ""):
                return item[key]
        return ""
    return item
