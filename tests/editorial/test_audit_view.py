"""The audit view: recent changes across every model, filterable by user, model and date."""

import datetime

import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from registry import services
from registry.models import Statement, Topic
from tests.editorial.conftest import admin_url, change_form
from tests.factories import StatementFactory, TopicFactory

AUDIT = reverse("admin:reversion_revision_changelist")


def _some_history(login, editor, publisher):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)):
        # A topic: an Editor's edit to a live agency would only be proposed (see test_pending_changes).
        topic = TopicFactory(name="UNDP and migration")
        client = login(editor)
        _, data = change_form(client, topic)
        client.post(admin_url(topic, "change"), {**data, "description": "Renamed by bob"})
    with time_machine.travel(datetime.datetime(2026, 2, 5, 9, 0, tzinfo=datetime.UTC)):
        statement = StatementFactory(draft=True, title="Carol's statement")
        services.publish(obj=statement, user=publisher)


def test_recent_changes_list_every_model_newest_first(admin_client, login, editor, publisher):
    _some_history(login, editor, publisher)
    response = admin_client.get(AUDIT)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert [r.user.username for r in rows] == ["carol", "bob"]
    content = response.content.decode()
    assert "Recent changes" in content and "Carol&#x27;s statement" in content and "UNDP" in content


def test_recent_changes_filter_by_user_model_and_date(admin_client, login, editor, publisher):
    _some_history(login, editor, publisher)

    def users(params):
        return [r.user.username for r in admin_client.get(AUDIT, params).context["cl"].result_list]

    assert users({"user__id__exact": editor.pk}) == ["bob"]
    assert users({"model": ContentType.objects.get_for_model(Statement).pk}) == ["carol"]
    assert users({"model": ContentType.objects.get_for_model(Topic).pk}) == ["bob"]
    assert users({"date_created__year": 2026, "date_created__month": 1}) == ["bob"]


def test_only_the_secretariat_reads_the_audit_trail(login, editor, publisher, focal_point, stranger):
    assert login(editor).get(AUDIT).status_code == 200
    assert login(publisher).get(AUDIT).status_code == 200
    assert login(focal_point).get(AUDIT).status_code == 403
    assert login(stranger).get(AUDIT).status_code == 403


def test_the_audit_trail_cannot_be_edited(admin_client, login, editor, publisher):
    _some_history(login, editor, publisher)
    from reversion.models import Revision

    revision = Revision.objects.first()
    change = admin_client.get(reverse("admin:reversion_revision_change", args=[revision.pk]))
    assert not change.context["has_change_permission"]
    assert admin_client.get(reverse("admin:reversion_revision_add")).status_code == 403
    assert admin_client.get(reverse("admin:reversion_revision_delete", args=[revision.pk])).status_code == 403
