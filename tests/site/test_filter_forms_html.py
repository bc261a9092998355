"""The lists' filter forms are the FilterSets' forms, rendered as valid HTML with the site's labels."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse


class Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.ids |= {value for name, value in attrs if name == "id"}


def parse(html):
    parser = Inputs()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("name", ["site:agencies", "site:statements", "site:events", "site:publications",
                                  "site:working-groups"])  # fmt: skip
def test_a_filter_form_has_no_empty_action_no_duplicate_attribute_and_no_dangling_reference(client, world, name):
    html = client.get(reverse(name)).content.decode()
    assert 'action=""' not in html
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        names = [attr for attr, _ in attrs]
        assert len(names) == len(set(names)), (tag, attrs)
        for attr, value in attrs:
            if attr == "aria-describedby":
                assert set(value.split()) <= parsed.ids, value


def test_a_field_in_error_is_described_by_its_message(client, world):
    # Django points an invalid field's aria-describedby at `<id>_error`: the message in the alert carries it.
    response = client.get(reverse("site:statements"), {"year": "abc", "language": "xx"})
    assert response.status_code == 400
    parsed = parse(response.content.decode())
    described = {value for _tag, attrs in parsed.tags for name, value in attrs if name == "aria-describedby"}
    assert {"id_year_error", "id_language_error"} <= described <= parsed.ids


def test_the_statement_words_are_a_search_input_and_the_site_labels_stay(client, world):
    html = client.get(reverse("site:statements")).content.decode()
    assert re.search(r'<input type="search" name="q"[^>]*maxlength="200"', html)
    assert '<label for="id_agency">Signed by</label>' in html and 'placeholder="e.g. 2010"' in html


def test_an_invalid_date_is_not_echoed_into_the_date_input(client, world):
    response = client.get(reverse("site:agencies"), {"member_on": "2009-02-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the date as YYYY-MM-DD" in html
    assert re.search(r'<input type="date" name="member_on"(?![^>]*value=)[^>]*>', html)


def test_the_headquarters_filter_suggests_the_cities_on_record(client, world):
    html = client.get(reverse("site:agencies")).content.decode()
    assert 'list="id_headquarters-cities"' in html
    assert '<datalist id="id_headquarters-cities"><option value="Geneva"><option value="New York"></datalist>' in html


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("site:agencies", ["Kind", "In the UN system", "Headquarters", "Members on", "Of"]),
        ("site:statements", ["Words", "Year", "Signed by", "Topic", "Kind", "Delivered at", "Language", "From", "Until",
                             "Sort"]),
        ("site:events", ["Kind", "Year", "Agency", "From", "Until"]),
        ("site:publications", ["Kind", "Year", "Led by", "Topic"]),
        ("site:working-groups", ["Active on", "Agency"]),
    ],
)  # fmt: skip
def test_every_filter_has_a_label_a_person_can_read(client, world, name, labels):
    html = client.get(reverse(name)).content.decode()
    form = html[html.index('<form class="filters"') :]
    assert re.findall(r'<label for="id_[a-z_]+">([^<]+)</label>', form) == labels


def test_a_filter_form_holds_the_fields_django_filter_would_each_its_own(db):
    # RegistryFilterSet.form takes the filters' fields without a per-request form class and its deep copy:
    # the same fields in the same order as django-filter's form, and no field shared between two forms.
    from django.http import QueryDict

    from registry.filters import StatementListFilter
    from registry.models import Statement

    def filterset():
        return StatementListFilter(QueryDict("year=2010&agency=nosuch"), queryset=Statement.objects.published())

    ours, theirs, other = filterset(), filterset(), filterset()
    reference = theirs.get_form_class()(theirs.data)
    assert list(ours.form.fields) == list(reference.fields) == list(StatementListFilter.base_filters)
    assert [type(field) for field in ours.form.fields.values()] == [type(f) for f in reference.fields.values()]
    assert not ours.is_valid() and ours.form.errors == reference.errors
    assert all(field is not other.form.fields[name] for name, field in ours.form.fields.items())
    assert all(field.widget is not other.form.fields[name].widget for name, field in ours.form.fields.items())


@pytest.mark.parametrize("schema_read_first", [False, True])
def test_each_filterset_has_its_own_filters_and_their_methods_ask_it(db, client, schema_read_first):
    # RegistryFilterSet copies the class's filters shallowly (own_copy): what a filterset changes in place
    # (`extra`, where a menu's queryset goes) is its own, its fields are its own (also after the OpenAPI schema
    # made fields on the class's choice filters), and a filter's `method` asks this filterset.
    from django.http import QueryDict
    from django.urls import reverse

    if schema_read_first:
        assert client.get(reverse("api:schema")).status_code == 200

    from registry.filters import StatementListFilter
    from registry.models import Statement

    one = StatementListFilter(QueryDict("sort=oldest"), queryset=Statement.objects.published())
    two = StatementListFilter(QueryDict(""), queryset=Statement.objects.published())
    one.form, two.form  # noqa: B018 - makes the fields, the menus' querysets into `extra`
    for name, base in StatementListFilter.base_filters.items():
        assert one.filters[name] is not base and one.filters[name].extra is not two.filters[name].extra
        assert callable(base.extra.get("queryset", len))  # no request's queryset
        assert one.filters[name].field is not getattr(base, "_field", None) is not two.filters[name].field
        if base.method is not None:
            assert one.filters[name].filter.f.parent is one and two.filters[name].filter.f.parent is two
    assert one.is_valid() and two.is_valid()
    assert one.qs.query.order_by == ("date", "title") or list(one.qs.query.order_by)[-1] == "title"
