"""Memberships entered together on an agency page are compared at their normalised dates."""

from registry.models import Membership
from tests.editorial.conftest import admin_url, change_form, form_errors
from tests.factories import AgencyFactory


def post_two_memberships(client, agency, first, second):
    _, data = change_form(client, agency)
    data["memberships-TOTAL_FORMS"] = "2"
    for index, row in enumerate([first, second]):
        data.update({f"memberships-{index}-{name}": value for name, value in row.items()})
    return client.post(admin_url(agency, "change"), data)


def test_memberships_that_overlap_only_once_their_partial_dates_are_normalised_are_refused(admin_client):
    # "2006–2008" (years) ends on 31 December 2008, so it overlaps a membership from June 2008,
    # although the date the form reads for "2008" (1 January 2008) is before June.
    agency = AgencyFactory(acronym="WHO", slug="who")
    response = post_two_memberships(
        admin_client,
        agency,
        {"body": "gmg", "start": "2006", "end": "2008"},
        {"body": "gmg", "start": "June 2008"},
    )
    assert response.status_code == 200
    assert (
        "Two memberships of the Global Migration Group overlap: 2006–2008 and June 2008 – until the group ended (2018)."
        in form_errors(response)
    )
    assert not Membership.objects.exists()


def test_memberships_that_meet_without_sharing_a_day_are_saved(admin_client):
    agency = AgencyFactory(acronym="WHO", slug="who")
    response = post_two_memberships(
        admin_client,
        agency,
        {"body": "gmg", "start": "2006", "end": "2008"},
        {"body": "gmg", "start": "2009"},
    )
    assert response.status_code == 302, form_errors(response)
    assert [(m.start.isoformat(), m.end and m.end.isoformat()) for m in Membership.objects.order_by("start")] == [
        ("2006-01-01", "2008-12-31"),
        ("2009-01-01", None),
    ]
