"""A write to a live record by someone who may not publish it is accepted for review (202); GET keeps the live one."""

import pytest
from django.urls import reverse

from registry import models as m
from registry import services
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(own_agency):
    statement = StatementFactory(title="Live title", slug="live")
    statement.signatories.add(own_agency)
    return statement


@pytest.mark.parametrize("who", ["editor", "focal_point"])
def test_a_patch_to_a_published_statement_is_202_with_the_pending_change_and_get_stays_live(
    who, request, as_user, api, statement
):
    url = reverse("api:statement-detail", kwargs={"slug": "live"})
    etag = api.get(url).headers["ETag"]

    response = as_user(request.getfixturevalue(who)).patch(url, {"title": "Proposed title"}, format="json")

    assert response.status_code == 202
    body = response.json()
    assert "waits for a Publisher's review" in body["detail"]
    assert body["pending_change"]["state"] == "pending"
    assert body["pending_change"]["kind"] == "statement"
    assert body["pending_change"]["proposed"]["title"] == "Proposed title"
    assert response.headers["ETag"] == etag
    live = api.get(url)
    assert (live.json()["title"], live.headers["ETag"]) == ("Live title", etag)


def test_a_patch_to_an_agency_by_an_editor_is_202_and_approval_makes_it_live(
    as_user, api, editor, publisher, own_agency
):
    url = reverse("api:agency-detail", kwargs={"slug": own_agency.slug})

    response = as_user(editor).patch(url, {"headquarters": "Nairobi"}, format="json")

    assert response.status_code == 202
    assert api.get(url).json()["headquarters"] != "Nairobi"
    services.approve(change=m.PendingChange.objects.get(pk=response.json()["pending_change"]["id"]), user=publisher)
    assert api.get(url).json()["headquarters"] == "Nairobi"


def test_a_publishers_patch_to_a_live_record_is_200_and_live_at_once(as_user, api, publisher, statement):
    url = reverse("api:statement-detail", kwargs={"slug": "live"})

    response = as_user(publisher).patch(url, {"title": "Published at once"}, format="json")

    assert response.status_code == 200
    assert api.get(url).json()["title"] == "Published at once"
    assert not m.PendingChange.objects.exists()


def test_a_non_publisher_may_not_change_a_live_records_status_through_a_proposal(as_user, editor, statement):
    url = reverse("api:statement-detail", kwargs={"slug": "live"})

    response = as_user(editor).patch(url, {"status": "draft"}, format="json")

    assert response.status_code == 403
    assert not m.PendingChange.objects.exists()


def test_a_bad_proposal_is_a_400_naming_the_field(as_user, editor, statement):
    url = reverse("api:statement-detail", kwargs={"slug": "live"})

    response = as_user(editor).patch(url, {"title": ""}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()
    assert not m.PendingChange.objects.exists()


def test_the_schema_documents_the_202(api):
    schema = api.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    patch = schema["paths"]["/api/v1/statements/{slug}/"]["patch"]["responses"]

    assert "202" in patch
    ref = patch["202"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(component["properties"]) == {"detail", "pending_change"}
