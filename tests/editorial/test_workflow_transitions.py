"""Draft → in review → published → withdrawn, moved only by those allowed, through buttons and actions."""

import datetime

import pytest
from django.utils import timezone
from reversion.models import Version

from registry.models import Page, Publication, Statement, Status
from tests.editorial.conftest import admin_url, change_form, form_errors
from tests.factories import PageFactory, PublicationFactory, StatementFactory

FACTORIES = {Statement: StatementFactory, Publication: PublicationFactory, Page: PageFactory}


def _draft(model):
    if model is Page:
        return PageFactory(status=Status.DRAFT, published_at=None)
    return FACTORIES[model](draft=True)


def _action(client, model, objs, action):
    response = client.get(admin_url(model, "changelist"))
    data = {"action": action, "_selected_action": [str(o.pk) for o in objs], "index": "0"}
    for o in objs:
        token = response.content.decode().split(f'name="_version_token_{o.pk}" value="')[1].split('"')[0]
        data[f"_version_token_{o.pk}"] = token
    return client.post(admin_url(model, "changelist"), data, follow=True)


@pytest.mark.parametrize("model", [Statement, Publication, Page], ids=lambda m: m.__name__)
def test_a_publisher_publishes_from_the_change_form_and_publishing_stamps_the_time(login, publisher, model):
    draft = _draft(model)
    client = login(publisher)
    _, data = change_form(client, draft)
    before = timezone.now()
    assert client.post(admin_url(draft, "change"), {**data, "_transition": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert before <= draft.published_at <= timezone.now()
    assert model.objects.published().filter(pk=draft.pk).exists()
    assert "Published." in Version.objects.get_for_object(draft).first().revision.comment


def test_an_editor_is_not_offered_publishing_and_cannot_force_it(login, editor):
    draft = _draft(Statement)
    original_title = draft.title
    client = login(editor)
    response, data = change_form(client, draft)
    assert b'value="publish"' not in response.content
    assert b'value="submit"' in response.content
    response = client.post(admin_url(draft, "change"), {**data, "title": "Edited", "_transition": "publish"})
    assert any("Only a Publisher" in e for e in form_errors(response))
    draft.refresh_from_db()
    # The refused transition saved nothing, not even the edit.
    assert (draft.status, draft.title) == (Status.DRAFT, original_title)
    assert original_title != "Edited"

    _action(client, Statement, [draft], "publish_selected")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_submits_for_review_and_a_publisher_publishes_then_withdraws_by_actions(login, editor, publisher):
    drafts = [_draft(Statement), _draft(Statement)]
    response = _action(login(editor), Statement, drafts, "submit_selected")
    assert "2 statements done" in response.content.decode()
    assert {s.status for s in Statement.objects.all()} == {Status.IN_REVIEW}

    _action(login(publisher), Statement, drafts, "publish_selected")
    assert Statement.objects.published().count() == 2
    _action(login(publisher), Statement, drafts[:1], "withdraw_selected")
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.WITHDRAWN
    assert not Statement.objects.published().filter(pk=drafts[0].pk).exists()


def test_a_transition_that_makes_no_sense_is_refused_with_a_message(login, publisher):
    draft = _draft(Statement)
    response = _action(login(publisher), Statement, [draft], "withdraw_selected")
    assert "cannot be moved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_publisher_schedules_by_publishing_with_a_future_time(login, publisher):
    draft = _draft(Statement)
    client = login(publisher)
    _, data = change_form(client, draft)
    when = timezone.now() + datetime.timedelta(days=3)
    data.update({"published_at_0": when.date().isoformat(), "published_at_1": when.strftime("%H:%M:%S")})
    response = client.post(admin_url(draft, "change"), {**data, "_transition": "publish"}, follow=True)
    assert "Scheduled: public from" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert not draft.is_public
    assert not Statement.objects.published().filter(pk=draft.pk).exists()


def test_an_editor_cannot_set_the_publication_time(login, editor):
    draft = _draft(Statement)
    client = login(editor)
    _, data = change_form(client, draft)
    assert "published_at_0" not in data
    client.post(admin_url(draft, "change"), {**data, "published_at_0": "2030-01-01", "published_at_1": "10:00:00"})
    draft.refresh_from_db()
    assert draft.published_at is None


def test_an_action_on_several_records_gives_each_its_own_revision(login, publisher):
    drafts = [_draft(Statement), _draft(Statement)]
    _action(login(publisher), Statement, drafts, "publish_selected")
    for draft in drafts:
        revision = Version.objects.get_for_object(draft).get().revision
        assert revision.version_set.count() == 1
        assert revision.user == publisher
