"""Every seeded record of history says where it comes from, as Popolo's `sources` do."""

import pytest

from registry import models as m

ARTICLE = '"Suddenly, Migration Was Everywhere": The Conception and Future Prospects of the Global Migration Group'
FAO_SOURCE = "FAO and the Global Migration Group (FAO, Decent Rural Employment)"
MEMBERS_PAGE = "GMG members (Global Migration Group website, page 2)"

RECORDS_OF_HISTORY = [
    m.Agency, m.Membership, m.ChairTerm, m.ChairVacancy, m.Event, m.Participation, m.Statement, m.WorkingGroup,
    m.WorkingGroupRole, m.Activity, m.Publication, m.Initiative, m.Topic, m.Page,
]  # fmt: skip


@pytest.mark.parametrize("model", RECORDS_OF_HISTORY, ids=lambda model: model._meta.verbose_name)
def test_every_seeded_record_cites_at_least_one_source(seed, model):
    records = list(model.objects.prefetch_related("sources"))
    assert records, f"the seed holds no {model._meta.verbose_name_plural}"
    uncited = [str(record) for record in records if not record.sources.all()]
    assert uncited == []


def test_every_source_has_a_title_and_says_what_it_is_cited_for(seed):
    assert not m.Source.objects.filter(title="").exists()
    assert not m.Source.objects.filter(note="").exists()


def test_the_article_is_cited_by_its_title_publisher_and_address(seed):
    citation = m.Source.objects.filter(title=ARTICLE).first()
    assert citation.url.startswith("https://www.migrationpolicy.org/article/suddenly-migration-was-everywhere")
    assert citation.note.startswith("Migration Policy Institute")


def test_each_agency_cites_the_article_for_its_membership_or_unu_for_its_own(seed):
    for agency in m.Agency.objects.prefetch_related("sources"):
        titles = {source.title for source in agency.sources.all()}
        # The members of 2013 cite the article; those that joined or were found later cite their own source.
        later = {"UNU joins the Global Migration Group", FAO_SOURCE, MEMBERS_PAGE}
        assert ARTICLE in titles or titles & later, agency


def test_the_2009_vacancy_cites_the_unitar_slides_and_the_article(seed):
    titles = set(m.ChairVacancy.objects.get().sources.values_list("title", flat=True))
    assert titles == {"UNITAR slides, 12–13 November 2009", ARTICLE}


def test_no_record_cites_the_same_source_twice(seed):
    from django.db.models import Count

    twice = m.Source.objects.values("content_type", "object_id", "title").annotate(n=Count("id")).filter(n__gt=1)
    assert list(twice) == []
