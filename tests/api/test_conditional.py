"""ETags on every detail; If-None-Match gives 304; a stale If-Match gives 412 and changes nothing."""

import pytest

from registry import models as m
from registry.api.conditional import etag_for
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory


@pytest.fixture
def agency(db):
    return AgencyFactory(acronym="UNHCR", slug="unhcr")


def test_a_detail_has_the_records_etag(api, agency):
    response = api.get("/api/v1/agencies/unhcr/")
    assert response["ETag"] == etag_for(agency)
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')


@pytest.mark.parametrize("path", ["memberships/{m}/", "chair-terms/{c}/"])
def test_details_by_id_have_etags_too(api, agency, path):
    membership, term = MembershipFactory(agency=agency), ChairTermFactory(agency=agency)
    assert api.get("/api/v1/" + path.format(m=membership.pk, c=term.pk))["ETag"]


def test_if_none_match_with_the_current_tag_is_a_304(api, agency):
    tag = api.get("/api/v1/agencies/unhcr/")["ETag"]
    response = api.get("/api/v1/agencies/unhcr/", HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag
    assert api.get("/api/v1/agencies/unhcr/", HTTP_IF_NONE_MATCH=f"W/{tag}").status_code == 304


def test_if_none_match_with_an_old_tag_gives_the_record(api, agency):
    assert api.get("/api/v1/agencies/unhcr/", HTTP_IF_NONE_MATCH='"old"').status_code == 200


def test_the_tag_changes_when_the_record_changes(api, agency):
    before = api.get("/api/v1/agencies/unhcr/")["ETag"]
    agency.name = "Renamed"
    agency.save()
    assert api.get("/api/v1/agencies/unhcr/")["ETag"] != before


def test_a_stale_if_match_is_a_412_and_nothing_changes(as_user, editor, agency):
    client = as_user(editor)
    stale = client.get("/api/v1/agencies/unhcr/")["ETag"]
    agency.headquarters = "Changed by someone else"
    agency.save()
    response = client.patch("/api/v1/agencies/unhcr/", {"name": "Mine"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert "changed since you read it" in response.json()["detail"]
    agency.refresh_from_db()
    assert agency.name == "Agency UNHCR"


def test_a_stale_if_match_also_stops_a_put_and_a_delete(as_user, editor, agency):
    client = as_user(editor)
    body = {"acronym": "UNHCR", "name": "Mine"}
    assert client.put("/api/v1/agencies/unhcr/", body, format="json", HTTP_IF_MATCH='"stale"').status_code == 412
    assert client.delete("/api/v1/agencies/unhcr/", HTTP_IF_MATCH='"stale"').status_code == 412
    assert m.Agency.objects.filter(slug="unhcr", name="Agency UNHCR").exists()


def test_if_match_star_and_the_current_tag_both_pass(as_user, publisher, agency):
    client = as_user(publisher)
    assert client.patch("/api/v1/agencies/unhcr/", {"name": "A"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    tag = client.get("/api/v1/agencies/unhcr/")["ETag"]
    response = client.patch("/api/v1/agencies/unhcr/", {"name": "B"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200
    assert response["ETag"] == client.get("/api/v1/agencies/unhcr/")["ETag"]


def test_a_weak_tag_never_satisfies_if_match(as_user, editor, agency):
    tag = etag_for(agency)
    response = as_user(editor).patch("/api/v1/agencies/unhcr/", {"name": "A"}, format="json", HTTP_IF_MATCH=f"W/{tag}")
    assert response.status_code == 412
