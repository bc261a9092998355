"""The database itself refuses bad rows, whatever writes to it (bulk_create skips save() and clean()).

Dates are in 2031, after every seeded record, so these tests hold whether or not the seed is loaded.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from registry import models as m
from tests.factories import AgencyFactory, EventFactory, WorkingGroupFactory

D = datetime.date
START, BEFORE = D(2031, 7, 1), D(2031, 6, 30)
# The no-overlap constraints hold the rows that claim their period (published or in review), as clean() does.
CLAIMING = m.Status.PUBLISHED


def refused(model, **fields):
    """Insert one row with a raw bulk_create and expect the database to refuse it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.bulk_create([model(**fields)])


def only_on_postgresql():
    # Exclusion constraints exist only on PostgreSQL (migration 0002); SQLite relies on clean().
    if connection.vendor != "postgresql":
        pytest.skip(f"overlap exclusion constraints exist only on PostgreSQL, not on {connection.vendor}")


def test_a_membership_cannot_end_before_it_starts(db):
    refused(m.Membership, status=CLAIMING, agency=AgencyFactory(), body=m.Body.GMG, start=START, end=BEFORE)


def test_a_chair_term_cannot_end_before_it_starts(db):
    refused(m.ChairTerm, status=CLAIMING, start=START, end=BEFORE)


def test_a_chair_vacancy_cannot_end_before_it_starts(db):
    refused(m.ChairVacancy, start=START, end=BEFORE, note="No chair.")


def test_an_event_cannot_end_before_it_starts(db):
    refused(m.Event, title="Meeting", slug="meeting-2031", start=START, end=BEFORE)


def test_a_working_group_role_cannot_end_before_it_starts(db):
    refused(m.WorkingGroupRole, group=WorkingGroupFactory(), agency=AgencyFactory(), start=START, end=BEFORE)


def test_an_activity_cannot_end_before_it_starts(db):
    refused(m.Activity, group=WorkingGroupFactory(), title="Project", start=START, end=BEFORE)


def test_a_working_group_cannot_be_dissolved_before_it_was_established(db):
    refused(m.WorkingGroup, name="Group", slug="group-2031", established=START, dissolved=BEFORE)


def test_a_period_may_end_on_the_day_it_starts_or_stay_open(db):
    agency = AgencyFactory()
    m.Membership.objects.bulk_create(
        [
            m.Membership(status=CLAIMING, agency=agency, body=m.Body.GMG, start=START, end=START),
            m.Membership(status=CLAIMING, agency=agency, body=m.Body.GENEVA, start=START, end=None),
        ]
    )
    assert agency.memberships.count() == 2


def test_two_agencies_cannot_share_an_acronym_in_any_case(db):
    AgencyFactory(acronym="Gmgx", slug="gmgx")
    refused(m.Agency, acronym="GMGX", name="Another", slug="gmgx-2")


def test_two_events_cannot_share_a_slug_in_any_case(db):
    EventFactory(slug="meeting-x")
    refused(m.Event, title="Meeting", slug="Meeting-X", start=START)


@pytest.mark.postgres
def test_postgresql_refuses_two_chair_terms_that_share_a_day(db):
    only_on_postgresql()
    m.ChairTerm.objects.bulk_create([m.ChairTerm(status=CLAIMING, start=START, end=D(2031, 12, 31))])
    refused(m.ChairTerm, status=CLAIMING, start=D(2031, 12, 31), end=D(2032, 6, 30))


@pytest.mark.postgres
def test_postgresql_accepts_a_chair_term_starting_the_day_after_the_last_ends(db):
    only_on_postgresql()
    m.ChairTerm.objects.bulk_create(
        [
            m.ChairTerm(status=CLAIMING, start=START, end=D(2031, 12, 31)),
            m.ChairTerm(status=CLAIMING, start=D(2032, 1, 1), end=D(2032, 6, 30)),
        ]
    )
    assert m.ChairTerm.objects.filter(start__year__gte=2031).count() == 2


@pytest.mark.postgres
def test_postgresql_refuses_overlapping_memberships_of_one_agency_in_one_body(db):
    only_on_postgresql()
    agency = AgencyFactory()
    m.Membership.objects.bulk_create(
        [m.Membership(status=CLAIMING, agency=agency, body=m.Body.GMG, start=START, end=None)]
    )
    refused(m.Membership, status=CLAIMING, agency=agency, body=m.Body.GMG, start=D(2035, 1, 1), end=D(2035, 12, 31))


@pytest.mark.postgres
def test_postgresql_accepts_overlapping_memberships_in_different_bodies_or_agencies(db):
    only_on_postgresql()
    first, second = AgencyFactory(), AgencyFactory()
    m.Membership.objects.bulk_create(
        [
            m.Membership(status=CLAIMING, agency=first, body=m.Body.GMG, start=START, end=None),
            m.Membership(status=CLAIMING, agency=first, body=m.Body.GENEVA, start=START, end=None),
            m.Membership(status=CLAIMING, agency=second, body=m.Body.GMG, start=START, end=None),
        ]
    )
    assert m.Membership.objects.filter(start=START).count() == 3


@pytest.mark.postgres
def test_postgresql_lets_a_draft_or_withdrawn_term_overlap_and_refuses_one_in_review(db):
    only_on_postgresql()
    m.ChairTerm.objects.bulk_create([m.ChairTerm(status=CLAIMING, start=START, end=D(2031, 12, 31))])
    m.ChairTerm.objects.bulk_create(
        [
            m.ChairTerm(status=m.Status.DRAFT, start=START, end=D(2031, 12, 31)),
            m.ChairTerm(status=m.Status.WITHDRAWN, start=START, end=D(2031, 12, 31)),
        ]
    )
    refused(m.ChairTerm, status=m.Status.IN_REVIEW, start=START, end=D(2031, 8, 31))
