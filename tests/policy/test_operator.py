"""The operator: who a management command acts as. Every rule but the role applies to their writes."""

import pytest
import reversion
from django.core.exceptions import ValidationError
from reversion.models import Version

from registry import models as m
from registry import services
from registry.permissions import OPERATOR, Reader, can_add, can_change, needs_review, reader, recorded_user
from tests.factories import AgencyFactory


def test_the_operator_reads_everything_and_may_change_anything_without_review(db):
    agency = AgencyFactory()
    assert reader(OPERATOR) == (Reader.EVERYTHING, None)
    assert can_add(OPERATOR, m.Statement) and can_add(OPERATOR, m.ChairTerm)
    assert can_change(OPERATOR, agency)
    assert not needs_review(OPERATOR, agency)  # a live record changes at once, as a Publisher's edit does
    assert recorded_user(OPERATOR) is None


def test_the_operators_save_is_validated_and_writes_nothing_when_refused(db):
    before = m.Agency.objects.count()
    with pytest.raises(ValidationError):
        services.save(obj=m.Agency(acronym="", name="", slug="no-acronym"), user=OPERATOR)
    assert m.Agency.objects.count() == before


def test_the_operators_save_records_one_revision_by_nobody(db):
    agency = AgencyFactory()
    agency.name = "Renamed by a command"
    services.save(obj=agency, user=OPERATOR, comment="From a command")
    version = Version.objects.get_for_object(agency).first()
    assert version.revision.user is None
    assert version.revision.comment == "From a command"
    agency.refresh_from_db()
    assert agency.updated_by is None
    assert not reversion.is_active()
