"""`ChairTermQuerySet.rows()`: terms as columns with their holders in order, in one query (two when sliced)."""

import datetime

from django.utils import translation

from registry.models import ChairTerm
from tests import factories as f

day = datetime.date


def test_rows_give_each_term_once_with_its_holders_in_order_in_one_query(db, django_assert_num_queries):
    first, second = f.AgencyFactory(acronym="FAO"), f.AgencyFactory(acronym="IOM")
    f.ChairTermFactory(start=day(2006, 1, 1), end=day(2006, 12, 31), holders=[second, first])
    f.ChairTermFactory(start=day(2007, 1, 1), end=day(2007, 12, 31), agency=first)
    with django_assert_num_queries(1):
        rows = ChairTerm.objects.published().rows()
    assert [[a.acronym for a in row.chairs] for row in rows] == [["IOM", "FAO"], ["FAO"]]
    assert [row.holders_display for row in rows] == ["IOM and FAO", "FAO"]
    assert rows[0].co_chaired and not rows[1].co_chaired


def test_a_term_without_holders_is_still_a_row(db):
    term = f.ChairTermFactory(start=day(2006, 1, 1), end=day(2006, 12, 31))
    term.holdings.all().delete()
    [row] = ChairTerm.objects.published().rows()
    assert (row.pk, row.chairs, row.holders_display) == (term.pk, [], "")


def test_rows_name_holders_in_the_active_language_else_in_english(db):
    translated = f.AgencyFactory(acronym="UNHCR", name="Refugee agency", name_fr="Agence des réfugiés")
    untranslated = f.AgencyFactory(acronym="IOM", name="Migration agency", name_fr="")
    f.ChairTermFactory(holders=[translated, untranslated])
    with translation.override("fr"):
        [row] = ChairTerm.objects.published().rows()
    assert [agency.name for agency in row.chairs] == ["Agence des réfugiés", "Migration agency"]


def test_a_sliced_queryset_keeps_every_holder_of_its_terms(db):
    first, second = f.AgencyFactory(acronym="FAO"), f.AgencyFactory(acronym="IOM")
    f.ChairTermFactory(start=day(2006, 1, 1), end=day(2006, 12, 31), holders=[first, second])
    f.ChairTermFactory(start=day(2007, 1, 1), end=day(2007, 12, 31), agency=first)
    [row] = ChairTerm.objects.published().order_by("start")[:1].rows()
    assert [a.acronym for a in row.chairs] == ["FAO", "IOM"]
