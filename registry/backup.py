"""One-file backups of everything the registry knows, and their restore into an empty database.

What is in a backup: every model of the registry app (whatever models it has when the backup is
made: the list is read from the app, not written here), the users with their password hashes,
groups and permissions, API tokens and two-factor devices where those apps are installed, the
revision history (django-reversion) and the admin's log. Not in it: sessions and login-lockout
state (transient), the content version (registry.ContentVersion: the key of the response cache,
derived state that `migrate` creates and every write moves; a restore moves it once more, so no
response cached before the restore can be served after it), and uploaded files, which live in
MEDIA_ROOT or the object store and are backed up there. The file holds password hashes and
tokens: keep it as secret as the database.

The file is JSON: a format name and version, the migrations the data was written under, the
content types (their ids appear inside stored revisions), row counts, and the rows of each model
in an order where every row comes after the rows it refers to. Primary keys are kept, so links
between rows, URLs with ids and the revision history stay valid; content types and permissions,
which every database numbers for itself, are named by their natural keys.
"""

import datetime
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from registry.models import versioning

FORMAT = "gmg-registry-backup"
FORMAT_VERSION = 1

# Apps whose rows are backed up, in this order before dependency sorting; those not installed are skipped.
BACKED_UP_APPS = ("auth", "otp_totp", "otp_static", "registry", "reversion", "admin")
# Rows that `migrate` creates itself: never exported (each database has its own, named by natural key).
# The content version is not content but the response cache's key: a restore writes registry rows, which
# moves it anyway (registry.cache signals), so a restored token could not survive; import_data moves it
# once more at the end instead. Reusing a backup's token would also let a shared cache serve pages
# cached under it by another database restored from the same file.
CREATED_BY_MIGRATE = {"auth.permission", "registry.contentversion"}
# Rows that data migrations create in a fresh database and that a restore replaces with the backup's.
REPLACED_ON_RESTORE = {"auth.group"}


class BackupError(Exception):
    """The file cannot be restored here; the message says why and what to do."""


class _Encoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts datetimes to milliseconds; record versions (updated_at) need the microseconds.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """Every concrete model of BACKED_UP_APPS, each after the models it refers to."""
    candidates = [
        model
        for label in BACKED_UP_APPS
        for model in _app_models(label)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in CREATED_BY_MIGRATE
    ]
    return _in_dependency_order(candidates)


def _app_models(label):
    try:
        return list(apps.get_app_config(label).get_models())
    except LookupError:
        return []


def _in_dependency_order(models):
    wanted = set(models)
    depends_on = {
        model: {
            field.related_model
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if field.is_relation and field.related_model in wanted and field.related_model is not model
        }
        for model in models
    }
    ordered, placed = [], set()
    while len(ordered) < len(models):
        ready = [m for m in models if m not in placed and depends_on[m] <= placed]
        if not ready:
            cycle = ", ".join(m._meta.label for m in models if m not in placed)
            raise BackupError(f"These models refer to each other in a cycle; cannot order them: {cycle}.")
        ordered.extend(ready)
        placed.update(ready)
    return ordered


