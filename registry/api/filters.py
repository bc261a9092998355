"""FilterSets for the contract's filters, and a strict ordering filter.

Every filter validates its value through a form field: a malformed date, an unknown slug or kind,
or a year out of range is a 400 naming the parameter (django-filter's strict mode), never an
empty list that looks like an answer.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from registry import models as m

ISO_DATE = ["%Y-%m-%d"]


def date_filter(help_text, **kwargs):
    return django_filters.DateFilter(input_formats=ISO_DATE, help_text=help_text, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no); anything else is an error rather than "no filter"."""

    TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).strip().lower()
        if lowered in self.TRUE | self.FALSE:
            return lowered in self.TRUE
        raise forms.ValidationError("Enter true or false.", code="invalid")

    def validate(self, value):
        pass


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


def agency_filter(help_text, **kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=m.Agency.objects.all(), to_field_name="slug", help_text=help_text, **kwargs
    )


class AgencyFilter(django_filters.FilterSet):
    member_on = date_filter(
        "Agencies that were members of `body` on this date (YYYY-MM-DD).", method="filter_member_on"
    )
    body = django_filters.ChoiceFilter(
        choices=m.Body.choices,
        method="filter_body",
        help_text="The body for `member_on` (default `gmg`); alone, agencies that were ever members of it.",
    )
    kind = django_filters.ChoiceFilter(choices=m.AgencyKind.choices, help_text="Kind of organisation.")
    in_un_system = BooleanFilter(help_text="Part of the UN system (true/false).")
    headquarters = django_filters.CharFilter(
        lookup_expr="iexact", help_text="Headquarters city, case-insensitive exact match, e.g. Geneva."
    )

    class Meta:
        model = m.Agency
        fields = ["member_on", "body", "kind", "in_un_system", "headquarters"]

    def filter_member_on(self, queryset, name, value):
        return queryset.members_on(value, self.form.cleaned_data.get("body") or m.Body.GMG)

    def filter_body(self, queryset, name, value):
        if self.form.cleaned_data.get("member_on"):
            return queryset  # applied together with member_on
        ever = m.Membership.objects.filter(agency=OuterRef("pk"), body=value)
        return queryset.filter(Exists(ever))


class MembershipFilter(django_filters.FilterSet):
    agency = agency_filter("Agency slug, e.g. unhcr.")
    body = django_filters.ChoiceFilter(choices=m.Body.choices, help_text="gmg or geneva.")
    active_on = date_filter("Memberships running on this date (YYYY-MM-DD).", method="filter_active_on")

    class Meta:
        model = m.Membership
        fields = ["agency", "body", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class ChairTermFilter(django_filters.FilterSet):
    on = date_filter("The term running on this date (YYYY-MM-DD).", method="filter_on")
    year = YearFilter(method="filter_year", help_text="Terms running at any time in this year.")
    agency = agency_filter("Terms this agency (slug) held, alone or as one of the co-chairs.", method="filter_agency")

    class Meta:
        model = m.ChairTerm
        fields = ["on", "year", "agency"]

    def filter_on(self, queryset, name, value):
        return queryset.on(value)

    def filter_year(self, queryset, name, value):
        return queryset.overlapping(datetime.date(value, 1, 1), datetime.date(value, 12, 31))

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.held_by(value)


class ReportedTotalFilter(django_filters.FilterSet):
    body = django_filters.ChoiceFilter(choices=m.Body.choices, help_text="gmg or geneva.")
    year = YearFilter(field_name="date", lookup_expr="year", help_text="Year of the reported date.")

    class Meta:
        model = m.ReportedTotal
        fields = ["body", "year"]


class StatementFilter(django_filters.FilterSet):
    agency = agency_filter("Signatory agency slug.", field_name="signatories")
    topic = django_filters.ModelChoiceFilter(
        queryset=m.Topic.objects.all(), to_field_name="slug", field_name="topics", help_text="Topic slug."
    )
    kind = django_filters.ChoiceFilter(choices=m.StatementKind.choices, help_text="Kind of statement.")
    event = django_filters.ModelChoiceFilter(
        queryset=m.Event.objects.all(), to_field_name="slug", help_text="Slug of the event it was delivered at."
    )
    language = django_filters.ChoiceFilter(choices=m.Language.choices, help_text="Language code (UN languages).")
    year = YearFilter(field_name="date", lookup_expr="year", help_text="Year of the statement's date.")
    date_after = date_filter("Dated on or after (YYYY-MM-DD).", field_name="date", lookup_expr="gte")
    date_before = date_filter("Dated on or before (YYYY-MM-DD).", field_name="date", lookup_expr="lte")

    class Meta:
        model = m.Statement
        fields = ["agency", "topic", "kind", "event", "language", "year", "date_after", "date_before"]


class WorkingGroupFilter(django_filters.FilterSet):
    active_on = date_filter("Groups established and not dissolved on this date.", method="filter_active_on")
    agency = agency_filter("Groups with this agency (slug) as co-chair or member.", method="filter_agency")

    class Meta:
        model = m.WorkingGroup
        fields = ["active_on", "agency"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.with_agency(value)


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=m.EventKind.choices, help_text="Kind of event.")
    year = YearFilter(field_name="start", lookup_expr="year", help_text="Year the event started.")
    agency = agency_filter("Events this agency (slug) organised or took part in.", method="filter_agency")
    date_after = date_filter("Starting on or after (YYYY-MM-DD).", field_name="start", lookup_expr="gte")
    date_before = date_filter("Starting on or before (YYYY-MM-DD).", field_name="start", lookup_expr="lte")

    class Meta:
        model = m.Event
        fields = ["kind", "year", "agency", "date_after", "date_before"]

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.involving(value)


class PublicationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=m.PublicationKind.choices, help_text="Kind of publication.")
    year = YearFilter(field_name="date", lookup_expr="year", help_text="Year of publication.")
    agency = agency_filter("Lead agency slug.", field_name="lead_agencies")
    topic = django_filters.ModelChoiceFilter(
        queryset=m.Topic.objects.all(), to_field_name="slug", field_name="topics", help_text="Topic slug."
    )

    class Meta:
        model = m.Publication
        fields = ["kind", "year", "agency", "topic"]


class StrictOrderingFilter(BaseFilterBackend):
    """`?ordering=name,-start`: only the names a view lists; anything else is a 400.

    Views declare `ordering_fields` as {public name: model lookup}, so the API speaks in its own
    field names (`agency`) rather than Django's (`agency__acronym`). The primary key always breaks
    ties so that pages never overlap.
    """

    param = "ordering"

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(self.param)
        if not raw:
            return queryset
        allowed = view.ordering_fields
        lookups = []
        for term in (t.strip() for t in raw.split(",")):
            name = term.removeprefix("-")
            if name not in allowed:
                choices = ", ".join(sorted(allowed))
                raise ValidationError({self.param: [f"Cannot order by {term[:50]!r}; choose from: {choices}."]})
            lookups.append(("-" if term.startswith("-") else "") + allowed[name])
        return queryset.order_by(*lookups, "pk")

    def get_schema_operation_parameters(self, view):
        names = sorted(view.ordering_fields)
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Comma-separated fields to sort by; prefix a field with `-` for descending. "
                f"Allowed: {', '.join(names)}.",
                "schema": {"type": "array", "items": {"type": "string", "enum": names + [f"-{n}" for n in names]}},
                "style": "form",
                "explode": False,
            }
        ]
