"""export_registry / import_registry: one versioned file, restored only into an empty database, losslessly.

Round trips run in the test's own database (SQLite or PostgreSQL, whichever the run uses): the data
is exported, every backed-up table emptied, the file imported, and a second export must equal the first.
"""

import datetime
import io
import json

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import connection
from django.test import RequestFactory
from reversion.models import Revision, Version

from registry import backup, services
from registry.models import Agency, ApiToken, ContentVersion, Source, Statement, Topic
from tests.factories import StatementFactory

MICROSECONDS = datetime.datetime(2011, 3, 4, 5, 6, 7, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def registry_with_history(seed, editor, focal_point, admin_user):
    """The seed plus what a live registry has: roles, a token, edits with revisions, a deletion, the admin log."""
    topic = services.save(obj=Topic(name="Climate and migration", slug="climate"), user=editor)
    statement = StatementFactory(title="On climate", slug="on-climate", draft=True)
    statement.signatories.set(Agency.objects.filter(slug__in=["ilo", "iom"]))
    statement.topics.set([topic])
    services.save(obj=statement, user=editor, comment="Signed.")
    translation = StatementFactory(slug="sur-le-climat", language="fr", translation_of=statement)
    Statement.objects.filter(pk=translation.pk).update(updated_at=MICROSECONDS)
    services.delete(obj=Topic.objects.create(name="Gone", slug="gone"), user=editor)
    statement.api_key = ApiToken.objects.create_for(editor)[1]
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(Topic),
        object_id=str(topic.pk),
        object_repr=str(topic),
        action_flag=ADDITION,
    )
    return statement


def export():
    out = io.StringIO()
    backup.dump(backup.export_data(), out)
    return json.loads(out.getvalue())


def write(tmp_path, data, name="backup.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def empty_the_database():
    """Every backed-up table emptied, as in a new database (which has only the groups the migrations create)."""
    tables = [m._meta.db_table for m in backup.backed_up_models()]
    tables += [f.remote_field.through._meta.db_table for m in backup.backed_up_models() for f in m._meta.many_to_many]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # PostgreSQL truncates no table with checks pending
        for sql in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for name in ["Editor", "Publisher", "Agency focal point"]:
        Group.objects.create(name=name)


def test_the_file_names_its_format_version_migrations_and_counts(registry_with_history, tmp_path):
    path = tmp_path / "registry.json"
    call_command("export_registry", str(path), stdout=io.StringIO())
    data = json.loads(path.read_text())
    assert data["format"] == "gmg-registry-backup"
    assert data["format_version"] == 1
    assert "0001_initial" in data["migrations"]["registry"]
    assert data["counts"]["registry.agency"] == 20  # the seed's 19 (FACTS.md) and the focal point's OWN
    assert data["counts"]["auth.user"] == 3  # alice, bob, dave
    assert data["counts"]["registry.apitoken"] == 1
    assert data["counts"]["reversion.revision"] >= 4  # the seed, the topic, the statement, the deletion
    assert data["counts"]["registry.agency"] == len(data["objects"]["registry.agency"])
    assert path.stat().st_mode & 0o777 == 0o600  # it holds password hashes and tokens


def test_a_round_trip_restores_every_row_exactly(registry_with_history, tmp_path):
    first = export()
    path = write(tmp_path, first)
    empty_the_database()
    call_command("import_registry", str(path), stdout=io.StringIO())
    second = export()
    assert second["counts"] == first["counts"]
    for label, rows in first["objects"].items():
        assert second["objects"][label] == rows, label


def test_after_a_restore_people_sign_in_tokens_work_and_history_is_there(registry_with_history, tmp_path, client):
    statement = registry_with_history
    path = write(tmp_path, export())
    empty_the_database()
    call_command("import_registry", str(path), stdout=io.StringIO())

    bob = authenticate(RequestFactory().post("/admin/login/"), username="bob", password="password")
    assert bob is not None and bob.groups.get().name == "Editor"
    assert User.objects.get(username="dave").profile.agency.slug == "own"
    # The draft is visible only to its editor, here through the restored token.
    assert client.get("/api/v1/statements/on-climate/").status_code == 404
    token = f"Token {statement.api_key}"
    assert client.get("/api/v1/statements/on-climate/", HTTP_AUTHORIZATION=token).status_code == 200
    restored = Statement.objects.get(slug="on-climate")
    assert restored.pk == statement.pk
    assert sorted(restored.signatories.values_list("slug", flat=True)) == ["ilo", "iom"]
    assert Statement.objects.get(slug="sur-le-climat").translation_of == restored
    assert Statement.objects.get(slug="sur-le-climat").updated_at == MICROSECONDS
    assert Version.objects.get_for_object(restored).first().revision.comment == "Signed."
    assert Version.objects.get_deleted(Topic).get().object_repr == "Gone"
    assert LogEntry.objects.get().object_repr == "Climate and migration"
    assert Source.objects.filter(content_type__model="agency").count() > 0


def test_new_records_after_a_restore_get_fresh_ids(registry_with_history, tmp_path):
    path = write(tmp_path, export())
    highest = Topic.objects.order_by("-pk").first().pk
    empty_the_database()
    call_command("import_registry", str(path), stdout=io.StringIO())
    assert Topic.objects.create(name="New", slug="new").pk > highest


def test_a_database_that_is_not_empty_is_refused_and_left_alone(registry_with_history, tmp_path):
    path = write(tmp_path, export())
    before = Agency.objects.count()
    with pytest.raises(CommandError, match=r"The database is not empty.*registry\.agency \(20\)") as refused:
        call_command("import_registry", str(path))
    assert "contentversion" not in str(refused.value)  # every migrated database has that row
    assert Agency.objects.count() == before


def test_the_content_version_is_not_backed_up_and_a_restore_moves_it(registry_with_history, tmp_path):
    """It keys the response cache: a page cached before the restore must not be served after it."""
    data = export()
    assert "registry.contentversion" not in data["objects"]
    path = write(tmp_path, data)
    empty_the_database()  # keeps the row, as `migrate` creates it in a new database
    before = ContentVersion.objects.get().token
    call_command("import_registry", str(path), stdout=io.StringIO())
    assert ContentVersion.objects.count() == 1
    assert ContentVersion.objects.get().token != before


@pytest.mark.parametrize("version", [0, 2, "1", None])
def test_an_unknown_format_version_is_refused(db, tmp_path, version):
    path = write(tmp_path, {"format": "gmg-registry-backup", "format_version": version, "objects": {}})
    with pytest.raises(CommandError, match="is not one this release reads"):
        call_command("import_registry", str(path))


@pytest.mark.parametrize("content", ['{"format": "something-else"}', "[1, 2]", "not json at all"])
def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path, content):
    path = tmp_path / "other.json"
    path.write_text(content)
    with pytest.raises(CommandError, match="This is not a registry backup"):
        call_command("import_registry", str(path))


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*nothing\.json: No such file"):
        call_command("import_registry", str(tmp_path / "nothing.json"))


