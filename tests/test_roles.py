from registry.models import Statement
from registry.permissions import can_change, can_publish, is_focal_point, needs_review
from tests.factories import StatementFactory


def test_an_editor_may_change_any_agency_but_not_publish(editor, other_agency):
    assert can_change(editor, other_agency)
    assert not can_publish(editor, Statement)


def test_a_publisher_may_publish(publisher):
    assert can_publish(publisher, Statement)


def test_a_focal_point_may_change_only_their_own_agency(focal_point, own_agency, other_agency):
    assert is_focal_point(focal_point)
    assert can_change(focal_point, own_agency)
    assert not can_change(focal_point, other_agency)
    assert not can_publish(focal_point, Statement)


def test_a_focal_point_may_change_drafts_their_agency_signs_only(focal_point, own_agency, other_agency):
    ours = StatementFactory(draft=True)
    ours.signatories.add(own_agency)
    theirs = StatementFactory(draft=True)
    theirs.signatories.add(other_agency)
    published = StatementFactory()
    published.signatories.add(own_agency)
    withdrawn = StatementFactory(status="withdrawn")
    withdrawn.signatories.add(own_agency)
    assert can_change(focal_point, ours)
    assert not can_change(focal_point, theirs)
    assert not can_change(focal_point, withdrawn)
    # Their agency's live statement they may edit, but only as a proposal a Publisher reviews.
    assert can_change(focal_point, published)
    assert needs_review(focal_point, published)
    assert not needs_review(focal_point, ours)


def test_a_user_without_a_role_may_change_nothing(stranger, other_agency):
    assert not can_change(stranger, other_agency)
