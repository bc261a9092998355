"""One FilterSet per resource: the API's lists and the site's list pages filter with the same classes.

Each filter has one meaning, written once here and in the README's filter table. Every value is
validated by a form field: a malformed date, an unknown slug or kind, or a year out of range is a
400 naming the parameter in the API (django-filter's strict mode) and the site's 400 page with a
message, never an empty list that looks like an answer. The labels, widgets and messages serve the
site's forms; `help_text` is the API's documentation (the site shows its own `site_help`).
"""

import copy
import datetime

import django_filters
from django import forms
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from registry import i18n, search
from registry import models as m
from registry.models.base import in_year
from registry.sanitise import escape_text as _escaped

ISO_DATE = ["%Y-%m-%d"]
ANY = _("Any")
# The registry's records run from the 1990s to 2018: a year outside this range is a typo.
YEARS = (1900, 2100)


def _attrs(attrs):
    """Attributes as Django's widgets/attrs.html writes them: in order, `True` bare, `False` left out."""
    return "".join(f" {name}" if value is True else f' {name}="{_escaped(value)}"'
                   for name, value in attrs.items() if value is not False)  # fmt: skip


class QuickInput:
    """Mixed into an <input> widget: the HTML of Django's input.html, built in Python. The site's filter forms
    have up to ten fields, and a template render for each was a tenth of a list page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
        return mark_safe(f'<input type="{widget["type"]}" name="{_escaped(name)}"{shown}{_attrs(widget["attrs"])}>')  # noqa: S308 - every part escaped


def select_html(name, chosen, options, attrs):
    """The same <select> as Django's, built in Python: its per-option templates took a second for 2,000 agencies."""
    rendered = []
    for v, label in options:
        v = str(v)
        selected = " selected" if v in chosen else ""
        rendered.append(f'<option value="{_escaped(v)}"{selected}>{_escaped(label)}</option>')
    return mark_safe(f'<select name="{_escaped(name)}"{_attrs(attrs)}>{"".join(rendered)}</select>')  # noqa: S308 - every part escaped


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        return select_html(name, chosen, self.choices, self.build_attrs(self.attrs, attrs))


class SearchInput(QuickInput, forms.SearchInput):
    pass


