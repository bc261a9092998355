"""The URLs of the load test use the same number of queries whatever the amount of data (issue 11).

Counted after `generate_demo_data --scale 1`, then again at scale 3 (three times the rows, with drafts
and scheduled records mixed in). Scale 1 rather than the bare seed: on the seed some lists are empty
(UNHCR attended no event), and an empty list skips its prefetch query. `make bench` prints the counts
at scale 100.
"""

import pytest
from django.core.management import call_command

URLS = [
    "/",
    "/agencies/",
    "/agencies/unhcr/",
    "/chairs/",
    "/statements/?page=50",
    "/statements/{statement}/",
    "/search/?q=migration",
    "/api/v1/statements/?year=2010",
    "/api/v1/agencies/?member_on=2010-06-30",
    "/api/v1/chair-terms/current/?on=2010-10-01",
    "/statements/feed/",
    "/sitemap.xml",
    "/sitemap-statements.xml?p=2",
]


def query_counts(client, statement):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in URLS:
        url = url.format(statement=statement)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.fixture
def uncached(settings):
    settings.RESPONSE_CACHE = False  # count what rendering costs, not a cache hit
    settings.DEBUG = True  # generate_demo_data refuses otherwise
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


def test_each_load_test_url_uses_as_many_queries_at_three_times_the_data(client, seed, uncached):
    from registry.models import Statement

    statement = Statement.objects.published().order_by("pk").first().slug  # a seeded one: there at both scales
    call_command("generate_demo_data", "--scale", "1", verbosity=0)
    small = query_counts(client, statement)
    call_command("generate_demo_data", "--scale", "3", verbosity=0)
    assert Statement.objects.published().count() > 500
    large = query_counts(client, statement)
    # One data-dependent query, bounded: a statement list that shows a translation asks once, for the
    # whole page, which originals the reader may see (translation_of is null for the rest).
    translations = "/api/v1/statements/?year=2010"
    assert large.pop(translations) - small.pop(translations) in (0, 1)
    assert large == small
