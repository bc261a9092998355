"""Memberships, chair terms, chair vacancies and working-group roles get the editorial workflow.

Every existing row becomes published (as of the seed's publication time, 2025-01-01), so the history
already on the site stays public; new rows start as drafts. Publishers get the new `publish_*`
permissions. On PostgreSQL the no-overlap exclusion constraints (0002, 0007) now hold only the rows
that claim their period — published or in review — as the models' clean() does
(`PublishablePeriodQuerySet.counted_in_overlaps`): drafts and withdrawn rows may overlap.
"""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

FACTS = ["membership", "chairterm", "chairvacancy", "workinggrouprole"]
PUBLISHED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)  # registry.seed.PUBLISHED_AT
CODENAMES = [f"publish_{model}" for model in FACTS]

# (table, constraint, definition, the rows it held before): 0002's terms, 0007's memberships with a date.
CONSTRAINTS = [
    (
        "registry_chairterm",
        "registry_chairterm_no_overlap",
        "EXCLUDE USING gist (daterange(start, \"end\", '[]') WITH &&)",
        "TRUE",
    ),
    (
        "registry_membership",
        "registry_membership_no_overlap",
        "EXCLUDE USING gist (agency_id WITH =, body WITH =, "
        "daterange(COALESCE(start, attested_on), \"end\", '[]') WITH &&)",
        "(start IS NOT NULL OR attested_on IS NOT NULL)",
    ),
]
CLAIMING = "status IN ('published', 'in_review')"


def publish_existing(apps, schema_editor):
    for name in FACTS:
        apps.get_model("registry", name).objects.update(status="published", published_at=PUBLISHED_AT)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("registry")
    app_config.models_module = True  # the migration state's stub has none; create_permissions needs one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="registry", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="registry", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.remove(*perms)


def _redefine(schema_editor, *, claiming):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, definition, rows in CONSTRAINTS:
        where = f"({rows}) AND {CLAIMING}" if claiming else rows
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
        schema_editor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition} WHERE ({where})")


def overlap_of_claiming_rows(apps, schema_editor):
    _redefine(schema_editor, claiming=True)


def overlap_of_every_row(apps, schema_editor):
    _redefine(schema_editor, claiming=False)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_content_in_six_languages"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="chairterm",
            options={
                "ordering": ["start"],
                "permissions": [("publish_chairterm", "Can publish, schedule and withdraw chair terms")],
            },
        ),
        migrations.AlterModelOptions(
            name="chairvacancy",
            options={
                "ordering": ["start"],
                "permissions": [("publish_chairvacancy", "Can publish, schedule and withdraw chair vacancies")],
                "verbose_name_plural": "chair vacancies",
            },
        ),
        migrations.AlterModelOptions(
            name="membership",
            options={
                "ordering": [models.OrderBy(models.F("start"), nulls_last=True), "agency__acronym"],
                "permissions": [("publish_membership", "Can publish, schedule and withdraw memberships")],
            },
        ),
        migrations.AlterModelOptions(
            name="workinggrouprole",
            options={
                "ordering": ["group", "-role", "agency__acronym"],
                "permissions": [("publish_workinggrouprole", "Can publish, schedule and withdraw working-group roles")],
            },
        ),
        migrations.AddField(
            model_name="chairterm",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="When it became (or becomes) public; a future time schedules it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="chairterm",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="chairvacancy",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="When it became (or becomes) public; a future time schedules it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="chairvacancy",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="When it became (or becomes) public; a future time schedules it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="workinggrouprole",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                db_index=True,
                help_text="When it became (or becomes) public; a future time schedules it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="workinggrouprole",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                default="draft",
                max_length=10,
            ),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
        migrations.RunPython(overlap_of_claiming_rows, overlap_of_every_row, elidable=False),
    ]
