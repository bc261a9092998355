"""Which rows an overlap check counts, now that facts have a workflow (written once:
`PublishablePeriodQuerySet.counted_in_overlaps`): published and in-review rows claim their period,
and the record being checked is checked whatever its own state; drafts and withdrawn rows claim nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
CLAIMING = ["published", "in_review"]


def state(name):
    return {"published": {}, "in_review": {"in_review": True}, "draft": {"draft": True}}.get(
        name, {"status": m.Status.WITHDRAWN}
    )


@pytest.mark.parametrize("existing", ["published", "in_review", "draft", "withdrawn"])
def test_a_new_chair_term_is_refused_only_over_a_term_that_claims_its_period(existing):
    f.ChairTermFactory(start=D(2010, 1, 1), end=D(2010, 6, 30), **state(existing))
    draft = m.ChairTerm(start=D(2010, 3, 1), end=D(2010, 8, 31))  # a new record: a draft

    if existing in CLAIMING:
        with pytest.raises(ValidationError, match="overlaps"):
            draft.full_clean()
    else:
        draft.full_clean()


@pytest.mark.parametrize("existing", ["published", "in_review", "draft", "withdrawn"])
def test_a_membership_is_refused_only_over_one_that_claims_its_period(existing):
    agency = f.AgencyFactory()
    f.MembershipFactory(agency=agency, start=D(2007, 1, 1), end=D(2009, 12, 31), **state(existing))
    again = m.Membership(agency=agency, body=m.Body.GMG, start=D(2008, 1, 1))

    if existing in CLAIMING:
        with pytest.raises(ValidationError, match="overlaps"):
            again.full_clean()
    else:
        again.full_clean()


def test_two_rival_drafts_may_overlap_until_one_is_submitted():
    first = f.ChairTermFactory(start=D(2010, 1, 1), end=D(2010, 6, 30), draft=True)
    second = f.ChairTermFactory(start=D(2010, 3, 1), end=D(2010, 8, 31), draft=True)
    first.status = m.Status.IN_REVIEW
    first.full_clean()
    first.save()

    second.status = m.Status.IN_REVIEW
    with pytest.raises(ValidationError, match="overlaps"):
        second.full_clean()


def test_a_draft_vacancy_does_not_block_a_term_and_a_published_one_does():
    vacancy = f.ChairVacancyFactory(start=D(2009, 1, 1), end=D(2009, 5, 31), draft=True)
    term = m.ChairTerm(start=D(2009, 3, 1), end=D(2009, 8, 31))
    term.full_clean()

    vacancy.status, vacancy.published_at = m.Status.PUBLISHED, vacancy.created_at
    vacancy.save()
    with pytest.raises(ValidationError, match="documented vacancy"):
        term.full_clean()


def test_a_withdrawn_term_is_not_checked_against_the_term_that_replaced_it():
    old = f.ChairTermFactory(start=D(2010, 1, 1), end=D(2010, 6, 30), status=m.Status.WITHDRAWN)
    f.ChairTermFactory(start=D(2010, 1, 1), end=D(2010, 6, 30))
    old.note = "Replaced by the corrected term."
    old.full_clean()
