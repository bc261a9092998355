"""`?format=csv` gives the same rows as the JSON list, flattened, with a header row."""

import csv
import io

import pytest

from tests.api.conftest import RESOURCES
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory, StatementFactory, TopicFactory


def rows(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_has_a_csv_with_the_same_rows(api, one_of_each, resource):
    json_rows = api.get(f"/api/v1/{resource}/").json()["results"]
    csv_rows = rows(api.get(f"/api/v1/{resource}/?format=csv"))
    assert [r["url"] for r in csv_rows] == [r["url"] for r in json_rows]
    assert [r["id"] for r in csv_rows] == [str(r["id"]) for r in json_rows]


def test_filters_apply_and_lists_join_with_semicolons(api, db):
    iom, undp = AgencyFactory(acronym="IOM", slug="iom"), AgencyFactory(acronym="UNDP", slug="undp")
    StatementFactory(slug="ours").signatories.add(iom, undp)
    StatementFactory(slug="theirs")
    (row,) = rows(api.get("/api/v1/statements/?format=csv&agency=iom"))
    assert row["slug"] == "ours"
    assert row["signatories"] == "iom; undp"
    assert row["url"] == "http://testserver/api/v1/statements/ours/"


def test_nested_objects_become_dotted_columns(api, db):
    term = ChairTermFactory(agency=AgencyFactory(slug="ilo"))
    StatementFactory(slug="dated", date=term.start)
    (row,) = rows(api.get("/api/v1/statements/?format=csv"))
    assert row["chair.agency"] == "ilo"


def test_csv_is_not_paginated(api, db):
    TopicFactory.create_batch(60)
    assert len(rows(api.get("/api/v1/topics/?format=csv"))) == 60


def test_an_empty_csv_still_has_its_header(api, db):
    response = api.get("/api/v1/memberships/?format=csv")
    header = response.content.decode().splitlines()[0]
    assert header.startswith("id,url,html_url,agency,agency_acronym,body,start,start_precision")


def test_a_csv_with_a_bad_filter_answers_a_json_error(api, db):
    MembershipFactory()
    response = api.get("/api/v1/memberships/?format=csv&active_on=never")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "active_on" in response.json()
