"""An edit to a live record by someone who may not publish it waits for a Publisher; the public keeps the live one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from registry import models as m
from registry import services
from tests import factories as f
from tests.editorial.conftest import admin_url, change_form

pytestmark = pytest.mark.django_db

OLD_TITLE = "Statement on the protection of migrants"
NEW_TITLE = "Zanzibar statement on migrants"
OLD_NAME = "International Labour Organization"
NEW_NAME = "Zanzibar Labour Organisation"


@pytest.fixture
def statement(own_agency):
    statement = f.StatementFactory(title=OLD_TITLE, slug="protection")
    statement.signatories.add(own_agency)
    return statement


@pytest.fixture
def agency(own_agency):
    own_agency.name = OLD_NAME
    own_agency.save()
    return own_agency


def public_statement_surfaces(slug):
    """What an anonymous visitor reads of a statement on every surface, as text."""
    anonymous = Client()
    urls = [
        reverse("site:statement", kwargs={"slug": slug}),
        reverse("api:statement-detail", kwargs={"slug": slug}),
        reverse("api:statement-list"),
        reverse("api:statement-list") + "?format=csv",
        reverse("site:statement-feed"),
        reverse("site:search") + "?q=Zanzibar",
    ]
    pages = {}
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    return pages


def public_agency_surfaces(slug):
    anonymous = Client()
    urls = [
        reverse("site:agency", kwargs={"slug": slug}),
        reverse("api:agency-detail", kwargs={"slug": slug}),
        reverse("api:agency-list"),
        reverse("api:agency-list") + "?format=csv",
        reverse("site:search") + "?q=Zanzibar",
        reverse("site:agencies"),
    ]
    pages = {}
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = response.content.decode()
    return pages


def propose_title(client, statement, title):
    _response, data = change_form(client, statement)
    data["title"] = title
    return client.post(admin_url(statement, "change"), data, follow=True)


@pytest.mark.parametrize("who", ["editor", "focal_point"])
def test_an_edit_to_a_published_statement_waits_and_every_public_surface_keeps_the_live_version(
    who, request, statement, publisher, login
):
    user = request.getfixturevalue(who)
    before = public_statement_surfaces("protection")
    assert all(NEW_TITLE not in text for text in before.values())

    response = propose_title(login(user), statement, NEW_TITLE)

    assert response.status_code == 200
    assert "waits for a Publisher" in response.content.decode()
    statement.refresh_from_db()
    assert statement.title == OLD_TITLE
    assert public_statement_surfaces("protection") == before
    change = m.PendingChange.objects.get()
    assert (change.state, change.proposed_by) == ("pending", user)

    services.approve(change=change, user=publisher)

    statement.refresh_from_db()
    assert statement.title == NEW_TITLE
    after = public_statement_surfaces("protection")
    for url, text in after.items():
        assert NEW_TITLE in text, url
    change.refresh_from_db()
    assert (change.state, change.reviewed_by) == ("approved", publisher)


@pytest.mark.parametrize("who", ["editor", "focal_point"])
def test_an_edit_to_an_agency_waits_and_every_public_surface_keeps_the_live_version(
    who, request, agency, publisher, login
):
    user = request.getfixturevalue(who)
    before = public_agency_surfaces(agency.slug)
    assert all(NEW_NAME not in text for text in before.values())

    client = login(user)
    _response, data = change_form(client, agency)
    data["name"] = NEW_NAME
    response = client.post(admin_url(agency, "change"), data, follow=True)

    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.name == OLD_NAME
    assert public_agency_surfaces(agency.slug) == before

    services.approve(change=m.PendingChange.objects.get(), user=publisher)

    after = public_agency_surfaces(agency.slug)
    for url, text in after.items():
        assert NEW_NAME in text, url


def test_a_further_edit_by_a_non_publisher_edits_the_same_pending_change(statement, editor, login):
    client = login(editor)
    propose_title(client, statement, NEW_TITLE)

    response, data = change_form(client, statement)

    assert data["title"] == NEW_TITLE  # the form opens on the proposal, not the live version
    assert "not the live version" in response.content.decode()
    data["summary"] = "A second thought."
    client.post(admin_url(statement, "change"), data)
    change = m.PendingChange.objects.get()
    assert change.data["fields"]["title"] == NEW_TITLE
    assert change.data["fields"]["summary"] == "A second thought."


def test_sending_back_keeps_the_live_version_and_shows_the_comment_to_the_proposer(statement, editor, publisher, login):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()

    response = login(publisher).post(
        admin_url(change, "change"), {"decision": "send_back", "comment": "Keep the original title, please."}
    )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.title == OLD_TITLE
    home = login(editor).get(reverse("admin:index")).content.decode()
    assert "Sent back to you" in home
    assert "Keep the original title, please." in home
    form_page = login(editor).get(admin_url(statement, "change")).content.decode()
    assert "Keep the original title, please." in form_page


def test_sending_back_needs_a_comment(statement, editor, publisher, login):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()

    response = login(publisher).post(admin_url(change, "change"), {"decision": "send_back", "comment": "  "})

    assert response.status_code == 400
    assert "Say why it is sent back" in response.content.decode()
    change.refresh_from_db()
    assert change.state == "pending"


def test_approving_a_change_to_a_record_changed_since_is_refused_and_changes_nothing(
    statement, editor, publisher, login
):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()
    statement.summary = "A Publisher's own later edit."
    services.save(obj=statement, user=publisher)

    response = login(publisher).post(admin_url(change, "change"), {"decision": "approve"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "was changed after bob proposed this change" in text
    statement.refresh_from_db()
    assert (statement.title, statement.summary) == (OLD_TITLE, "A Publisher's own later edit.")
    change.refresh_from_db()
    assert change.state == "pending"


def test_the_review_page_shows_the_difference_from_the_live_version(statement, editor, publisher, login):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()

    text = login(publisher).get(admin_url(change, "change")).content.decode()

    assert f"<del>{OLD_TITLE}</del>" in text
    assert f"<ins>{NEW_TITLE}</ins>" in text
    assert "Approve and publish" in text


def test_a_publishers_own_edit_to_a_live_record_goes_live_at_once(statement, publisher, login):
    response = propose_title(login(publisher), statement, NEW_TITLE)

    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.title == NEW_TITLE
    assert not m.PendingChange.objects.exists()


def test_an_edit_to_a_draft_is_saved_directly_not_proposed(editor, login):
    draft = f.StatementFactory(draft=True, title=OLD_TITLE)

    propose_title(login(editor), draft, NEW_TITLE)

    draft.refresh_from_db()
    assert draft.title == NEW_TITLE
    assert not m.PendingChange.objects.exists()


def test_only_a_publisher_approves(statement, editor, login):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()

    with pytest.raises(PermissionDenied):
        services.approve(change=change, user=editor)
    response = login(editor).get(admin_url(change, "change"))
    assert "Approve and publish" not in response.content.decode()


def test_a_decided_change_cannot_be_approved_again(statement, editor, publisher, login):
    propose_title(login(editor), statement, NEW_TITLE)
    change = m.PendingChange.objects.get()
    services.send_back(change=change, user=publisher, comment="No.")

    with pytest.raises(ValidationError, match="sent back"):
        services.approve(change=change, user=publisher)


def test_a_focal_point_may_not_propose_dropping_their_own_agency(statement, focal_point, other_agency):
    statement.title = NEW_TITLE
    with pytest.raises(PermissionDenied):
        services.save(obj=statement, user=focal_point, m2m={"signatories": [other_agency]})
    assert not m.PendingChange.objects.exists()


def test_a_focal_point_may_not_propose_changes_to_another_agencys_statement(focal_point, other_agency):
    theirs = f.StatementFactory(title=OLD_TITLE)
    theirs.signatories.add(other_agency)
    theirs.title = NEW_TITLE
    with pytest.raises(PermissionDenied):
        services.save(obj=theirs, user=focal_point)


def test_staff_preview_shows_the_pending_version_with_a_banner(statement, editor, login):
    propose_title(login(editor), statement, NEW_TITLE)

    staff = login(editor).get(reverse("site:statement", kwargs={"slug": "protection"})).content.decode()
    public = Client().get(reverse("site:statement", kwargs={"slug": "protection"})).content.decode()

    assert NEW_TITLE in staff and "Proposed change — not public" in staff
    assert NEW_TITLE not in public and "Proposed change" not in public


def test_the_pending_banner_speaks_the_pages_language(statement, editor, login):
    propose_title(login(editor), statement, NEW_TITLE)
    page = login(editor).get("/fr" + reverse("site:statement", kwargs={"slug": "protection"})).content.decode()
    assert "Modification proposée — non publique." in page
    assert f"la modification proposée par {editor.get_username()} le" in page
    assert "(en attente de relecture)" in page
    assert "Proposed change" not in page


def test_publishers_see_pending_changes_waiting_for_review(statement, editor, publisher, login):
    propose_title(login(editor), statement, NEW_TITLE)

    home = login(publisher).get(reverse("admin:index")).content.decode()

    assert f"Change to statement: {NEW_TITLE}" in home or f"Change to statement: {OLD_TITLE}" in home
    assert "proposed by bob" in home


def test_inline_rows_are_read_only_while_an_edit_is_only_a_proposal(agency, editor, publisher, login):
    editor_form = login(editor).get(admin_url(agency, "change")).context["inline_admin_formsets"]
    publisher_form = login(publisher).get(admin_url(agency, "change")).context["inline_admin_formsets"]

    assert all(not inline.has_add_permission for inline in editor_form)
    assert any(inline.has_add_permission for inline in publisher_form)
