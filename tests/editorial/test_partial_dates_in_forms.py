"""Editors type a partial date as they would write it; the precision follows from what they typed."""

import datetime

import pytest

from registry.models import Membership, Precision
from tests.editorial.conftest import admin_url, change_form, form_data, form_errors
from tests.factories import AgencyFactory, MembershipFactory

D = datetime.date

SPELLINGS = [
    ("2015", D(2015, 1, 1), Precision.YEAR, "2015"),
    ("2015-05", D(2015, 5, 1), Precision.MONTH, "May 2015"),
    ("May 2015", D(2015, 5, 1), Precision.MONTH, "May 2015"),
    ("05/2015", D(2015, 5, 1), Precision.MONTH, "May 2015"),
    ("2015-05-09", D(2015, 5, 9), Precision.DAY, "9 May 2015"),
    ("9 May 2015", D(2015, 5, 9), Precision.DAY, "9 May 2015"),
    ("09/05/2015", D(2015, 5, 9), Precision.DAY, "9 May 2015"),
]


def _add_membership(client, **values):
    data = form_data(client.get(admin_url(Membership, "add")))
    data.update(body="gmg", **values)
    return client.post(admin_url(Membership, "add"), data)


@pytest.mark.parametrize(("typed", "stored", "precision", "shown"), SPELLINGS)
def test_every_accepted_spelling_round_trips_through_the_form(admin_client, typed, stored, precision, shown):
    agency = AgencyFactory()
    response = _add_membership(admin_client, agency=agency.pk, start=typed)
    assert response.status_code == 302, form_errors(response)
    membership = Membership.objects.get(agency=agency)
    assert (membership.start, membership.start_precision) == (stored, precision)

    response, data = change_form(admin_client, membership)
    assert data["start"] == shown
    assert f'value="{shown}"' in response.content.decode()
    assert admin_client.post(admin_url(membership, "change"), data).status_code == 302
    membership.refresh_from_db()
    assert (membership.start, membership.start_precision) == (stored, precision)


def test_an_end_typed_as_a_year_or_month_covers_the_whole_period(admin_client):
    agency = AgencyFactory()
    response = _add_membership(admin_client, agency=agency.pk, start="2006", end="February 2008")
    assert response.status_code == 302, form_errors(response)
    membership = Membership.objects.get(agency=agency)
    assert (membership.end, membership.end_precision) == (D(2008, 2, 29), Precision.MONTH)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2009", "is not a real date"),
        ("13/2010", "is not a month"),
        ("next spring", "is not a date"),
        ("Smarch 2010", "is not a month"),
    ],
)
def test_a_date_that_is_no_date_is_a_clear_error_and_nothing_is_saved(admin_client, typed, message):
    agency = AgencyFactory()
    response = _add_membership(admin_client, agency=agency.pk, start=typed)
    assert response.status_code == 200
    assert any(message in error for error in form_errors(response))
    assert not Membership.objects.exists()


def test_the_precision_menus_are_gone_from_the_forms(admin_client):
    html = admin_client.get(admin_url(Membership, "add")).content.decode()
    assert 'name="start_precision"' not in html
    assert "9 May 2015" in html  # the help text says how to write a date


def test_changelists_show_dates_as_they_were_written(admin_client):
    MembershipFactory(start=D(2013, 10, 1), start_precision=Precision.MONTH, end=None)
    html = admin_client.get(admin_url(Membership, "changelist")).content.decode()
    assert "October 2013" in html
    assert "1 Oct 2013" not in html and "Oct. 1, 2013" not in html


def test_inline_membership_rows_take_partial_dates_too(admin_client):
    agency = AgencyFactory()
    _, data = change_form(admin_client, agency)
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-0-body": "gmg", "memberships-0-start": "July 2007"})
    response = admin_client.post(admin_url(agency, "change"), data)
    assert response.status_code == 302, form_errors(response)
    membership = agency.memberships.get()
    assert (membership.start, membership.start_precision) == (D(2007, 7, 1), Precision.MONTH)
