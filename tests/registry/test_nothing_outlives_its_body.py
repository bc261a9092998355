"""A body's end bounds what is in it: nothing starts after it or runs past it (FACTS.md: the GMG ended in 2018)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import models as m
from registry import services
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_membership_starting_after_the_group_ended_is_refused_naming_the_end():
    membership = MembershipFactory.build(agency=AgencyFactory(), start=datetime.date(2019, 1, 1))
    with pytest.raises(ValidationError) as refusal:
        membership.full_clean()
    assert refusal.value.message_dict["start"] == [
        "The Global Migration Group ended in 2018: nothing in it can start after that."
    ]


def test_a_membership_running_past_the_groups_end_is_refused():
    membership = MembershipFactory.build(agency=AgencyFactory(), end=datetime.date(2020, 6, 30))
    with pytest.raises(ValidationError) as refusal:
        membership.full_clean()
    assert "The Global Migration Group ended in 2018" in refusal.value.message_dict["end"][0]


def test_a_membership_ending_with_the_group_or_left_open_is_accepted():
    agency = AgencyFactory()
    MembershipFactory.build(agency=agency, end=datetime.date(2018, 12, 31)).full_clean()
    MembershipFactory.build(agency=agency, end=None).full_clean()


def test_a_geneva_group_membership_after_that_group_became_the_gmg_is_refused():
    membership = MembershipFactory.build(agency=AgencyFactory(), body=m.Body.GENEVA, start=datetime.date(2007, 1, 1))
    with pytest.raises(ValidationError, match="The Geneva Migration Group ended in 2006"):
        membership.full_clean()


def test_a_chair_term_after_the_group_ended_is_refused_and_nothing_is_saved(publisher):
    term = m.ChairTerm(start=datetime.date(2019, 1, 1), end=datetime.date(2019, 6, 30))
    with pytest.raises(ValidationError, match="The Global Migration Group ended in 2018"):
        services.save(obj=term, user=publisher)
    assert not m.ChairTerm.objects.exists()


def test_the_api_answers_400_naming_the_field(publisher, db):
    from rest_framework.test import APIClient

    agency = AgencyFactory(slug="unu", acronym="UNU")
    client = APIClient()
    client.force_authenticate(publisher)
    response = client.post(
        "/api/v1/memberships/", {"agency": agency.slug, "body": "gmg", "start": "2019-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "The Global Migration Group ended in 2018" in str(response.json())
    assert not m.Membership.objects.exists()
