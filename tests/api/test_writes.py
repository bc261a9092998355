"""Writes by token or session, with exactly the admin's permissions and validation."""

import datetime

import pytest
from reversion.models import Version

from registry import models as m
from tests.factories import AgencyFactory, ChairTermFactory, StatementFactory, TopicFactory

D = datetime.date


def test_an_editor_creates_an_agency_stamped_and_recorded_with_their_name(as_user, editor):
    response = as_user(editor).post(
        "/api/v1/agencies/", {"acronym": "UNODC", "name": "UN Office on Drugs and Crime", "kind": "secretariat"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "unodc"
    assert response["Location"] == body["url"] == "http://testserver/api/v1/agencies/unodc/"
    assert response["ETag"]
    agency = m.Agency.objects.get(slug="unodc")
    assert agency.created_by == agency.updated_by == editor
    version = Version.objects.get_for_object(agency).get()
    assert version.revision.user == editor
    assert "API" in version.revision.comment


def test_a_publisher_updates_with_if_match_and_the_change_is_recorded(as_user, publisher, other_agency):
    # An agency is always live: an Editor's write would wait for review (tests/api/test_pending_writes.py).
    client = as_user(publisher)
    tag = client.get("/api/v1/agencies/other/")["ETag"]
    response = client.patch("/api/v1/agencies/other/", {"headquarters": "Vienna"}, format="json", HTTP_IF_MATCH=tag)
    assert response.status_code == 200, response.content
    assert response.json()["headquarters"] == "Vienna"
    assert response["ETag"] != tag
    other_agency.refresh_from_db()
    assert other_agency.headquarters == "Vienna"
    assert other_agency.updated_by == publisher
    assert Version.objects.get_for_object(other_agency).first().revision.user == publisher


def test_an_update_answers_with_the_related_records_as_they_are_now(as_user, publisher, other_agency):
    # The record was read with its related rows prefetched; the answer must not show the old ones.
    statement = StatementFactory(slug="joint", status=m.Status.PUBLISHED)
    statement.signatories.add(other_agency)
    TopicFactory(slug="return")
    response = as_user(publisher).patch(
        "/api/v1/statements/joint/", {"signatories": [], "topics": ["return"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["signatories"], response.json()["topics"]) == ([], ["return"])


def test_a_session_login_may_write_too(client, publisher, other_agency):
    client.force_login(publisher)
    response = client.patch("/api/v1/agencies/other/", {"name": "Renamed"}, content_type="application/json")
    assert response.status_code == 200


def test_a_put_replaces_the_record(as_user, publisher, other_agency):
    response = as_user(publisher).put(
        "/api/v1/agencies/other/", {"acronym": "OTHER", "slug": "other", "name": "Other Org"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Other Org"


def test_an_editor_deletes_and_the_record_can_be_recovered(as_user, editor):
    agency = AgencyFactory(slug="gone")
    assert as_user(editor).delete("/api/v1/agencies/gone/").status_code == 204
    assert not m.Agency.objects.filter(pk=agency.pk).exists()
    assert Version.objects.get_deleted(m.Agency).filter(object_id=str(agency.pk)).exists()


def test_deleting_an_agency_that_chaired_is_a_409_and_nothing_is_deleted(as_user, editor):
    ChairTermFactory(agency=AgencyFactory(slug="chair"))
    response = as_user(editor).delete("/api/v1/agencies/chair/")
    assert response.status_code == 409
    assert "chair term holders" in response.json()["detail"]
    assert m.Agency.objects.filter(slug="chair").exists()


class TestRefusals:
    def test_anonymous_writes_are_401(self, api, other_agency):
        response = api.patch("/api/v1/agencies/other/", {"name": "x"}, format="json")
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Token")

    def test_a_bad_token_is_401(self, api, other_agency):
        api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
        assert api.get("/api/v1/agencies/").status_code == 401

    def test_a_user_without_a_role_may_not_write(self, as_user, stranger, other_agency):
        client = as_user(stranger)
        assert client.patch("/api/v1/agencies/other/", {"name": "x"}, format="json").status_code == 403
        assert client.post("/api/v1/topics/", {"name": "x"}, format="json").status_code == 403
        assert client.delete("/api/v1/agencies/other/").status_code == 403
        assert m.Agency.objects.get(slug="other").name != "x"

    def test_a_focal_point_may_edit_their_own_agency_for_review(self, as_user, focal_point, own_agency):
        response = as_user(focal_point).patch("/api/v1/agencies/own/", {"headquarters": "Rome"}, format="json")
        assert response.status_code == 202
        assert response.json()["pending_change"]["proposed"]["headquarters"] == "Rome"

    def test_a_focal_point_cannot_change_another_agency_and_nothing_changes(self, as_user, focal_point, other_agency):
        before = m.Agency.objects.get(pk=other_agency.pk)
        response = as_user(focal_point).patch("/api/v1/agencies/other/", {"name": "Taken over"}, format="json")
        assert response.status_code == 403
        assert "detail" in response.json()
        after = m.Agency.objects.get(pk=other_agency.pk)
        assert (after.name, after.updated_at) == (before.name, before.updated_at)

    def test_a_focal_point_cannot_create_or_delete_agencies(self, as_user, focal_point, own_agency):
        client = as_user(focal_point)
        assert client.post("/api/v1/agencies/", {"acronym": "NEW", "name": "New"}, format="json").status_code == 403
        assert client.delete("/api/v1/agencies/own/").status_code == 403

    def test_a_focal_point_edits_only_drafts_their_agency_signs(self, as_user, focal_point, own_agency, other_agency):
        ours, theirs = StatementFactory(slug="ours", draft=True), StatementFactory(slug="theirs", draft=True)
        ours.signatories.add(own_agency)
        theirs.signatories.add(other_agency)
        client = as_user(focal_point)
        assert client.patch("/api/v1/statements/ours/", {"summary": "x"}, format="json").status_code == 200
        # Another agency's drafts are theirs, not the focal point's to read: as in the admin, not found.
        assert client.patch("/api/v1/statements/theirs/", {"summary": "x"}, format="json").status_code == 404
        assert client.get("/api/v1/statements/theirs/").status_code == 404
        assert m.Statement.objects.get(slug="theirs").summary != "x"

    def test_a_focal_point_edits_their_own_published_statement_only_for_review(self, as_user, focal_point, own_agency):
        StatementFactory(slug="live", summary="Live.").signatories.add(own_agency)
        response = as_user(focal_point).patch("/api/v1/statements/live/", {"summary": "x"}, format="json")
        assert response.status_code == 202
        assert m.Statement.objects.get(slug="live").summary == "Live."

    def test_a_focal_point_may_not_change_their_agencys_identity(self, as_user, focal_point, own_agency):
        response = as_user(focal_point).patch("/api/v1/agencies/own/", {"acronym": "MINE"}, format="json")
        assert response.status_code == 403
        assert "acronym" in response.json()["detail"]
        assert m.Agency.objects.get(pk=own_agency.pk).acronym == "OWN"

    def test_a_focal_point_may_draft_a_statement(self, as_user, focal_point, own_agency):
        response = as_user(focal_point).post(
            "/api/v1/statements/", {"title": "Our view", "date": "2012-01-01", "signatories": ["own"]}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "draft"


class TestWorkflow:
    def test_a_new_statement_starts_as_a_draft(self, as_user, editor):
        response = as_user(editor).post(
            "/api/v1/statements/", {"title": "On remittances", "date": "2011-05-01"}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "draft"
        assert response.json()["slug"] == "on-remittances"

    def test_an_editor_cannot_publish_and_nothing_changes(self, as_user, editor):
        StatementFactory(slug="waiting", draft=True, summary="before")
        response = as_user(editor).patch(
            "/api/v1/statements/waiting/", {"status": "published", "summary": "after"}, format="json"
        )
        assert response.status_code == 403
        assert "Publisher" in response.json()["detail"]
        statement = m.Statement.objects.get(slug="waiting")
        assert (statement.status, statement.summary) == ("draft", "before")

    def test_an_editor_cannot_create_a_published_statement(self, as_user, editor):
        response = as_user(editor).post(
            "/api/v1/statements/", {"title": "Sneaky", "date": "2011-05-01", "status": "published"}, format="json"
        )
        assert response.status_code == 403
        assert not m.Statement.objects.filter(slug="sneaky").exists()

    def test_an_editor_submits_for_review(self, as_user, editor):
        StatementFactory(slug="ready", draft=True)
        response = as_user(editor).patch("/api/v1/statements/ready/", {"status": "in_review"}, format="json")
        assert response.json()["status"] == "in_review"

    def test_a_publisher_publishes_through_the_workflow_service(self, as_user, publisher):
        StatementFactory(slug="ready", draft=True)
        response = as_user(publisher).patch("/api/v1/statements/ready/", {"status": "published"}, format="json")
        assert response.status_code == 200
        assert response.json()["status"] == "published"
        assert response.json()["published_at"]
        statement = m.Statement.objects.get(slug="ready")
        assert Version.objects.get_for_object(statement).first().revision.user == publisher

    def test_a_transition_that_makes_no_sense_is_a_400_on_status(self, as_user, publisher):
        StatementFactory(slug="live")
        response = as_user(publisher).patch("/api/v1/statements/live/", {"status": "in_review"}, format="json")
        assert response.status_code == 400
        assert "status" in response.json()

    def test_a_focal_point_cannot_publish_a_publication(self, as_user, focal_point):
        from tests.factories import PublicationFactory

        PublicationFactory(slug="draft-report", draft=True)
        response = as_user(focal_point).patch(
            "/api/v1/publications/draft-report/", {"status": "published"}, format="json"
        )
        assert response.status_code in (403, 404)
        assert m.Publication.objects.get(slug="draft-report").status == "draft"


class TestValidation:
    """The admin's validation: the model's clean() and constraints, each error under its field."""

    def test_an_end_before_the_start_names_end(self, as_user, editor, other_agency):
        response = as_user(editor).post(
            "/api/v1/chair-terms/", {"agency": "other", "start": "2010-07-01", "end": "2010-01-01"}, format="json"
        )
        assert response.status_code == 400
        assert "end" in response.json()

    def test_overlapping_chair_terms_are_refused_naming_start(self, as_user, editor, other_agency):
        ChairTermFactory(start=D(2010, 7, 1), end=D(2010, 12, 31))
        response = as_user(editor).post(
            "/api/v1/chair-terms/", {"agency": "other", "start": "2010-12-01", "end": "2011-06-30"}, format="json"
        )
        assert response.status_code == 400
        assert "one chair term at a time" in response.json()["start"][0]
        assert m.ChairTerm.objects.count() == 1

    def test_overlapping_memberships_are_refused(self, as_user, editor, other_agency):
        client = as_user(editor)
        body = {"agency": "other", "body": "gmg", "start": "2006-01-01"}
        # Submitted for review, the first claims its period (two rival drafts may overlap).
        assert client.post("/api/v1/memberships/", {**body, "status": "in_review"}, format="json").status_code == 201
        response = client.post("/api/v1/memberships/", {**body, "start": "2010-01-01"}, format="json")
        assert response.status_code == 400
        assert "start" in response.json()

    def test_a_duplicate_acronym_in_another_case_names_acronym(self, as_user, editor, other_agency):
        response = as_user(editor).post(
            "/api/v1/agencies/", {"acronym": "other", "slug": "other-2", "name": "Copy"}, format="json"
        )
        assert response.status_code == 400
        assert "acronym" in response.json()

    def test_a_year_precision_date_is_stored_as_its_period(self, as_user, editor, other_agency):
        response = as_user(editor).post(
            "/api/v1/memberships/",
            {"agency": "other", "start": "2007-06-15", "start_precision": "year", "end": "2008-02-02",
             "end_precision": "year"},
            format="json",
        )  # fmt: skip
        assert (response.json()["start"], response.json()["end"]) == ("2007-01-01", "2008-12-31")

    def test_rich_text_is_sanitised(self, as_user, publisher, other_agency):
        response = as_user(publisher).patch(
            "/api/v1/agencies/other/", {"description": "<p>Hi<script>alert(1)</script></p>"}, format="json"
        )
        assert response.json()["description"] == "<p>Hi</p>"

    def test_rich_text_in_a_proposal_is_sanitised_too(self, as_user, editor, other_agency):
        response = as_user(editor).patch(
            "/api/v1/agencies/other/", {"description": "<p>Hi<script>alert(1)</script></p>"}, format="json"
        )
        assert response.json()["pending_change"]["proposed"]["description"] == "<p>Hi</p>"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"acronym": "X" * 33, "name": "Long"}, "acronym"),
            ({"acronym": "NUL", "name": "Bad\x00name"}, "name"),
            ({"acronym": "KIND", "name": "Kind", "kind": "bank"}, "kind"),
            ({"acronym": "WEB", "name": "Web", "website": "not a url"}, "website"),
        ],
    )
    def test_bad_fields_are_400s_naming_them(self, as_user, editor, body, field):
        response = as_user(editor).post("/api/v1/agencies/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()

    def test_malformed_json_is_a_400(self, as_user, editor):
        response = as_user(editor).post("/api/v1/agencies/", "{not json", content_type="application/json")
        assert response.status_code == 400
        assert "detail" in response.json()
