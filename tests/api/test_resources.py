"""Every resource answers a list and a detail, with `url` and `html_url` on every object."""

import pytest
from django.utils import timezone

from tests.api.conftest import RESOURCES
from tests.factories import (
    AgencyFactory,
    ChairTermFactory,
    MembershipFactory,
    StatementFactory,
    WorkingGroupFactory,
    WorkingGroupRoleFactory,
)


def test_the_root_lists_every_resource_and_the_docs(api, db):
    body = api.get("/api/v1/").json()
    assert list(body) == [*RESOURCES, "schema", "docs", "downloads"]
    assert body["agencies"] == "http://testserver/api/v1/agencies/"


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_is_paginated_and_every_object_links_to_itself_and_its_page(api, one_of_each, resource):
    body = api.get(f"/api/v1/{resource}/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    obj = body["results"][0]
    assert obj["url"].startswith(f"http://testserver/api/v1/{resource}/")
    assert obj["html_url"].startswith("http://testserver/")
    # The facts (memberships, chair terms) are published with a source, as they must be; the rest cite none here.
    cited = [{"title": "Test source", "url": None, "note": "What the test says."}]
    assert obj["sources"] == (cited if resource in ("memberships", "chair-terms") else [])
    detail = api.get(obj["url"])
    assert detail.status_code == 200
    assert detail.json() == obj


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        ("agencies/unhcr/", "acronym", "UNHCR"),
        ("statements/joint-2010/", "slug", "joint-2010"),
        ("working-groups/human-rights/", "slug", "human-rights"),
        ("events/principals-2010/", "slug", "principals-2010"),
        ("publications/report-2010/", "slug", "report-2010"),
        ("initiatives/gfmd/", "slug", "gfmd"),
        ("topics/human-rights/", "slug", "human-rights"),
    ],
)
def test_records_with_a_slug_are_found_by_it(api, one_of_each, path, key, value):
    assert api.get(f"/api/v1/{path}").json()[key] == value


def test_memberships_and_chair_terms_are_found_by_id(api, one_of_each):
    membership = one_of_each.memberships.get()
    term = one_of_each.chair_terms.get()
    assert api.get(f"/api/v1/memberships/{membership.pk}/").json()["agency"] == "unhcr"
    assert api.get(f"/api/v1/chair-terms/{term.pk}/").json()["agency"] == "unhcr"


def test_dates_are_iso_with_their_precision(api, one_of_each):
    term = api.get("/api/v1/chair-terms/").json()["results"][0]
    assert (term["start"], term["start_precision"]) == ("2006-07-01", "month")
    assert (term["end"], term["end_precision"]) == ("2006-12-31", "month")
    membership = api.get("/api/v1/memberships/").json()["results"][0]
    assert (membership["start"], membership["start_precision"], membership["end"]) == ("2006-01-01", "year", None)


def test_records_cite_their_sources(api, one_of_each):
    one_of_each.sources.create(title="GMG terms of reference", url="https://example.org/tor", note="Annex")
    agency = api.get("/api/v1/agencies/unhcr/").json()
    assert agency["sources"] == [{"title": "GMG terms of reference", "url": "https://example.org/tor", "note": "Annex"}]
    one_of_each.sources.create(title="Annual report", url="", note="")
    listed = api.get("/api/v1/agencies/").json()["results"]  # a list reads its page's sources itself
    assert [row["sources"] for row in listed if row["slug"] == "unhcr"] == [
        [
            {"title": "GMG terms of reference", "url": "https://example.org/tor", "note": "Annex"},
            {"title": "Annual report", "url": None, "note": ""},
        ]
    ]
    assert api.get("/api/v1/agencies/unhcr/").json()["sources"] == listed[0]["sources"]


def test_a_list_of_statements_cites_each_ones_sources(api, db):
    first, second = StatementFactory(slug="first"), StatementFactory(slug="second")
    first.sources.create(title="Press release", url="https://example.org/pr", note="")
    listed = {row["slug"]: row["sources"] for row in api.get("/api/v1/statements/").json()["results"]}
    assert listed["first"] == [{"title": "Press release", "url": "https://example.org/pr", "note": ""}]
    assert listed["second"] == [] and second.sources.count() == 0


def test_a_statement_names_the_chair_on_its_date(api, db):
    chair = ChairTermFactory(agency=AgencyFactory(slug="ohchr", acronym="OHCHR"))
    StatementFactory(slug="in-term", date=chair.start)
    assert api.get("/api/v1/statements/in-term/").json()["chair"]["agency"] == "ohchr"


def test_a_list_of_statements_names_each_ones_chair_co_chairs_in_order_and_none_outside_a_term(api, db):
    import datetime

    fao, iom = AgencyFactory(slug="fao", acronym="FAO"), AgencyFactory(slug="iom", acronym="IOM")
    ChairTermFactory(holders=[iom, fao], start=datetime.date(2018, 1, 1), end=datetime.date(2018, 12, 31))
    sole = ChairTermFactory(agency=AgencyFactory(slug="ohchr", acronym="OHCHR"))
    StatementFactory(slug="co-chaired", date=datetime.date(2018, 6, 1))
    StatementFactory(slug="sole", date=datetime.date(2006, 8, 1))
    StatementFactory(slug="between", date=datetime.date(2010, 1, 1))
    listed = {row["slug"]: row["chair"] for row in api.get("/api/v1/statements/").json()["results"]}
    assert listed["between"] is None
    assert listed["sole"]["holders"] == ["ohchr"] and listed["sole"]["id"] == sole.pk
    co_chaired = listed["co-chaired"]
    assert (co_chaired["holders"], co_chaired["agency"], co_chaired["agency_acronym"]) == (["iom", "fao"], "iom", "IOM")
    for slug, chair in listed.items():  # as a statement's own page (its detail) names it
        assert api.get(f"/api/v1/statements/{slug}/").json()["chair"] == chair


def test_an_unknown_record_is_a_json_404(api, db):
    response = api.get("/api/v1/agencies/nobody/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_an_unknown_address_under_the_api_is_a_json_404(api, db):
    response = api.get("/api/v1/nowhere/at/all")
    assert response.status_code == 404
    assert "nowhere" in response.json()["detail"]


def test_a_membership_or_role_published_after_the_server_started_is_listed(api, db):
    # Published after the API answered once (its views are built), as on a running site.
    api.get("/api/v1/agencies/")
    membership = MembershipFactory(agency=AgencyFactory(slug="iom"), published_at=timezone.now())
    role = WorkingGroupRoleFactory(group=WorkingGroupFactory(slug="data"), published_at=timezone.now())
    for path in ["/api/v1/agencies/", "/api/v1/agencies/iom/"]:
        body = api.get(path).json()
        agency = body["results"][0] if "results" in body else body
        assert [each["id"] for each in agency["memberships"]] == [membership.pk]
    assert [each["agency"] for each in api.get("/api/v1/working-groups/data/").json()["roles"]] == [role.agency.slug]
