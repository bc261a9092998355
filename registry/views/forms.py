"""Filters for the public lists, read from the query string so every filtered view can be bookmarked."""

import datetime

from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from registry import search
from registry.models import (
    Agency,
    AgencyKind,
    Body,
    EventKind,
    Language,
    PublicationKind,
    Statement,
    StatementKind,
    Topic,
)

ANY = [("", "Any")]


class QuickSelect(forms.Select):
    """The same <select> as Django's, built in Python: its per-option templates took a second for 2,000 agencies."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(v), " selected" if str(v) in chosen else "", label) for v, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


class SlugChoiceField(forms.ModelChoiceField):
    """A published record chosen by slug, with an error that names what was not found."""

    widget = QuickSelect

    def __init__(self, queryset, noun, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, empty_label="Any", **kwargs)
        self.error_messages["invalid_choice"] = f"There is no {noun} with that name in the registry."

    def label_from_instance(self, obj):
        return getattr(obj, "acronym", None) or str(obj)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1900, max_value=2100, **kwargs)
        self.error_messages["invalid"] = "Give the year as four digits, e.g. 2010."
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "e.g. 2010"})


class FilterForm(forms.Form):
    """A form whose cleaned values narrow a queryset; `active_filters` says which are in force."""

    def active_filters(self):
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "") and name != "sort"}

    def filter(self, queryset):
        return queryset


class AgencyFilterForm(FilterForm):
    kind = forms.ChoiceField(choices=ANY + AgencyKind.choices, required=False)
    headquarters = forms.ChoiceField(required=False, label="Headquarters")
    member_on = forms.DateField(
        required=False,
        label="Members on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD, e.g. 2009-06-30."},
        help_text="Only agencies that were members on this day.",
    )
    body = forms.ChoiceField(choices=Body.choices, required=False, initial=Body.GMG, label="Of")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cities = Agency.objects.published().exclude(headquarters="").order_by("headquarters")
        cities = cities.values_list("headquarters", flat=True).distinct()
        self.fields["headquarters"].choices = lambda: ANY + [(city, city) for city in cities]

    def filter(self, queryset):
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["headquarters"]:
            queryset = queryset.filter(headquarters=data["headquarters"])
        if data["member_on"]:
            queryset = queryset.members_on(data["member_on"], data["body"] or Body.GMG)
        return queryset


class StatementFilterForm(FilterForm):
    SORTS = [
        ("", "Best match, else newest"),
        ("newest", "Newest first"),
        ("oldest", "Oldest first"),
        ("title", "Title A–Z"),
        ("relevance", "Relevance"),
    ]

    q = forms.CharField(required=False, max_length=search.MAX_QUERY_LENGTH, label="Words")
    year = YearField()
    agency = SlugChoiceField(Agency.objects.none(), "agency", label="Signed by")
    topic = SlugChoiceField(Topic.objects.none(), "topic")
    kind = forms.ChoiceField(choices=ANY + StatementKind.choices, required=False)
    language = forms.ChoiceField(choices=ANY + Language.choices, required=False)
    sort = forms.ChoiceField(choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.published().only("slug", "acronym")
        self.fields["topic"].queryset = Topic.objects.published().only("slug", "name")
        self.fields["q"].widget.attrs["type"] = "search"

    def filter(self, queryset):
        data = self.cleaned_data
        if data["year"]:
            queryset = queryset.filter(date__year=data["year"])
        if data["agency"]:
            queryset = queryset.filter(signatories=data["agency"])
        if data["topic"]:
            queryset = queryset.filter(topics=data["topic"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["language"]:
            queryset = queryset.filter(language=data["language"])
        if data["q"]:
            queryset = search.filter_matching(queryset, search.kind_for(Statement), data["q"])
        sort = data["sort"] or ("relevance" if data["q"] else "newest")
        order = {
            "newest": ["-date", "title"],
            "oldest": ["date", "title"],
            "title": ["title"],
            "relevance": ["-search_rank", "-date"] if data["q"] else ["-date", "title"],
        }[sort]
        return queryset.order_by(*order)


class EventFilterForm(FilterForm):
    kind = forms.ChoiceField(choices=ANY + EventKind.choices, required=False)
    year = YearField()

    def filter(self, queryset):
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["year"]:
            # An event without an end lasted one day (or one period), it is not ongoing.
            first, last = datetime.date(data["year"], 1, 1), datetime.date(data["year"], 12, 31)
            queryset = queryset.filter(Q(start__year=data["year"]) | Q(start__lte=last, end__gte=first))
        return queryset


class PublicationFilterForm(FilterForm):
    kind = forms.ChoiceField(choices=ANY + PublicationKind.choices, required=False)
    year = YearField()
    agency = SlugChoiceField(Agency.objects.none(), "agency", label="Led by")
    topic = SlugChoiceField(Topic.objects.none(), "topic")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.published().only("slug", "acronym")
        self.fields["topic"].queryset = Topic.objects.published().only("slug", "name")

    def filter(self, queryset):
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["year"]:
            queryset = queryset.filter(date__year=data["year"])
        if data["agency"]:
            queryset = queryset.filter(lead_agencies=data["agency"])
        if data["topic"]:
            queryset = queryset.filter(topics=data["topic"])
        return queryset
