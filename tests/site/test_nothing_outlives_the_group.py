"""The GMG ended in 2018 (FACTS.md): nothing in it is "ongoing" after that, on any surface."""

import datetime
import json
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from registry import models as m
from tests.factories import AgencyFactory, MembershipFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

PRESENT = re.compile(r"\bpresent\b", re.IGNORECASE)  # not "presented"


def text_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return strip_tags(response.content.decode())


def test_the_group_ends_in_2018_in_one_place():
    end = m.BODY_ENDS[m.Body.GMG]
    assert (end.date, end.precision, end.until) == (datetime.date(2018, 12, 31), "year", "until the group ended (2018)")


def test_a_working_group_without_an_end_says_until_the_group_ended_and_never_present(client, seed):
    data = text_of(client, reverse("site:working-group", kwargs={"slug": "data-and-research"}))
    assert "2011 – until the group ended (2018)" in data
    task_force = text_of(client, reverse("site:working-group", kwargs={"slug": "capacity-development-task-force"}))
    assert "3 July 2013 – until the group ended (2018)" in task_force
    for path in [
        reverse("site:working-groups"),
        reverse("site:working-group", kwargs={"slug": "data-and-research"}),
        reverse("site:working-group", kwargs={"slug": "capacity-development-task-force"}),
        reverse("site:agency", kwargs={"slug": "iom"}),
        reverse("site:agency", kwargs={"slug": "unitar"}),
        reverse("site:agency", kwargs={"slug": "undesa"}),
        reverse("site:agencies"),
        reverse("site:home"),
    ]:
        assert not PRESENT.search(text_of(client, path)), path


def test_no_api_answer_or_feed_about_working_groups_says_present(client, seed):
    for path in ["/api/v1/working-groups/", "/api/v1/working-groups/data-and-research/", "/api/v1/agencies/iom/"]:
        assert not PRESENT.search(json.dumps(client.get(path).json())), path
    assert not PRESENT.search(client.get("/api/v1/working-groups/?format=csv").content.decode())
    feed = feedparser.parse(client.get(reverse("site:statement-feed")).content)
    assert not any(PRESENT.search(entry.summary + entry.title) for entry in feed.entries)


def test_an_open_membership_ends_with_its_body(client, db):
    agency = AgencyFactory(acronym="OPEN", slug="open")
    MembershipFactory(agency=agency, body=m.Body.GMG, start=datetime.date(2014, 6, 8), start_precision="day")
    MembershipFactory(agency=agency, body=m.Body.GENEVA, start=datetime.date(2004, 1, 1), start_precision="year")
    text = text_of(client, agency.get_absolute_url())
    assert "8 June 2014 – until the group ended (2018)" in text
    assert "2004 – until the group ended (2006)" in text
    assert list(m.Agency.objects.members_on(datetime.date(2018, 6, 30)).values_list("slug", flat=True)) == ["open"]
    assert not m.Agency.objects.members_on(datetime.date(2019, 1, 1)).exists()
    assert not m.Agency.objects.members_on(datetime.date(2007, 1, 1), m.Body.GENEVA).exists()


def test_no_working_group_is_active_after_the_group_ended(db):
    group = WorkingGroupFactory(established=datetime.date(2011, 1, 1), established_precision="year")
    assert list(m.WorkingGroup.objects.active_on(datetime.date(2018, 12, 31))) == [group]
    assert not m.WorkingGroup.objects.active_on(datetime.date(2019, 1, 1)).exists()


def test_the_current_chair_after_the_group_ended_is_a_404_saying_so(client, seed):
    response = client.get("/api/v1/chair-terms/current/")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"].startswith(
        "The Global Migration Group ended in 2018 (replaced by the UN Network on Migration)"
    )
    assert "No chair on record on" not in body["detail"]
    assert body["group_ended"] == {"end": "2018-12-31", "end_precision": "year"}
    assert body["vacancy"] is None
    assert client.get("/api/v1/chair-terms/current/?on=2019-01-01").json()["group_ended"]["end"] == "2018-12-31"


def test_the_current_chair_on_a_date_within_the_group_still_answers(client, seed):
    assert client.get("/api/v1/chair-terms/current/?on=2010-10-01").json()["agency"] == "ohchr"
    vacancy = client.get("/api/v1/chair-terms/current/?on=2009-03-01")
    assert vacancy.status_code == 404
    assert vacancy.json()["detail"].startswith(
        "No chair on record on 2009-03-01 (documented vacancy, January–May 2009)"
    )
    assert vacancy.json()["group_ended"] is None
