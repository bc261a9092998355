"""Every save is a revision an editor can read, compare, restore; a deleted record can be recovered."""

from reversion.models import Version

from registry import services
from registry.models import Agency, Membership, PendingChange, Statement
from tests.editorial.conftest import admin_url, change_form, form_data, form_errors
from tests.factories import AgencyFactory, MembershipFactory


def _add_agency(client, **fields):
    data = form_data(client.get(admin_url(Agency, "add")))
    data.update(acronym="IOM", name="International Organization for Migration", slug="iom", kind="related")
    data.update(fields)
    assert client.post(admin_url(Agency, "add"), data).status_code == 302
    return Agency.objects.get(slug="iom")


def _rename(client, agency, name):
    _, data = change_form(client, agency)
    assert client.post(admin_url(agency, "change"), {**data, "name": name}).status_code == 302


def test_each_admin_save_is_a_revision_with_who_and_a_comment(login, publisher):
    client = login(publisher)
    agency = _add_agency(client)
    _rename(client, agency, "IOM, the UN Migration Agency")
    versions = list(Version.objects.get_for_object(agency).select_related("revision__user"))
    assert len(versions) == 2
    assert {v.revision.user for v in versions} == {publisher}
    assert "Changed Name" in versions[0].revision.comment
    history = client.get(admin_url(agency, "history"))
    assert history.status_code == 200
    assert b"Compare selected revisions" in history.content


def test_two_revisions_compare_field_by_field(login, publisher):
    client = login(publisher)
    agency = _add_agency(client, migration_focus="Migration management")
    _rename(client, agency, "IOM, the UN Migration Agency")
    new, old = Version.objects.get_for_object(agency)
    response = client.get(admin_url(Agency, "compare", agency.pk), {"from": old.pk, "to": new.pk})
    assert response.status_code == 200
    changes = {c.field: (c.old, c.new) for c in response.context["changes"]}
    assert changes == {"name": ("International Organization for Migration", "IOM, the UN Migration Agency")}
    assert b"<del>International Organization for Migration</del>" in response.content


def test_comparing_long_text_shows_words_added_and_removed_escaped(login, publisher):
    agency = AgencyFactory()
    client = login(publisher)
    _, data = change_form(client, agency)
    client.post(admin_url(agency, "change"), {**data, "description": "<p>Protects refugees.</p>"})
    _, data = change_form(client, agency)
    client.post(admin_url(agency, "change"), {**data, "description": "<p>Protects refugees and stateless people.</p>"})
    new, old = Version.objects.get_for_object(agency)
    response = client.get(admin_url(Agency, "compare", agency.pk), {"from": new.pk, "to": old.pk})
    content = response.content.decode()
    assert "<ins>refugees and stateless people.&lt;/p&gt;</ins>" in content


def test_restoring_a_revision_brings_back_the_earlier_text(login, publisher):
    client = login(publisher)
    agency = _add_agency(client)
    _rename(client, agency, "A mistaken name")
    first = Version.objects.get_for_object(agency).last()

    revision_url = admin_url(Agency, "revision", agency.pk, first.pk)
    response = client.get(revision_url)
    assert response.status_code == 200
    data = form_data(response)
    assert data["name"] == "International Organization for Migration"
    assert client.post(revision_url, data).status_code == 302

    agency.refresh_from_db()
    assert agency.name == "International Organization for Migration"
    assert agency.updated_by == publisher
    latest = Version.objects.get_for_object(agency).first().revision
    assert latest.comment.startswith("Reverted to previous version")


def test_restoring_over_a_change_made_meanwhile_is_refused(login, publisher, admin_user):
    # Both may change a live agency directly: a Publisher and a superuser.
    bob = login(publisher)
    agency = _add_agency(bob)
    _rename(bob, agency, "Second name")
    first = Version.objects.get_for_object(agency).last()
    revision_url = admin_url(Agency, "revision", agency.pk, first.pk)
    data = form_data(bob.get(revision_url))

    _rename(login(admin_user), agency, "Carol's newer name")
    response = bob.post(revision_url, data)
    assert any("Someone else saved" in e for e in form_errors(response))
    agency.refresh_from_db()
    assert agency.name == "Carol's newer name"


def test_a_deleted_agency_is_recovered_with_its_memberships_and_sources(login, editor, publisher):
    client = login(editor)
    prefix = "registry-source-content_type-object_id"
    agency = _add_agency(
        client,
        **{
            "memberships-TOTAL_FORMS": "2",
            "memberships-0-body": "geneva",
            "memberships-0-start": "2003",
            "memberships-0-end": "2006",
            "memberships-1-body": "gmg",
            "memberships-1-start": "2006",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-title": "GMG terms of reference",
        },
    )
    assert agency.memberships.count() == 2

    assert login(publisher).post(admin_url(agency, "delete"), {"post": "yes"}).status_code == 302
    assert not Agency.objects.filter(slug="iom").exists()
    assert not Membership.objects.exists()

    recover_list = client.get(admin_url(Agency, "recoverlist"))
    assert b"IOM" in recover_list.content
    deleted = Version.objects.get_deleted(Agency).get()
    assert deleted.revision.comment == "Deleted agency “IOM”."
    recover_url = admin_url(Agency, "recover", deleted.pk)
    data = form_data(client.get(recover_url))
    assert client.post(recover_url, data).status_code == 302

    agency = Agency.objects.get(slug="iom")
    assert sorted(agency.memberships.values_list("body", flat=True)) == ["geneva", "gmg"]
    assert agency.sources.get().title == "GMG terms of reference"


