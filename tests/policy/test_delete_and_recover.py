"""Deleting says what it unlinks; recovering puts back every link it can and names the others."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from registry import models as m
from registry import services
from tests.editorial.conftest import form_data
from tests.factories import AgencyFactory, EventFactory, PublicationFactory, StatementFactory


@pytest.fixture
def linked_agency(focal_point):
    """An agency named by a statement, a publication, an event and a focal point's profile."""
    agency = AgencyFactory(acronym="UNITAR", slug="unitar")
    StatementFactory(title="Migrants Day 2013", slug="migrants-day-2013").signatories.add(agency)
    PublicationFactory(title="Data handbook", slug="data-handbook").lead_agencies.add(agency)
    EventFactory(title="Capacity workshop", slug="capacity-workshop", organiser=agency)
    focal_point.profile.agency = agency
    focal_point.profile.save()
    return agency


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_delete_page_says_in_plain_words_what_it_will_unlink(admin_user, linked_agency):
    response = logged_in(admin_user).get(reverse("admin:registry_agency_delete", args=[linked_agency.pk]))

    assert response.status_code == 200
    assert sorted(response.context["unlinks"]) == [
        "1 event will no longer name it as organising agency: “Capacity workshop”.",
        "1 profile will no longer name it as agency: “Profile of dave”.",
        "1 publication will no longer name it as lead agencies: “Data handbook”.",
        "1 statement will no longer name it as signatories: “Migrants Day 2013”.",
    ]
    assert "will no longer name it as signatories: “Migrants Day 2013”" in response.content.decode()


def _recover(client, agency_pk):
    version = Version.objects.get_deleted(m.Agency).get(object_id=str(agency_pk))
    url = reverse("admin:registry_agency_recover", args=[version.pk])
    return client.post(url, form_data(client.get(url)), follow=False)


def test_recovering_an_agency_brings_back_every_link(admin_user, linked_agency, focal_point):
    pk = linked_agency.pk
    services.delete(obj=linked_agency, user=admin_user)
    assert not m.Statement.objects.get(slug="migrants-day-2013").signatories.exists()
    assert m.Event.objects.get(slug="capacity-workshop").organiser is None

    response = _recover(logged_in(admin_user), pk)

    assert response.status_code == 302
    agency = m.Agency.objects.get(slug="unitar")
    assert list(m.Statement.objects.get(slug="migrants-day-2013").signatories.all()) == [agency]
    assert list(m.Publication.objects.get(slug="data-handbook").lead_agencies.all()) == [agency]
    assert m.Event.objects.get(slug="capacity-workshop").organiser == agency
    focal_point.profile.refresh_from_db()
    assert focal_point.profile.agency == agency


def test_recovering_says_which_links_it_could_not_restore(admin_user, linked_agency):
    pk = linked_agency.pk
    services.delete(obj=linked_agency, user=admin_user)
    services.delete(obj=m.Statement.objects.get(slug="migrants-day-2013"), user=admin_user)
    other = AgencyFactory(acronym="ILO", slug="ilo")
    event = m.Event.objects.get(slug="capacity-workshop")
    event.organiser = other
    event.save()

    response = _recover(logged_in(admin_user), pk)

    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Not restored — signatories of statement “Migrants Day 2013”: that statement no longer exists." in notes
    assert "Not restored — organising agency of event “Capacity workshop”: it names ILO now." in notes
    assert m.Event.objects.get(slug="capacity-workshop").organiser == other
    assert m.Publication.objects.get(slug="data-handbook").lead_agencies.get().slug == "unitar"


def test_a_focal_point_cannot_open_the_recovery_of_another_agencys_deleted_draft(
    focal_point, editor, other_agency, own_agency
):
    theirs = StatementFactory(draft=True, title="Their deleted draft")
    theirs.signatories.add(other_agency)
    mine = StatementFactory(draft=True, title="My deleted draft")
    mine.signatories.add(own_agency)
    theirs_pk = theirs.pk
    for statement in (theirs, mine):
        services.delete(obj=statement, user=editor)
    client = logged_in(focal_point)
    version = Version.objects.get_deleted(m.Statement).get(object_id=str(theirs_pk))

    listing = client.get(reverse("admin:registry_statement_recoverlist")).content.decode()
    opened = client.get(reverse("admin:registry_statement_recover", args=[version.pk]))

    assert "My deleted draft" in listing
    assert "Their deleted draft" not in listing
    assert opened.status_code == 404


def test_an_editor_recovering_an_agency_brings_its_published_facts_back_as_drafts(editor, publisher):
    """Recovering brings back content, not a publication decision: an Editor's recovery must not publish the
    agency's memberships, chair terms or working-group roles behind review (a Publisher's keeps them)."""
    from tests.factories import MembershipFactory

    for user, expected in ((editor, m.Status.DRAFT), (publisher, m.Status.PUBLISHED)):
        agency = AgencyFactory(acronym=f"REC{user.pk}", slug=f"rec{user.pk}")
        membership = MembershipFactory(agency=agency)
        assert membership.status == m.Status.PUBLISHED
        services.save(obj=agency, user=publisher)  # the revision that holds the agency and its membership
        pk = agency.pk
        services.delete(obj=agency, user=publisher)

        assert _recover(logged_in(user), pk).status_code == 302

        recovered = m.Membership.objects.get(pk=membership.pk)
        assert recovered.status == expected, user
        public = m.Membership.objects.published().filter(pk=membership.pk).exists()
        assert public == (expected == m.Status.PUBLISHED)
