"""The group's later years as the sources tell them (issue 15): FAO from 2014, the 2018 co-chairs,
totals reported without names, and WFP, a member whose dates no source records."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from registry import models as m
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory

D = datetime.date


def members(on):
    return set(m.Agency.objects.members_on(on).values_list("slug", flat=True))


# Co-chairs ------------------------------------------------------------------------------------


def test_the_2018_term_is_held_by_fao_and_iom_together(seed):
    term = m.ChairTerm.objects.current(D(2018, 6, 30))
    assert [agency.slug for agency in term.chairs] == ["fao", "iom"]
    assert (term.start, term.end, term.start_precision) == (D(2018, 1, 1), D(2018, 12, 31), "year")
    assert term.holders_display == "FAO and IOM"
    assert "London on 2 May 2018" in term.note
    assert term.sources.filter(url__contains="iom.int/news/global-migration-group-supports-states").exists()


def test_iom_and_fao_each_count_the_2018_term_among_their_terms(seed):
    assert m.Agency.objects.get(slug="fao").chair_terms.get().start == D(2018, 1, 1)
    iom_years = sorted(term.start.year for term in m.Agency.objects.get(slug="iom").chair_terms.all())
    assert iom_years == [2007, 2013, 2018]


def test_a_third_term_overlapping_the_co_chaired_one_is_refused_by_validation(seed):
    # On every database: what an editor (admin) or a client (API, services.save) meets.
    third = m.ChairTerm(start=D(2018, 3, 1), end=D(2018, 8, 31))
    with pytest.raises(ValidationError) as caught:
        third.full_clean()
    assert "overlaps FAO and IOM's term 2018" in " ".join(caught.value.messages)


@pytest.mark.postgres
def test_postgresql_itself_refuses_a_third_term_overlapping_the_co_chaired_one(seed):
    if connection.vendor != "postgresql":
        pytest.skip(f"the chair-term exclusion constraint exists only on PostgreSQL, not on {connection.vendor}")
    with pytest.raises(IntegrityError), transaction.atomic():
        m.ChairTerm.objects.bulk_create(
            [m.ChairTerm(status=m.Status.PUBLISHED, start=D(2018, 3, 1), end=D(2018, 8, 31))]
        )


def test_an_agency_holds_a_term_once(db):
    agency = AgencyFactory()
    term = ChairTermFactory(agency=agency, start=D(2031, 1, 1), end=D(2031, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        m.ChairHolder.objects.create(term=term, agency=agency, order=1)
    with pytest.raises(ValidationError):
        m.ChairHolder(term=term, agency=agency, order=1).full_clean()


def test_set_holders_keeps_the_order_given_and_drops_the_others(db):
    fao, iom, ilo = AgencyFactory(acronym="FAOX"), AgencyFactory(acronym="IOMX"), AgencyFactory(acronym="ILOX")
    term = ChairTermFactory(holders=[ilo, fao], start=D(2031, 1, 1), end=D(2031, 12, 31))
    term.set_holders([iom, fao])
    term = m.ChairTerm.objects.with_holders().get(pk=term.pk)
    assert term.chairs == [iom, fao]
    assert term.holders_display == "IOMX and FAOX"


def test_held_by_finds_a_term_through_any_of_its_holders(seed):
    for slug in ("fao", "iom"):
        assert D(2018, 1, 1) in set(m.ChairTerm.objects.held_by(slug).values_list("start", flat=True))


# Members over time ----------------------------------------------------------------------------


def test_members_on_30_april_2015_are_18_named_as_the_source_reports(seed):
    assert m.Agency.objects.members_on(D(2015, 4, 30)).count() == 18
    total = m.ReportedTotal.objects.get(date=D(2015, 4, 30))
    assert (total.total, total.date_precision) == (18, "day")


def test_wfp_is_listed_as_a_member_with_dates_not_recorded_and_counted_on_no_date(seed):
    membership = m.Membership.objects.get(agency__slug="wfp")
    assert (membership.body, membership.start, membership.attested_on, membership.end) == ("gmg", None, None, None)
    assert membership.period_display == "dates not recorded"
    for day in (D(2006, 6, 30), D(2014, 6, 30), D(2015, 4, 30), D(2018, 6, 30), D(2031, 1, 1)):
        assert "wfp" not in members(day), day
    assert not m.Membership.objects.filter(agency__slug="wfp").active_on(D(2018, 6, 30)).exists()
    assert membership.sources.filter(url__contains="globalmigrationgroup.org/gmg-members").exists()


def test_2018_reports_22_members_of_whom_19_are_named_here(seed):
    [in_2015, in_2018] = m.ReportedTotal.objects.beside_named()
    assert (in_2018.total, in_2018.date, in_2018.date_precision) == (22, D(2018, 1, 1), "year")
    assert (in_2018.named, in_2018.named_on_date) == (19, 18)
    assert [agency.slug for agency in in_2018.named_undated] == ["wfp"]
    assert (in_2015.named_on_date, in_2015.total) == (18, 18)


# A membership whose start is not recorded --------------------------------------------------------


@pytest.fixture
def attested(db):
    """Known as a member on 30 April 2011 from a source; when it joined, no source says; left in 2013."""
    return MembershipFactory(
        agency=AgencyFactory(acronym="LATEX", slug="latex"), start=None, attested_on=D(2011, 4, 30), end=D(2013, 12, 31)
    )


def test_a_membership_without_a_start_counts_from_its_attested_date_only(attested):
    assert "latex" not in members(D(2011, 4, 29))
    assert "latex" in members(D(2011, 4, 30))
    assert "latex" in members(D(2013, 12, 31))
    assert "latex" not in members(D(2014, 1, 1))
    assert attested.period_display == "member by 30 April 2011; joining date not recorded; until 31 December 2013"


def test_an_attestation_known_to_the_year_counts_from_the_last_day_of_that_year(db):
    membership = MembershipFactory(start=None, attested_on=D(2011, 3, 1), attested_on_precision="year")
    membership.refresh_from_db()
    assert membership.attested_on == D(2011, 12, 31)
    assert membership.period_display == "member by 2011; joining date not recorded"
    assert membership.agency.slug not in members(D(2011, 12, 30))
    assert membership.agency.slug in members(D(2011, 12, 31))


def test_a_recorded_start_and_an_attestation_cannot_both_be_given(db):
    membership = m.Membership(agency=AgencyFactory(), start=D(2011, 1, 1), attested_on=D(2011, 6, 1))
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "attested_on" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Membership.objects.bulk_create([membership])


def test_an_end_before_the_attested_date_is_refused(db):
    membership = m.Membership(agency=AgencyFactory(), start=None, attested_on=D(2011, 6, 1), end=D(2011, 1, 1))
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "end" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Membership.objects.bulk_create([membership])


def test_an_attested_membership_overlapping_a_dated_one_of_the_same_agency_is_refused(attested):
    again = m.Membership(agency=attested.agency, body=m.Body.GMG, start=D(2012, 1, 1))
    with pytest.raises(ValidationError) as caught:
        again.full_clean()
    assert "overlaps" in " ".join(caught.value.messages)


def test_a_membership_with_no_date_at_all_overlaps_nothing(db):
    agency = AgencyFactory()
    MembershipFactory(agency=agency, start=D(2011, 1, 1))
    m.Membership(agency=agency, body=m.Body.GMG, start=None).full_clean()


@pytest.mark.postgres
def test_postgresql_refuses_overlap_on_the_attested_period_and_ignores_undated_memberships(attested):
    if connection.vendor != "postgresql":
        pytest.skip(f"the membership exclusion constraint exists only on PostgreSQL, not on {connection.vendor}")
    agency = attested.agency
    m.Membership.objects.bulk_create(
        [m.Membership(status=m.Status.PUBLISHED, agency=agency, body=m.Body.GMG, start=None)]
    )  # no date: fine
    m.Membership.objects.bulk_create(
        [
            m.Membership(
                status=m.Status.PUBLISHED, agency=agency, body=m.Body.GMG, start=D(2010, 1, 1), end=D(2011, 4, 29)
            )
        ]  # before attested
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Membership.objects.bulk_create(
            [m.Membership(status=m.Status.PUBLISHED, agency=agency, body=m.Body.GMG, start=D(2013, 1, 1))]
        )
