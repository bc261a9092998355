"""Page-number pagination with an explicit, enforced page size.

`page_size` outside 1..API_MAX_PAGE_SIZE is refused with a 400 that names the parameter rather
than silently clamped: a client asking for 500 rows and getting 200 could believe it has them all.
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class RegistryPagination(PageNumberPagination):
    page_size = settings.API_PAGE_SIZE
    max_page_size = settings.API_MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_query_param = "page"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        return _whole_number(raw, self.page_size_query_param, 1, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        raw = request.query_params.get(self.page_query_param) or "1"
        number = _whole_number(raw, self.page_query_param, 1, None)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise NotFound(
                _("Page %(number)s is past the end: there are %(pages)s page(s) of %(size)s.")
                % {"number": number, "pages": paginator.num_pages, "size": page_size}
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1. A page past the end is a 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}, at most {self.max_page_size}); "
                f"a value outside 1–{self.max_page_size} is refused with a 400, never clamped.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "next", "previous", "results"]
        return paginated


def _whole_number(raw, name, minimum, maximum):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ValidationError({name: [_("A whole number is required, not %r.") % raw[:50]]}) from None
    if value < minimum or (maximum is not None and value > maximum):
        if maximum is not None:
            message = _("Must be between %(minimum)s and %(maximum)s; got %(value)s.")
        else:
            message = _("Must be at least %(minimum)s; got %(value)s.")
        raise ValidationError({name: [message % {"minimum": minimum, "maximum": maximum, "value": value}]})
    return value
