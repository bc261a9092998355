"""The public site on the real seed data: expected values are the facts of FACTS.md, written out."""

from django.urls import reverse

from registry.cache import QUERIES_PER_REQUEST  # the response cache reads the content version
from registry.models import (
    Agency,
    Event,
    Page,
    Publication,
    Statement,
    Topic,
    WorkingGroup,
)

# FACTS.md, "Statements": 30 Sep 2010, under OHCHR's chair.
IRREGULAR_2010 = "Statement of the Global Migration Group on the Human Rights of Migrants in Irregular Situation"
IRREGULAR_2010_URL = "/statements/human-rights-of-migrants-in-irregular-situation-2010/"
# FACTS.md, "Membership over time": the ten of 2006, four more in 2007, WHO and UN Women in 2009.
MEMBERS_ON_2010_06_30 = {
    "UNHCR", "IOM", "ILO", "OHCHR", "UNODC", "UNCTAD", "UNDP", "UNDESA", "World Bank", "UNFPA",
    "UNESCO", "UNICEF", "UN Regional Commissions", "UNITAR", "WHO", "UN Women",
}  # fmt: skip
# FACTS.md, "Chair rotation": terms with a named chair from Jul 2006 to 2018, none crossing a year's end:
# 2006 (1), 2007 (2), 2008 (2), 2009 (1), 2010 (2), 2011 (2), 2012 (2), 2013 (2), 2014, 2016, 2017, and
# 2018, co-chaired by FAO and IOM.
CHAIR_BARS = 18


def test_a_2010_statement_made_under_ohchr_shows_ohchr_as_chair(client, seed):
    response = client.get(IRREGULAR_2010_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert IRREGULAR_2010 in html
    chair = html[html.index("Chair at the time") :]
    assert "(OHCHR)" in chair[: chair.index("</dd>")]


def test_the_chairs_page_shows_the_documented_vacancy_of_early_2009(client, seed):
    response = client.get(reverse("site:chairs"))

    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('<table class="chair-table">') :]
    assert "No chair on record" in table
    assert "Documented vacancy: No agency would take the chair" in table
    assert "January–May 2009" in table


def test_searching_unhcr_finds_the_agency_first(client, seed):
    response = client.get(reverse("site:search"), {"q": "UNHCR"})

    assert response.status_code == 200
    first = response.context["hits"][0]
    assert (first.kind, first.url) == ("Agency", "/agencies/unhcr/")


def test_searching_a_statements_title_finds_it_first(client, seed):
    response = client.get(reverse("site:search"), {"q": IRREGULAR_2010})

    assert response.status_code == 200
    assert response.context["hits"][0].url == IRREGULAR_2010_URL


def test_every_published_record_has_a_page(client, seed):
    records = [r for model in (Agency, Statement, WorkingGroup, Event, Publication, Topic, Page)
               for r in model.objects.published()]  # fmt: skip

    # FACTS.md: the 16 of 2013, UNU and FAO (2014), and WFP (dates not recorded).
    assert len([r for r in records if isinstance(r, Agency)]) == 19
    assert {r.title for r in records if isinstance(r, Statement)} >= {IRREGULAR_2010}
    for record in records:
        assert client.get(record.get_absolute_url()).status_code == 200, record


def test_the_agency_directory_filters_the_seed_members_by_date(client, seed):
    response = client.get(reverse("site:agencies"), {"member_on": "2010-06-30"})

    assert response.status_code == 200
    assert {agency.acronym for agency in response.context["agencies"]} == MEMBERS_ON_2010_06_30


def test_the_statement_filters_work_on_the_seed(client, seed):
    response = client.get(reverse("site:statements"), {"year": "2010"})

    assert response.status_code == 200
    assert [statement.title for statement in response.context["statements"]] == [IRREGULAR_2010]


def test_the_chair_timeline_has_a_bar_for_every_seed_term(client, seed):
    response = client.get(reverse("site:chairs"))

    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index('class="chair-timeline"') : html.index("</svg>")]
    assert svg.count('class="term-bar"') == CHAIR_BARS
    # One stripe per holder: every term has one, the co-chaired 2018 term two (FAO and IOM).
    assert svg.count('class="term"') == CHAIR_BARS + 1


def test_the_history_page_carries_the_growth_chart(client, seed):
    response = client.get("/history/")

    assert response.status_code == 200
    assert 'class="growth-chart"' in response.content.decode()


def test_seed_pages_stay_within_the_query_bounds(client, seed, django_assert_max_num_queries):
    # A term's holders are one more query; the growth chart and the agencies page read the reported
    # totals, their sources and the membership periods once each.
    bounds = {"/": 10, "/agencies/": 10, "/agencies/unhcr/": 14, "/chairs/": 8, "/statements/": 9,
              IRREGULAR_2010_URL: 9, "/search/?q=migration": 14, "/sitemap.xml": 15}  # fmt: skip
    for url, bound in bounds.items():
        with django_assert_max_num_queries(bound + QUERIES_PER_REQUEST, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
