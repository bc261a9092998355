"""The home page's chair: the term running on a day, else the last one and whether another is to come (one query)."""

import datetime

from registry.models import ChairTerm
from tests import factories as f

day = datetime.date


def terms_in_2006_and_2008(db):
    first = f.ChairTermFactory(start=day(2006, 1, 1), end=day(2006, 12, 31))
    second = f.ChairTermFactory(start=day(2008, 1, 1), end=day(2008, 12, 31))
    return first, second


def test_a_running_term_is_the_current_one(db):
    first, _second = terms_in_2006_and_2008(db)
    term, running, more_to_come = ChairTerm.objects.published().current_or_last(day(2006, 6, 1))
    assert (term.pk, running, more_to_come) == (first.pk, True, True)
    assert [agency.pk for agency in term.chairs] == [agency.pk for agency in first.chairs]


def test_between_terms_the_last_one_is_named_and_another_is_to_come(db):
    first, _second = terms_in_2006_and_2008(db)
    term, running, more_to_come = ChairTerm.objects.published().current_or_last(day(2007, 6, 1))
    assert (term.pk, running, more_to_come) == (first.pk, False, True)


def test_after_the_last_term_none_is_to_come(db):
    _first, second = terms_in_2006_and_2008(db)
    term, running, more_to_come = ChairTerm.objects.published().current_or_last(day(2010, 1, 1))
    assert (term.pk, running, more_to_come) == (second.pk, False, False)


def test_before_any_term_there_is_none(db):
    terms_in_2006_and_2008(db)
    assert ChairTerm.objects.published().current_or_last(day(2005, 1, 1)) == (None, False, False)


def test_a_draft_term_is_neither_the_last_nor_one_to_come(db):
    first = f.ChairTermFactory(start=day(2006, 1, 1), end=day(2006, 12, 31))
    f.ChairTermFactory(start=day(2008, 1, 1), end=day(2008, 12, 31), draft=True)
    term, running, more_to_come = ChairTerm.objects.published().current_or_last(day(2010, 1, 1))
    assert (term.pk, running, more_to_come) == (first.pk, False, False)
