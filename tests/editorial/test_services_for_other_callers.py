"""The services the API and commands call: the same roles, the same version check, a revision each time."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version

from registry import services
from registry.models import Agency, Status
from tests.factories import AgencyFactory, MembershipFactory, StatementFactory


def test_a_save_records_who_and_a_revision(publisher):
    agency = AgencyFactory()
    agency.name = "Changed through the API"
    services.save(obj=agency, user=publisher, expected_version=services.version_token(agency.updated_at))
    agency.refresh_from_db()
    assert agency.updated_by == publisher
    assert Version.objects.get_for_object(agency).get().revision.user == publisher


def test_a_save_over_a_newer_version_is_a_conflict_and_changes_nothing(editor, publisher):
    agency = AgencyFactory(name="Original")
    seen = services.version_token(agency.updated_at)
    services.save(obj=Agency.objects.get(pk=agency.pk), user=publisher)
    stale = Agency.objects.get(pk=agency.pk)
    stale.name = "Stale write"
    with pytest.raises(services.Conflict):
        services.save(obj=stale, user=editor, expected_version=seen)
    assert Agency.objects.get(pk=agency.pk).name == "Original"


def test_a_focal_point_cannot_save_another_agency(focal_point, other_agency):
    other_agency.name = "Hijacked"
    with pytest.raises(PermissionDenied):
        services.save(obj=other_agency, user=focal_point)


def test_a_save_validates_like_the_admin(editor):
    AgencyFactory(acronym="UNHCR", slug="unhcr")
    with pytest.raises(ValidationError):
        services.save(obj=Agency(acronym="unhcr", name="Duplicate", slug="unhcr-2"), user=editor)


def test_a_delete_is_recoverable_and_says_who(editor):
    agency = AgencyFactory()
    MembershipFactory(agency=agency)
    pk = agency.pk
    services.delete(obj=agency, user=editor)
    deleted = Version.objects.get_deleted(Agency).get()
    assert deleted.revision.user == editor
    deleted.revision.revert()
    assert Agency.objects.get(pk=pk).memberships.count() == 1


def test_only_a_publisher_publishes_through_the_service(editor, publisher):
    statement = StatementFactory(draft=True)
    with pytest.raises(PermissionDenied):
        services.publish(obj=statement, user=editor)
    services.publish(obj=statement, user=publisher)
    assert statement.status == Status.PUBLISHED
    with pytest.raises(ValidationError):
        services.publish(obj=statement, user=publisher)  # already public: nothing to do
