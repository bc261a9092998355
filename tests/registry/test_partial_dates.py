"""A date known only to the month or year is stored as the first or last day of it when saved."""

import datetime

from registry import models as m
from tests.factories import AgencyFactory, StatementFactory, WorkingGroupFactory

D = datetime.date


def test_saving_a_term_of_year_precision_stores_1_january_to_31_december(db):
    term = m.ChairTerm.objects.create(
        start=D(2031, 7, 15), start_precision="year", end=D(2031, 3, 5), end_precision="year"
    )
    term.refresh_from_db()
    assert (term.start, term.end) == (D(2031, 1, 1), D(2031, 12, 31))
    assert term.period_display == "2031"


def test_saving_a_month_end_stores_the_last_day_of_that_month(db):
    membership = m.Membership.objects.create(
        agency=AgencyFactory(), start=D(2032, 2, 10), start_precision="month", end=D(2032, 2, 10), end_precision="month"
    )
    membership.refresh_from_db()
    assert (membership.start, membership.end) == (D(2032, 2, 1), D(2032, 2, 29))


def test_a_day_precision_date_is_kept_as_it_is(db):
    vacancy = m.ChairVacancy.objects.create(start=D(2031, 1, 17), end=D(2031, 5, 3), note="Nobody.")
    vacancy.refresh_from_db()
    assert (vacancy.start, vacancy.end) == (D(2031, 1, 17), D(2031, 5, 3))


def test_a_statement_dated_to_the_month_is_stored_on_its_first_day(db):
    statement = StatementFactory(date=D(2031, 10, 3), date_precision="month")
    statement.refresh_from_db()
    assert statement.date == D(2031, 10, 1)
    assert statement.date_display == "October 2031"


def test_a_working_group_dissolved_in_a_year_is_dissolved_on_31_december(db):
    group = WorkingGroupFactory(dissolved=D(2033, 1, 1), dissolved_precision="year")
    group.refresh_from_db()
    assert group.dissolved == D(2033, 12, 31)


def test_the_seeded_year_terms_run_from_1_january_to_31_december(seed):
    ilo = m.ChairTerm.objects.get(holders__slug="ilo")
    assert (ilo.start, ilo.end, ilo.start_precision, ilo.end_precision) == (
        D(2014, 1, 1),
        D(2014, 12, 31),
        "year",
        "year",
    )


def test_the_seeded_month_terms_end_on_the_last_day_of_their_month(seed):
    unitar = m.ChairTerm.objects.get(holders__slug="unitar")
    assert (unitar.start, unitar.start_precision) == (D(2009, 6, 1), "day")
    assert (unitar.end, unitar.end_precision) == (D(2009, 12, 31), "month")
    assert m.ChairVacancy.objects.get().end == D(2009, 5, 31)
