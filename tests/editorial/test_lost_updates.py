"""Two editors open the same record; the second to save is refused, sees what the first changed, keeps their input."""

import pytest
import reversion

from registry import services
from registry.models import Statement, Status
from tests.editorial.conftest import admin_url, change_form, form_errors
from tests.factories import AgencyFactory, StatementFactory


@pytest.fixture
def statement(db):
    with reversion.create_revision():
        return StatementFactory(draft=True, title="On migrant workers", summary="First summary.")


def test_the_second_editor_to_save_is_refused_with_the_first_editors_changes(login, editor, publisher, statement):
    bob, carol = login(editor), login(publisher)
    _, bobs_form = change_form(bob, statement)
    _, carols_form = change_form(carol, statement)

    carols_form["title"] = "On the rights of migrant workers"
    assert carol.post(admin_url(statement, "change"), carols_form).status_code == 302

    bobs_form["summary"] = "Bob's better summary."
    response = bob.post(admin_url(statement, "change"), bobs_form)
    assert response.status_code == 200
    errors = " ".join(form_errors(response))
    assert "Someone else saved" in errors and "carol" in errors
    assert "They changed title: “On migrant workers” → “On the rights of migrant workers”" in errors
    statement.refresh_from_db()
    assert (statement.title, statement.summary) == ("On the rights of migrant workers", "First summary.")

    # Bob's input is still on the form, which now carries the version he has just been shown.
    form = response.context["adminform"].form
    assert form["summary"].value() == "Bob's better summary."
    assert form.version_token == services.version_token(statement.updated_at)


def test_saving_again_after_seeing_the_conflict_keeps_the_second_editors_version(login, editor, publisher, statement):
    bob, carol = login(editor), login(publisher)
    _, bobs_form = change_form(bob, statement)
    _, carols_form = change_form(carol, statement)
    carol.post(admin_url(statement, "change"), {**carols_form, "title": "Carol's title"})

    bobs_form.update(title="Carol's title", summary="Merged by Bob.")
    refused = bob.post(admin_url(statement, "change"), bobs_form)
    merged = {**bobs_form, "_version_token": refused.context["adminform"].form.version_token}
    assert bob.post(admin_url(statement, "change"), merged).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.summary) == ("Carol's title", "Merged by Bob.")


def test_a_save_without_anyone_elses_change_goes_through(login, editor, statement):
    bob = login(editor)
    _, form = change_form(bob, statement)
    assert bob.post(admin_url(statement, "change"), {**form, "summary": "New."}).status_code == 302
    _, form = change_form(bob, statement)
    assert bob.post(admin_url(statement, "change"), {**form, "summary": "Newer."}).status_code == 302


def test_an_inline_only_edit_also_counts_as_a_new_version(login, editor, publisher):
    with reversion.create_revision():
        agency = AgencyFactory()
    bob, carol = login(editor), login(publisher)
    _, bobs_form = change_form(bob, agency)
    _, carols_form = change_form(carol, agency)
    prefix = "registry-source-content_type-object_id"
    carols_form.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Carol's source"})
    assert carol.post(admin_url(agency, "change"), carols_form).status_code == 302
    response = bob.post(admin_url(agency, "change"), {**bobs_form, "name": "Bob's name"})
    assert response.status_code == 200
    assert "only rows that belong to it" in " ".join(form_errors(response))
    agency.refresh_from_db()
    assert agency.name != "Bob's name"


def test_a_publish_action_on_a_record_changed_since_the_list_was_loaded_is_refused(login, editor, publisher, statement):
    services.submit_for_review(obj=statement, user=editor)
    carol = login(publisher)
    changelist = carol.get(admin_url(Statement, "changelist"))
    seen = changelist.content.decode().split(f'name="_version_token_{statement.pk}" value="')[1].split('"')[0]

    bob = login(editor)
    _, bobs_form = change_form(bob, statement)
    bob.post(admin_url(statement, "change"), {**bobs_form, "body": "<p>A late change Carol has not read.</p>"})

    data = {"action": "publish_selected", "_selected_action": [statement.pk], f"_version_token_{statement.pk}": seen}
    response = carol.post(admin_url(Statement, "changelist"), data, follow=True)
    page = response.content.decode()
    assert "Someone else saved" in page and "bob" in page
    assert "They changed body" in page
    statement.refresh_from_db()
    assert statement.status == Status.IN_REVIEW


def test_the_service_refuses_a_stale_version_for_every_caller(editor, publisher, statement):
    seen = services.version_token(statement.updated_at)
    services.submit_for_review(obj=Statement.objects.get(pk=statement.pk), user=editor)
    with pytest.raises(services.Conflict):
        services.publish(obj=Statement.objects.get(pk=statement.pk), user=publisher, expected_version=seen)
    statement.refresh_from_db()
    assert statement.status == Status.IN_REVIEW
