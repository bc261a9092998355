"""Partial dates are normalised in one place (registry.dates), whichever model holds them and whoever saves."""

import datetime

import pytest

from registry.dates import overlaps
from registry.models import Initiative, Membership, Statement, WorkingGroup
from tests.factories import AgencyFactory, InitiativeFactory, StatementFactory, WorkingGroupFactory

D = datetime.date


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2006, 1, 1), D(2008, 12, 31)), (D(2008, 12, 31), None), True),  # one shared day
        ((D(2006, 1, 1), D(2008, 12, 30)), (D(2008, 12, 31), None), False),
        ((D(2006, 1, 1), None), (D(2030, 1, 1), D(2030, 1, 2)), True),  # still ongoing
        ((None, D(2005, 1, 1)), (D(1990, 1, 1), D(1990, 1, 2)), True),  # an unknown start reaches back
        ((D(2010, 1, 1), D(2010, 6, 30)), (D(2009, 1, 1), D(2009, 12, 31)), False),
    ],
)
def test_two_periods_overlap_when_they_share_a_day(a, b, expected):
    assert overlaps(*a, *b) is expected
    assert overlaps(*b, *a) is expected


def test_the_database_answers_the_same_overlap_question(db):
    agency = AgencyFactory()
    Membership.objects.create(agency=agency, start=D(2006, 1, 1), end=D(2008, 12, 31))
    assert Membership.objects.overlapping(D(2008, 12, 31), None).count() == 1
    assert Membership.objects.overlapping(D(2009, 1, 1), None).count() == 0


def test_every_model_with_a_partial_date_normalises_it_on_save_and_on_validation(db):
    statement = StatementFactory(date=D(2008, 11, 20), date_precision="month")
    group = WorkingGroupFactory(established=D(2011, 5, 5), established_precision="year",
                                dissolved=D(2018, 2, 2), dissolved_precision="year")  # fmt: skip
    initiative = InitiativeFactory(launched=D(2001, 6, 6), launched_precision="year")
    assert Statement.objects.get(pk=statement.pk).date == D(2008, 11, 1)
    assert (WorkingGroup.objects.get(pk=group.pk).established, WorkingGroup.objects.get(pk=group.pk).dissolved) == (
        D(2011, 1, 1),
        D(2018, 12, 31),
    )
    assert Initiative.objects.get(pk=initiative.pk).launched == D(2001, 1, 1)
    unsaved = Membership(agency=AgencyFactory(), start=D(2009, 9, 9), start_precision="month",
                         end=D(2010, 2, 2), end_precision="month")  # fmt: skip
    unsaved.full_clean()
    assert (unsaved.start, unsaved.end) == (D(2009, 9, 1), D(2010, 2, 28))
