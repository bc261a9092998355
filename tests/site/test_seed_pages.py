"""The public site on the real seed data (skipped until the seed command is on this branch)."""

import datetime

import pytest
from django.core.management import get_commands
from django.urls import reverse
from django.utils.html import escape

from registry.cache import QUERIES_PER_REQUEST  # the response cache reads the content version
from registry.models import (
    Agency,
    ChairTerm,
    ChairVacancy,
    Event,
    Page,
    Publication,
    Statement,
    Topic,
    WorkingGroup,
)

pytestmark = pytest.mark.skipif("seed" not in get_commands(), reason="the seed command is not on this branch yet")


def test_a_2010_statement_made_under_ohchr_shows_ohchr_as_chair(client, seed):
    statements = [s for s in Statement.objects.published().filter(date__year=2010) if s.chair]
    under_ohchr = [s for s in statements if s.chair.agency.acronym == "OHCHR"]
    assert under_ohchr, "the seed data has a 2010 statement made while OHCHR chaired"
    html = client.get(under_ohchr[0].get_absolute_url()).content.decode()
    chair = html[html.index("Chair at the time") :]
    assert "(OHCHR)" in chair[: chair.index("</dd>")]


def test_the_chairs_page_shows_the_documented_vacancy_of_early_2009(client, seed):
    vacancy = ChairVacancy.objects.get(start__year=2009)
    html = client.get(reverse("site:chairs")).content.decode()
    table = html[html.index('<table class="chair-table">') :]
    assert "No chair on record" in table
    assert f"Documented vacancy: {escape(vacancy.note)}" in table
    assert "January 2009" in table and "May 2009" in table


def test_searching_unhcr_finds_the_agency_first(client, seed):
    hits = client.get(reverse("site:search"), {"q": "UNHCR"}).context["hits"]
    assert hits[0].kind == "Agency" and hits[0].url == reverse("site:agency", kwargs={"slug": "unhcr"})


def test_searching_a_statements_title_finds_it_first(client, seed):
    statement = Statement.objects.published().order_by("date").first()
    hits = client.get(reverse("site:search"), {"q": statement.title}).context["hits"]
    assert hits[0].url == statement.get_absolute_url()


def test_every_published_record_has_a_page(client, seed):
    for model in (Agency, Statement, WorkingGroup, Event, Publication, Topic, Page):
        for record in model.objects.published():
            assert client.get(record.get_absolute_url()).status_code == 200, record


def test_the_agency_directory_filters_the_seed_members_by_date(client, seed):
    date = datetime.date(2010, 6, 30)
    response = client.get(reverse("site:agencies"), {"member_on": date.isoformat()})
    expected = set(Agency.objects.published().members_on(date).values_list("acronym", flat=True))
    assert {agency.acronym for agency in response.context["agencies"]} == expected
    assert expected


def test_the_statement_filters_work_on_the_seed(client, seed):
    response = client.get(reverse("site:statements"), {"year": "2010"})
    assert all(statement.date.year == 2010 for statement in response.context["statements"])


def test_the_chair_timeline_has_a_bar_for_every_seed_term(client, seed):
    html = client.get(reverse("site:chairs")).content.decode()
    svg = html[html.index('class="chair-timeline"') : html.index("</svg>")]
    years = sum(term.end.year - term.start.year + 1 for term in ChairTerm.objects.all())
    assert svg.count('class="term"') == years


def test_the_history_page_carries_the_growth_chart(client, seed):
    if not Page.objects.published().filter(slug="history").exists():
        pytest.skip("the seed has no published History page")
    assert 'class="growth-chart"' in client.get("/history/").content.decode()


def test_seed_pages_stay_within_the_query_bounds(client, seed, django_assert_max_num_queries):
    statement = Statement.objects.published().first()
    bounds = {"/": 7, "/agencies/": 6, "/agencies/unhcr/": 10, "/chairs/": 7, "/statements/": 9,
              statement.get_absolute_url(): 9, "/search/?q=migration": 7, "/sitemap.xml": 15}  # fmt: skip
    for url, bound in bounds.items():
        with django_assert_max_num_queries(bound + QUERIES_PER_REQUEST, info=url):
            client.get(url)
