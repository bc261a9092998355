"""Bad input in the admin is a form error that names the conflict, and nothing is saved."""

import datetime

from registry.models import Agency, ChairTerm, Membership
from tests.editorial.conftest import admin_url, change_form, form_data, form_errors
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory

D = datetime.date


def _add_form(client, model):
    return form_data(client.get(admin_url(model, "add")))


def test_an_overlapping_chair_term_is_refused_naming_the_term_it_overlaps(admin_client):
    ilo = AgencyFactory(acronym="ILO", slug="ilo")
    ChairTermFactory(agency=ilo, start=D(2007, 1, 1), end=D(2007, 6, 30))
    unfpa = AgencyFactory(acronym="UNFPA", slug="unfpa")
    data = _add_form(admin_client, ChairTerm)
    data.update(agency=unfpa.pk, start="2007-05-01", start_precision="day", end="2007-12-31", end_precision="day")
    response = admin_client.post(admin_url(ChairTerm, "add"), data)
    assert response.status_code == 200
    assert any("overlaps ILO's term" in e for e in form_errors(response))
    assert ChairTerm.objects.count() == 1


def test_an_end_before_the_start_is_refused(admin_client):
    agency = AgencyFactory()
    data = _add_form(admin_client, Membership)
    data.update(agency=agency.pk, body="gmg", start="2010-01-01", start_precision="day", end="2009-01-01")
    response = admin_client.post(admin_url(Membership, "add"), data)
    assert any("end date is before the start date" in e for e in form_errors(response))
    assert not Membership.objects.exists()


def test_a_duplicate_acronym_is_refused_whatever_its_case(admin_client):
    AgencyFactory(acronym="UNHCR", slug="unhcr")
    data = _add_form(admin_client, Agency)
    data.update(acronym="unhcr", name="Another", slug="unhcr-2", kind="fund")
    response = admin_client.post(admin_url(Agency, "add"), data)
    assert any("acronym already exists" in e for e in form_errors(response))
    assert Agency.objects.count() == 1


def test_two_new_overlapping_memberships_on_one_agency_page_are_refused_together(admin_client):
    agency = AgencyFactory()
    _, data = change_form(admin_client, agency)
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-0-body": "gmg",
            "memberships-0-start": "2006-01-01",
            "memberships-0-start_precision": "year",
            "memberships-0-end_precision": "day",
            "memberships-0-attested_on_precision": "day",
            "memberships-1-body": "gmg",
            "memberships-1-start": "2008-01-01",
            "memberships-1-start_precision": "year",
            "memberships-1-end_precision": "day",
            "memberships-1-attested_on_precision": "day",
        }
    )
    response = admin_client.post(admin_url(agency, "change"), data)
    assert response.status_code == 200
    assert any("overlap" in e for e in form_errors(response))
    assert not Membership.objects.exists()


def test_a_membership_overlapping_a_stored_one_is_refused(admin_client):
    existing = MembershipFactory()
    data = _add_form(admin_client, Membership)
    data.update(agency=existing.agency.pk, body="gmg", start="2010-01-01", start_precision="year", end_precision="day")
    response = admin_client.post(admin_url(Membership, "add"), data)
    assert any("overlaps this one" in e for e in form_errors(response))
    assert Membership.objects.count() == 1