class ISODateInput(QuickInput, forms.DateInput):
    """A native date picker that never echoes text it cannot hold (invalid HTML on the 400 page)."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class YearInput(QuickInput, forms.NumberInput):
    """A number box that never echoes text that is no number (invalid HTML on the 400 page)."""

    def format_value(self, value):
        if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
            return None
        return super().format_value(value)


def date_filter(help_text, *, label=None, **kwargs):
    return django_filters.DateFilter(
        input_formats=ISO_DATE,
        help_text=help_text,
        label=label,
        widget=ISODateInput(format="%Y-%m-%d"),
        error_messages={"invalid": _("Give the date as YYYY-MM-DD, e.g. 2009-06-30.")},
        **kwargs,
    )


@extend_schema_field({"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]})
class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.update(min_value=YEARS[0], max_value=YEARS[1])
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("error_messages", {"invalid": _("Give the year as four digits, e.g. 2010.")})
        kwargs.setdefault("widget", YearInput(attrs={"placeholder": _("e.g. 2010")}))
        super().__init__(*args, **kwargs)


class StoredYearFilter(YearFilter):
    """The year of a partial date (`field_name`), read from the date's stored order (`models.base.in_year`):
    the same records as `date__year`, from the index the list is ordered by (on PostgreSQL `date__year`
    walked that index past some 11,000 statements to find 2010's)."""

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(in_year(self.field_name, value))


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no); anything else is an error rather than "no filter"."""

    TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}
    widget = QuickSelect(choices=[("", ANY), ("true", _("Yes")), ("false", _("No"))])

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).strip().lower()
        if lowered in self.TRUE | self.FALSE:
            return lowered in self.TRUE
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value):
        pass


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


def choice_filter(choices, help_text, **kwargs):
    return django_filters.ChoiceFilter(
        choices=choices, help_text=help_text, empty_label=ANY, widget=QuickSelect, **kwargs
    )


# A menu longer than this is no longer a menu: past it, the filter asks for the record's short name (MenuOrSlugInput).
MENU_LIMIT = 100


class MenuOrSlugInput(forms.Select):
    """A menu of the records while there are at most MENU_LIMIT of them, as in the real registry (about twenty
    agencies, a handful of events); past that, a text box for the record's short name (its slug, as in its
    address) with a link to the page that lists them.

    At scale 100 the statement list's two menus held 2,000 agencies and 2,000 events: 268 KB and most of
    the page's render time, for menus no one scrolls. Django admin's answer (autocomplete_fields) is a
    box that asks rather than a list that shows all; here it works without JavaScript, and the FilterSet
    validates the typed slug as it validates the menu's choice (the same field, the same "There is no
    agency with that name" error), so the site and the API still share one FilterSet.
    """

    # The URL name of the list where a visitor finds the short name, and that list's title.
    directory = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        # At most MENU_LIMIT + 1 records (LabelColumnIterator), after the blank. Through iter(): list() would
        # first ask the iterator's len(), a COUNT query.
        options = list(iter(self.choices))
        records = [option for option in options if option[0] != ""]
        if len(records) <= MENU_LIMIT:
            return select_html(name, {str(v) for v in self.format_value(value)}, options, attrs)
        return self.render_text_box(name, value, attrs, example=records[0][0])

    def render_text_box(self, name, value, attrs, *, example):
        url_name, title = self.directory
        hint_id = f"{attrs.get('id', name)}_hint"
        described = " ".join(filter(None, [attrs.get("aria-describedby"), hint_id]))
        attrs = {**attrs, "aria-describedby": described, "autocomplete": "off", "spellcheck": "false"}
        if value not in (None, ""):
            attrs["value"] = value
        link = format_html('<a href="{}">{}</a>', reverse(url_name), title)
        text = conditional_escape(
            _("Type the short name from its address, e.g. %(example)s, or find it under %(list)s.")
        )
        hint = mark_safe(text % {"example": format_html("<code>{}</code>", example), "list": link})  # noqa: S308 - escaped
        box = f'<input type="text" name="{_escaped(name)}"{_attrs(attrs)}>'
        return mark_safe(f'{box}<small id="{_escaped(hint_id)}">{hint}</small>')  # noqa: S308 - every part escaped


class LabelColumnIterator(forms.models.ModelChoiceIterator):
    """The menu's (slug, label) pairs read as two columns: building 2,000 model instances to call
    `str()` on each took most of the statement list's time. For a field with a `directory`, at most
    MENU_LIMIT + 1 records are read: one more than a menu holds tells MenuOrSlugInput to ask for the
    short name instead."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label = i18n.translated_column(self.queryset.model, self.field.label_field)
        queryset = self.queryset
        if hasattr(queryset, "rewrite"):
            # The label is already the column of the active language: without modeltranslation's rewriting,
            # rows come as Django's plain tuples, not each built as a dict and read through the field's
            # descriptor (about 8 µs a row, 240 rows on the statement list). Its ordering was set when the
            # queryset was made, in the active language, and stays.
            queryset = queryset.rewrite(False)
        rows = queryset.values_list(self.field.to_field_name, label)
        yield from rows[: MENU_LIMIT + 1] if self.field.directory else rows


class SlugChoiceField(forms.ModelChoiceField):
    """A record chosen by slug, with an error that names what was not found. With `label_field`, the
    menu shows that field (the record's `str()`) read from the database without building the records;
    with `directory` (a list's URL name and title), a text box replaces a menu grown too long to use."""

    widget = QuickSelect

    def __init__(self, *args, noun, label_field=None, directory=None, **kwargs):
        self.label_field, self.directory = label_field, directory
        if label_field:
            self.iterator = LabelColumnIterator
        if directory:
            kwargs["widget"] = MenuOrSlugInput
        super().__init__(*args, **kwargs)
        self.widget.directory = directory
        self.error_messages["invalid_choice"] = _("There is no %(noun)s with that name in the registry.") % {
            "noun": noun
        }


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField

    def __init__(self, model, help_text, *, noun=None, label_field=None, directory=None, **kwargs):
        noun = noun or model._meta.verbose_name
        if label_field:
            kwargs["label_field"] = label_field
        if directory:
            kwargs["directory"] = directory
        # Only what the public may see can be chosen; the choices are read when the form is used.
        queryset = kwargs.pop("queryset", None) or (lambda request: model.objects.published())
        super().__init__(
            queryset=queryset, to_field_name="slug", help_text=help_text, empty_label=ANY, noun=noun, **kwargs
        )


