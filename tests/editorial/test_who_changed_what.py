"""Every admin save records who created and who last changed the record, inline rows included."""

from registry.models import Agency, Membership
from tests.editorial.conftest import admin_url, change_form, form_data


def test_adding_an_agency_stamps_its_creator_and_last_editor(login, editor):
    client = login(editor)
    data = form_data(client.get(admin_url(Agency, "add")))
    data.update(acronym="IOM", name="International Organization for Migration", slug="iom", kind="related")
    assert client.post(admin_url(Agency, "add"), data).status_code == 302
    agency = Agency.objects.get(slug="iom")
    assert agency.created_by == editor
    assert agency.updated_by == editor


def test_changing_an_agency_stamps_the_last_editor_and_its_new_memberships(login, admin_user, publisher):
    client = login(admin_user)
    data = form_data(client.get(admin_url(Agency, "add")))
    data.update(acronym="ILO", name="International Labour Organization", slug="ilo", kind="specialised")
    client.post(admin_url(Agency, "add"), data)
    agency = Agency.objects.get(slug="ilo")

    # A Publisher changes the live agency (an Editor's change would wait for review).
    client = login(publisher)
    _, data = change_form(client, agency)
    data.update(
        {
            "name": "International Labour Office",
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-body": "gmg",
            "memberships-0-start": "2006",
        }
    )
    assert client.post(admin_url(agency, "change"), data).status_code == 302
    agency.refresh_from_db()
    assert (agency.created_by, agency.updated_by) == (admin_user, publisher)
    membership = Membership.objects.get(agency=agency)
    assert (membership.created_by, membership.updated_by) == (publisher, publisher)
