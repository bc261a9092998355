"""An Editor's edit to a published chair term or membership waits for a Publisher: every public surface
keeps the live version until it is approved, then shows the change everywhere; sent back, nothing changes."""

import datetime
import json

import pytest

from registry import models as m
from registry import services
from registry.opendata import tables
from tests import factories as f
from tests.editorial.conftest import admin_url, change_form, form_errors

pytestmark = pytest.mark.django_db

D = datetime.date
OLD, NEW = "Zebuline interim", "Quaggaline acting"


@pytest.fixture
def term():
    return f.ChairTermFactory(agency=f.AgencyFactory(acronym="ZRL", slug="zrl"), note=OLD)


@pytest.fixture
def membership():
    return f.MembershipFactory(agency=f.AgencyFactory(acronym="ZRL", slug="zrl"), start=D(2007, 1, 1), note=OLD)


def public_surfaces(client, fact):
    """What the public reads of `fact`'s note on each surface (the note is the field the edit changes)."""
    if isinstance(fact, m.ChairTerm):
        pages = {"chairs page": "/chairs/", "agency page": "/agencies/zrl/"}
        api = f"/api/v1/chair-terms/{fact.pk}/"
        csv, table, kind = "/api/v1/chair-terms/?format=csv", "chair_terms", "chair-term"
    else:
        pages = {"agency page": "/agencies/zrl/"}
        api = f"/api/v1/memberships/{fact.pk}/"
        csv, table, kind = "/api/v1/memberships/?format=csv", "memberships", "membership"
    seen = {name: _which(client.get(url).content.decode()) for name, url in pages.items()}
    seen["API detail"] = client.get(api).json()["note"]
    seen["CSV"] = _which(client.get(csv).content.decode())
    seen["open data"] = _which(json.dumps(tables.read_tables()[table]))
    hits = client.get(f"/search/?q={NEW.split()[0]}&kind={kind}").context["hits"]
    seen["search"] = NEW if hits else OLD
    return seen


def _which(text):
    assert (OLD in text) != (NEW in text), "exactly one version of the note is public"
    return OLD if OLD in text else NEW


def every(version, surfaces):
    return dict.fromkeys(surfaces, version)


def edit_in_the_admin(client, fact):
    _response, data = change_form(client, fact)
    data["note"] = NEW
    response = client.post(admin_url(fact, "change"), data)
    assert response.status_code == 302, form_errors(response)


@pytest.mark.parametrize("fixture", ["term", "membership"])
def test_an_editors_edit_waits_for_approval_then_changes_every_public_surface(
    request, client, login, editor, publisher, fixture
):
    fact = request.getfixturevalue(fixture)
    before = public_surfaces(client, fact)
    assert before == every(OLD, before)

    edit_in_the_admin(login(editor), fact)

    change = m.PendingChange.objects.for_record(fact).get()
    assert change.state == m.PendingState.PENDING
    assert public_surfaces(client, fact) == before
    fact.refresh_from_db()
    assert fact.note == OLD

    services.approve(change=change, user=publisher)

    assert public_surfaces(client, fact) == every(NEW, before)


@pytest.mark.parametrize("fixture", ["term", "membership"])
def test_sending_an_editors_edit_back_keeps_the_live_version(request, client, login, editor, publisher, fixture):
    fact = request.getfixturevalue(fixture)
    before = public_surfaces(client, fact)
    edit_in_the_admin(login(editor), fact)
    change = m.PendingChange.objects.for_record(fact).get()

    services.send_back(change=change, user=publisher, comment="Which source says acting?")

    assert public_surfaces(client, fact) == before
    assert m.PendingChange.objects.sent_back_to(editor).get() == change


def test_a_publishers_edit_to_a_published_chair_term_is_live_at_once(client, login, publisher, term):
    before = public_surfaces(client, term)

    edit_in_the_admin(login(publisher), term)

    assert not m.PendingChange.objects.exists()
    assert public_surfaces(client, term) == every(NEW, before)


def test_an_editors_api_patch_of_a_published_membership_is_accepted_for_review(client, editor, publisher, membership):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(editor)
    url = f"/api/v1/memberships/{membership.pk}/"

    response = api.patch(url, {"note": NEW}, format="json")

    assert response.status_code == 202
    assert client.get(url).json()["note"] == OLD
    services.approve(change=m.PendingChange.objects.get(), user=publisher)
    assert client.get(url).json()["note"] == NEW


def test_an_editor_may_not_propose_new_holders_for_a_published_chair_term(editor, term):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(editor)
    other = f.AgencyFactory(slug="other")

    response = api.patch(f"/api/v1/chair-terms/{term.pk}/", {"holders": [other.slug]}, format="json")

    assert response.status_code == 400
    assert "changed by a Publisher" in response.json()["holders"][0]
    assert not m.PendingChange.objects.exists()
    assert [a.slug for a in term.chairs] == ["zrl"]


def test_an_editor_cannot_change_a_published_role_through_its_groups_inline(login, editor):
    role = f.WorkingGroupRoleFactory(start=D(2011, 1, 1))
    client = login(editor)
    _response, data = change_form(client, role.group)
    data["roles-0-start"] = "2012"

    response = client.post(admin_url(role.group, "change"), data)

    assert any("waits for a Publisher's review" in error for error in form_errors(response))
    role.refresh_from_db()
    assert role.start == D(2011, 1, 1)


def test_new_membership_rows_on_an_agency_start_as_drafts(login, publisher):
    agency = f.AgencyFactory()
    client = login(publisher)
    _response, data = change_form(client, agency)
    data.update({
        "memberships-TOTAL_FORMS": "1", "memberships-0-body": "gmg", "memberships-0-start": "2010",
        "memberships-0-attested_on": "", "memberships-0-end": "", "memberships-0-note": "",
    })  # fmt: skip

    response = client.post(admin_url(agency, "change"), data)

    assert response.status_code == 302, form_errors(response)
    membership = agency.memberships.get()
    assert membership.status == m.Status.DRAFT
    assert not m.Agency.objects.members_on(D(2011, 1, 1)).filter(pk=agency.pk).exists()


def test_an_editor_may_propose_a_change_to_a_published_term_that_lacks_a_source(login, editor):
    # Sources are not part of a proposal (the Editor cannot add one here): the Publisher who approves must.
    term = f.ChairTermFactory(agency=f.AgencyFactory(acronym="ZRL", slug="zrl"), note=OLD, sourced=False)

    edit_in_the_admin(login(editor), term)

    assert m.PendingChange.objects.for_record(term).get().data["fields"]["note"] == NEW