def test_a_backup_from_a_newer_schema_is_refused(db, tmp_path):
    data = export()
    data["migrations"]["registry"].append("0099_from_the_future")
    path = write(tmp_path, data)
    empty_the_database()
    with pytest.raises(CommandError, match=r"migrations this database has not applied: registry\.0099_from_the_future"):
        call_command("import_registry", str(path))


def test_a_failure_part_way_leaves_nothing_written(registry_with_history, tmp_path, monkeypatch):
    path = write(tmp_path, export())
    empty_the_database()
    saved = []
    original = DeserializedObject.save

    def fail_on_the_fifth_row(self, *args, **kwargs):
        if len(saved) == 4:
            raise RuntimeError("disk full")
        saved.append(self.object)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DeserializedObject, "save", fail_on_the_fifth_row)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("import_registry", str(path))
    assert len(saved) == 4  # four rows were written before the failure...
    assert [m._meta.label_lower for m in backup.backed_up_models() if m._base_manager.exists()] == ["auth.group"]
    assert sorted(Group.objects.values_list("name", flat=True)) == ["Agency focal point", "Editor", "Publisher"]


def test_content_type_ids_inside_revisions_follow_the_new_database(registry_with_history, tmp_path):
    """A database migrated over the years numbers its content types differently from a new one."""
    data = export()
    source_type = ContentType.objects.get_for_model(Source)
    agency_type = ContentType.objects.get_for_model(Agency)
    shifted = {source_type.pk: 999, agency_type.pk: 998}
    data["content_types"] = {str(shifted.get(int(k), k)): label for k, label in data["content_types"].items()}
    for row in data["objects"]["reversion.version"]:
        stored = json.loads(row["fields"]["serialized_data"])
        for item in stored:
            if item["model"] == "registry.source":
                item["fields"]["content_type"] = shifted.get(
                    item["fields"]["content_type"], item["fields"]["content_type"]
                )
        row["fields"]["serialized_data"] = json.dumps(stored)
    path = write(tmp_path, data)
    empty_the_database()
    call_command("import_registry", str(path), stdout=io.StringIO())
    unhcr_source = Source.objects.filter(content_type=agency_type).first()
    stored = json.loads(Version.objects.get_for_object(unhcr_source).first().serialized_data)
    assert stored[0]["fields"]["content_type"] == agency_type.pk


def test_revisions_recorded_after_a_restore_continue_the_history(registry_with_history, tmp_path, editor):
    path = write(tmp_path, export())
    revisions = Revision.objects.count()
    empty_the_database()
    call_command("import_registry", str(path), stdout=io.StringIO())
    topic = Topic.objects.get(slug="climate")
    topic.description = "Changed after the restore."
    services.save(obj=topic, user=User.objects.get(username="bob"))
    assert Revision.objects.count() == revisions + 1
    assert Version.objects.get_for_object(topic).count() == 2


def test_the_export_runs_the_same_number_of_queries_however_many_rows(registry_with_history, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        backup.export_data()
    for n in range(5):
        statement = StatementFactory(slug=f"more-{n}")
        statement.signatories.set(Agency.objects.filter(slug__in=["ilo", "iom", "unhcr"]))
        services.save(obj=statement, user=editor)
        User.objects.create_user(f"user{n}").groups.add(Group.objects.get(name="Publisher"))
    with CaptureQueriesContext(connection) as after:
        backup.export_data()
    assert len(after) == len(before)
