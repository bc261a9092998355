"""For every filter of every resource, the site's list and the API's list keep the same records.

The cases are generated from the FilterSets themselves (the ones the views use), so a filter added
later is tested here without anyone remembering to: a filter of a kind this file has no sample
values for fails the test until some are added.
"""

import django_filters
import pytest
from django.urls import resolve, reverse

from registry import filters
from registry.api import views as api

RESOURCES = [
    ("site:agencies", "/api/v1/agencies/", api.AgencyViewSet),
    ("site:statements", "/api/v1/statements/", api.StatementViewSet),
    ("site:events", "/api/v1/events/", api.EventViewSet),
    ("site:publications", "/api/v1/publications/", api.PublicationViewSet),
    ("site:working-groups", "/api/v1/working-groups/", api.WorkingGroupViewSet),
]
# Dates around the facts of FACTS.md (founding, the 2009 vacancy, the 2013 Dialogue), and one that is no date.
DATES = ["2004-01-01", "2006-06-30", "2009-03-01", "2011-05-17", "2013-10-03", "2016-09-19", "2009-02-30"]
YEARS = ["2003", "2006", "2007", "2008", "2009", "2010", "2011", "2013", "2014", "2016", "2017", "2018", "1899", "x"]
CITIES = ["Geneva", "geneva", "NEW YORK", "Paris", "Atlantis"]


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


def sample_values(name, filter_):
    """Values to try for one filter, from its own definition; an unknown kind of filter is a failure."""
    if isinstance(filter_, filters.SlugFilter):
        model = filter_.get_queryset(None).model
        return [*model.objects.values_list("slug", flat=True), "no-such-record"]
    if isinstance(filter_, django_filters.ChoiceFilter):
        return [value for value, _label in filter_.extra["choices"]] + ["no-such-choice"]
    if isinstance(filter_, filters.YearFilter):
        return YEARS
    if isinstance(filter_, django_filters.DateFilter):
        return DATES
    if isinstance(filter_, filters.BooleanFilter):
        return ["true", "false", "maybe"]
    if isinstance(filter_, django_filters.CharFilter) and name == "headquarters":
        return CITIES
    pytest.fail(f"No sample values for the filter {name!r} ({type(filter_).__name__}): add some to this test.")


def site_records(client, url, params):
    response = client.get(url, params)
    if response.status_code != 200:
        return response.status_code, None
    return 200, sorted(record.slug for record in response.context["paginator"].object_list)


def api_records(client, url, params):
    response = client.get(url, {**params, "page_size": 200})
    if response.status_code != 200:
        return response.status_code, None
    body = response.json()
    assert body["next"] is None
    return 200, sorted(record["slug"] for record in body["results"])


@pytest.mark.parametrize(("site_name", "api_url", "viewset"), RESOURCES, ids=[r[0] for r in RESOURCES])
def test_every_filter_keeps_the_same_records_on_the_site_and_in_the_api(client, seed, site_name, api_url, viewset):
    site_url = reverse(site_name)
    site_filterset = resolve(site_url).func.view_class.filterset_class
    assert issubclass(site_filterset, viewset.filterset_class), "the site must use the API's FilterSet"
    cases = [
        {name: value} for name, f in viewset.filterset_class.base_filters.items() for value in sample_values(name, f)
    ]
    if "member_on" in viewset.filterset_class.base_filters:
        cases += [{"member_on": date, "body": body} for date in DATES[:3] for body in ("gmg", "geneva")]
    disagreements, answered = [], 0
    for params in cases:
        site, api_answer = site_records(client, site_url, params), api_records(client, api_url, params)
        if site != api_answer:
            disagreements.append((params, site, api_answer))
        answered += site[0] == 200 and bool(site[1])
    assert disagreements == []
    assert answered >= 3, "the cases must find something, or they prove nothing"


@pytest.mark.parametrize("words", ["migration", "human rights", "UNHCR", "ICPD", "handbook data", "zeppelin"])
def test_the_statement_lists_words_and_the_apis_search_find_the_same_statements(client, seed, words):
    assert site_records(client, reverse("site:statements"), {"q": words}) == api_records(
        client, "/api/v1/statements/", {"search": words}
    )


def test_an_invalid_value_is_a_400_on_both_with_a_message_naming_the_problem(client, seed):
    site = client.get(reverse("site:events"), {"year": "1899"})
    assert site.status_code == 400
    assert "Ensure this value is greater than or equal to 1900." in site.content.decode()
    assert client.get("/api/v1/events/", {"year": "1899"}).json() == {
        "year": ["Ensure this value is greater than or equal to 1900."]
    }