def _named_by_natural_key(model):
    """The foreign keys of `model` that the export writes as natural keys (each needs its row)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]


def _rows_for_export(model):
    """All rows, by id, with what their natural keys and links need fetched in a few queries, not one per row."""
    links = [field for field in model._meta.many_to_many if field.remote_field.through._meta.auto_created]
    prefetch = [field.name for field in links]
    prefetch += [f"{field.name}__{name}" for field in links for name in _named_by_natural_key(field.related_model)]
    return model._base_manager.order_by("pk").select_related(*_named_by_natural_key(model)).prefetch_related(*prefetch)


def _applied_migrations():
    applied = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def export_data():
    """The whole backup as a dict ready for json.dump(…, cls=_Encoder); see dump()."""
    models = backed_up_models()
    objects = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every table read from one snapshot, while editors keep working.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in models:
            objects[model._meta.label_lower] = serializers.serialize(
                "python", _rows_for_export(model).iterator(chunk_size=2000), use_natural_foreign_keys=True
            )
        content_types = {str(ct.pk): f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.order_by("pk")}
        migrations = _applied_migrations()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now(),
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "content_types": content_types,
        "counts": {label: len(rows) for label, rows in objects.items()},
        "objects": objects,
    }


def dump(data, stream):
    json.dump(data, stream, cls=_Encoder, ensure_ascii=False, indent=1)


def load(stream):
    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        raise BackupError(f"This is not a registry backup (not JSON: {exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f'This is not a registry backup (no "format": "{FORMAT}").')
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {data.get('format_version')!r} is not one this release reads "
            f"(it reads version {FORMAT_VERSION}); restore it with the release that wrote it."
        )
    return data


def _refuse_unless_empty(models):
    present = {
        model._meta.label_lower: count
        for model in models
        if model._meta.label_lower not in REPLACED_ON_RESTORE and (count := model._base_manager.count())
    }
    if present:
        listed = ", ".join(f"{label} ({count})" for label, count in present.items())
        raise BackupError(
            f"The database is not empty; a backup is restored only into a new, migrated database. Found: {listed}."
        )


def _refuse_unless_migrated(data):
    applied = _applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in data["migrations"].items()
        for name in names
        if name not in applied.get(app, [])
    ]
    if missing:
        raise BackupError(
            "The backup was written under migrations this database has not applied: "
            f"{', '.join(missing)}. Run `manage.py migrate` with the release that wrote it first."
        )


def _content_type_ids(data):
    """Backup content-type id → this database's id, for the ids stored inside revisions."""
    here = {f"{ct.app_label}.{ct.model}": ct.pk for ct in ContentType.objects.all()}
    mapping = {}
    for old_id, label in data["content_types"].items():
        if label not in here:
            app_label, model = label.split(".", 1)
            here[label] = ContentType.objects.get_or_create(app_label=app_label, model=model)[0].pk
        mapping[int(old_id)] = here[label]
    return mapping


def _renumber_content_types_in_versions(rows, mapping):
    """A revision stores its record serialized with plain ids; content-type ids differ between databases."""
    if all(old == new for old, new in mapping.items()):
        return rows
    for row in rows:
        fields = row["fields"]
        if fields.get("format") != "json":
            continue
        stored = json.loads(fields["serialized_data"])
        for item in stored:
            try:
                model = apps.get_model(item["model"])
            except LookupError:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is ContentType and item["fields"].get(field.name):
                    item["fields"][field.name] = mapping.get(item["fields"][field.name], item["fields"][field.name])
        fields["serialized_data"] = json.dumps(stored)
    return rows


def import_data(data, *, log=lambda message: None):
    """Restore `data` (from load()) into this empty database, all or nothing. Returns the counts restored."""
    models = backed_up_models()
    by_label = {model._meta.label_lower: model for model in models}
    unknown = sorted(set(data["objects"]) - set(by_label))
    if unknown:
        raise BackupError(f"The backup holds models this release does not have: {', '.join(unknown)}.")
    _refuse_unless_migrated(data)
    with transaction.atomic():
        _refuse_unless_empty(models)
        mapping = _content_type_ids(data)
        for label in REPLACED_ON_RESTORE & set(data["objects"]):
            by_label[label]._base_manager.all().delete()
        with connection.constraint_checks_disabled():
            for model in models:
                label = model._meta.label_lower
                rows = data["objects"].get(label, [])
                if label == "reversion.version":
                    rows = _renumber_content_types_in_versions(rows, mapping)
                for restored in serializers.deserialize("python", rows, handle_forward_references=False):
                    restored.save()
                log(f"{label}: {len(rows)}")
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        _reset_sequences(models)
        counts = {label: by_label[label]._base_manager.count() for label in data["objects"]}
        if counts != data["counts"]:
            wrong = {k: (counts.get(k), v) for k, v in data["counts"].items() if counts.get(k) != v}
            raise BackupError(f"Restored row counts differ from the backup (restored, expected): {wrong}.")
        # Every cached response is stale now, and the next scheduled publication is the restored data's.
        versioning.bump()
    return dict(counts)


def _reset_sequences(models):
    # Rows were written with their ids; the next new row must not reuse one (PostgreSQL sequences).
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
