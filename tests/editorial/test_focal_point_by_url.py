"""A focal point keeps their own agency current and nothing else, whatever URL they type."""

from registry import services
from registry.models import Agency, PendingChange, Source, Statement, Status
from tests.editorial.conftest import admin_url, change_form, form_data, form_errors
from tests.factories import StatementFactory


def test_a_focal_point_cannot_edit_another_agency_by_url(login, focal_point, other_agency, admin_client):
    _, data = change_form(admin_client, other_agency)
    data["name"] = "Renamed by a focal point"
    response = login(focal_point).post(admin_url(other_agency, "change"), data)
    assert response.status_code == 403
    other_agency.refresh_from_db()
    assert other_agency.name != "Renamed by a focal point"


def test_a_focal_point_cannot_delete_another_agency_by_url(login, focal_point, other_agency):
    response = login(focal_point).post(admin_url(other_agency, "delete"), {"post": "yes"})
    assert response.status_code == 403
    assert Agency.objects.filter(pk=other_agency.pk).exists()


def test_a_focal_point_sees_another_agency_read_only(login, focal_point, other_agency):
    response = login(focal_point).get(admin_url(other_agency, "change"))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert b'name="name"' not in response.content


def test_a_focal_point_edits_their_agency_profile_but_not_its_identity(login, focal_point, own_agency, publisher):
    client = login(focal_point)
    _, data = change_form(client, own_agency)
    assert "acronym" not in data
    data.update(name="Our agency, renamed", headquarters="Nairobi", acronym="HIJACK", kind="other")
    assert client.post(admin_url(own_agency, "change"), data).status_code == 302
    # The agency is live, so the edit is a proposal (tests/editorial/test_pending_changes.py)…
    proposed = PendingChange.objects.get().data["fields"]
    assert (proposed["name"], proposed["headquarters"], proposed["acronym"]) == (
        "Our agency, renamed",
        "Nairobi",
        "OWN",
    )
    assert proposed["kind"] == own_agency.kind
    # …and approving it changes only what a focal point may change.
    services.approve(change=PendingChange.objects.get(), user=publisher)
    own_agency.refresh_from_db()
    assert (own_agency.name, own_agency.headquarters, own_agency.acronym) == ("Our agency, renamed", "Nairobi", "OWN")


def test_a_focal_point_cannot_open_another_agencys_draft_statement(login, focal_point, other_agency, admin_client):
    draft = StatementFactory(draft=True, title="Their draft")
    draft.signatories.add(other_agency)
    _, data = change_form(admin_client, draft)
    client = login(focal_point)
    assert client.get(admin_url(draft, "change")).status_code == 404
    data["title"] = "Overwritten"
    assert client.post(admin_url(draft, "change"), data).status_code == 404
    changelist = client.get(admin_url(Statement, "changelist"))
    assert b"Their draft" not in changelist.content
    draft.refresh_from_db()
    assert draft.title == "Their draft"


def test_a_statement_a_focal_point_writes_is_signed_by_their_agency_and_stays_a_draft(login, focal_point, own_agency):
    client = login(focal_point)
    data = form_data(client.get(admin_url(Statement, "add")))
    assert "status" not in data and "published_at_0" not in data
    data.update(title="Our statement", slug="our-statement", date="2010-05-01", status="published")
    assert client.post(admin_url(Statement, "add"), data).status_code == 302
    statement = Statement.objects.get(slug="our-statement")
    assert statement.status == Status.DRAFT
    assert list(statement.signatories.all()) == [own_agency]


def test_a_focal_point_submits_their_draft_for_review_but_cannot_publish_it(login, focal_point, own_agency):
    draft = StatementFactory(draft=True)
    draft.signatories.add(own_agency)
    client = login(focal_point)
    _, data = change_form(client, draft)
    response = client.post(admin_url(draft, "change"), {**data, "_transition": "publish"})
    assert any("Only a Publisher" in e for e in form_errors(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    _, data = change_form(client, draft)
    assert client.post(admin_url(draft, "change"), {**data, "_transition": "submit"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_a_focal_point_adds_sources_only_to_records_they_may_change(login, focal_point, own_agency, other_agency):
    ours = StatementFactory(draft=True)
    ours.signatories.add(own_agency)
    theirs = StatementFactory(draft=True)
    theirs.signatories.add(other_agency)
    client = login(focal_point)
    assert client.get(admin_url(Source, "add")).status_code == 403
    _, data = change_form(client, ours)
    prefix = "registry-source-content_type-object_id"
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Annual report 2010"})
    assert client.post(admin_url(ours, "change"), data).status_code == 302
    assert ours.sources.get().title == "Annual report 2010"
    assert client.post(admin_url(theirs, "change"), data).status_code == 404
    assert not theirs.sources.exists()


def test_a_focal_point_cannot_change_the_sources_of_their_live_agency_directly(login, focal_point, own_agency):
    # Sources are not part of a pending change: on a live record their rows are read-only to non-publishers.
    client = login(focal_point)
    _, data = change_form(client, own_agency)
    prefix = "registry-source-content_type-object_id"
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Annual report 2010"})
    client.post(admin_url(own_agency, "change"), data)
    assert not own_agency.sources.exists()


def test_a_focal_point_writes_a_statement_and_submits_it_in_one_save(login, focal_point, own_agency):
    client = login(focal_point)
    data = form_data(client.get(admin_url(Statement, "add")))
    data.update(title="Ready for review", slug="ready-for-review", date="2010-05-01", _transition="submit")
    assert client.post(admin_url(Statement, "add"), data).status_code == 302
    statement = Statement.objects.get(slug="ready-for-review")
    assert statement.status == Status.IN_REVIEW
    assert list(statement.signatories.all()) == [own_agency]