def agency_filter(help_text, **kwargs):
    def agencies(request):
        return m.Agency.objects.published().only("slug", "acronym")

    kwargs.setdefault("label", _("Agency"))
    kwargs.setdefault("label_field", "acronym")
    kwargs.setdefault("directory", ("site:agencies", _("Member agencies")))
    return SlugFilter(m.Agency, help_text, queryset=agencies, **kwargs)


def topic_filter(help_text):
    return SlugFilter(m.Topic, help_text, field_name="topics", label=_("Topic"), label_field="name")


class CityInput(QuickInput, forms.TextInput):
    """A free-text city with the known ones offered as suggestions (`<datalist>`)."""

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-cities"
        field = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        agencies = m.Agency.objects.published().exclude(headquarters="").order_by("headquarters")
        cities = agencies.values_list("headquarters", flat=True).distinct()
        options = format_html_join("", '<option value="{}">', ((city,) for city in cities))
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


def own_copy(filter_):
    """A class's filter for one filterset: its attributes its own, and what a filterset changes in place, its
    `extra` (a menu's queryset goes there), its own too; a `method` asks this copy's filterset. Its field is
    made later, from the copy (a field deep-copies its widget, messages and choices), also when the class's
    filter has made one already: the OpenAPI schema reads the choice filters' fields, and django-filter's deep
    copy would hand every later request that field, and a menu's queryset from the moment it was made."""
    copied = copy.copy(filter_)
    vars(copied).pop("_field", None)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        copied.method = filter_.method  # a FilterMethod of the copy (the class's would ask no filterset)
    return copied


