"""The admin's server-rendered inputs carry their own names, so axe (tests/browser/test_admin_accessibility.py)
finds none unlabelled: the date-time pair is labelled by Django's "Date:"/"Time:", and every input of a
tabular inline row — the autocomplete select, the order field, the delete box — is named after its column."""

import datetime

from tests.editorial.conftest import admin_url
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory


def test_the_published_at_inputs_are_labelled_date_and_time(admin_client):
    term = ChairTermFactory(start=datetime.date(2009, 6, 1), end=datetime.date(2009, 12, 31))
    html = admin_client.get(admin_url(term, "change")).content.decode()
    assert '<label for="id_published_at_0">' in html
    assert '<label for="id_published_at_1">' in html


def tag_of(html, input_id):
    """The opening tag of the element with this id."""
    at = html.index(f'id="{input_id}"')
    return html[html.rindex("<", 0, at) : html.index(">", at)]


def test_the_chair_holders_rows_name_their_inputs_after_their_columns(admin_client):
    term = ChairTermFactory(start=datetime.date(2009, 6, 1), end=datetime.date(2009, 12, 31))
    html = admin_client.get(admin_url(term, "change")).content.decode()
    assert 'aria-label="Agency"' in tag_of(html, "id_holdings-0-agency")
    assert 'aria-label="Order"' in tag_of(html, "id_holdings-0-order")
    assert 'aria-label="Delete"' in tag_of(html, "id_holdings-0-DELETE")
    # The row "Add another" adds is cloned from the empty form, which is named the same way.
    assert 'aria-label="Order"' in tag_of(html, "id_holdings-__prefix__-order")


def test_an_agencys_membership_rows_are_named_too(admin_client):
    agency = AgencyFactory()
    MembershipFactory(agency=agency)
    html = admin_client.get(admin_url(agency, "change")).content.decode()
    for field in ("body", "start", "end", "note", "DELETE"):
        assert "aria-label=" in tag_of(html, f"id_memberships-0-{field}"), field
