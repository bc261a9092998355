"""Every page uses a fixed number of queries, whatever the number of rows: no N+1 anywhere."""

import pytest

from registry.cache import QUERIES_PER_REQUEST  # the response cache reads the content version
from registry.models import Agency, Event, Publication, Statement, Topic, WorkingGroup
from tests.site.conftest import build_many, build_world


def urls():
    return {
        # Chair terms' holders are one query more; reported totals (with their sources and the
        # membership periods they are compared with) a few more, once per page.
        "/": 8,
        # The directory's rows come with their count (a window count); with reported totals (as in the seed) it takes
        # eight: the totals, their sources, the two of count_named, the agencies, their memberships, the menu and
        # the filter form's cities.
        "/agencies/": 8,
        # Its long lists are the latest few, each counted in the same query (a window count); chair terms come
        # with their holders, the latest events with the level the agency took part at.
        f"/agencies/{Agency.objects.order_by('pk').last().slug}/": 9,
        "/agencies/unhcr/": 9,
        "/agencies/?member_on=2009-01-01&kind=fund&headquarters=Geneva": 6,
        "/chairs/": 4,
        "/statements/": 8,
        "/statements/?q=migration&agency=unhcr&year=2010&sort=relevance": 10,
        f"/statements/{Statement.objects.published().order_by('pk').last().slug}/": 9,
        "/statements/human-rights-irregular-2010/": 9,
        "/working-groups/": 5,
        f"/working-groups/{WorkingGroup.objects.order_by('pk').last().slug}/": 7,
        "/events/": 4,
        f"/events/{Event.objects.order_by('pk').last().slug}/": 8,
        "/publications/": 7,
        f"/publications/{Publication.objects.published().order_by('pk').last().slug}/": 7,
        "/initiatives/": 5,
        f"/topics/{Topic.objects.order_by('pk').last().slug}/": 5,
        "/search/?q=migration+statement": 13,  # one query per kind of record (12) and the menu
        "/history/": 6,
        "/statements/feed/": 3,
        "/events/feed.ics": 2,
        "/sitemap.xml": 15,  # the index: a count and a latest change per section
        "/sitemap-statements.xml": 2,
        "/sitemap-statements.xml?p=1": 2,
    }


@pytest.mark.parametrize("scale", [3, 30], ids=["3-rows", "30-rows"])
def test_each_page_stays_within_its_query_bound_at_any_size(client, db, django_assert_max_num_queries, scale):
    build_world()
    build_many(scale)
    for url, bound in urls().items():
        with django_assert_max_num_queries(bound + QUERIES_PER_REQUEST, info=url):
            assert client.get(url).status_code == 200, url
