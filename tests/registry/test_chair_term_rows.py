"""`ChairTerm.objects.rows()`, the chairs page's columns-only read, says what the model instances say."""

import datetime

from django.utils import translation

from registry.models import ChairTerm
from tests.factories import AgencyFactory, ChairTermFactory

D = datetime.date


def test_the_rows_give_each_published_term_with_its_holders_in_order_and_its_period(db):
    first, second = AgencyFactory(acronym="FAO"), AgencyFactory(acronym="IOM")
    ChairTermFactory(start=D(2018, 1, 1), end=D(2018, 6, 30), holders=[second, first], note="interim")
    ChairTermFactory(start=D(2017, 1, 1), end=D(2017, 12, 31), agency=first)
    ChairTermFactory(start=D(2019, 1, 1), end=D(2019, 6, 30), agency=second, draft=True)

    rows = ChairTerm.objects.published().order_by("start").rows()
    terms = list(ChairTerm.objects.published().order_by("start").with_holders())

    assert [row.pk for row in rows] == [term.pk for term in terms]
    assert [row.period_display for row in rows] == [term.period_display for term in terms]
    assert [[agency.acronym for agency in row.chairs] for row in rows] == [["FAO"], ["IOM", "FAO"]]
    assert [[agency.get_absolute_url() for agency in row.chairs] for row in rows] == [
        [agency.get_absolute_url() for agency in term.chairs] for term in terms
    ]
    assert rows[1].note == "interim"


def test_a_holders_name_is_read_in_the_active_language_and_in_english_where_it_has_none(db):
    translated = AgencyFactory(acronym="UNHCR", name_en="Refugee Agency", name_fr="Agence pour les réfugiés")
    untranslated = AgencyFactory(acronym="IOM", name_en="Migration Agency", name_fr="")
    ChairTermFactory(start=D(2017, 1, 1), end=D(2017, 12, 31), holders=[translated, untranslated])

    with translation.override("fr"):
        (row,) = ChairTerm.objects.published().rows()
        assert [agency.name for agency in row.chairs] == ["Agence pour les réfugiés", "Migration Agency"]