def test_a_membership_added_after_the_agencys_last_save_is_recovered_too(login, editor):
    agency = AgencyFactory(acronym="UNODC", slug="unodc")
    MembershipFactory(agency=agency)  # never saved through the agency: only the deletion revision holds it
    client = login(editor)
    client.post(admin_url(agency, "delete"), {"post": "yes"})
    deleted = Version.objects.get_deleted(Agency).get()
    recover_url = admin_url(Agency, "recover", deleted.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    assert Agency.objects.get(slug="unodc").memberships.count() == 1


def test_a_record_deleted_outside_the_admin_can_be_recovered(admin_client, publisher):
    from tests.factories import StatementFactory

    statement = StatementFactory(title="Deleted from the shell")
    services.withdraw(obj=statement, user=publisher)
    statement.delete()
    deleted = Version.objects.get_deleted(Statement).get()
    recover_url = admin_url(Statement, "recover", deleted.pk)
    assert admin_client.post(recover_url, form_data(admin_client.get(recover_url))).status_code == 302
    assert Statement.objects.get(title="Deleted from the shell").status == "withdrawn"


def test_deleting_several_agencies_at_once_lets_each_be_recovered_alone(login, editor):
    first, second = AgencyFactory(), AgencyFactory()
    client = login(editor)
    client.post(
        admin_url(Agency, "changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert not Agency.objects.exists()
    version = Version.objects.get_deleted(Agency).get(object_id=str(first.pk))
    recover_url = admin_url(Agency, "recover", version.pk)
    client.post(recover_url, form_data(client.get(recover_url)))
    assert list(Agency.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_revision_of_another_model_cannot_be_restored_through_this_models_page(login, editor, admin_client):
    from tests.factories import StatementFactory

    agency = _add_agency(login(editor))
    statement = StatementFactory(pk=agency.pk)
    _, data = change_form(admin_client, statement)
    admin_client.post(admin_url(statement, "change"), data)
    statement_version = Version.objects.get_for_object(statement).get()
    url = admin_url(Agency, "revision", agency.pk, statement_version.pk)
    assert admin_client.get(url).status_code == 404
    assert admin_client.get(admin_url(Agency, "recover", statement_version.pk)).status_code == 404


def test_a_focal_point_cannot_restore_a_revision_that_rewrites_memberships(login, publisher, focal_point, own_agency):
    bob = login(publisher)
    _, data = change_form(bob, own_agency)
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-body": "gmg",
            "memberships-0-start": "2006",
        }
    )
    bob.post(admin_url(own_agency, "change"), data)
    version = Version.objects.get_for_object(own_agency).first()
    dave = login(focal_point)
    url = admin_url(Agency, "revision", own_agency.pk, version.pk)
    assert dave.get(url).status_code == 200
    assert dave.post(url, form_data(dave.get(url))).status_code == 403


def test_each_model_keeps_the_related_rows_registry_revisions_names_and_no_others():
    from reversion.revisions import _get_options

    from registry.revisions import FOLLOW

    for model, follow in FOLLOW.items():
        assert sorted(_get_options(model).follow) == sorted(follow), model


def test_restoring_an_old_published_revision_does_not_republish_a_withdrawn_statement(login, editor, publisher):
    from tests.factories import StatementFactory

    statement = StatementFactory(draft=True, title="First title")
    services.publish(obj=statement, user=publisher)
    published = Version.objects.get_for_object(statement).first()
    services.withdraw(obj=statement, user=publisher)

    bob = login(editor)
    url = admin_url(Statement, "revision", statement.pk, published.pk)
    assert bob.post(url, form_data(bob.get(url))).status_code == 302
    statement.refresh_from_db()
    assert statement.status == "withdrawn"
    assert not Statement.objects.published().filter(pk=statement.pk).exists()


def test_a_recovered_published_statement_is_a_draft_unless_a_publisher_recovers_it(login, editor, publisher):
    from tests.factories import StatementFactory

    for user, expected in ((editor, "draft"), (publisher, "published")):
        statement = StatementFactory(title=f"Recovered by {user}")
        pk = statement.pk
        statement.delete()
        client = login(user)
        recover_url = admin_url(Statement, "recover", Version.objects.get_deleted(Statement).get(object_id=str(pk)).pk)
        assert client.post(recover_url, form_data(client.get(recover_url))).status_code == 302
        assert Statement.objects.get(pk=pk).status == expected


def test_a_focal_point_restoring_their_agency_cannot_bring_back_an_old_acronym(
    login, publisher, focal_point, own_agency
):
    bob = login(publisher)
    _, data = change_form(bob, own_agency)
    bob.post(admin_url(own_agency, "change"), {**data, "acronym": "OLD", "slug": "old"})
    old = Version.objects.get_for_object(own_agency).first()
    _, data = change_form(bob, own_agency)
    bob.post(admin_url(own_agency, "change"), {**data, "acronym": "OWN", "slug": "own", "name": "Current name"})

    dave = login(focal_point)
    url = admin_url(Agency, "revision", own_agency.pk, old.pk)
    assert dave.get(url).status_code == 200
    data = form_data(dave.get(url))
    assert (data.get("acronym"), data["name"]) == (None, "Agency OWN")  # the acronym is not a field of theirs

    # The agency is live: restoring it would publish the old revision, which is a Publisher's to do.
    assert dave.post(url, data).status_code == 403
    own_agency.refresh_from_db()
    assert (own_agency.acronym, own_agency.slug, own_agency.name) == ("OWN", "own", "Current name")
    assert not PendingChange.objects.exists()
