"""Who chaired the group on a given day, and the periods when nobody did."""

import datetime

import pytest

from registry.models import ChairTerm

D = datetime.date


def chair_on(day):
    term = ChairTerm.objects.on(day).with_holders().first()
    return term.holders_display if term else None


@pytest.mark.parametrize(
    ("day", "acronym"),
    [
        (D(2006, 9, 15), "UNHCR"),
        (D(2010, 9, 30), "OHCHR"),
        (D(2013, 10, 3), "IOM"),
        (D(2014, 6, 30), "ILO"),
        (D(2016, 9, 19), "UN Women"),
        (D(2017, 12, 31), "UNU"),
    ],
)
def test_the_chair_inside_a_term_is_that_terms_agency(seed, day, acronym):
    assert chair_on(day) == acronym


@pytest.mark.parametrize(
    ("day", "acronym"),
    [
        (D(2006, 7, 1), "UNHCR"),
        (D(2006, 12, 31), "UNHCR"),
        (D(2007, 1, 1), "IOM"),
        (D(2009, 6, 1), "UNITAR"),
        (D(2009, 12, 31), "UNITAR"),
        (D(2012, 5, 31), "UNESCO"),
        (D(2013, 6, 30), "UN Regional Commissions"),
    ],
)
def test_a_term_includes_its_first_and_last_day(seed, day, acronym):
    assert chair_on(day) == acronym


@pytest.mark.parametrize(
    "day",
    [
        D(2006, 6, 30),  # before the first term
        D(2009, 1, 1),  # the documented vacancy
        D(2009, 3, 15),
        D(2009, 5, 31),
        D(2012, 6, 1),  # June 2012: no source
        D(2012, 6, 30),
        D(2015, 1, 1),  # 2015: no source
        D(2015, 12, 31),
    ],
)
def test_nobody_chairs_on_a_day_with_no_term_on_record(seed, day):
    assert chair_on(day) is None
    assert ChairTerm.objects.current(day) is None


def test_current_gives_the_term_running_on_a_date(seed):
    term = ChairTerm.objects.current(D(2011, 3, 1))
    assert term.holders_display == "UNICEF"
    assert "youth" in term.priorities


def test_unescos_2012_term_is_marked_interim(seed):
    term = ChairTerm.objects.current(D(2012, 2, 1))
    assert term.holders_display == "UNESCO"
    assert "interim" in term.note.lower()


def test_the_regional_commissions_term_records_that_escap_coordinated_it(seed):
    assert "ESCAP" in ChairTerm.objects.current(D(2013, 3, 1)).note


def test_the_gaps_are_the_2009_vacancy_june_2012_and_2015(seed):
    gaps = ChairTerm.objects.gaps()
    assert [(gap.start, gap.end) for gap in gaps] == [
        (D(2009, 1, 1), D(2009, 5, 31)),
        (D(2012, 6, 1), D(2012, 6, 30)),
        (D(2015, 1, 1), D(2015, 12, 31)),
    ]


def test_only_the_2009_gap_is_a_documented_vacancy_and_it_says_why(seed):
    vacancy, june_2012, year_2015 = ChairTerm.objects.gaps()
    assert vacancy.documented
    assert "No agency would take the chair" in vacancy.note
    assert vacancy.vacancy.sources.filter(title__startswith="UNITAR slides").exists()
    assert not june_2012.documented and june_2012.note == ""
    assert not year_2015.documented and year_2015.note == ""


def test_gaps_within_a_range_are_clipped_to_it(seed):
    gaps = ChairTerm.objects.gaps(D(2009, 3, 1), D(2012, 12, 31))
    assert [(gap.start, gap.end, gap.documented) for gap in gaps] == [
        (D(2009, 3, 1), D(2009, 5, 31), True),
        (D(2012, 6, 1), D(2012, 6, 30), False),
    ]


def test_no_principal_is_named_without_a_source(seed):
    assert set(ChairTerm.objects.values_list("principal", flat=True)) == {""}
