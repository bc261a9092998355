import reversion
from reversion.models import Version

from tests.factories import AgencyFactory, MembershipFactory


def test_a_revision_of_an_agency_holds_its_memberships(db):
    agency = AgencyFactory()
    MembershipFactory(agency=agency)
    with reversion.create_revision():
        agency.save()
    revision = Version.objects.get_for_object(agency).get().revision
    models = {v.content_type.model for v in revision.version_set.all()}
    assert models == {"agency", "membership", "source"}  # the membership's source travels with it