class RegistryFilterSet(django_filters.FilterSet):
    # Help for the site's visitors, by filter name (help_text documents the API).
    site_help = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """django-filter's, with each filter copied as deep as a filterset changes it (`own_copy`), not deep-copied
        with its widget, choices, messages and labels (~400 deepcopy calls for the statement list's ten)."""
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: own_copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    @property
    def form(self):
        """The form of this filterset's fields, as django-filter's, without making a form class at every request.

        django-filter makes a class of the fields (`get_form_class`: a metaclass run per request), whose form
        then deep-copies them (`BaseForm.__init__`), ModelChoiceFields cloning their querysets: ~500 deepcopy
        calls a statement list. The fields are this filterset's own (its filters are copied from the class's
        and make their field when first asked, with the current time in a menu's queryset), used by this one
        form only, so the form takes them as they are, after the base form's own fields, as the class did.
        """
        if not hasattr(self, "_form"):
            form = self._meta.form(*((self.data,) if self.is_bound else ()), prefix=self.form_prefix)
            form.fields = {**form.fields, **{name: filter_.field for name, filter_ in self.filters.items()}}
            self._form = form
        return self._form

    def active_filters(self):
        """The filters in force (by name), for the site's "match these filters" and "Clear filters"."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}


class AgencyFilter(RegistryFilterSet):
    kind = choice_filter(m.AgencyKind.choices, _("Kind of organisation."), label=_("Kind"))
    in_un_system = BooleanFilter(help_text=_("Part of the UN system (true/false)."), label=_("In the UN system"))
    headquarters = django_filters.CharFilter(
        lookup_expr="iexact",
        help_text=_("Headquarters city, case-insensitive exact match, e.g. Geneva."),
        label=_("Headquarters"),
        widget=CityInput(attrs={"placeholder": "e.g. Geneva"}),
    )
    member_on = date_filter(
        _("Agencies that were members of `body` on this date (YYYY-MM-DD)."),
        label=_("Members on"),
        method="filter_member_on",
    )
    body = choice_filter(
        m.Body.choices,
        "The body for `member_on` (default `gmg`); alone, agencies that were ever members of it.",
        label=_("Of"),
        method="filter_body",
    )
    site_help = {"member_on": _("Only agencies that were members on this day (of the GMG unless you choose).")}

    class Meta:
        model = m.Agency
        fields = ["kind", "in_un_system", "headquarters", "member_on", "body"]

    def filter_member_on(self, queryset, name, value):
        return queryset.members_on(value, self.form.cleaned_data.get("body") or m.Body.GMG)

    def filter_body(self, queryset, name, value):
        if self.form.cleaned_data.get("member_on"):
            return queryset  # applied together with member_on
        return queryset.ever_members(value)


class MembershipFilter(RegistryFilterSet):
    agency = agency_filter(_("Agency slug, e.g. unhcr."))
    body = choice_filter(m.Body.choices, _("gmg or geneva."), label=_("Body"))
    active_on = date_filter(_("Memberships running on this date (YYYY-MM-DD)."), method="filter_active_on")

    class Meta:
        model = m.Membership
        fields = ["agency", "body", "active_on"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


def year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class ChairTermFilter(RegistryFilterSet):
    on = date_filter(_("The term running on this date (YYYY-MM-DD)."), method="filter_on")
    year = YearFilter(method="filter_year", help_text=_("Terms running at any time in this year."))
    agency = agency_filter(
        _("Terms this agency (slug) held, alone or as one of the co-chairs."), method="filter_agency"
    )

    class Meta:
        model = m.ChairTerm
        fields = ["on", "year", "agency"]

    def filter_on(self, queryset, name, value):
        return queryset.on(value)

    def filter_year(self, queryset, name, value):
        return queryset.overlapping(*year_range(value))

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.held_by(value)


class ReportedTotalFilter(RegistryFilterSet):
    body = choice_filter(m.Body.choices, "gmg or geneva.")
    year = StoredYearFilter(field_name="date", help_text="Year of the reported date.")

    class Meta:
        model = m.ReportedTotal
        fields = ["body", "year"]


class StatementFilter(RegistryFilterSet):
    year = StoredYearFilter(field_name="date", help_text=_("Year of the statement's date."))
    agency = agency_filter(_("Signatory agency slug."), field_name="signatories", label=_("Signed by"))
    topic = topic_filter(_("Topic slug."))
    kind = choice_filter(m.StatementKind.choices, _("Kind of statement."), label=_("Kind"))
    event = SlugFilter(
        m.Event,
        _("Slug of the event it was delivered at."),
        label=_("Delivered at"),
        label_field="title",
        directory=("site:events", _("Events")),
    )
    language = choice_filter(m.Language.choices, _("Language code (UN languages)."), label=_("Language"))
    date_after = date_filter(
        _("Dated on or after (YYYY-MM-DD)."), label=_("From"), field_name="date", lookup_expr="gte"
    )
    date_before = date_filter(
        _("Dated on or before (YYYY-MM-DD)."), label=_("Until"), field_name="date", lookup_expr="lte"
    )

    class Meta:
        model = m.Statement
        fields = ["year", "agency", "topic", "kind", "event", "language", "date_after", "date_before"]


class StatementListFilter(StatementFilter):
    """The site's statement list: the API's filters, plus words (`q`, the same search as the API's
    `search`) and a sort. Sorting is the site's; the API orders with `ordering`."""

    SORTS = {
        "newest": ["-date", "title"],
        "oldest": ["date", "title"],
        "title": ["title"],
        "relevance": ["-search_rank", "-date", "title"],
    }

    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=search.MAX_QUERY_LENGTH, widget=SearchInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[
            ("newest", _("Newest")),
            ("oldest", _("Oldest")),
            ("title", _("Title")),
            ("relevance", _("Relevance")),
        ],
        empty_label=_("Best match, else newest"),
        method="filter_sort",
        widget=QuickSelect,
    )

    class Meta(StatementFilter.Meta):
        fields = ["q", *StatementFilter.Meta.fields, "sort"]

    def filter_words(self, queryset, name, value):
        return search.filter_matching(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        words = search.terms_of(self.form.cleaned_data.get("q") or "")
        sort = self.form.cleaned_data.get("sort") or ("relevance" if words else "newest")
        if sort == "relevance" and not words:
            sort = "newest"
        return queryset.order_by(*self.SORTS[sort])

    def active_filters(self):
        return {name: value for name, value in super().active_filters().items() if name != "sort"}


class WorkingGroupFilter(RegistryFilterSet):
    active_on = date_filter(
        _("Groups established and not dissolved on this date."), label=_("Active on"), method="filter_active_on"
    )
    agency = agency_filter(_("Groups with this agency (slug) as co-chair or member."), method="filter_agency")

    class Meta:
        model = m.WorkingGroup
        fields = ["active_on", "agency"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.with_agency(value)


class EventFilter(RegistryFilterSet):
    kind = choice_filter(m.EventKind.choices, _("Kind of event."), label=_("Kind"))
    year = YearFilter(method="filter_year", help_text=_("Events running at any time in this year."))
    agency = agency_filter(_("Events this agency (slug) organised or took part in."), method="filter_agency")
    date_after = date_filter(
        _("Starting on or after (YYYY-MM-DD)."), label=_("From"), field_name="start", lookup_expr="gte"
    )
    date_before = date_filter(
        _("Starting on or before (YYYY-MM-DD)."), label=_("Until"), field_name="start", lookup_expr="lte"
    )

    class Meta:
        model = m.Event
        fields = ["kind", "year", "agency", "date_after", "date_before"]

    def filter_year(self, queryset, name, value):
        return queryset.during(*year_range(value))

    @extend_schema_field(str)
    def filter_agency(self, queryset, name, value):
        return queryset.involving(value)


class PublicationFilter(RegistryFilterSet):
    kind = choice_filter(m.PublicationKind.choices, _("Kind of publication."), label=_("Kind"))
    year = StoredYearFilter(field_name="date", help_text=_("Year of publication."))
    agency = agency_filter(_("Lead agency slug."), field_name="lead_agencies", label=_("Led by"))
    topic = topic_filter(_("Topic slug."))

    class Meta:
        model = m.Publication
        fields = ["kind", "year", "agency", "topic"]


class StrictOrderingFilter(BaseFilterBackend):
    """`?ordering=name,-start` or `?ordering=name&ordering=-start` (the same order): only the names a
    view lists, each at most once; anything else is a 400.

    Views declare `ordering_fields` as {public name: model lookup, or a function of `descending`
    returning order expressions (`models.base.chronological`)}, so the API speaks in its own
    field names (`agency`) rather than Django's (`agency__acronym`). The primary key always breaks
    ties so that pages never overlap.
    """

    param = "ordering"

    def filter_queryset(self, request, queryset, view):
        given = request.query_params.getlist(self.param)
        if not any(value.strip() for value in given):
            return queryset
        # Every term of every `ordering` parameter, in the order given: clients send either form.
        terms = [term.strip() for value in given for term in value.split(",")]
        allowed = view.ordering_fields
        lookups, seen = [], set()
        for term in terms:
            name = term.removeprefix("-")
            if name not in allowed:
                choices = ", ".join(sorted(allowed))
                raise ValidationError(
                    {
                        self.param: [
                            _("Cannot order by %(term)r; choose from: %(choices)s.")
                            % {"term": term[:50], "choices": choices}
                        ]
                    }
                )
            if name in seen:
                raise ValidationError({self.param: [f"{name!r} is given twice; give each field once."]})
            seen.add(name)
            lookup, descending = allowed[name], term.startswith("-")
            if callable(lookup):  # an ordering built from expressions, e.g. a date at its precision
                lookups.extend(lookup(descending=descending))
            else:
                lookups.append(("-" if descending else "") + lookup)
        return queryset.order_by(*lookups, "pk")

    def get_schema_operation_parameters(self, view):
        names = sorted(view.ordering_fields)
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Fields to sort by, comma-separated (`-date,title`) or repeated "
                "(`ordering=-date&ordering=title`, the same order); prefix a field with `-` for descending. "
                f"Allowed: {', '.join(names)}.",
                "schema": {"type": "array", "items": {"type": "string", "enum": names + [f"-{n}" for n in names]}},
                "style": "form",
                "explode": False,
            }
        ]


class RegistrySearchFilter(BaseFilterBackend):
    """`?search=words`: the site's search (registry.search) narrowing the list, best match first
    unless `ordering` says otherwise."""

    param = "search"

    def filter_queryset(self, request, queryset, view):
        query = request.query_params.get(self.param, "")
        if not search.terms_of(query):
            return queryset
        return search.filter_matching(queryset, query).order_by("-search_rank", *queryset.query.order_by)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Words to search for (at most 200 characters): every word must appear in the "
                "record's names, titles or texts; the best matches come first unless `ordering` is given.",
                "schema": {"type": "string", "maxLength": search.MAX_QUERY_LENGTH},
            }
        ]
